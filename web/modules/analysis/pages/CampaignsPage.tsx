import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, DatePicker, Form, Input, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CAMPAIGN_STATUSES, type Campaign, type CampaignStatus, type CreateCampaign } from '../../../../contracts/analysis.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { toApiDate } from '../../../ui/format.ts';
import type { Dayjs } from 'dayjs';
import { useCan } from '../../auth/index.ts';
import { createCampaign, exportCampaigns, listCampaigns, searchUnits } from '../analysis.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { STATUS_COLORS } from '../analysis-labels.ts';

type FormValues = { name: string; scopeTownIds: string[]; period: [Dayjs, Dayjs] };

/** /analysis/campaigns: the analysis campaigns in the caller's scope, newest first; the cadre section creates them. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canManage = useCan('campaign.manage');
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();

  const columns: TableColumnsType<Campaign> = [
    { key: 'name', title: t('analysis.name'), sorter: true, render: (_v, c) => <Link to={`/analysis/campaigns/${c.id}`}>{c.name}</Link> },
    { key: 'towns', title: t('analysis.scopeTowns'), render: (_v, c) => t('analysis.townsCount', { count: c.scopeTowns.length }) },
    { key: 'startAt', title: t('analysis.period'), sorter: true, defaultSortOrder: 'descend', render: (_v, c) => `${c.startAt} ~ ${c.endAt}` },
    { key: 'status', title: t('analysis.status'), sorter: true, render: (_v, c) => <Tag color={STATUS_COLORS[c.status]}>{t(`analysis.statuses.${c.status}`)}</Tag> },
  ];

  const submit = async (v: FormValues) => {
    const body: CreateCampaign = { name: v.name, scopeTownIds: v.scopeTownIds, startAt: toApiDate(v.period[0])!, endAt: toApiDate(v.period[1])! };
    const created = await createCampaign(body);
    void message.success(t('analysis.created'));
    void queryClient.invalidateQueries({ queryKey: ['analysis', 'campaigns'] });
    void navigate(`/analysis/campaigns/${created.id}`);
  };

  return (
    <>
      <PageHeader
        title={t('analysis.campaigns')}
        sub={t('analysis.campaignsSub')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('analysis.newCampaign')}</Button> : null}
      />
      <PagedTable<Campaign>
        key={`${status ?? ''}|${q}`}
        label={t('analysis.campaigns')}
        queryKey={['analysis', 'campaigns']}
        fetchPage={listCampaigns}
        filters={{ status, q: q || undefined }}
        columns={columns}
        toolbar={
          <>
            <Select<CampaignStatus> aria-label={t('analysis.filterStatus')} placeholder={t('analysis.filterStatus')} allowClear value={status} onChange={setStatus} style={{ width: 160 }} options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`analysis.statuses.${s}`) }))} />
            <Input.Search aria-label={t('analysis.search')} placeholder={t('analysis.search')} allowClear onSearch={setQ} style={{ width: 220 }} />
            <ExportButton fetchFile={() => exportCampaigns({ status, q: q || undefined })} fallbackName="analysis-campaigns.xlsx" />
          </>
        }
      />
      <FormModal<FormValues> open={open} title={t('analysis.newCampaign')} form={form} onSubmit={submit} onClose={() => setOpen(false)} width={560}>
        <Form.Item name="name" label={t('analysis.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="scopeTownIds" label={t('analysis.scopeTowns')} rules={[{ required: true }]}>
          <SearchSelect mode="multiple" minChars={0} fetchOptions={(text) => searchUnits(text, text ? undefined : 'TOWN')} />
        </Form.Item>
        <Form.Item name="period" label={t('analysis.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
