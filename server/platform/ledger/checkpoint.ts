/**
 * Signed checkpoints (signed tree heads, SECURITY.md §4.2): `{alg, treeSize, root, chainHead, ts}` as canonical JSON
 * (hashes in base64), signed with Ed25519 by a key kept outside the database. Stored append-only in
 * `ledger_checkpoint` and exported as JSON to a party the database operator does not control (discipline office,
 * WORM store, paper). Only an exported copy defends against an insider who holds the database AND the key (T9).
 */
import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../deps.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../../db/schema.ts';
import { canonicalJson } from './canonical-json.ts';
import { isHashAlg, hashSize, type HashAlg } from './merkle.ts';
import { eventTuples } from './event-reader.ts';
import { LEDGER_ALG, LedgerScanner, ledgerDb, type LedgerCheckpointTable } from './scan.ts';
import { loadLedgerSigner, verifySignature, type LedgerSigner } from './signing-key.ts';

export const CHECKPOINT_TYPE = 'bellwether.ledger.checkpoint.v1';

/** What is signed. */
export type CheckpointBody = { alg: HashAlg; treeSize: number; root: Buffer; chainHead: Buffer; ts: string };
export type Checkpoint = CheckpointBody & { keyId: string; signature: Buffer };

/** The exported form (JSON file, QR code): base64 hashes and signature, and the public key fingerprint. */
export type ExportedCheckpoint = {
  type: typeof CHECKPOINT_TYPE;
  alg: HashAlg;
  treeSize: number;
  root: string;
  chainHead: string;
  ts: string;
  publicKeyFingerprint: string;
  signature: string;
};
/** A checkpoint held outside the database (an exported file), given to the verifier. */
export type ExternalCheckpoint = ExportedCheckpoint;

/** The exact bytes the signature covers. */
export function checkpointMessage(body: CheckpointBody): Buffer {
  return Buffer.from(canonicalJson({ alg: body.alg, treeSize: body.treeSize, root: body.root.toString('base64'), chainHead: body.chainHead.toString('base64'), ts: body.ts }), 'utf8');
}

export function signCheckpoint(signer: LedgerSigner, body: CheckpointBody): Checkpoint {
  return { ...body, keyId: signer.keyId, signature: signer.sign(checkpointMessage(body)) };
}

export function checkpointSignatureValid(publicKey: KeyObject, cp: Checkpoint): boolean {
  return verifySignature(publicKey, checkpointMessage(cp), cp.signature);
}

export function exportCheckpoint(cp: Checkpoint): ExportedCheckpoint {
  return {
    type: CHECKPOINT_TYPE,
    alg: cp.alg,
    treeSize: cp.treeSize,
    root: cp.root.toString('base64'),
    chainHead: cp.chainHead.toString('base64'),
    ts: cp.ts,
    publicKeyFingerprint: cp.keyId,
    signature: cp.signature.toString('base64'),
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9a-f]{2})*$/;

function decode(value: unknown, field: string, encoding: 'base64' | 'hex', bytes?: number): Buffer {
  if (typeof value !== 'string' || !(encoding === 'base64' ? BASE64 : HEX).test(value)) throw new Error(`malformed checkpoint: ${field} is not ${encoding}`);
  const b = Buffer.from(value, encoding);
  if (bytes !== undefined && b.length !== bytes) throw new Error(`malformed checkpoint: ${field} has ${b.length} bytes, expected ${bytes}`);
  return b;
}

function checkBody(alg: unknown, treeSize: unknown, ts: unknown): { alg: HashAlg; treeSize: number; ts: string } {
  if (!isHashAlg(alg)) throw new Error(`malformed checkpoint: unsupported hash algorithm ${JSON.stringify(alg)}`);
  if (typeof treeSize !== 'number' || !Number.isSafeInteger(treeSize) || treeSize < 0) throw new Error('malformed checkpoint: treeSize must be a non-negative integer');
  if (typeof ts !== 'string' || Number.isNaN(Date.parse(ts))) throw new Error('malformed checkpoint: ts must be an ISO-8601 time');
  return { alg, treeSize, ts };
}

/** Parses an exported checkpoint (a JSON value or its text); throws `malformed checkpoint: …`. */
export function parseExportedCheckpoint(input: unknown): Checkpoint {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch {
      throw new Error('malformed checkpoint: not JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('malformed checkpoint: not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.type !== CHECKPOINT_TYPE) throw new Error(`malformed checkpoint: type must be ${CHECKPOINT_TYPE}`);
  const { alg, treeSize, ts } = checkBody(v.alg, v.treeSize, v.ts);
  if (typeof v.publicKeyFingerprint !== 'string') throw new Error('malformed checkpoint: publicKeyFingerprint missing');
  return {
    alg,
    treeSize,
    ts,
    root: decode(v.root, 'root', 'base64', hashSize(alg)),
    chainHead: decode(v.chainHead, 'chainHead', 'base64', hashSize(alg)),
    keyId: v.publicKeyFingerprint,
    signature: decode(v.signature, 'signature', 'base64'),
  };
}

/** A stored row → checkpoint; throws `malformed checkpoint: …` for rows that do not decode. */
export function checkpointFromRow(r: LedgerCheckpointTable): Checkpoint {
  const { alg, treeSize, ts } = checkBody(r.alg, Number(r.tree_size), r.ts);
  return { alg, treeSize, ts, root: decode(r.root, 'root', 'hex', hashSize(alg)), chainHead: decode(r.chain_head, 'chain_head', 'hex', hashSize(alg)), keyId: r.key_id, signature: decode(r.signature, 'signature', 'base64') };
}

export function checkpointToRow(cp: Checkpoint): LedgerCheckpointTable {
  return { tree_size: cp.treeSize, alg: cp.alg, root: cp.root.toString('hex'), chain_head: cp.chainHead.toString('hex'), ts: cp.ts, key_id: cp.keyId, signature: cp.signature.toString('base64') };
}

export async function listCheckpoints(db: Kysely<Database>): Promise<Checkpoint[]> {
  const rows = await ledgerDb(db).selectFrom('ledger_checkpoint').selectAll().orderBy('tree_size').execute();
  return rows.map(checkpointFromRow);
}

export async function latestCheckpoint(db: Kysely<Database>, options: { atLeast?: number } = {}): Promise<Checkpoint | null> {
  let q = ledgerDb(db).selectFrom('ledger_checkpoint').selectAll().orderBy('tree_size', 'desc').limit(1);
  if (options.atLeast !== undefined) q = q.where('tree_size', '>=', options.atLeast);
  const row = await q.executeTakeFirst();
  return row ? checkpointFromRow(row) : null;
}

export async function checkpointAt(db: Kysely<Database>, treeSize: number): Promise<Checkpoint | null> {
  const row = await ledgerDb(db).selectFrom('ledger_checkpoint').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
  return row ? checkpointFromRow(row) : null;
}

/**
 * Keeps the verified tree state between checkpoints of one process (the hourly timer), so each checkpoint reads
 * only the events appended since the previous one. Rows up to the cached size are immutable (append-only), so the
 * cache stays valid; it is dropped after any error.
 */
export type TreeCache = { scanner: LedgerScanner | null };
export function createTreeCache(): TreeCache {
  return { scanner: null };
}

/** Root and chain head of the first `treeSize` events, after checking every leaf and the chain; throws on a problem. */
export async function computeTreeHead(db: Kysely<Database>, treeSize: number, options: { alg?: HashAlg; cache?: TreeCache; checkAgainst?: Checkpoint[] } = {}): Promise<{ root: Buffer; chainHead: Buffer }> {
  const alg = options.alg ?? LEDGER_ALG;
  const cached = options.cache?.scanner;
  const scanner = cached && cached.alg === alg && cached.size <= treeSize ? cached : new LedgerScanner(alg);
  if (options.cache) options.cache.scanner = null;
  const expect = new Map((options.checkAgainst ?? []).filter((c) => c.treeSize > scanner.size && c.treeSize <= treeSize).map((c) => [c.treeSize, c]));
  for await (const rows of eventTuples(db, { afterSeq: scanner.size, upTo: treeSize })) {
    for (const row of rows) {
      const problem = scanner.checkTuple(row);
      if (problem) throw new Error(problem.problem);
      const cp = expect.get(scanner.size);
      if (cp && (!cp.root.equals(scanner.tree.root()) || cp.chainHead.toString('hex') !== scanner.chainHead)) {
        throw new Error(`root mismatch at tree size ${cp.treeSize} (history rewritten)`);
      }
    }
  }
  if (scanner.size !== treeSize) throw new Error(`the ledger has ${scanner.size} contiguous events, not ${treeSize}`);
  if (options.cache) options.cache.scanner = scanner;
  return { root: scanner.tree.root(), chainHead: Buffer.from(scanner.chainHead, 'hex') };
}

/**
 * Signs and stores a checkpoint of the ledger at its current size N. Before signing it checks every event it has not
 * checked before (leaf hashes, chain) and that the log still extends the latest stored checkpoint, so tampering is
 * never laundered into a fresh signature. The scan holds no write lock: events 1…N never change (append-only), so
 * business writes go on meanwhile; the checkpoint row is then one atomic insert. Returns the stored checkpoint when
 * one exists at N already (one per size, never re-signed).
 */
export async function createCheckpoint(db: Kysely<Database>, signer: LedgerSigner, clock: Clock, options: { alg?: HashAlg; cache?: TreeCache } = {}): Promise<Checkpoint> {
  const alg = options.alg ?? LEDGER_ALG;
  const head = await db.selectFrom('ledger_event').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const treeSize = head ? Number(head.seq) : 0;
  const existing = await checkpointAt(db, treeSize);
  if (existing) return existing;
  const latest = await latestCheckpoint(db);
  if (latest && latest.treeSize > treeSize) {
    throw new Error(`log truncated or rolled back: checkpoint covers ${latest.treeSize} events, database has ${treeSize}`);
  }
  const { root, chainHead } = await computeTreeHead(db, treeSize, { alg, ...(options.cache ? { cache: options.cache } : {}), checkAgainst: latest ? [latest] : [] });
  const cp = signCheckpoint(signer, { alg, treeSize, root, chainHead, ts: clock.now().toISOString() });
  await ledgerDb(db)
    .insertInto('ledger_checkpoint')
    .values(checkpointToRow(cp))
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
  return (await checkpointAt(db, treeSize)) ?? cp;
}

export type CheckpointTimer = {
  /** Creates a checkpoint now when events were appended since the latest one; null when there is nothing new. */
  runNow(): Promise<Checkpoint | null>;
  /** Stops the timer and waits for a running checkpoint to finish. */
  stop(): Promise<void>;
  signer: LedgerSigner;
};

/**
 * Hourly checkpoints for the server (`startServer` starts it; `close` stops it). The signing key comes from
 * config.ledgerKeyFile and is generated there in demo mode; production without a key fails here with the keygen
 * command to run. Errors of a run are logged, never thrown into the event loop.
 */
export function startCheckpointTimer(
  deps: Pick<AppDeps, 'db' | 'config' | 'clock'>,
  options: { intervalMs?: number; runAtStart?: boolean; log?: (line: string) => void; signer?: LedgerSigner } = {},
): CheckpointTimer {
  const log = options.log ?? (() => undefined);
  const signer = options.signer ?? loadLedgerSigner({ keyFile: deps.config.ledgerKeyFile, createIfMissing: deps.config.demo });
  const cache = createTreeCache();
  let running: Promise<Checkpoint | null> | null = null;
  let stopped = false;

  const run = async (): Promise<Checkpoint | null> => {
    const head = await deps.db.selectFrom('ledger_event').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (!head) return null;
    const latest = await latestCheckpoint(deps.db);
    if (latest?.treeSize === Number(head.seq)) return null;
    const cp = await createCheckpoint(deps.db, signer, deps.clock, { cache });
    log(`账本检查点 Ledger checkpoint: ${cp.treeSize} events, root ${cp.root.toString('hex')}`);
    return cp;
  };
  const runNow = (): Promise<Checkpoint | null> => {
    if (running) return running;
    running = run().finally(() => {
      running = null;
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    runNow().catch((e: unknown) => log(`账本检查点失败 Ledger checkpoint failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  const timer = setInterval(tick, options.intervalMs ?? 60 * 60_000);
  timer.unref();
  if (options.runAtStart ?? true) setImmediate(tick);
  return {
    runNow,
    signer,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
