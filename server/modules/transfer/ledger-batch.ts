/**
 * Appends many ledger events in one go, inside the caller's transaction: the head is read once under the
 * ledger lock, leaf and chain hashes are computed in memory exactly as `appendLedgerEvent` computes them
 * (the ledger's exported `leafHash` / `chainHash` / `canonicalJson`), and the rows are inserted in chunks.
 *
 * Why: a 20,000-row import writes 20,001 events; one `appendLedgerEvent` per event costs two round trips each
 * (about 6 s on SQLite and 20 s on PostgreSQL), this costs 40 multi-row inserts. The result is byte-for-byte
 * what the same events appended one by one would give; the transfer tests run `verifyLedgerChain` after every
 * import. This belongs in platform/ledger (`appendLedgerEvents`) and should move there.
 */
import type { Kysely } from 'kysely';
import { lockForLedgerAppend } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { canonicalJson, chainHash, GENESIS_CHAIN, leafHash, type LedgerActor, type LedgerEntry, type LedgerEventRecord } from '../../platform/ledger/index.ts';

/** Rows per INSERT: 11 columns × 500 stays far below both databases' bind-parameter limits. */
const CHUNK = 500;

/** Appends `entries` in order; returns the sequence number of the first. Must run inside the business transaction. */
export async function appendLedgerEvents(trx: Kysely<Database>, actor: LedgerActor, entries: readonly LedgerEntry[], at: Date): Promise<number> {
  if (!trx.isTransaction) throw new Error('ledger events must be appended inside the business transaction');
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
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('ledger_event').values(rows.slice(i, i + CHUNK)).execute();
  return first;
}
