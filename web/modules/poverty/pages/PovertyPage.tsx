import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { useMe } from '../../auth/index.ts';
import { HouseholdList } from '../components/HouseholdList.tsx';
import { RemindersList } from '../components/RemindersList.tsx';
import { ReportPanel } from '../components/ReportPanel.tsx';
import { TeamList } from '../components/TeamList.tsx';
import { exportFile } from '../poverty.api.ts';

const TABS = ['households', 'teams', 'reminders', 'report'] as const;
type Tab = (typeof TABS)[number];

/** /poverty: households, teams, the visit reminders and the live figures (town and county dashboard). */
export default function PovertyPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const teamOnly = me.roles.length > 0 && me.roles.every((r) => r === 'SERVICE_TEAM_MEMBER');
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : teamOnly ? 'households' : 'report';
  const body = (key: Tab) => (key !== tab ? null : key === 'households' ? <HouseholdList /> : key === 'teams' ? <TeamList /> : key === 'reminders' ? <RemindersList /> : <ReportPanel />);
  return (
    <>
      <PageHeader
        title={t('poverty.title')}
        sub={t('poverty.sub')}
        extra={
          // the teams and households tabs export their own list (with its filters) from the list's toolbar
          tab === 'report' ? <ExportButton fetchFile={() => exportFile('visits')} fallbackName="poverty-visits.xlsx" /> : null
        }
      />
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={TABS.map((k) => ({ key: k, label: t(`poverty.tabs.${k}`), children: body(k) }))} />
    </>
  );
}
