import { useState } from 'react';
import { App as AntApp, Button, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EVALUATION_PURPOSES, EVALUATION_STATUSES, type Evaluation, type EvaluationPurpose, type EvaluationStatus } from '../../../../contracts/evaluation.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useCan } from '../../auth/index.ts';
import { CreateEvaluationModal } from '../components/CreateEvaluationModal.tsx';
import { exportEvaluations, listEvaluations } from '../evaluation.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { cst, STATUS_COLORS } from '../evaluation-labels.ts';

const SORTS: Record<string, string> = { subjectName: 'subjectName', openAt: 'openAt', closeAt: 'closeAt', status: 'status' };

/** /evaluations: reverse evaluations in the caller's scope, paged, sorted and filtered on the server. */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canManage = useCan('evaluation.manage');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [status, setStatus] = useState<EvaluationStatus | undefined>();
  const [purpose, setPurpose] = useState<EvaluationPurpose | undefined>();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<{ field?: string; order?: 'asc' | 'desc' }>({});
  const [creating, setCreating] = useState(false);
  const result = useQuery({
    queryKey: ['evaluations', page, pageSize, status, purpose, q, sort],
    queryFn: () => listEvaluations({ page, pageSize, status, purpose, q: q || undefined, sort: sort.field, order: sort.order }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Evaluation> = [
    { key: 'subjectName', title: t('evaluation.subject'), sorter: true, render: (_, e) => <Link to={`/evaluations/${e.id}`}>{e.subjectName}</Link> },
    { key: 'post', title: t('evaluation.post'), render: (_, e) => [e.subjectOrgName, e.subjectPost].filter(Boolean).join(' ') || '—', responsive: ['md'] },
    { key: 'purpose', title: t('evaluation.purpose'), render: (_, e) => t(`evaluation.purposes.${e.purpose}`) },
    { key: 'status', title: t('evaluation.status'), sorter: true, render: (_, e) => <Tag color={STATUS_COLORS[e.status]}>{t(`evaluation.statuses.${e.status}`)}</Tag> },
    { key: 'closeAt', title: t('evaluation.period'), sorter: true, render: (_, e) => `${cst(e.openAt).slice(0, 10)} ~ ${cst(e.closeAt).slice(0, 10)}`, responsive: ['sm'] },
    {
      key: 'responses',
      title: t('evaluation.responses'),
      render: (_, e) => {
        const raters = e.groups.filter((g) => g.group !== 'SELF');
        return `${raters.reduce((s, g) => s + g.used, 0)} / ${raters.reduce((s, g) => s + g.issued, 0)}`;
      },
    },
    {
      key: 'actions',
      title: t('evaluation.actions'),
      render: (_, e) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => void navigate(`/evaluations/${e.id}`)} aria-label={`${t('evaluation.view')} ${e.subjectName}`}>
            {t('evaluation.view')}
          </Button>
          {e.can.viewResults ? (
            <Button size="small" type="primary" onClick={() => void navigate(`/evaluations/${e.id}/results`)} aria-label={`${t('evaluation.results')} ${e.subjectName}`}>
              {t('evaluation.results')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const onTable = (p: TablePaginationConfig, _f: unknown, s: SorterResult<Evaluation> | SorterResult<Evaluation>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    const field = one?.order ? SORTS[String(one.columnKey)] : undefined;
    setSort(field ? { field, order: one?.order === 'ascend' ? 'asc' : 'desc' } : {});
    setPage(p.current ?? 1);
    setPageSize(p.pageSize ?? 20);
  };

  return (
    <>
      <PageHeader
        title={t('evaluation.title')}
        sub={t('evaluation.sub')}
        extra={canManage ? <Button type="primary" onClick={() => setCreating(true)}>{t('evaluation.create')}</Button> : null}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('evaluation.searchName')} aria-label={t('evaluation.searchName')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 220 }} />
        <Select allowClear placeholder={t('evaluation.filterStatus')} aria-label={t('evaluation.filterStatus')} style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={EVALUATION_STATUSES.map((s) => ({ value: s, label: t(`evaluation.statuses.${s}`) }))} />
        <Select allowClear placeholder={t('evaluation.filterPurpose')} aria-label={t('evaluation.filterPurpose')} style={{ width: 140 }} value={purpose} onChange={(v) => { setPurpose(v); setPage(1); }} options={EVALUATION_PURPOSES.map((p) => ({ value: p, label: t(`evaluation.purposes.${p}`) }))} />
        <ExportButton fetchFile={() => exportEvaluations({ status, purpose, q: q || undefined, sort: sort.field, order: sort.order })} fallbackName="evaluations.xlsx" />
      </Space>
      {result.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      <Table<Evaluation>
        rowKey="id"
        aria-label={t('evaluation.listLabel')}
        size="middle"
        loading={result.isFetching}
        columns={columns}
        dataSource={result.data?.items ?? []}
        locale={{ emptyText: t('evaluation.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize, total: result.data?.total ?? 0, showSizeChanger: true }}
        onChange={onTable}
      />
      {creating ? (
        <CreateEvaluationModal
          onClose={() => setCreating(false)}
          onDone={(e) => {
            setCreating(false);
            void message.success(t('evaluation.created'));
            void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
            void navigate(`/evaluations/${e.id}`);
          }}
        />
      ) : null}
    </>
  );
}
