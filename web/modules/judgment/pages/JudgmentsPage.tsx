import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Checkbox, Form, Input, Select, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { JUDGMENT_CATEGORIES, JUDGMENT_STATUSES, type Judgment, type JudgmentCategory, type JudgmentStatus } from '../../../../contracts/judgment.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useCan } from '../../auth/index.ts';
import { CampaignSelect, useCampaigns } from '../components/CampaignSelect.tsx';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { createJudgment, exportJudgments, listEvidenceOptions, listJudgments, listTeamTowns, searchCadres } from '../judgment.api.ts';
import { CATEGORY_COLORS, STATUS_COLORS } from '../judgment-labels.ts';

type FormValues = { cadrePersonId: string; category: JudgmentCategory; destinationOrgUnitId?: string; rationale: string; evidenceIds: string[] };

/** /judgments: the judgment list, filtered, sorted and paged on the server; a new DRAFT for the campaign team. */
export default function JudgmentsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const canWrite = useCan('judgment.write');
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const campaign = campaignId ?? campaigns.data?.items[0]?.id;
  const onTeam = campaigns.data?.items.find((c) => c.id === campaign)?.onTeam ?? false;
  const [townId, setTownId] = useState<string | undefined>();
  const [category, setCategory] = useState<JudgmentCategory | undefined>();
  const [status, setStatus] = useState<JudgmentStatus | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const cadreId = Form.useWatch('cadrePersonId', form);
  const chosenCategory = Form.useWatch('category', form);
  const towns = useQuery({ queryKey: ['judgment', 'towns', campaign], queryFn: () => listTeamTowns(campaign) });
  const evidence = useQuery({ queryKey: ['judgment', 'evidence-options', cadreId, campaign], queryFn: () => listEvidenceOptions(cadreId, campaign), enabled: creating && !!cadreId });
  const filters = { campaignId: campaign, townId, category, status, q: q || undefined };
  const townOptions = (towns.data?.items ?? []).map((x) => ({ value: x.townId, label: x.name }));

  const columns: TableColumnsType<Judgment> = [
    { key: 'name', title: t('judgment.name'), sorter: true, render: (_v, j) => <Link to={`/judgments/${j.id}`}>{j.cadreName}</Link> },
    { key: 'org', title: t('judgment.org'), render: (_v, j) => j.orgName ?? '—' },
    { key: 'post', title: t('judgment.post'), render: (_v, j) => j.postTitle ?? '—' },
    { key: 'age', title: t('judgment.age'), render: (_v, j) => (j.isYoung ? <Tag color="green">{`${j.age} · ${t('judgment.young')}`}</Tag> : j.age) },
    { key: 'category', title: t('judgment.category'), sorter: true, render: (_v, j) => <Tag color={CATEGORY_COLORS[j.category]}>{t(`judgment.categories.${j.category}`)}</Tag> },
    { key: 'destination', title: t('judgment.destination'), render: (_v, j) => j.destinationName ?? '' },
    { key: 'status', title: t('judgment.status'), sorter: true, render: (_v, j) => <Tag color={STATUS_COLORS[j.status]}>{t(`judgment.statuses.${j.status}`)}</Tag> },
    { key: 'evidence', title: t('judgment.evidence'), render: (_v, j) => j.evidenceCount },
    { key: 'updatedAt', title: t('judgment.updatedAt'), sorter: true, defaultSortOrder: 'descend', render: (_v, j) => formatDateTime(j.updatedAt) },
  ];

  const submit = async (v: FormValues) => {
    await createJudgment({ cadrePersonId: v.cadrePersonId, campaignId: campaign!, category: v.category, rationale: v.rationale, evidenceIds: v.evidenceIds ?? [], ...(v.category === 'EXCHANGE' && v.destinationOrgUnitId ? { destinationOrgUnitId: v.destinationOrgUnitId } : {}) });
    void message.success(t('judgment.created'));
    void queryClient.invalidateQueries({ queryKey: ['judgment', 'list'] });
  };

  return (
    <>
      <PageHeader
        title={t('judgment.title')}
        sub={t('judgment.sub')}
        extra={
          <>
            <Link to="/judgments/teams">
              <Button>{t('judgment.menuTeams')}</Button>
            </Link>
            <Link to="/judgments/outcome">
              <Button>{t('judgment.menuOutcome')}</Button>
            </Link>
            <ExportButton fetchFile={() => exportJudgments(filters)} fallbackName={t('judgment.fileName')} />
            {canWrite && campaign ? (
              onTeam ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('judgment.newJudgment')}
                </Button>
              ) : (
                <Tooltip title={t('judgment.notOnTeam')}>
                  <Button type="primary" icon={<PlusOutlined />} disabled>
                    {t('judgment.newJudgment')}
                  </Button>
                </Tooltip>
              )
            ) : null}
          </>
        }
      />
      <PagedTable<Judgment>
        key={JSON.stringify(filters)}
        label={t('judgment.title')}
        queryKey={['judgment', 'list']}
        fetchPage={listJudgments}
        filters={filters}
        columns={columns}
        toolbar={
          <>
            <CampaignSelect value={campaign} onChange={setCampaignId} />
            <Select<string> aria-label={t('judgment.town')} placeholder={t('judgment.town')} allowClear value={townId} onChange={setTownId} style={{ width: 150 }} options={townOptions} showSearch optionFilterProp="label" />
            <Select<JudgmentCategory> aria-label={t('judgment.category')} placeholder={t('judgment.category')} allowClear value={category} onChange={setCategory} style={{ width: 130 }} options={JUDGMENT_CATEGORIES.map((c) => ({ value: c, label: t(`judgment.categories.${c}`) }))} />
            <Select<JudgmentStatus> aria-label={t('judgment.status')} placeholder={t('judgment.status')} allowClear value={status} onChange={setStatus} style={{ width: 120 }} options={JUDGMENT_STATUSES.map((s) => ({ value: s, label: t(`judgment.statuses.${s}`) }))} />
            <Input.Search aria-label={t('judgment.search')} placeholder={t('judgment.search')} allowClear onSearch={setQ} style={{ width: 160 }} />
          </>
        }
      />
      <FormModal<FormValues> open={creating} title={t('judgment.newJudgment')} form={form} onSubmit={submit} onClose={() => setCreating(false)} initialValues={{ category: 'RETAIN', evidenceIds: [] }}>
        <Form.Item name="cadrePersonId" label={t('judgment.cadre')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={searchCadres} />
        </Form.Item>
        <Form.Item name="category" label={t('judgment.category')} rules={[{ required: true }]}>
          <Select options={JUDGMENT_CATEGORIES.map((c) => ({ value: c, label: t(`judgment.categories.${c}`) }))} />
        </Form.Item>
        {chosenCategory === 'EXCHANGE' ? (
          <Form.Item name="destinationOrgUnitId" label={t('judgment.destination')} rules={[{ required: true }]}>
            <Select options={townOptions} showSearch optionFilterProp="label" />
          </Form.Item>
        ) : null}
        <Form.Item name="rationale" label={t('judgment.rationale')} extra={t('judgment.rationaleHelp')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="evidenceIds" label={t('judgment.pickEvidence')} rules={[{ required: true, type: 'array', min: 1 }]}>
          {evidence.data && evidence.data.items.length === 0 ? (
            <span>{t('judgment.noEvidence')}</span>
          ) : (
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={(evidence.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.date ?? ''} ${e.summary}` }))} />
          )}
        </Form.Item>
      </FormModal>
    </>
  );
}
