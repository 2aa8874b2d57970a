import { FileWordOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Descriptions, Space, Spin, Tabs, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { CampaignTransitionName } from '../../../../contracts/analysis.ts';
import { errorMessage } from '../../../api/client.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { downloadReport, downloadStatistics, getCampaign, transitionCampaign } from '../analysis.api.ts';
import { STATUS_COLORS } from '../analysis-labels.ts';
import { OverviewTab } from '../components/OverviewTab.tsx';
import { DocumentsTab, LettersTab, TalksTab, TeamTab, TipsTab, VisitsTab } from '../components/RecordTabs.tsx';

const TABS = ['overview', 'letters', 'talks', 'visits', 'documents', 'tips', 'team'] as const;
type TabKey = (typeof TABS)[number];

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** /analysis/campaigns/:id: a campaign with its figures, records and team; transitions as the server allows. */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';
  const result = useQuery({ queryKey: ['analysis', 'campaign', id], queryFn: () => getCampaign(id) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['analysis'] });
  };
  if (result.error) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  const c = result.data;
  if (!c) return <Spin />;

  const move = (name: CampaignTransitionName) =>
    modal.confirm({
      title: t('analysis.confirmTransition', { action: t(`analysis.${name}`) }),
      okText: t(`analysis.${name}`),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await transitionCampaign(c.id, name);
          void message.success(t('analysis.transitioned'));
          refresh();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });
  const report = async () => {
    try {
      const f = await downloadReport(c.id);
      saveFile(f.blob, f.fileName ?? 'report.docx');
      void message.success(t('common.downloaded', { name: f.fileName ?? 'report.docx' }));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const actions = (
    <Space wrap>
      {(['start', 'analyse', 'conclude'] as const).map((name) => (c.allowed[name] ? <Button key={name} type="primary" onClick={() => move(name)}>{t(`analysis.${name}`)}</Button> : null))}
      <Button icon={<FileWordOutlined />} onClick={() => void report()}>{t('analysis.report')}</Button>
      <ExportButton fetchFile={() => downloadStatistics(c.id)} fallbackName="statistics.xlsx" />
    </Space>
  );
  const body = (key: TabKey) => {
    switch (key) {
      case 'overview':
        return <OverviewTab campaign={c} />;
      case 'letters':
        return <LettersTab campaign={c} />;
      case 'talks':
        return <TalksTab campaign={c} />;
      case 'visits':
        return <VisitsTab campaign={c} />;
      case 'documents':
        return <DocumentsTab campaign={c} />;
      case 'tips':
        return <TipsTab campaign={c} />;
      case 'team':
        return <TeamTab campaign={c} onChanged={refresh} />;
    }
  };
  return (
    <>
      <PageHeader title={c.name} extra={actions} sub={<Tag color={STATUS_COLORS[c.status]}>{t(`analysis.statuses.${c.status}`)}</Tag>} />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('analysis.period')}>{`${c.startAt} ~ ${c.endAt}`}</Descriptions.Item>
        <Descriptions.Item label={t('analysis.scopeTowns')}>{c.scopeTowns.map((x) => x.name).join('、')}</Descriptions.Item>
      </Descriptions>
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'overview' ? {} : { tab: k })} items={TABS.map((k) => ({ key: k, label: t(`analysis.tabs.${k}`), children: k === tab ? body(k) : null }))} />
    </>
  );
}
