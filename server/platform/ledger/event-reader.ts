/**
 * The verifier's bulk reader: ledger_event rows in seq order as arrays (no per-row objects, no query builder), in
 * keyset batches. The one place in the ledger that reads through the raw driver (server/db/dialect.ts rawDriverOf):
 *   - SQLite: a cached better-sqlite3 statement in raw mode, one synchronous `all()` per batch (never an open
 *     iterator across an await: the connection is shared with the app);
 *   - PostgreSQL: only on the single client of a withReadOnlySnapshot view (same snapshot as every other read of the
 *     verification), `rowMode: 'array'`, named prepared statement, the next batch requested before the current one
 *     is handed out so the server reads while we hash;
 *   - anything else (a Kysely transaction on PostgreSQL, another dialect): the query builder, rows turned into arrays.
 */
import type { Kysely } from 'kysely';
import { rawDriverOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';

/** seq, ts, actor_user_id, actor_role, org_path, action, object_type, object_id, payload, leaf_hash, chain_hash */
export type EventTuple = [seq: number, ts: string, actor: string | null, role: string | null, org: string, action: string, otype: string, oid: string, payload: string, leaf: string, chain: string];

export const EVENT_COLUMNS = ['seq', 'ts', 'actor_user_id', 'actor_role', 'org_path', 'action', 'object_type', 'object_id', 'payload', 'leaf_hash', 'chain_hash'] as const;

export const READER_BATCH_SIZE = 10_000;

export type ReadRange = { afterSeq?: number; upTo?: number; batchSize?: number };

const SELECT = `select ${EVENT_COLUMNS.join(', ')} from ledger_event where seq > ? and seq <= ? order by seq limit ?`;
const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export async function* eventTuples(db: Kysely<Database>, range: ReadRange = {}): AsyncGenerator<EventTuple[]> {
  const batchSize = range.batchSize ?? READER_BATCH_SIZE;
  const upTo = range.upTo ?? MAX_SEQ;
  let after = range.afterSeq ?? 0;
  const raw = rawDriverOf(db);

  if (raw?.name === 'sqlite') {
    const stmt = raw.database.prepare(SELECT).raw(true);
    for (;;) {
      const rows = stmt.all(after, upTo, batchSize) as EventTuple[];
      if (rows.length > 0) {
        after = rows[rows.length - 1]![0];
        yield rows;
      }
      if (rows.length < batchSize) return;
    }
  }

  if (raw?.name === 'postgres-snapshot') {
    const client = raw.client;
    let n = 0;
    const text = SELECT.replace(/\?/g, () => `$${++n}`);
    const fetch = (from: number) => {
      const p = client.query<EventTuple>({ name: 'bellwether_ledger_scan', text, values: [from, upTo, batchSize], rowMode: 'array' }).then((r) => r.rows);
      p.catch(() => undefined); // a prefetch abandoned by an early return must not become an unhandled rejection
      return p;
    };
    let pending: Promise<EventTuple[]> | null = fetch(after);
    while (pending) {
      const rows: EventTuple[] = await pending;
      pending = rows.length === batchSize ? fetch(Number(rows[rows.length - 1]![0])) : null;
      if (rows.length > 0) yield rows;
    }
    return;
  }

  const fetch = (from: number) => {
    const p = db.selectFrom('ledger_event').select(EVENT_COLUMNS).where('seq', '>', from).where('seq', '<=', upTo).orderBy('seq').limit(batchSize).execute();
    p.catch(() => undefined);
    return p;
  };
  type Row = Awaited<ReturnType<typeof fetch>>;
  let pending: Promise<Row> | null = fetch(after);
  while (pending) {
    const rows: Row = await pending;
    pending = rows.length === batchSize ? fetch(Number(rows[rows.length - 1]!.seq)) : null;
    if (rows.length > 0) yield rows.map((r): EventTuple => [Number(r.seq), r.ts, r.actor_user_id, r.actor_role, r.org_path, r.action, r.object_type, r.object_id, r.payload, r.leaf_hash, r.chain_hash]);
  }
}
