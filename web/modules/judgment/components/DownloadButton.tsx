import { useState } from 'react';
import { FileWordOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { errorMessage, type DownloadedFile } from '../../../api/client.ts';

/** Downloads a generated report (.docx) and hands it to the browser. */
export function DownloadButton({ fetchFile, fallbackName, label }: { fetchFile: () => Promise<DownloadedFile>; fallbackName: string; label: string }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await fetchFile();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName ?? fallbackName;
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined />} loading={busy} onClick={() => void run()}>
      {label}
    </Button>
  );
}
