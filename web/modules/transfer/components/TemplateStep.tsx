import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_LIMITS } from '../../../../contracts/transfer.ts';
import { useFileDownload } from '../hooks/useFileDownload.ts';
import { downloadImportTemplate } from '../transfer.api.ts';

const MB = 1024 * 1024;

/** Step 1: what goes into the template, the all-or-nothing rule, and the download. */
export function TemplateStep() {
  const { t } = useTranslation();
  const { busy, download } = useFileDownload();

  return (
    <Card title={t('transfer.step1')} size="small">
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('transfer.templateIntro')}</Typography.Paragraph>
        <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 1.8 }}>
          <li>{t('transfer.templateRequired')}</li>
          <li>{t('transfer.templateText')}</li>
          <li>{t('transfer.templatePosts')}</li>
          <li>{t('transfer.templateLimits', { mb: IMPORT_LIMITS.maxUploadBytes / MB, rows: IMPORT_LIMITS.maxRows })}</li>
        </ul>
        <Alert type="warning" showIcon title={t('transfer.allOrNothing')} />
        <div>
          <Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={() => void download(downloadImportTemplate, t('transfer.templateFileName'))}>
            {t('transfer.downloadTemplate')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
