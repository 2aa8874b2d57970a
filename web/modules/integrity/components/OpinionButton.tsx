import { useState } from 'react';
import { FileWordOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { downloadOpinion } from '../integrity.api.ts';

/** 廉政意见（Word）: the signed conclusion version as the printable form; shown once both have signed. */
export function OpinionButton({ id, fallbackName }: { id: string; fallbackName: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await downloadOpinion(id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName ?? fallbackName;
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      void message.success(t('common.downloaded', { name: fileName ?? fallbackName }));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined />} loading={busy} onClick={() => void run()}>
      {t('integrity.opinionDocx')}
    </Button>
  );
}
