import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { useCan } from '../../auth/index.ts';
import { ConclusionList } from '../components/ConclusionList.tsx';
import { IntegrityStatsBar } from '../components/IntegrityStatsBar.tsx';
import { PetitionPanel } from '../components/PetitionPanel.tsx';
import { ReviewList } from '../components/ReviewList.tsx';

type Tab = 'conclusions' | 'reviews' | 'petitions';

/** /integrity: conclusions (everyone with integrity.read), reviews (integrity.review), petitions (petition.read). */
export default function IntegrityPage() {
  const { t } = useTranslation();
  const canReview = useCan('integrity.review');
  const canPetitions = useCan('petition.read');
  const [params, setParams] = useSearchParams();
  const tabs: Tab[] = ['conclusions', ...(canReview ? (['reviews'] as const) : []), ...(canPetitions ? (['petitions'] as const) : [])];
  const tab = tabs.find((k) => k === params.get('tab')) ?? 'conclusions';
  const body = (key: Tab) => (key === 'reviews' ? <ReviewList /> : key === 'petitions' ? <PetitionPanel /> : <ConclusionList />);
  return (
    <>
      <PageHeader title={t('integrity.title')} sub={t('integrity.sub')} />
      <IntegrityStatsBar />
      {tabs.length > 1 ? (
        <Tabs activeKey={tab} onChange={(key) => setParams(key === 'conclusions' ? {} : { tab: key })} items={tabs.map((key) => ({ key, label: t(`integrity.tabs.${key}`), children: key === tab ? body(key) : null }))} />
      ) : (
        <ConclusionList />
      )}
    </>
  );
}
