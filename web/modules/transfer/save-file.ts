import type { DownloadedFile } from '../../api/client.ts';

/** Hands a downloaded blob to the browser as a file (object URL + a temporary `<a download>`). */
export function saveFile({ blob, fileName }: DownloadedFile, fallbackName: string): string {
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
