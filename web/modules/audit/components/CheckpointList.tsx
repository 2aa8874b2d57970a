import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CheckpointSummary } from '../../../../contracts/audit.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { checkpointDownloadUrl, exportCheckpoints, listCheckpoints } from '../audit.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';

const PAGE_SIZE = 10;

/** Signed checkpoints, newest first, each downloadable as the JSON a discipline office keeps. */
export function CheckpointList() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const result = useQuery({ queryKey: ['audit', 'checkpoints', page], queryFn: () => listCheckpoints(page, PAGE_SIZE), placeholderData: keepPreviousData });

  const columns: TableColumnsType<CheckpointSummary> = [
    { key: 'size', title: t('audit.cpTreeSize'), dataIndex: 'treeSize', width: 90 },
    { key: 'ts', title: t('audit.cpTime'), width: 150, render: (_v, c) => formatDateTime(c.ts) },
    {
      key: 'root',
      title: t('audit.cpRoot'),
      render: (_v, c) => (
        <Typography.Text className="bw-masked" style={{ fontSize: 12 }} ellipsis={{ tooltip: c.root }}>
          {c.root}
        </Typography.Text>
      ),
    },
    {
      key: 'download',
      title: t('common.actions'),
      width: 90,
      render: (_v, c) => (
        <a href={checkpointDownloadUrl(c.treeSize)} download aria-label={t('audit.cpDownloadLabel', { size: c.treeSize })}>
          <DownloadOutlined /> {t('audit.cpDownload')}
        </a>
      ),
    },
  ];

  return (
    <Card size="small" title={t('audit.checkpoints')} extra={<ExportButton fetchFile={exportCheckpoints} fallbackName="ledger-checkpoints.xlsx" />}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('audit.checkpointsHint')}
      </Typography.Paragraph>
      {result.error ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <Table<CheckpointSummary>
          aria-label={t('audit.checkpoints')}
          rowKey="treeSize"
          size="small"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.isFetching}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('audit.noCheckpoints') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, simple: true }}
        />
      )}
    </Card>
  );
}
