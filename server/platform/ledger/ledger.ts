/**
 * The tamper-evident ledger (SECURITY.md §4): every business write and every read of confidential data appends
 * one event in the SAME transaction as the change. Events are hash-chained and their leaf hashes follow RFC 6962
 * (`H(0x00 || entry)`), so Merkle proofs and signed checkpoints can be built over them.
 *
 * Payloads must never hold raw personal data: pass masked values or keyed hashes (FieldCipher.blindIndex).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { lockForLedgerAppend } from '../../db/dialect.ts';
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

export function leafHash(e: LedgerEventRecord, alg = LEDGER_HASH): string {
  return createHash(alg).update(Buffer.from([0])).update(leafData(e)).digest('hex');
}

export function chainHash(previous: string, leaf: string, alg = LEDGER_HASH): string {
  return createHash(alg).update(Buffer.from(previous, 'hex')).update(Buffer.from(leaf, 'hex')).digest('hex');
}

function assertTransaction(db: Kysely<Database>): asserts db is Transaction<Database> {
  if (!db.isTransaction) throw new Error('ledger events must be appended inside the business transaction');
}

/** Rows per INSERT: 11 columns × 500 stays far below both databases' bind-parameter limits. */
const APPEND_CHUNK = 500;

/** Appends one event and returns its sequence number. Must run inside the caller's transaction. */
export async function appendLedgerEvent(trx: Kysely<Database>, actor: LedgerActor, entry: LedgerEntry, at: Date): Promise<number> {
  return appendLedgerEvents(trx, actor, [entry], at);
}

/**
 * Appends `entries` in order under the ledger lock and returns the sequence number of the first. The head is read
 * once and the hashes are computed in memory, so a 20,000-row import writes its events in 40 statements; the result
 * is byte-for-byte what appending them one by one gives. Must run inside the caller's transaction.
 */
export async function appendLedgerEvents(trx: Kysely<Database>, actor: LedgerActor, entries: readonly LedgerEntry[], at: Date): Promise<number> {
  assertTransaction(trx);
  await lockForLedgerAppend(trx);
  const last = await trx.selectFrom('ledger_event').select(['seq', 'chain_hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const first = last ? Number(last.seq) + 1 : 1;
  let previous = last?.chain_hash ?? GENESIS_CHAIN;
  const ts = at.toISOString();
  const rows = entries.map((entry, i) => {
    const record: LedgerEventRecord = {
      seq: first + i,
      ts,
      actorUserId: actor.userId,
      actorRole: actor.role,
      orgPath: entry.orgPath,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      payload: canonicalJson(entry.payload ?? {}),
    };
    const leaf = leafHash(record);
    previous = chainHash(previous, leaf);
    return {
      seq: record.seq,
      ts: record.ts,
      actor_user_id: record.actorUserId,
      actor_role: record.actorRole,
      org_path: record.orgPath,
      action: record.action,
      object_type: record.objectType,
      object_id: record.objectId,
      payload: record.payload,
      leaf_hash: leaf,
      chain_hash: previous,
    };
  });
  for (let i = 0; i < rows.length; i += APPEND_CHUNK) await trx.insertInto('ledger_event').values(rows.slice(i, i + APPEND_CHUNK)).execute();
  return first;
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
