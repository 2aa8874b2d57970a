import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Flex, Input, List, Modal, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MATTER_CATEGORIES, MATTER_STATUSES, MATTER_URGENCIES, type Matter, type MatterAction, type MatterBox, type MatterCategory, type MatterStatus, type MatterUrgency, type TransitionRequest } from '../../../../contracts/o2o.ts';
import { formatDateTime, toApiDate } from '../../../ui/format.ts';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { bulkTransition, listMatters, type BulkResult } from '../o2o.api.ts';
import { MATTER_STATUS_COLORS } from '../labels.ts';
import { DueCountdown } from './DueCountdown.tsx';
import { TransitionDialog } from './TransitionDialog.tsx';

/** The bulk action of each queue (SPEC M2: bulk accept, dispatch, close review), if the caller may take it. */
export const BULK_ACTIONS: Partial<Record<MatterBox, MatterAction>> = { accept: 'accept', dispatch: 'dispatch', review: 'close' };
const BULK_LABEL: Partial<Record<MatterAction, 'o2o.bulkAccept' | 'o2o.bulkDispatch' | 'o2o.bulkClose'>> = { accept: 'o2o.bulkAccept', dispatch: 'o2o.bulkDispatch', close: 'o2o.bulkClose' };

/** One queue: server-paged, sorted by due date or receipt, filtered; checkboxes and a bulk action when the queue has one. */
export function MatterTable({ box, bulk }: { box: MatterBox; bulk: MatterAction | null }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<MatterCategory | undefined>();
  const [urgency, setUrgency] = useState<MatterUrgency | undefined>();
  const [status, setStatus] = useState<MatterStatus | undefined>();
  const [code, setCode] = useState('');
  const [range, setRange] = useState<[string | undefined, string | undefined]>([undefined, undefined]);
  const [selected, setSelected] = useState<Matter[]>([]);
  const [dialog, setDialog] = useState<MatterAction | null>(null);
  const [result, setResult] = useState<(BulkResult & { codes: Record<string, string> }) | null>(null);

  const statusLabel = (s: MatterStatus) => <Tag color={MATTER_STATUS_COLORS[s]}>{t(`o2o.statuses.${s}`)}</Tag>;
  const desktop: TableColumnsType<Matter> = [
    { title: t('o2o.code'), dataIndex: 'code', render: (v: string, r) => <Link to={`/o2o/matters/${r.id}`}>{v}</Link> },
    { title: t('o2o.matter'), dataIndex: 'title', ellipsis: true, width: 260 },
    { title: t('o2o.category'), dataIndex: 'category', render: (c: MatterCategory, r) => `${t(`o2o.categories.${c}`)}${r.urgency !== 'NORMAL' ? ` · ${t(`o2o.urgencies.${r.urgency}`)}` : ''}` },
    { title: t('o2o.location'), dataIndex: 'locationName', render: (v: string, r) => (r.townName && r.townName !== v ? `${r.townName} ${v}` : v) },
    { title: t('o2o.status'), dataIndex: 'status', render: statusLabel },
    { title: t('o2o.countdown'), key: 'dueAt', sorter: true, render: (_: unknown, r) => <DueCountdown matter={r} /> },
    { title: t('o2o.receivedAt'), key: 'receivedAt', dataIndex: 'receivedAt', sorter: true, render: (v: string) => formatDateTime(v) },
    { title: t('o2o.assigned'), dataIndex: 'assignedName', render: (v: string | null) => v ?? '—' },
  ];
  // 375 px: two stacked columns, nothing wider than the screen
  const mobile: TableColumnsType<Matter> = [
    {
      title: t('o2o.matter'),
      key: 'matter',
      render: (_: unknown, r) => (
        <Flex vertical gap={2} style={{ minWidth: 0, maxWidth: bulk ? 170 : 200 }}>
          <Link to={`/o2o/matters/${r.id}`}>{r.code}</Link>
          <Typography.Text ellipsis style={{ maxWidth: bulk ? 170 : 200 }}>{r.title}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: bulk ? 170 : 200 }}>
            {t(`o2o.categories.${r.category}`)} · {r.locationName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('o2o.countdown'),
      key: 'dueAt',
      sorter: true,
      render: (_: unknown, r) => (
        <Flex vertical gap={4} align="start">
          <DueCountdown matter={r} />
          {statusLabel(r.status)}
        </Flex>
      ),
    },
  ];

  const submitBulk = async (body: TransitionRequest) => {
    const res = await bulkTransition({ ids: selected.map((m) => m.id), transition: body });
    setResult({ ...res, codes: Object.fromEntries(selected.map((m) => [m.id, m.code])) });
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['o2o'] });
    if (res.failed.length === 0) void message.success(t('o2o.bulkDone', { done: res.done.length }));
  };

  return (
    <>
      <PagedTable<Matter>
        label={t(`o2o.boxes.${box}`)}
        queryKey={['o2o', 'matters', box]}
        fetchPage={listMatters}
        filters={{ box, category, urgency, status, code: code || undefined, from: range[0], to: range[1] }}
        columns={isMobile ? mobile : desktop}
        rowSelection={
          bulk
            ? {
                selectedRowKeys: selected.map((m) => m.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: !r.allowed.includes(bulk), 'aria-label': r.code }),
              }
            : undefined
        }
        toolbar={
          <>
            <Input.Search allowClear placeholder={t('o2o.searchCode')} aria-label={t('o2o.searchCode')} style={{ width: 180 }} onSearch={(v) => setCode(v.trim())} />
            <Select allowClear placeholder={t('o2o.filterCategory')} aria-label={t('o2o.filterCategory')} style={{ width: 130 }} value={category} onChange={setCategory} options={MATTER_CATEGORIES.map((c) => ({ value: c, label: t(`o2o.categories.${c}`) }))} />
            <Select allowClear placeholder={t('o2o.filterUrgency')} aria-label={t('o2o.filterUrgency')} style={{ width: 150 }} value={urgency} onChange={setUrgency} options={MATTER_URGENCIES.map((c) => ({ value: c, label: t(`o2o.urgencies.${c}`) }))} />
            {box === 'all' ? (
              <Select allowClear placeholder={t('o2o.filterStatus')} aria-label={t('o2o.filterStatus')} style={{ width: 130 }} value={status} onChange={setStatus} options={MATTER_STATUSES.filter((s) => s !== 'ROUTED_DISCIPLINE').map((c) => ({ value: c, label: t(`o2o.statuses.${c}`) }))} />
            ) : null}
            <DatePicker.RangePicker aria-label={t('o2o.dateRange')} style={{ maxWidth: '100%' }} onChange={(v) => setRange([toApiDate(v?.[0]), toApiDate(v?.[1])])} />
            {bulk && BULK_LABEL[bulk] ? (
              <Button type="primary" disabled={selected.length === 0} onClick={() => setDialog(bulk)}>
                {t(BULK_LABEL[bulk])}
                {selected.length ? `（${selected.length}）` : ''}
              </Button>
            ) : null}
          </>
        }
      />
      <TransitionDialog action={dialog} count={selected.length} onClose={() => setDialog(null)} onSubmit={submitBulk} />
      <Modal open={result !== null && result.failed.length > 0} title={t('o2o.bulkResultTitle')} onCancel={() => setResult(null)} onOk={() => setResult(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {result ? (
          <>
            <Typography.Paragraph>
              {t('o2o.bulkDone', { done: result.done.length })}，{t('o2o.bulkFailed', { n: result.failed.length })}
            </Typography.Paragraph>
            <List size="small" dataSource={result.failed} renderItem={(f) => <List.Item>{`${result.codes[f.id] ?? f.id}：${f.message}`}</List.Item>} />
          </>
        ) : null}
      </Modal>
    </>
  );
}
