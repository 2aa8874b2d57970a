import { DownloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Result, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportRejected, ImportResult, ImportRowError } from '../../../../contracts/transfer.ts';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useFileDownload } from '../hooks/useFileDownload.ts';
import { downloadImportReport } from '../transfer.api.ts';

/** 200: every row was imported. */
export function ImportSucceeded({ fileName, result }: { fileName: string; result: ImportResult }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stats = [
    { key: 'created', title: t('transfer.created'), value: result.created, suffix: t('transfer.unitPeople') },
    { key: 'cadres', title: t('transfer.cadres'), value: result.cadres, suffix: t('transfer.unitPeople') },
    { key: 'posts', title: t('transfer.posts'), value: result.posts, suffix: t('transfer.unitPosts') },
    { key: 'duration', title: t('transfer.duration'), value: (result.durationMs / 1000).toFixed(1), suffix: t('transfer.unitSeconds') },
  ];
  return (
    <Result
      status="success"
      title={t('transfer.successTitle')}
      subTitle={t('transfer.successSub', { name: result.fileName || fileName })}
      style={{ padding: '16px 0' }}
      extra={
        <Button icon={<TeamOutlined />} onClick={() => void navigate('/people')}>
          {t('transfer.viewPeople')}
        </Button>
      }
    >
      <Flex wrap justify="center" gap={24} role="group" aria-label={t('transfer.successTitle')}>
        {stats.map((s) => (
          <Statistic key={s.key} title={s.title} value={s.value} suffix={s.suffix} style={{ minWidth: 96, textAlign: 'center' }} />
        ))}
      </Flex>
    </Result>
  );
}

const ERRORS_PAGE_SIZE = 10;

type KeyedError = ImportRowError & { key: number };

/** 422: nothing was written; the row errors (the first 500) and the full report to download. */
export function ImportRejectedView({ fileName, rejected }: { fileName: string; rejected: ImportRejected }) {
  const { t } = useTranslation();
  const { busy, download } = useFileDownload();
  const isMobile = useIsMobile();
  const rows: KeyedError[] = rejected.errors.map((e, key) => ({ ...e, key }));
  const columns: TableColumnsType<KeyedError> = [
    { key: 'row', title: t('transfer.row'), dataIndex: 'row', width: isMobile ? 56 : 80 },
    { key: 'column', title: t('transfer.column'), width: isMobile ? 96 : 160, render: (_v, e) => e.column || t('transfer.wholeRow') },
    { key: 'message', title: t('transfer.reason'), dataIndex: 'message' },
  ];
  return (
    <Flex vertical gap={12}>
      <Result
        status="error"
        title={t('transfer.rejectedTitle')}
        subTitle={t('transfer.rejectedSub', { name: fileName, count: rejected.errorCount })}
        style={{ padding: '16px 0 0' }}
        extra={
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={busy}
            onClick={() => void download(() => downloadImportReport(rejected.reportId), t('transfer.reportFileName'))}
          >
            {t('transfer.downloadReport')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={rejected.errorCount > rejected.errors.length ? t('transfer.rejectedTruncated', { shown: rejected.errors.length, count: rejected.errorCount }) : t('transfer.reportHint')} />
      <Table<KeyedError>
        aria-label={t('transfer.errorsLabel')}
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        tableLayout="fixed"
        pagination={{ pageSize: ERRORS_PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
      />
    </Flex>
  );
}

/** Any other answer: 409 already imported, 413 too large, 415 not an .xlsx, 400 unreadable, network. */
export function ImportFailed({ fileName, error }: { fileName: string; error: unknown }) {
  const { t } = useTranslation();
  const already = error instanceof ApiError && error.code === 'ALREADY_IMPORTED';
  return (
    <Result
      status={already ? 'warning' : 'error'}
      title={already ? t('transfer.alreadyImportedTitle') : t('transfer.failedTitle', { name: fileName })}
      subTitle={errorMessage(error)}
      style={{ padding: '16px 0' }}
    />
  );
}
