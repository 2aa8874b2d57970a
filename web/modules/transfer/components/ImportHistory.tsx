import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '../../../../contracts/transfer.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { exportImportBatches } from '../transfer.api.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useImportHistory } from '../hooks/useImportHistory.ts';

const HISTORY_PAGE_SIZE = 10;

/** Step 3: the caller's own imports. */
export function ImportHistory() {
  const { t } = useTranslation();
  const history = useImportHistory();
  const isMobile = useIsMobile();

  const statusLabel = (status: string) =>
    status === 'committed' ? <Tag color="success">{t('transfer.statusCommitted')}</Tag> : status === 'rejected' ? <Tag color="error">{t('transfer.statusRejected')}</Tag> : <Tag>{status}</Tag>;

  const countAndStatus: TableColumnsType<ImportBatch> = [
    { key: 'rowCount', title: t('transfer.rowCount'), dataIndex: 'rowCount', width: isMobile ? 56 : 80, align: 'right' },
    { key: 'status', title: t('transfer.status'), width: isMobile ? 84 : 90, render: (_v, b) => statusLabel(b.status) },
  ];
  // a phone has room for three columns: the time goes under the file name
  const columns: TableColumnsType<ImportBatch> = isMobile
    ? [
        {
          key: 'fileName',
          title: t('transfer.fileName'),
          render: (_v, b) => (
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text ellipsis={{ tooltip: b.fileName }}>{b.fileName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(b.createdAt)}
              </Typography.Text>
            </Flex>
          ),
        },
        ...countAndStatus,
      ]
    : [
        { key: 'createdAt', title: t('transfer.createdAt'), width: 150, render: (_v, b) => formatDateTime(b.createdAt) },
        { key: 'fileName', title: t('transfer.fileName'), dataIndex: 'fileName', ellipsis: true },
        ...countAndStatus,
      ];

  return (
    <Card title={t('transfer.step3')} size="small" extra={<ExportButton fetchFile={exportImportBatches} fallbackName="imports.xlsx" />}>
      {history.error ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Table<ImportBatch>
          aria-label={t('transfer.historyLabel')}
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={history.data ?? []}
          loading={history.isFetching}
          tableLayout="fixed"
          locale={{ emptyText: t('transfer.historyEmpty') }}
          pagination={{ pageSize: HISTORY_PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      )}
    </Card>
  );
}
