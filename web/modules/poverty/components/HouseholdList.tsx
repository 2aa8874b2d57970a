import { useState } from 'react';
import { Button, Card, Flex, Form, Input, InputNumber, List, Pagination, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HOUSEHOLD_CAUSES, HOUSEHOLD_STATUSES, type HOUSEHOLD_SORT_FIELDS, type HouseholdCause, type HouseholdStatus, type HouseholdSummary, type PersonOption } from '../../../../contracts/poverty.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useCan } from '../../auth/index.ts';
import { createHousehold, exportHouseholdList, listHouseholds, searchPeople } from '../poverty.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { HOUSEHOLD_STATUS_COLORS } from '../labels.ts';

const PAGE_SIZE = 20;
type Sort = (typeof HOUSEHOLD_SORT_FIELDS)[number];

export function HouseholdList({ teamId }: { teamId?: string }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('poverty.write');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<HouseholdStatus | undefined>();
  const [cause, setCause] = useState<HouseholdCause | undefined>();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<{ field?: Sort; order?: 'asc' | 'desc' }>({});
  const [creating, setCreating] = useState(false);
  const [people, setPeople] = useState<Record<string, PersonOption>>({});
  const [form] = Form.useForm<{ headPersonId: string; memberCount: number; causes: HouseholdCause[]; identifiedYear: number; reviewNote: string }>();
  const result = useQuery({
    queryKey: ['poverty', 'households', page, status, cause, q, sort, teamId ?? ''],
    queryFn: () => listHouseholds({ page, pageSize: PAGE_SIZE, status, cause, q: q || undefined, teamId, sort: sort.field, order: sort.order }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<HouseholdSummary> = [
    { title: t('poverty.head'), dataIndex: 'headName', key: 'headName', sorter: true, render: (v: string, r) => <Link to={`/poverty/households/${r.id}`}>{v}</Link> },
    { title: t('poverty.idMasked'), dataIndex: 'headIdNumberMasked', render: (v: string | null) => v ?? '—' },
    { title: t('poverty.village'), dataIndex: 'villageName', key: 'villageName', sorter: true, render: (v: string, r) => `${r.townName ?? ''} ${v}` },
    { title: t('poverty.causes'), dataIndex: 'causes', render: (cs: HouseholdCause[]) => cs.map((c) => <Tag key={c}>{t(`poverty.causeLabels.${c}`)}</Tag>) },
    { title: t('poverty.team'), dataIndex: 'teamName', render: (v: string | null) => v ?? '—' },
    { title: t('poverty.identifiedYear'), dataIndex: 'identifiedYear', key: 'identifiedYear', sorter: true, align: 'right' },
    { title: t('poverty.lastVisit'), dataIndex: 'lastVisitOn', key: 'lastVisitOn', sorter: true, render: (v: string | null) => (v ? formatDate(v) : t('poverty.noVisit')) },
    { title: t('poverty.status'), dataIndex: 'status', key: 'status', sorter: true, render: (s: HouseholdStatus) => <Tag color={HOUSEHOLD_STATUS_COLORS[s]}>{t(`poverty.statuses.${s}`)}</Tag> },
  ];

  const onTable = (p: TablePaginationConfig, _f: unknown, s: SorterResult<HouseholdSummary> | SorterResult<HouseholdSummary>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    setPage(p.current ?? 1);
    setSort(one?.order ? { field: one.columnKey as Sort, order: one.order === 'descend' ? 'desc' : 'asc' } : {});
  };

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('poverty.search')} aria-label={t('poverty.search')} style={{ width: 200 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        <Select allowClear placeholder={t('poverty.filterStatus')} aria-label={t('poverty.filterStatus')} style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: t(`poverty.statuses.${s}`) }))} />
        <Select allowClear placeholder={t('poverty.filterCause')} aria-label={t('poverty.filterCause')} style={{ width: 140 }} value={cause} onChange={(v) => { setCause(v); setPage(1); }} options={HOUSEHOLD_CAUSES.map((c) => ({ value: c, label: t(`poverty.causeLabels.${c}`) }))} />
        <ExportButton fetchFile={() => exportHouseholdList({ status, cause, q: q || undefined, teamId, sort: sort.field, order: sort.order })} fallbackName="poverty-households.xlsx" />
        {canWrite && !teamId ? <Button onClick={() => setCreating(true)}>{t('poverty.identify')}</Button> : null}
      </Flex>
      {result.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      {isMobile ? (
        <>
          <List
            loading={result.isFetching}
            dataSource={result.data?.items ?? []}
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} onClick={() => void navigate(`/poverty/households/${r.id}`)}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/poverty/households/${r.id}`}>{r.headName}</Link>
                  <Tag color={HOUSEHOLD_STATUS_COLORS[r.status]}>{t(`poverty.statuses.${r.status}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {r.villageName} · {r.causes.map((c) => t(`poverty.causeLabels.${c}`)).join('、')} · {t('poverty.lastVisit')} {r.lastVisitOn ?? t('poverty.noVisit')}
                </Typography.Text>
              </Card>
            )}
          />
          <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={result.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
        </>
      ) : (
        <Table<HouseholdSummary>
          rowKey="id"
          size="small"
          loading={result.isFetching}
          columns={columns}
          dataSource={result.data?.items ?? []}
          onChange={onTable}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => `${n}` }}
        />
      )}
      <FormModal
        open={creating}
        title={t('poverty.identify')}
        form={form}
        initialValues={{ memberCount: 3, identifiedYear: new Date().getFullYear() }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const head = people[v.headPersonId];
          const created = await createHousehold({ ...v, villageOrgUnitId: head?.villageId ?? '' });
          void queryClient.invalidateQueries({ queryKey: ['poverty'] });
          void navigate(`/poverty/households/${created.household.id}`);
        }}
      >
        <Form.Item name="headPersonId" label={t('poverty.head')} rules={[{ required: true }]}>
          <SearchSelect
            placeholder={t('poverty.personPh')}
            fetchOptions={async (text) => {
              const found = await searchPeople(text);
              setPeople((old) => ({ ...old, ...Object.fromEntries(found.map((p) => [p.id, p])) }));
              return found.filter((p) => p.villageId).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName ?? ''}）` }));
            }}
          />
        </Form.Item>
        <Form.Item name="memberCount" label={t('poverty.memberCountHh')} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} />
        </Form.Item>
        <Form.Item name="causes" label={t('poverty.causes')} rules={[{ required: true }]}>
          <Select mode="multiple" options={HOUSEHOLD_CAUSES.map((c) => ({ value: c, label: t(`poverty.causeLabels.${c}`) }))} />
        </Form.Item>
        <Form.Item name="identifiedYear" label={t('poverty.identifiedYear')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="reviewNote" label={t('poverty.reviewNote')} rules={[{ required: true, min: 4 }]}>
          <Input placeholder={t('poverty.reviewNotePh')} maxLength={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}
