import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { CoveragePanel } from '../components/CoveragePanel.tsx';
import { GroupList } from '../components/GroupList.tsx';
import { LevelsPanel } from '../components/LevelsPanel.tsx';
import { exportCoverage } from '../groups.api.ts';

const TABS = ['coverage', 'list', 'levels'] as const;
type Tab = (typeof TABS)[number];

/** /groups: the coverage report (default), the groups list and the [INF] level mapping. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'coverage';
  const body = (key: Tab) => (key !== tab ? null : key === 'coverage' ? <CoveragePanel /> : key === 'list' ? <GroupList /> : <LevelsPanel />);
  return (
    <>
      <PageHeader title={t('groups.title')} sub={t('groups.sub')} extra={tab === 'coverage' ? <ExportButton fetchFile={() => exportCoverage()} fallbackName="group-coverage.xlsx" /> : null} />
      {tab !== 'levels' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('groups.inferredNotice')} /> : null}
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={TABS.map((k) => ({ key: k, label: t(`groups.tabs.${k}`), children: body(k) }))} />
    </>
  );
}
