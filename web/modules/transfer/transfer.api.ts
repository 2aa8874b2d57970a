import type { ExportPeopleQuery, ImportBatch, ImportRejected, ImportResult } from '../../../contracts/transfer.ts';
import { api, apiErrorFromBody, ApiError, reportSessionLost, requestBlob, type DownloadedFile } from '../../api/client.ts';
import i18n, { getLocale } from '../../i18n/index.ts';

/** The roster template (.xlsx) with the column notes and two example rows from the caller's own units. */
export function downloadImportTemplate(): Promise<DownloadedFile> {
  return requestBlob('/api/imports/template');
}

/** Every error of a rejected upload as .xlsx (行号 / 列名 / 原因); uploader only, kept one hour. */
export function downloadImportReport(reportId: string): Promise<DownloadedFile> {
  return requestBlob(`/api/imports/${encodeURIComponent(reportId)}/report`);
}

/** The caller's own imports, newest first. */
export async function listImports(): Promise<ImportBatch[]> {
  const page = await api.get<{ items: ImportBatch[] }>('/api/imports');
  return page.items;
}

/**
 * Every person the caller can see with the list's filters, as .xlsx. Needs a login within 5 minutes: a 401
 * REAUTH_REQUIRED opens the password modal and the download is retried.
 */
/** The caller's import history as .xlsx; the server records one ledger event. */
export function exportImportBatches(): Promise<DownloadedFile> {
  return requestBlob('/api/imports/export.xlsx');
}

export function exportPeople(query: ExportPeopleQuery): Promise<DownloadedFile> {
  return requestBlob('/api/people/export.xlsx', { query: { ...query } });
}

/** 200: committed; 422: nothing written, with the row errors and a report to download. */
export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; rejected: ImportRejected };

export type UploadCallbacks = {
  /** 0-100, the share of the file sent so far */
  onProgress?: (percent: number) => void;
  /** the whole file is sent; the server now checks and imports it */
  onSent?: () => void;
  signal?: AbortSignal;
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRejected(body: unknown): body is ImportRejected {
  return typeof body === 'object' && body !== null && (body as ImportRejected).code === 'VALIDATION' && Array.isArray((body as ImportRejected).errors);
}

/**
 * POST /api/imports/people as multipart (one part `file`). XMLHttpRequest rather than fetch because only it
 * reports upload progress. Other failures (409 already imported, 413, 415, 400) are thrown as ApiError.
 */
export function uploadPeopleRoster(file: File, { onProgress, onSent, signal }: UploadCallbacks = {}): Promise<ImportOutcome> {
  return new Promise<ImportOutcome>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.open('POST', '/api/imports/people');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLocale());
    let sent = false;
    const markSent = () => {
      if (sent) return;
      sent = true;
      onProgress?.(100);
      onSent?.();
    };
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable || event.total <= 0) return;
      // Chromium fires upload `load` only when the response starts: the last byte sent is the better signal
      if (event.loaded >= event.total) markSent();
      else onProgress?.(Math.min(99, Math.floor((event.loaded / event.total) * 100)));
    };
    xhr.upload.onload = markSent;
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === 200 && body !== null && typeof body === 'object') {
        resolve({ ok: true, result: body as ImportResult });
      } else if (xhr.status === 422 && isRejected(body)) {
        resolve({ ok: false, rejected: body });
      } else {
        reject(reportSessionLost(apiErrorFromBody(xhr.status, body)));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'INTERNAL', i18n.t('common.networkError')));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
