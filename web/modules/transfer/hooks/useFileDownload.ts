import { useState } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, type DownloadedFile } from '../../../api/client.ts';
import { saveFile } from '../save-file.ts';

/**
 * Fetches a file and saves it; errors (413 too many rows, an expired report…) become messages. A cancelled
 * re-login is already announced by the password modal, so it is not repeated here.
 */
export function useFileDownload() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);

  const download = async (fetchFile: () => Promise<DownloadedFile>, fallbackName: string): Promise<boolean> => {
    setBusy(true);
    try {
      const name = saveFile(await fetchFile(), fallbackName);
      void message.success(t('transfer.downloaded', { name }));
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'REAUTH_REQUIRED')) void message.error(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { busy, download };
}
