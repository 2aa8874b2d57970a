import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { LIMITS } from '../../../../contracts/limits.ts';
import { listAuditEvents, type AuditQuery } from '../audit.api.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOKEN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;
const ID = /^[0-9a-zA-Z_.:-]{1,64}$/;

function positive(raw: string | null, fallback: number, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

function matching(raw: string | null, pattern: RegExp): string | undefined {
  return raw !== null && pattern.test(raw) ? raw : undefined;
}

/** The audit filters live in the URL (bookmarkable); `history` names the person whose history drawer is open. */
export function useAuditQuery() {
  const [params, setParams] = useSearchParams();
  const query: AuditQuery = useMemo(
    () => ({
      page: positive(params.get('page'), 1, 100000),
      pageSize: positive(params.get('pageSize'), LIMITS.pageSizeDefault, LIMITS.pageSizeMax),
      actorUserId: matching(params.get('actorUserId'), ID),
      objectType: matching(params.get('objectType'), TOKEN),
      objectId: matching(params.get('objectId'), ID),
      action: matching(params.get('action'), TOKEN),
      from: matching(params.get('from'), DATE),
      to: matching(params.get('to'), DATE),
    }),
    [params],
  );
  const historyOf = matching(params.get('history'), ID) ?? null;

  const write = (next: AuditQuery, history: string | null) => {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if (key === 'page' && value === 1) continue;
      if (key === 'pageSize' && value === LIMITS.pageSizeDefault) continue;
      out.set(key, String(value));
    }
    if (history) out.set('history', history);
    setParams(out, { replace: false });
  };

  /** Merge a change into the URL; any filter change goes back to page 1. */
  const update = (patch: Partial<AuditQuery>) => {
    const next: AuditQuery = { ...query, ...patch };
    if (!('page' in patch)) next.page = 1;
    write(next, historyOf);
  };
  const openHistory = (personId: string | null) => write(query, personId);

  const result = useQuery({ queryKey: ['audit', 'events', query], queryFn: () => listAuditEvents(query), placeholderData: keepPreviousData });
  return { query, update, result, historyOf, openHistory };
}
