import { useState } from 'react';
import { Button, Card, Checkbox, Empty, Flex, Input, List, Pagination, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { INTEGRITY_OUTCOMES, INTEGRITY_STATUSES, type IntegrityConclusionItem, type IntegrityOutcome, type IntegrityStatus } from '../../../../contracts/integrity.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useCan } from '../../auth/index.ts';
import { exportConclusions, listConclusions } from '../integrity.api.ts';
import { OUTCOME_COLORS, STATUS_COLORS } from '../integrity-labels.ts';
import { ConclusionForm } from './ConclusionForm.tsx';

const PAGE_SIZE = 20;

/** Current versions in scope; paged, filtered and searched on the server. */
export function ConclusionList() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canDraft = useCan('integrity.draft');
  const canSign = useCan('integrity.sign');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<IntegrityStatus | undefined>();
  const [outcome, setOutcome] = useState<IntegrityOutcome | undefined>();
  const [q, setQ] = useState('');
  const [toSign, setToSign] = useState(false);
  const [creating, setCreating] = useState(false);
  const result = useQuery({
    queryKey: ['integrity', 'conclusions', page, status, outcome, q, toSign],
    queryFn: () => listConclusions({ page, pageSize: PAGE_SIZE, status, conclusion: outcome, q: q || undefined, toSign }),
    placeholderData: keepPreviousData,
  });
  const reset = () => setPage(1);
  const statusTag = (r: IntegrityConclusionItem) => <Tag color={STATUS_COLORS[r.status]}>{t(`integrity.statuses.${r.status}`)}</Tag>;
  const outcomeTag = (r: IntegrityConclusionItem) => <Tag color={OUTCOME_COLORS[r.conclusion]}>{t(`integrity.outcomes.${r.conclusion}`)}</Tag>;
  const signs = (r: IntegrityConclusionItem) => (
    <Space size={2}>
      {(['SECRETARY', 'DISCIPLINE'] as const).map((role) => (
        <Tag key={role} color={r.signedRoles.includes(role) ? 'green' : 'default'}>
          {r.signedRoles.includes(role) ? '✓ ' : ''}
          {t(`integrity.roles.${role}`)}
        </Tag>
      ))}
    </Space>
  );
  const columns: TableColumnsType<IntegrityConclusionItem> = [
    { key: 'subject', title: t('integrity.subject'), width: 120, render: (_v, r) => <Link to={`/integrity/conclusions/${r.id}`}>{r.subjectName}</Link> },
    { key: 'unit', title: t('integrity.unit'), width: 120, dataIndex: 'unitName' },
    { key: 'outcome', title: t('integrity.outcome'), width: 170, render: (_v, r) => outcomeTag(r) },
    { key: 'signed', title: t('integrity.signed'), width: 260, render: (_v, r) => signs(r) },
    { key: 'status', title: t('integrity.status'), width: 120, render: (_v, r) => statusTag(r) },
    { key: 'version', title: t('integrity.version'), width: 80, render: (_v, r) => `v${r.version}` },
    { key: 'updated', title: t('integrity.updatedAt'), width: 150, render: (_v, r) => formatDateTime(r.updatedAt) },
  ];
  return (
    <>
      <div className="bw-filters" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search aria-label={t('integrity.searchName')} placeholder={t('integrity.searchName')} allowClear style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), reset())} />
        <Select<IntegrityStatus> aria-label={t('integrity.filterStatus')} placeholder={t('integrity.filterStatus')} allowClear value={status} onChange={(v) => (setStatus(v), reset())} options={INTEGRITY_STATUSES.map((s) => ({ value: s, label: t(`integrity.statuses.${s}`) }))} style={{ width: 150 }} />
        <Select<IntegrityOutcome> aria-label={t('integrity.filterOutcome')} placeholder={t('integrity.filterOutcome')} allowClear value={outcome} onChange={(v) => (setOutcome(v), reset())} options={INTEGRITY_OUTCOMES.map((s) => ({ value: s, label: t(`integrity.outcomes.${s}`) }))} style={{ width: 190 }} />
        {canSign ? (
          <Checkbox checked={toSign} onChange={(e) => (setToSign(e.target.checked), reset())}>
            {t('integrity.toSign')}
          </Checkbox>
        ) : null}
        <ExportButton fetchFile={() => exportConclusions({ status, conclusion: outcome, q: q || undefined, toSign })} fallbackName={t('integrity.exportName')} />
        {canDraft ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('integrity.create')}
          </Button>
        ) : null}
      </div>
      {result.error ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : isMobile ? (
        <Spin spinning={result.isFetching}>
          {result.data && result.data.items.length === 0 ? (
            <Empty description={t('integrity.empty')} />
          ) : (
            <section aria-label={t('integrity.listLabel')}>
              <List
                dataSource={result.data?.items ?? []}
                rowKey="id"
                split={false}
                renderItem={(r) => (
                  <List.Item style={{ padding: '4px 0' }}>
                    <Card size="small" style={{ width: '100%' }} onClick={() => void navigate(`/integrity/conclusions/${r.id}`)} hoverable>
                      <Flex justify="space-between" align="baseline" gap={8} wrap>
                        <Link to={`/integrity/conclusions/${r.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                          {r.subjectName}
                        </Link>
                        {statusTag(r)}
                      </Flex>
                      <Typography.Text type="secondary">
                        {r.unitName} · v{r.version}
                      </Typography.Text>
                      <div style={{ marginTop: 6 }}>{outcomeTag(r)}</div>
                      <div style={{ marginTop: 6 }}>{signs(r)}</div>
                    </Card>
                  </List.Item>
                )}
              />
            </section>
          )}
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination simple current={page} pageSize={PAGE_SIZE} total={result.data?.total ?? 0} onChange={setPage} showTotal={(total) => t('common.total', { total })} />
          </Flex>
        </Spin>
      ) : (
        <Table<IntegrityConclusionItem>
          aria-label={t('integrity.listLabel')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('integrity.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }}
        />
      )}
      {creating ? <ConclusionForm onClose={() => setCreating(false)} onDone={(c) => void navigate(`/integrity/conclusions/${c.id}`)} /> : null}
    </>
  );
}
