import { useQuery } from '@tanstack/react-query';
import { listImports } from '../transfer.api.ts';

export const IMPORTS_QUERY_KEY = ['imports'] as const;

/** The caller's own imports (GET /api/imports). */
export function useImportHistory() {
  return useQuery({ queryKey: IMPORTS_QUERY_KEY, queryFn: listImports });
}
