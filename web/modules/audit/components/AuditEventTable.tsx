import { HistoryOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../contracts/audit.ts';
import type { Page } from '../../../../contracts/common.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { AuditQuery } from '../audit.api.ts';
import { actionLabel, objectTypeLabel, payloadSummary, personOf } from '../audit-labels.ts';
import { ActorCell } from './ActorCell.tsx';

type Props = {
  data: Page<AuditEvent> | undefined;
  loading: boolean;
  query: AuditQuery;
  update: (patch: Partial<AuditQuery>) => void;
  onHistory: (personId: string) => void;
};

/** The audit log on a wide screen; paging is done by the server. */
export function AuditEventTable({ data, loading, query, update, onHistory }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AuditEvent> = [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { key: 'ts', title: t('audit.time'), width: 150, render: (_v, e) => formatDateTime(e.ts) },
    {
      key: 'actor',
      title: t('audit.actor'),
      width: 200,
      render: (_v, e) =>
        e.actor.userId && e.actor.userId !== query.actorUserId ? (
          <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} title={t('audit.filterThisActor')} onClick={() => update({ actorUserId: e.actor.userId ?? undefined })}>
            <ActorCell actor={e.actor} />
          </Button>
        ) : (
          <ActorCell actor={e.actor} />
        ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 170,
      render: (_v, e) => (
        <Space orientation="vertical" size={0}>
          <span>{actionLabel(t, e.action)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'object',
      title: t('audit.object'),
      width: 220,
      render: (_v, e) => <ObjectCell event={e} onFilter={() => update({ objectType: e.objectType, objectId: e.objectId })} onHistory={onHistory} />,
    },
    { key: 'unit', title: t('audit.unit'), width: 120, render: (_v, e) => e.unitName ?? t('common.dash') },
    {
      key: 'payload',
      title: t('audit.details'),
      render: (_v, e) => (
        <Typography.Text className="bw-masked" style={{ fontSize: 12 }} ellipsis={{ tooltip: payloadSummary(e.payload) }}>
          {payloadSummary(e.payload) || t('common.dash')}
        </Typography.Text>
      ),
    },
  ];

  const onChange = (pagination: TablePaginationConfig) => {
    const pageSize = pagination.pageSize ?? query.pageSize;
    update({ pageSize, page: pageSize !== query.pageSize ? 1 : (pagination.current ?? 1) });
  };

  return (
    <Table<AuditEvent>
      aria-label={t('audit.listLabel')}
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 1200 }}
      onChange={onChange}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (total) => t('common.total', { total }),
      }}
    />
  );
}

/** 人员 · 张三, a filter link, and the history button for events about a person. */
export function ObjectCell({ event: e, onFilter, onHistory }: { event: AuditEvent; onFilter: () => void; onHistory: (personId: string) => void }) {
  const { t } = useTranslation();
  const person = personOf(e);
  const label = e.objectLabel ?? e.objectId.slice(0, 13);
  return (
    <Space orientation="vertical" size={0}>
      <span>
        <Typography.Text type="secondary">{objectTypeLabel(t, e.objectType)}</Typography.Text>{' '}
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} title={t('audit.filterThisObject')} onClick={onFilter}>
          {label}
        </Button>
      </span>
      {person ? (
        <Button size="small" type="link" icon={<HistoryOutlined />} style={{ padding: 0, height: 'auto' }} aria-label={t('audit.openHistoryOf', { name: e.objectType === 'person' ? label : '' })} onClick={() => onHistory(person)}>
          {t('audit.openHistory')}
        </Button>
      ) : null}
    </Space>
  );
}
