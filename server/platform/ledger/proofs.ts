/**
 * RFC 6962 proofs over the stored ledger, as self-contained JSON documents a third party can check with hashes
 * alone (`verifyInclusion` / `verifyConsistency` of merkle.ts, or `bellwether ledger check-proof FILE`):
 * - inclusion: "event seq S is leaf S-1 of the tree of size N whose root is in the signed checkpoint";
 * - consistency: "the tree of size M is a prefix of the tree of size N" (nothing before M was rewritten).
 * Proof elements are subtree hashes of disjoint leaf ranges, each streamed from the database (one pass in total).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { checkpointAt, checkpointSignatureValid, exportCheckpoint, latestCheckpoint, parseExportedCheckpoint, type Checkpoint, type ExportedCheckpoint } from './checkpoint.ts';
import { leafHash, type LedgerEventRecord } from './ledger.ts';
import { consistencyProofRanges, hashSize, inclusionProofRanges, isHashAlg, MerkleAccumulator, rootFromInclusionProof, verifyConsistency, verifyInclusion, type HashAlg, type LeafRange } from './merkle.ts';
import { DEFAULT_BATCH_SIZE, LEDGER_ALG, readOnlyView, recordOf } from './scan.ts';
import { loadPublicKey } from './signing-key.ts';

export const INCLUSION_PROOF_TYPE = 'bellwether.ledger.inclusion-proof.v1';
export const CONSISTENCY_PROOF_TYPE = 'bellwether.ledger.consistency-proof.v1';

export type InclusionProofDocument = {
  type: typeof INCLUSION_PROOF_TYPE;
  alg: HashAlg;
  seq: number;
  /** seq - 1 */
  leafIndex: number;
  treeSize: number;
  /** base64 H(0x00 || leaf data); the leaf data is the canonical JSON of `event` (see ledger.ts leafData) */
  leafHash: string;
  /** base64 hashes, bottom-up (RFC 9162 §2.1.3.1) */
  auditPath: string[];
  root: string;
  /** The event's columns, so the leaf hash can be recomputed. Payloads hold masked values or keyed hashes only. */
  event: LedgerEventRecord;
  /** The signed checkpoint at treeSize, when one is stored. */
  checkpoint: ExportedCheckpoint | null;
};

export type ConsistencyProofDocument = {
  type: typeof CONSISTENCY_PROOF_TYPE;
  alg: HashAlg;
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
  checkpoint1: ExportedCheckpoint | null;
  checkpoint2: ExportedCheckpoint | null;
};

async function currentSize(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('ledger_event').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return head ? Number(head.seq) : 0;
}

/**
 * Streams the stored leaf hashes of seq start+1 … end once and returns the subtree hash of each requested range and
 * the tree roots at the requested sizes. Ranges must be disjoint; a missing seq is an error.
 */
async function hashesFromDb(db: Kysely<Database>, ranges: readonly LeafRange[], rootSizes: readonly number[], alg: HashAlg): Promise<{ ranges: Buffer[]; roots: Map<number, Buffer> }> {
  const end = Math.max(0, ...ranges.map((r) => r[1]), ...rootSizes);
  const byStart = [...ranges.entries()].sort((a, b) => a[1][0] - b[1][0]);
  const rangeHashes: Buffer[] = new Array<Buffer>(ranges.length);
  const roots = new Map<number, Buffer>();
  const whole = new MerkleAccumulator(alg);
  let part: { index: number; range: LeafRange; acc: MerkleAccumulator } | null = null;
  let next = 0;
  const wanted = new Set(rootSizes);
  if (wanted.has(0)) roots.set(0, whole.root());
  let after = 0;
  while (after < end) {
    const rows = await db.selectFrom('ledger_event').select(['seq', 'leaf_hash']).where('seq', '>', after).where('seq', '<=', end).orderBy('seq').limit(DEFAULT_BATCH_SIZE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== after + 1) throw new Error(`sequence gap: seq ${after + 1} is missing`);
      const leaf = Buffer.from(row.leaf_hash, 'hex');
      const index = seq - 1;
      if (!part && next < byStart.length && byStart[next]![1][0] === index) {
        const [i, range] = byStart[next++]!;
        part = { index: i, range, acc: new MerkleAccumulator(alg) };
      }
      if (part) {
        part.acc.push(leaf);
        if (index + 1 === part.range[1]) {
          rangeHashes[part.index] = part.acc.root();
          part = null;
        }
      }
      whole.push(leaf);
      if (wanted.has(seq)) roots.set(seq, whole.root());
      after = seq;
    }
  }
  if (after < end) throw new Error(`the ledger has ${after} events, ${end} needed`);
  return { ranges: rangeHashes, roots };
}

/** Inclusion proof for event `seq` in the tree of `size` events (default: the latest stored checkpoint covering it, else the current size). */
export async function proveInclusion(db: Kysely<Database>, seq: number, options: { size?: number; alg?: HashAlg } = {}): Promise<InclusionProofDocument> {
  const alg = options.alg ?? LEDGER_ALG;
  return readOnlyView(db, async (view) => {
    const current = await currentSize(view);
    if (!Number.isSafeInteger(seq) || seq < 1 || seq > current) throw new Error(`no event with seq ${seq} (the ledger has ${current})`);
    let checkpoint: Checkpoint | null;
    let size: number;
    if (options.size !== undefined) {
      size = options.size;
      if (!Number.isSafeInteger(size) || size < seq || size > current) throw new Error(`tree size must be between ${seq} and ${current}`);
      checkpoint = await checkpointAt(view, size);
    } else {
      checkpoint = await latestCheckpoint(view, { atLeast: seq });
      size = checkpoint?.treeSize ?? current;
    }
    const row = await view.selectFrom('ledger_event').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const event = recordOf(row);
    const leafHex = leafHash(event, alg);
    if (leafHex !== row.leaf_hash) throw new Error(`leaf hash mismatch at seq ${seq}`);
    const leaf = Buffer.from(leafHex, 'hex');
    const { ranges } = await hashesFromDb(view, inclusionProofRanges(seq - 1, size), [], alg);
    const computed = rootFromInclusionProof({ leafIndex: seq - 1, treeSize: size, leafHash: leaf, proof: ranges, alg });
    if (!computed.ok) throw new Error(computed.error);
    if (checkpoint && !checkpoint.root.equals(computed.root)) throw new Error(`root mismatch at tree size ${size} (history rewritten): the database does not match its signed checkpoint`);
    return {
      type: INCLUSION_PROOF_TYPE,
      alg,
      seq,
      leafIndex: seq - 1,
      treeSize: size,
      leafHash: leaf.toString('base64'),
      auditPath: ranges.map((h) => h.toString('base64')),
      root: computed.root.toString('base64'),
      event,
      checkpoint: checkpoint ? exportCheckpoint(checkpoint) : null,
    };
  });
}

/** Consistency proof from the tree of `size1` events to the tree of `size2` (default: current size). */
export async function proveConsistency(db: Kysely<Database>, size1: number, size2?: number, options: { alg?: HashAlg } = {}): Promise<ConsistencyProofDocument> {
  const alg = options.alg ?? LEDGER_ALG;
  return readOnlyView(db, async (view) => {
    const current = await currentSize(view);
    const to = size2 ?? current;
    if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(to) || size1 < 1 || size1 > to || to > current) throw new Error(`sizes must satisfy 1 ≤ ${size1} ≤ ${to} ≤ ${current}`);
    const { ranges, roots } = await hashesFromDb(view, consistencyProofRanges(size1, to), [size1, to], alg);
    const root1 = roots.get(size1)!;
    const root2 = roots.get(to)!;
    const [checkpoint1, checkpoint2] = [await checkpointAt(view, size1), await checkpointAt(view, to)];
    for (const [cp, root] of [[checkpoint1, root1], [checkpoint2, root2]] as const) {
      if (cp && !cp.root.equals(root)) throw new Error(`root mismatch at tree size ${cp.treeSize} (history rewritten): the database does not match its signed checkpoint`);
    }
    return {
      type: CONSISTENCY_PROOF_TYPE,
      alg,
      size1,
      size2: to,
      root1: root1.toString('base64'),
      root2: root2.toString('base64'),
      proof: ranges.map((h) => h.toString('base64')),
      checkpoint1: checkpoint1 ? exportCheckpoint(checkpoint1) : null,
      checkpoint2: checkpoint2 ? exportCheckpoint(checkpoint2) : null,
    };
  });
}

export type ProofDocumentCheck = { ok: true; summary: string; notes: string[] } | { ok: false; error: string };

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function b64(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !B64.test(value)) throw new Error(`${field} is not base64`);
  return Buffer.from(value, 'base64');
}

function b64List(value: unknown, field: string): Buffer[] {
  if (!Array.isArray(value)) throw new Error(`${field} is not a list`);
  return value.map((v, i) => b64(v, `${field}[${i}]`));
}

function checkCheckpoint(value: unknown, label: string, treeSize: number, root: Buffer, alg: HashAlg, publicKeyPem: string | undefined, notes: string[]): void {
  if (value === null || value === undefined) {
    notes.push(`no signed checkpoint at tree size ${treeSize} in the proof: compare root ${root.toString('base64')} with a checkpoint you hold`);
    return;
  }
  const cp = parseExportedCheckpoint(value);
  if (cp.treeSize !== treeSize || cp.alg !== alg) throw new Error(`${label} is for tree size ${cp.treeSize} (${cp.alg}), the proof for ${treeSize} (${alg})`);
  if (!cp.root.equals(root)) throw new Error(`${label} root differs from the proof's root`);
  if (publicKeyPem === undefined) {
    notes.push(`${label} signature not checked (give --pubkey); key ${cp.keyId}`);
    return;
  }
  if (!checkpointSignatureValid(loadPublicKey(publicKeyPem), cp)) throw new Error(`bad signature on ${label} (not signed by the pinned key)`);
}

/**
 * Checks a proof document (inclusion or consistency) from its hashes alone; with `publicKeyPem` also the signature
 * of the checkpoint it refers to. No database involved.
 */
export function checkProofDocument(doc: unknown, options: { publicKeyPem?: string } = {}): ProofDocumentCheck {
  try {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a JSON object');
    const d = doc as Record<string, unknown>;
    const alg = d.alg;
    if (!isHashAlg(alg)) throw new Error(`unsupported hash algorithm ${JSON.stringify(alg)}`);
    const notes: string[] = [];
    if (d.type === INCLUSION_PROOF_TYPE) {
      const { seq, leafIndex, treeSize } = d;
      if (typeof seq !== 'number' || typeof leafIndex !== 'number' || typeof treeSize !== 'number' || leafIndex !== seq - 1) throw new Error('seq, leafIndex and treeSize must be numbers with leafIndex = seq - 1');
      const leaf = b64(d.leafHash, 'leafHash');
      const root = b64(d.root, 'root');
      const check = verifyInclusion({ leafIndex, treeSize, leafHash: leaf, proof: b64List(d.auditPath, 'auditPath'), root, alg });
      if (!check.ok) throw new Error(`inclusion proof does not verify: ${check.error}`);
      if (d.event !== undefined && d.event !== null) {
        const event = d.event as LedgerEventRecord;
        if (event.seq !== seq) throw new Error('event.seq differs from seq');
        if (leafHash(event, alg) !== leaf.toString('hex')) throw new Error('the event does not hash to leafHash');
      } else {
        notes.push('no event in the proof: the leaf hash was not recomputed');
      }
      checkCheckpoint(d.checkpoint, 'checkpoint', treeSize, root, alg, options.publicKeyPem, notes);
      return { ok: true, summary: `event seq ${seq} is in the ledger tree of size ${treeSize} with root ${root.toString('hex')}`, notes };
    }
    if (d.type === CONSISTENCY_PROOF_TYPE) {
      const { size1, size2 } = d;
      if (typeof size1 !== 'number' || typeof size2 !== 'number') throw new Error('size1 and size2 must be numbers');
      const root1 = b64(d.root1, 'root1');
      const root2 = b64(d.root2, 'root2');
      if (root1.length !== hashSize(alg) || root2.length !== hashSize(alg)) throw new Error(`roots must have ${hashSize(alg)} bytes`);
      const check = verifyConsistency({ size1, size2, root1, root2, proof: b64List(d.proof, 'proof'), alg });
      if (!check.ok) throw new Error(`consistency proof does not verify: ${check.error}`);
      checkCheckpoint(d.checkpoint1, 'checkpoint1', size1, root1, alg, options.publicKeyPem, notes);
      checkCheckpoint(d.checkpoint2, 'checkpoint2', size2, root2, alg, options.publicKeyPem, notes);
      return { ok: true, summary: `the ledger tree of size ${size1} is a prefix of the tree of size ${size2}`, notes };
    }
    throw new Error(`unknown proof type ${JSON.stringify(d.type)}`);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
