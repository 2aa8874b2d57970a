import { InboxOutlined } from '@ant-design/icons';
import { App as AntApp, Card, Flex, Progress, Spin, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_LIMITS, XLSX_MIME } from '../../../../contracts/transfer.ts';
import { useImportUpload } from '../hooks/useImportUpload.ts';
import { ImportFailed, ImportRejectedView, ImportSucceeded } from './ImportOutcome.tsx';

const MB = 1024 * 1024;

/** Step 2: choose an .xlsx (checked here for extension and size), upload it with progress, show the outcome. */
export function UploadStep() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { state, start, busy } = useImportUpload();
  const mb = IMPORT_LIMITS.maxUploadBytes / MB;

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (!/\.xlsx$/i.test(file.name)) {
      void message.error(t('transfer.badExtension', { name: file.name }));
    } else if (file.size > IMPORT_LIMITS.maxUploadBytes) {
      void message.error(t('transfer.tooLarge', { mb }));
    } else if (file.size === 0) {
      void message.error(t('transfer.emptyFile', { name: file.name }));
    } else {
      start(file);
    }
    // never let antd send it: the upload goes through transfer.api.ts
    return false;
  };

  return (
    <Card title={t('transfer.step2')} size="small">
      <Flex vertical gap={16}>
        <Upload.Dragger
          name="file"
          accept={`.xlsx,${XLSX_MIME}`}
          multiple={false}
          maxCount={1}
          showUploadList={false}
          fileList={[]}
          disabled={busy}
          beforeUpload={beforeUpload}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('transfer.dropHint')}</p>
          <p className="ant-upload-hint">{t('transfer.dropSub', { mb })}</p>
        </Upload.Dragger>

        {state.phase === 'uploading' ? (
          <div role="status" aria-live="polite">
            <Typography.Text>{t('transfer.uploading', { name: state.fileName })}</Typography.Text>
            <Progress percent={state.percent} status="active" aria-label={t('transfer.uploadProgress')} />
          </div>
        ) : null}
        {state.phase === 'processing' ? (
          <Flex role="status" aria-live="polite" vertical align="center" gap={8} style={{ padding: '16px 0' }}>
            <Progress percent={100} size="small" style={{ maxWidth: 480 }} aria-label={t('transfer.uploadProgress')} />
            <Spin />
            <Typography.Text strong>{t('transfer.processing')}</Typography.Text>
            <Typography.Text type="secondary">{t('transfer.processingSub')}</Typography.Text>
          </Flex>
        ) : null}
        {state.phase === 'succeeded' ? <ImportSucceeded fileName={state.fileName} result={state.result} /> : null}
        {state.phase === 'rejected' ? <ImportRejectedView fileName={state.fileName} rejected={state.rejected} /> : null}
        {state.phase === 'failed' ? <ImportFailed fileName={state.fileName} error={state.error} /> : null}
      </Flex>
    </Card>
  );
}
