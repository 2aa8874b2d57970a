/**
 * The list-export convention (issue 3 deliverable 7): `GET <list route>/export.xlsx` takes the list's own query
 * (filters and sort, no paging), walks the list's own service function page by page, so the rows, the scope and the
 * masking are exactly the list's, refuses more than `LIST_EXPORT_MAX` rows with a Chinese message that names the
 * fix, and records one `<module>.exported` ledger event with the filters (free text as a keyed hash) and the row
 * count. Cells are formula-escaped by `writeXlsx`; the download headers come from `export-file.ts`.
 */
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FieldCipher } from './crypto.ts';
import { fieldError } from './errors.ts';
import { appendLedgerEvent, type LedgerActor } from './ledger/index.ts';
import { inTransaction } from '../db/database.ts';

/** Rows above this are refused: the caller narrows the filters (the list has the same ones). */
export const LIST_EXPORT_MAX = 50_000;

const PAGE = 200;

/**
 * Every item the list answers for `query`, in the list's order. `what` names the rows in Chinese (e.g. "研判工作"),
 * `narrowBy` the filters that narrow it (e.g. "状态或名称").
 */
export async function allPages<Q extends object, T>(
  list: (query: Q & { page: number; pageSize: number }) => Promise<{ items: T[]; total: number }>,
  query: Q,
  label: { what: string; narrowBy: string; max?: number },
): Promise<T[]> {
  const max = label.max ?? LIST_EXPORT_MAX;
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await list({ ...query, page, pageSize: PAGE });
    if (res.total > max) {
      throw fieldError(
        'q',
        `符合条件的${label.what}有 ${res.total} 条，超过单次导出上限 ${max} 条；请按${label.narrowBy}缩小范围后再导出`,
        `${res.total} rows exceed the export limit of ${max}; narrow the filters`,
      );
    }
    out.push(...res.items);
    if (res.items.length === 0 || page * PAGE >= res.total) break;
  }
  return out;
}

/** The filters as the ledger keeps them: paging dropped, ids/enums/dates as they are, free text as a keyed hash. */
export function recordedListFilters(cipher: FieldCipher, query: object, textKeys: readonly string[] = ['q']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || k === 'page' || k === 'pageSize') continue;
    if (textKeys.includes(k) && typeof v === 'string') out[`${k}Hash`] = cipher.blindIndex('ledger-search', v.trim());
    else out[k] = v;
  }
  return out;
}

/** The deepest path every one of `paths` lies under ('/' when none): where a list export is filed. */
export function commonScopeRoot(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths.slice(1)) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  }
  return prefix || '/';
}

/** Appends the one `<module>.exported` event of a list export, committed before the file is handed out. */
export async function recordListExport(
  deps: { db: Kysely<Database>; cipher: FieldCipher; clock: { now(): Date } },
  actor: LedgerActor,
  event: { action: string; orgPath: string; query: object; rowCount: number; textKeys?: readonly string[] },
): Promise<void> {
  await inTransaction(deps.db, (trx) =>
    appendLedgerEvent(
      trx,
      actor,
      { action: event.action, objectType: 'export', objectId: uuidv7(), orgPath: event.orgPath, payload: { filters: recordedListFilters(deps.cipher, event.query, event.textKeys), rowCount: event.rowCount, format: 'xlsx' } },
      deps.clock.now(),
    ),
  );
}
