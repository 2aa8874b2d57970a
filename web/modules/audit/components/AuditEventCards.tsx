import { Card, Empty, Flex, List, Pagination, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../contracts/audit.ts';
import type { Page } from '../../../../contracts/common.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { AuditQuery } from '../audit.api.ts';
import { actionLabel, payloadSummary } from '../audit-labels.ts';
import { ActorCell } from './ActorCell.tsx';
import { ObjectCell } from './AuditEventTable.tsx';

type Props = {
  data: Page<AuditEvent> | undefined;
  loading: boolean;
  query: AuditQuery;
  update: (patch: Partial<AuditQuery>) => void;
  onHistory: (personId: string) => void;
};

/** The audit log on a phone: one card per event, server paging below. */
export function AuditEventCards({ data, loading, query, update, onHistory }: Props) {
  const { t } = useTranslation();
  const items = data?.items ?? [];
  return (
    <Spin spinning={loading}>
      {items.length === 0 && !loading ? (
        <Empty description={t('common.noData')} />
      ) : (
        <section aria-label={t('audit.listLabel')}>
          <List
            dataSource={items}
            rowKey="seq"
            split={false}
            renderItem={(e) => (
              <List.Item style={{ padding: '4px 0' }}>
                <Card size="small" style={{ width: '100%' }}>
                  <Flex justify="space-between" align="baseline" gap={8} wrap>
                    <Typography.Text strong>{actionLabel(t, e.action)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      #{e.seq} · {formatDateTime(e.ts)}
                    </Typography.Text>
                  </Flex>
                  <div style={{ marginTop: 4 }}>
                    <ActorCell actor={e.actor} />
                    {e.unitName ? <Typography.Text type="secondary"> · {e.unitName}</Typography.Text> : null}
                  </div>
                  <div style={{ marginTop: 4 }}>
                    <ObjectCell event={e} onFilter={() => update({ objectType: e.objectType, objectId: e.objectId })} onHistory={onHistory} />
                  </div>
                  {Object.keys(e.payload).length > 0 ? (
                    <Typography.Paragraph type="secondary" className="bw-masked" style={{ fontSize: 12, margin: '4px 0 0' }} ellipsis={{ rows: 2 }}>
                      {payloadSummary(e.payload)}
                    </Typography.Paragraph>
                  ) : null}
                </Card>
              </List.Item>
            )}
          />
        </section>
      )}
      <Flex justify="center" style={{ marginTop: 12 }}>
        <Pagination simple current={query.page} pageSize={query.pageSize} total={data?.total ?? 0} onChange={(page) => update({ page })} showTotal={(total) => t('common.total', { total })} />
      </Flex>
    </Spin>
  );
}
