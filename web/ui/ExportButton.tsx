import { useState } from 'react';
import { FileExcelOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, type DownloadedFile } from '../api/client.ts';

/** Hands a downloaded blob to the browser as a file (object URL + a temporary `<a download>`). */
function saveBlob({ blob, fileName }: DownloadedFile, fallbackName: string): string {
  const name = fileName ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // revoke later: some browsers start reading the URL only after the click handler returns
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/**
 * 导出 Excel for any list: `fetchFile` downloads the export (via `requestBlob`, which asks for the password first
 * when the login is older than the step-up window, then retries). Errors (413 too many rows…) become messages; a
 * cancelled re-login is already announced by the password modal.
 */
export function ExportButton({ fetchFile, fallbackName }: { fetchFile: () => Promise<DownloadedFile>; fallbackName: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const name = saveBlob(await fetchFile(), fallbackName);
      void message.success(t('common.downloaded', { name }));
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'REAUTH_REQUIRED')) void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()}>
      {busy ? t('common.exporting') : t('common.exportExcel')}
    </Button>
  );
}
