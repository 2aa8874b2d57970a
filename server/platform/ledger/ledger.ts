/**
 * The tamper-evident ledger (SECURITY.md §4): every business write and every read of confidential data appends
 * one event in the SAME transaction as the change. Events are hash-chained and their leaf hashes follow RFC 6962
 * (`H(0x00 || entry)`), so Merkle proofs and signed checkpoints can be built over them.
 *
 * Payloads must never hold raw personal data: pass masked values or keyed hashes (FieldCipher.blindIndex).
 */
import { hash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { lockForLedgerAppend, preparedSql, rawDriverOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { canonicalJson } from './canonical-json.ts';

export const LEDGER_HASH = 'sha256';
export const GENESIS_CHAIN = '0'.repeat(64);

export type LedgerActor = { userId: string | null; role: string | null };

export type LedgerEntry = {
  action: string;
  objectType: string;
  objectId: string;
  /** org path of the object, so the audit viewer can be scoped too; '/' for system-wide events */
  orgPath: string;
  payload?: Record<string, unknown>;
};

export type LedgerEventRecord = {
  seq: number;
  ts: string;
  actorUserId: string | null;
  actorRole: string | null;
  orgPath: string;
  action: string;
  objectType: string;
  objectId: string;
  payload: string;
};

/** The bytes a leaf commits to: every column except the hashes, in a fixed canonical form. */
export function leafData(e: LedgerEventRecord): Buffer {
  return Buffer.from(
    canonicalJson({ v: 1, seq: e.seq, ts: e.ts, actor: e.actorUserId, role: e.actorRole, org: e.orgPath, action: e.action, otype: e.objectType, oid: e.objectId, payload: e.payload }),
    'utf8',
  );
}

/**
 * leafData as a string, built without the generic recursive key sort: the keys are written in sorted order, so one
 * JSON.stringify gives the same bytes (scan.test.ts keeps the two equal). The append and verify hot path.
 */
function leafText(e: LedgerEventRecord): string {
  return JSON.stringify({ action: e.action, actor: e.actorUserId, oid: e.objectId, org: e.orgPath, otype: e.objectType, payload: e.payload, role: e.actorRole, seq: e.seq, ts: e.ts, v: 1 });
}

export function leafHash(e: LedgerEventRecord, alg = LEDGER_HASH): string {
  return hash(alg, `\u0000${leafText(e)}`, 'hex');
}

export function chainHash(previous: string, leaf: string, alg = LEDGER_HASH): string {
  const link = Buffer.alloc(64);
  link.write(previous, 0, 'hex');
  link.write(leaf, 32, 'hex');
  return hash(alg, link, 'hex');
}

function assertTransaction(db: Kysely<Database>): asserts db is Transaction<Database> {
  if (!db.isTransaction) throw new Error('ledger events must be appended inside the business transaction');
}

/** Rows per INSERT: 11 columns × 500 stays far below both databases' bind-parameter limits. */
const APPEND_CHUNK = 500;

const COLUMNS = ['seq', 'ts', 'actor_user_id', 'actor_role', 'org_path', 'action', 'object_type', 'object_id', 'payload', 'leaf_hash', 'chain_hash'] as const;
type EventRow = [number, string, string | null, string | null, string, string, string, string, string, string, string];

const HEAD_SQL = 'select seq, chain_hash from ledger_event order by seq desc limit 1';
const insertSql = (rows: number, placeholder: (i: number) => string): string => {
  let n = 0;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${COLUMNS.map(() => placeholder(++n)).join(', ')})`);
  return `insert into ledger_event (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
};

/** `insert … select … from (values …)`, typed by casts on the first row, for a WHERE guard (PostgreSQL). */
const conditionalInsertSql = (rows: number): string => {
  let n = 0;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${COLUMNS.map((c) => `$${++n}${r === 0 ? (c === 'seq' ? '::bigint' : '::text') : ''}`).join(', ')})`);
  return `insert into ledger_event (${COLUMNS.join(', ')}) select * from (values ${tuples.join(', ')}) as v (${COLUMNS.join(', ')})`;
};

/**
 * The two statements of an append, prepared once per SQLite connection (better-sqlite3, run on the connection the
 * Kysely transaction holds: same transaction, no query building per event).
 */
const sqliteStatements = new WeakMap<BetterSqlite3.Database, { head: BetterSqlite3.Statement; insertOne: BetterSqlite3.Statement }>();

function sqliteStatementsOf(database: BetterSqlite3.Database) {
  let s = sqliteStatements.get(database);
  if (!s) {
    s = { head: database.prepare(HEAD_SQL).raw(true), insertOne: database.prepare(insertSql(1, () => '?')) };
    sqliteStatements.set(database, s);
  }
  return s;
}

type Store = {
  head(): Promise<[number, string] | undefined>;
  insert(rows: EventRow[]): Promise<void>;
  /**
   * PostgreSQL: insert `rows` only if the head is still `after` (seq and chain hash; [0, genesis] = empty log), in the
   * same statement; false when it is not (another process appended, or the transaction that set the hint rolled back).
   */
  insertAfter?(after: [number, string], rows: EventRow[]): Promise<boolean>;
};

/**
 * PostgreSQL head hints, per Kysely instance (its adapter): the head this process last appended. Under the advisory
 * lock an append then needs two round trips (lock; conditional insert) instead of three (lock; head; insert). The hint
 * is only a guess: the insert checks it against the table in the same statement and falls back to reading the head.
 */
const postgresHeadHints = new WeakMap<object, [number, string]>();

/** Reads the head and inserts rows inside `trx`: raw prepared statements on SQLite, pre-built SQL on PostgreSQL. */
function storeOf(trx: Transaction<Database>): Store {
  const raw = rawDriverOf(trx);
  if (raw?.name === 'sqlite') {
    const stmts = sqliteStatementsOf(raw.database);
    return {
      head: async () => {
        const row = stmts.head.get() as [number | bigint, string] | undefined;
        return row ? [Number(row[0]), row[1]] : undefined;
      },
      insert: async (rows) => {
        if (rows.length === 1) stmts.insertOne.run(rows[0]!);
        else raw.database.prepare(insertSql(rows.length, () => '?')).run(rows.flat());
      },
    };
  }
  const dollar = (i: number) => `$${i}`;
  return {
    head: async () => {
      const r = await trx.executeQuery<{ seq: number | string; chain_hash: string }>(CompiledQuery.raw(HEAD_SQL, []));
      const row = r.rows[0];
      return row ? [Number(row.seq), row.chain_hash] : undefined;
    },
    insert: async (rows) => {
      await trx.executeQuery(CompiledQuery.raw(insertSql(rows.length, dollar), rows.flat()));
    },
    insertAfter: async ([seq, chain], rows) => {
      const n = rows.length * COLUMNS.length;
      const guard =
        seq === 0
          ? `not exists (select 1 from ledger_event)`
          : `exists (select 1 from ledger_event where seq = $${n + 1} and chain_hash = $${n + 2}) and not exists (select 1 from ledger_event where seq > $${n + 1})`;
      const text = `${conditionalInsertSql(rows.length)} where ${guard}`;
      // the one-event append (every business write) as a prepared statement: parsed and planned once per connection
      const r = await trx.executeQuery(CompiledQuery.raw(rows.length === 1 ? preparedSql(seq === 0 ? 'ledger_first' : 'ledger_append', text) : text, seq === 0 ? rows.flat() : [...rows.flat(), seq, chain]));
      return Number(r.numAffectedRows ?? 0) === rows.length;
    },
  };
}

/** Appends one event and returns its sequence number. Must run inside the caller's transaction. */
export async function appendLedgerEvent(trx: Kysely<Database>, actor: LedgerActor, entry: LedgerEntry, at: Date): Promise<number> {
  return appendLedgerEvents(trx, actor, [entry], at);
}

/**
 * Appends `entries` in order under the ledger lock and returns the sequence number of the first. The head is read
 * once and the hashes are computed in memory, 500 rows at a time (so a 20,000-row import writes its events in 40
 * statements and never holds all of them as rows); the result is byte-for-byte what appending them one by one
 * gives. Must run inside the caller's transaction.
 */
export async function appendLedgerEvents(trx: Kysely<Database>, actor: LedgerActor, entries: readonly LedgerEntry[], at: Date): Promise<number> {
  assertTransaction(trx);
  await lockForLedgerAppend(trx);
  const store = storeOf(trx);
  const hintKey = trx.getExecutor().adapter;
  const ts = at.toISOString();
  const hint = store.insertAfter && entries.length <= APPEND_CHUNK ? postgresHeadHints.get(hintKey) : undefined;
  if (hint && entries.length > 0) {
    // Two round trips: the rows computed on the hinted head, inserted only if it is still the head.
    const rows = eventRows(linkAfter(hint[1]), hint[0] + 1, ts, actor, entries);
    if (await store.insertAfter!(hint, rows)) {
      const end = rows[rows.length - 1]!;
      postgresHeadHints.set(hintKey, [end[0], end[10]]);
      return hint[0] + 1;
    }
    postgresHeadHints.delete(hintKey);
  }
  const last = await store.head();
  const first = last ? last[0] + 1 : 1;
  const link = linkAfter(last?.[1] ?? GENESIS_CHAIN);
  let end: [number, string] = last ?? [0, GENESIS_CHAIN];
  for (let i = 0; i < entries.length; i += APPEND_CHUNK) {
    const rows = eventRows(link, first + i, ts, actor, entries.slice(i, i + APPEND_CHUNK));
    await store.insert(rows);
    const lastRow = rows[rows.length - 1]!;
    end = [lastRow[0], lastRow[10]];
  }
  if (store.insertAfter) postgresHeadHints.set(hintKey, end);
  return first;
}

/** The 64-byte chain link buffer (head ‖ leaf) with `head` in its first half. */
function linkAfter(head: string): Buffer {
  const link = Buffer.alloc(64);
  link.write(head, 0, 'hex');
  return link;
}

/** The ledger rows of `entries` from seq `firstSeq` on, chained through `link` (which ends holding the new head). */
function eventRows(link: Buffer, firstSeq: number, ts: string, actor: LedgerActor, entries: readonly LedgerEntry[]): EventRow[] {
  return entries.map((entry, j): EventRow => {
    const record: LedgerEventRecord = {
      seq: firstSeq + j,
      ts,
      actorUserId: actor.userId,
      actorRole: actor.role,
      orgPath: entry.orgPath,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      payload: canonicalJson(entry.payload ?? {}),
    };
    const leaf = hash(LEDGER_HASH, `\u0000${leafText(record)}`, 'hex');
    link.write(leaf, 32, 'hex');
    const chain = hash(LEDGER_HASH, link, 'hex');
    link.write(chain, 0, 'hex');
    return [record.seq, ts, record.actorUserId, record.actorRole, record.orgPath, record.action, record.objectType, record.objectId, record.payload, leaf, chain];
  });
}

export type ChainCheck = { ok: true; size: number; head: string } | { ok: false; size: number; problem: string; seq: number };

/** Linear check of sequence, leaf hashes and chain (the full verifier with checkpoints comes with the ledger module). */
export async function verifyLedgerChain(db: Kysely<Database>): Promise<ChainCheck> {
  let previous = GENESIS_CHAIN;
  let expected = 1;
  const batch = 5000;
  for (;;) {
    const rows = await db.selectFrom('ledger_event').selectAll().where('seq', '>=', expected).orderBy('seq').limit(batch).execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expected) return { ok: false, size: expected - 1, problem: `sequence gap: expected ${expected}, found ${seq}`, seq };
      const record: LedgerEventRecord = { seq, ts: r.ts, actorUserId: r.actor_user_id, actorRole: r.actor_role, orgPath: r.org_path, action: r.action, objectType: r.object_type, objectId: r.object_id, payload: r.payload };
      const leaf = leafHash(record);
      if (leaf !== r.leaf_hash) return { ok: false, size: seq, problem: `leaf hash mismatch at seq ${seq}`, seq };
      const chain = chainHash(previous, leaf);
      if (chain !== r.chain_hash) return { ok: false, size: seq, problem: `chain hash mismatch at seq ${seq}`, seq };
      previous = chain;
      expected++;
    }
    if (rows.length < batch) return { ok: true, size: expected - 1, head: previous };
  }
}
