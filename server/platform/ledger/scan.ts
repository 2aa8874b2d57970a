/**
 * Streaming pass over ledger_event in seq order (keyset batches, never all rows at once): recomputes every leaf hash
 * from the columns, the hash chain and the Merkle tree (O(log n) memory). Shared by the verifier and by checkpoint
 * creation, which refuses to sign a log that does not check out.
 */
import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { withReadOnlySnapshot } from '../../db/dialect.ts';
import type { Database, LedgerEventTable } from '../../db/schema.ts';
import { GENESIS_CHAIN, LEDGER_HASH, type LedgerEventRecord } from './ledger.ts';
import { hashSize, MerkleAccumulator, type HashAlg } from './merkle.ts';
import type { EventTuple } from './event-reader.ts';

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
 * State of a pass: the next expected seq, the chain head and the Merkle accumulator. `check(row)` (row objects) and
 * `checkTuple(t)` (the bulk reader's arrays) return the first problem with that row or null. After a problem the
 * state is no longer meaningful.
 *
 * Per event: one JSON.stringify of the leaf object, H(0x00 ‖ leaf bytes) compared as hex with the stored leaf hash,
 * H(chain head ‖ leaf) compared as hex with the stored chain hash, one Merkle push. Digests are taken as strings (on
 * Node 20 a Buffer digest costs more than hashing the 64 bytes) and decoded into preallocated buffers.
 */
export class LedgerScanner {
  readonly alg: HashAlg;
  readonly tree: MerkleAccumulator;
  chainHead = GENESIS_CHAIN;
  readonly #hs: number;
  /** chain head || leaf hash (the chain hash input); the head half always holds this.chainHead */
  readonly #link: Buffer;

  /** Events before this scanner's first one (a range pass of the parallel verifier starts after seq `offset`). */
  readonly offset: number;

  /**
   * `from` (parallel verifier): continue after seq `offset` whose stored chain hash is `chainHead`; the Merkle
   * accumulator then holds only this range's leaves (MTH of D[offset:…]).
   */
  constructor(alg: HashAlg = LEDGER_ALG, from: { offset: number; chainHead: string } = { offset: 0, chainHead: GENESIS_CHAIN }) {
    this.alg = alg;
    this.tree = new MerkleAccumulator(alg);
    this.offset = from.offset;
    this.chainHead = from.chainHead;
    this.#hs = hashSize(alg);
    this.#link = Buffer.alloc(2 * this.#hs);
    this.#link.write(this.chainHead, 0, 'hex');
  }

  /** Number of events checked so far by this scanner (= the tree size when it started at the beginning). */
  get size(): number {
    return this.tree.size;
  }

  check(row: EventColumns): { problem: string; seq: number } | null {
    return this.checkTuple([Number(row.seq), row.ts, row.actor_user_id, row.actor_role, row.org_path, row.action, row.object_type, row.object_id, row.payload, row.leaf_hash, row.chain_hash]);
  }

  checkTuple(t: EventTuple): { problem: string; seq: number } | null {
    const seq = Number(t[0]);
    const expected = this.offset + this.tree.size + 1;
    if (seq !== expected) {
      return seq > expected
        ? { problem: `sequence gap: seq ${expected} is missing (next is ${seq})`, seq: expected }
        : { problem: `sequence out of order at seq ${seq} (expected ${expected})`, seq };
    }
    // The canonical JSON of ledger.ts leafData: keys already in sorted order (see leafJson).
    const json = JSON.stringify({ action: t[5], actor: t[2], oid: t[7], org: t[4], otype: t[6], payload: t[8], role: t[3], seq, ts: t[1], v: 1 });
    const leaf = hash(this.alg, `\u0000${json}`, 'hex');
    if (leaf !== t[9]) return { problem: `leaf hash mismatch at seq ${seq}`, seq };
    const link = this.#link;
    link.write(leaf, this.#hs, 'hex');
    const chain = hash(this.alg, link, 'hex');
    if (chain !== t[10]) return { problem: `chain hash mismatch at seq ${seq}`, seq };
    link.write(chain, 0, 'hex');
    this.chainHead = chain;
    this.tree.pushHex(leaf);
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
 * Runs `fn` on a stable view of the database (server/db/dialect.ts withReadOnlySnapshot). PostgreSQL: a READ ONLY,
 * REPEATABLE READ transaction on one client (one snapshot, the server refuses writes; the bulk reader uses that client
 * directly). SQLite: the connection itself (the CLI opens the file read-only; rows up to the size read are immutable,
 * so appends by a live server only make the log longer).
 */
export async function readOnlyView<T>(db: Kysely<Database>, fn: (view: Kysely<Database>) => Promise<T>): Promise<T> {
  return withReadOnlySnapshot(db, (view) => fn(view as Kysely<Database>));
}
