import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportRejected, ImportResult } from '../../../../contracts/transfer.ts';
import { uploadPeopleRoster } from '../transfer.api.ts';
import { IMPORTS_QUERY_KEY } from './useImportHistory.ts';

/** One upload at a time: sending (with a percentage), then the server's check and import, then the outcome. */
export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; percent: number }
  | { phase: 'processing'; fileName: string }
  | { phase: 'succeeded'; fileName: string; result: ImportResult }
  | { phase: 'rejected'; fileName: string; rejected: ImportRejected }
  | { phase: 'failed'; fileName: string; error: unknown };

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Uploads a roster and tracks its progress; leaving the page aborts an upload still running. */
export function useImportUpload() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = (file: File) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    const fileName = file.name;
    setState({ phase: 'uploading', fileName, percent: 0 });
    uploadPeopleRoster(file, {
      signal: current.signal,
      onProgress: (percent) => setState((s) => (s.phase === 'uploading' ? { ...s, percent } : s)),
      onSent: () => setState({ phase: 'processing', fileName }),
    })
      .then((outcome) => {
        setState(outcome.ok ? { phase: 'succeeded', fileName, result: outcome.result } : { phase: 'rejected', fileName, rejected: outcome.rejected });
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ phase: 'failed', fileName, error });
      })
      .finally(() => {
        if (controller.current === current) controller.current = null;
        void queryClient.invalidateQueries({ queryKey: IMPORTS_QUERY_KEY });
      });
  };

  const reset = () => setState({ phase: 'idle' });
  const busy = state.phase === 'uploading' || state.phase === 'processing';
  return { state, start, reset, busy };
}
