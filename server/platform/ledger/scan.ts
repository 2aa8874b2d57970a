/**
 * Streaming pass over ledger_event in seq order (keyset batches, never all rows at once): recomputes every leaf hash
 * from the columns, the hash chain and the Merkle tree (O(log n) memory). Shared by the verifier and by checkpoint
 * creation, which refuses to sign a log that does not check out.
 */
import { hash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { Database, LedgerEventTable } from '../../db/schema.ts';
import { GENESIS_CHAIN, LEDGER_HASH, type LedgerEventRecord } from './ledger.ts';
import { hashSize, MerkleAccumulator, type HashAlg } from './merkle.ts';

/** The ledger's hash algorithm (leaf, chain and tree). Checkpoints record it in their `alg` field. */
export const LEDGER_ALG: HashAlg = LEDGER_HASH;
export const DEFAULT_BATCH_SIZE = 2000;

export type LedgerCheckpointTable = {
  tree_size: number;
  alg: string;
  /** hex, like ledger_event's hash columns */
  root: string;
  chain_head: string;
  ts: string;
  /** fingerprint of the signing public key (SHA256:base64) */
  key_id: string;
  /** base64 Ed25519 signature over the canonical checkpoint body */
  signature: string;
};

/** The database with the ledger_checkpoint table (created by migration 2026-11-26T09-00). */
export type LedgerDatabase = Database & { ledger_checkpoint: LedgerCheckpointTable };

export function ledgerDb(db: Kysely<Database>): Kysely<LedgerDatabase> {
  return db as unknown as Kysely<LedgerDatabase>;
}

type EventColumns = Pick<LedgerEventTable, 'seq' | 'ts' | 'actor_user_id' | 'actor_role' | 'org_path' | 'action' | 'object_type' | 'object_id' | 'payload' | 'leaf_hash' | 'chain_hash'>;

export function recordOf(r: EventColumns): LedgerEventRecord {
  return { seq: Number(r.seq), ts: r.ts, actorUserId: r.actor_user_id, actorRole: r.actor_role, orgPath: r.org_path, action: r.action, objectType: r.object_type, objectId: r.object_id, payload: r.payload };
}

/**
 * Rows with afterSeq < seq ≤ upTo, in batches, ordered by seq (primary-key range scans on both databases). The next
 * batch is requested before the current one is handed out, so on PostgreSQL the server reads while we hash.
 */
export async function* eventBatches(db: Kysely<Database>, options: { afterSeq?: number; upTo?: number; batchSize?: number } = {}): AsyncGenerator<EventColumns[]> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const fetch = (after: number) => {
    let q = db
      .selectFrom('ledger_event')
      .select(['seq', 'ts', 'actor_user_id', 'actor_role', 'org_path', 'action', 'object_type', 'object_id', 'payload', 'leaf_hash', 'chain_hash'])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize);
    if (options.upTo !== undefined) q = q.where('seq', '<=', options.upTo);
    const p = q.execute();
    p.catch(() => undefined); // a prefetch abandoned by an early return must not become an unhandled rejection
    return p;
  };
  let pending: Promise<EventColumns[]> | null = fetch(options.afterSeq ?? 0);
  while (pending) {
    const rows: EventColumns[] = await pending;
    pending = rows.length === batchSize ? fetch(Number(rows[rows.length - 1]!.seq)) : null;
    if (rows.length > 0) yield rows;
  }
}

/**
 * State of a pass: the next expected seq, the chain head and the Merkle accumulator. `check(row)` returns the first
 * problem with that row or null. After a problem the state is no longer meaningful.
 */
export class LedgerScanner {
  readonly alg: HashAlg;
  readonly tree: MerkleAccumulator;
  chainHead = GENESIS_CHAIN;
  /** previous chain hash || leaf hash */
  #link: Buffer;

  constructor(alg: HashAlg = LEDGER_ALG) {
    this.alg = alg;
    this.tree = new MerkleAccumulator(alg);
    this.#link = Buffer.alloc(2 * hashSize(alg));
  }

  /** Number of events checked so far (= the tree size). */
  get size(): number {
    return this.tree.size;
  }

  check(row: EventColumns): { problem: string; seq: number } | null {
    const seq = Number(row.seq);
    const expected = this.tree.size + 1;
    if (seq !== expected) {
      return seq > expected
        ? { problem: `sequence gap: seq ${expected} is missing (next is ${seq})`, seq: expected }
        : { problem: `sequence out of order at seq ${seq} (expected ${expected})`, seq };
    }
    const leaf = hash(this.alg, `\u0000${leafJson(row)}`, 'buffer');
    if (leaf.toString('hex') !== row.leaf_hash) return { problem: `leaf hash mismatch at seq ${seq}`, seq };
    this.#link.write(this.chainHead, 0, 'hex');
    this.#link.set(leaf, this.#link.length - leaf.length);
    const chain = hash(this.alg, this.#link, 'hex');
    if (chain !== row.chain_hash) return { problem: `chain hash mismatch at seq ${seq}`, seq };
    this.chainHead = chain;
    this.tree.push(leaf);
    return null;
  }
}

/**
 * The canonical JSON of ledger.ts `leafData` (the leaf hash definition), built without the generic recursive key
 * sort: an object literal whose keys are already in sorted order gives the same bytes from one JSON.stringify
 * (undefined values are dropped by both). scan.test.ts keeps the two equal; this is the verifier's hot path.
 */
export function leafJson(r: EventColumns): string {
  return JSON.stringify({ action: r.action, actor: r.actor_user_id, oid: r.object_id, org: r.org_path, otype: r.object_type, payload: r.payload, role: r.actor_role, seq: Number(r.seq), ts: r.ts, v: 1 });
}

/**
 * Runs `fn` on a stable view of the database. PostgreSQL: a READ ONLY, REPEATABLE READ transaction (one snapshot,
 * and the server refuses writes). SQLite: the connection itself (the CLI opens the file read-only; rows up to the
 * size read are immutable, so appends by a live server only make the log longer).
 */
export async function readOnlyView<T>(db: Kysely<Database>, fn: (view: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction || dialectOf(db) !== 'postgres') return fn(db);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx: Transaction<Database>) => fn(trx));
}
