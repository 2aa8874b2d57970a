/**
 * The offline verifier (SECURITY.md §4.2): given a read-only database, the PINNED public key and checkpoints held
 * outside the database, it checks
 *   (1) seq is contiguous from 1;
 *   (2) every leaf hash, recomputed from the columns;
 *   (3) the hash chain;
 *   (4) every stored and every external checkpoint: Ed25519 signature under the pinned key, hash algorithm,
 *       treeSize ≤ n (else truncated / rolled back), Merkle root of that prefix and chain head;
 *   (5) timestamps: a warning when ts goes back by more than 5 minutes (the order truth is seq).
 * Rows stream in batches (keyset pagination, as arrays through the raw driver: event-reader.ts) through one pass;
 * memory is O(log n) plus the checkpoints.
 * The verdict names the first problem.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { checkpointFromRow, checkpointSignatureValid, parseExportedCheckpoint, type Checkpoint, type ExternalCheckpoint } from './checkpoint.ts';
import type { HashAlg } from './merkle.ts';
import { eventTuples } from './event-reader.ts';
import { hashChildren, splitPoint } from './merkle.ts';
import { verifyRange, verifyRangeInChild, type RangeResult, type RangeTask } from './verify-range.ts';
import { LEDGER_ALG, LedgerScanner, ledgerDb, readOnlyView } from './scan.ts';
import { loadPublicKey } from './signing-key.ts';

export type VerifyLedgerOptions = {
  db: Kysely<Database>;
  /** Checkpoints exported earlier and held outside the database (the parsed JSON files; validated here). */
  checkpoints?: readonly ExternalCheckpoint[];
  /** The pinned Ed25519 public key (PEM). A checkpoint signed by any other key is a failure. */
  publicKeyPem: string;
  batchSize?: number;
  alg?: HashAlg;
  /** Default 5 minutes. */
  maxClockRegressionMs?: number;
  /**
   * Check the second half of a large ledger in a second process at the same time (verify-range.ts), on its own
   * read-only connection to `url` (PostgreSQL: the same snapshot). Only from `minEvents` events (default 200,000);
   * `inProcess` runs that half after the first in this process instead (tests of the composition).
   */
  parallel?: { url: string; schema?: string; minEvents?: number; inProcess?: boolean };
};

export type LedgerVerdict =
  | { ok: true; size: number; alg: HashAlg; root: string; chainHead: string; checkpoints: { stored: number; external: number }; warnings: string[] }
  | { ok: false; problem: string; seq?: number; treeSize?: number; source?: 'stored' | 'external'; size: number; warnings: string[] };

type Held = Checkpoint & { source: 'stored' | 'external' };

const MAX_WARNINGS = 100;

export async function verifyLedger(options: VerifyLedgerOptions): Promise<LedgerVerdict> {
  return readOnlyView(options.db, (db) => verifyView(db, options));
}

async function verifyView(db: Kysely<Database>, options: VerifyLedgerOptions): Promise<LedgerVerdict> {
  const alg = options.alg ?? LEDGER_ALG;
  const warnings: string[] = [];
  let suppressed = 0;
  const warn = (w: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(w);
    else suppressed++;
  };
  const failed = (problem: string, extra: { seq?: number; treeSize?: number; source?: 'stored' | 'external'; size?: number } = {}): LedgerVerdict => ({ ok: false, problem, size: 0, ...extra, warnings });

  let publicKey;
  try {
    publicKey = loadPublicKey(options.publicKeyPem, 'pinned public key');
  } catch (e) {
    return failed(e instanceof Error ? e.message : String(e));
  }

  // (4a) Every checkpoint must decode, use the ledger's hash and carry a signature of the pinned key.
  const held: Held[] = [];
  const storedRows = await ledgerDb(db).selectFrom('ledger_checkpoint').selectAll().orderBy('tree_size').execute();
  for (const row of storedRows) {
    try {
      held.push({ ...checkpointFromRow(row), source: 'stored' });
    } catch (e) {
      return failed(`stored checkpoint at tree size ${Number(row.tree_size)}: ${e instanceof Error ? e.message : String(e)}`, { treeSize: Number(row.tree_size), source: 'stored' });
    }
  }
  const external = options.checkpoints ?? [];
  for (let i = 0; i < external.length; i++) {
    try {
      held.push({ ...parseExportedCheckpoint(external[i]), source: 'external' });
    } catch (e) {
      return failed(`external checkpoint #${i + 1}: ${e instanceof Error ? e.message : String(e)}`, { source: 'external' });
    }
  }
  for (const cp of held) {
    const where = `${cp.source} checkpoint at tree size ${cp.treeSize}`;
    if (cp.alg !== alg) return failed(`${where} uses hash ${cp.alg}, the ledger uses ${alg}`, { treeSize: cp.treeSize, source: cp.source });
    if (!checkpointSignatureValid(publicKey, cp)) {
      return failed(`bad signature on ${where} (not signed by the pinned key)`, { treeSize: cp.treeSize, source: cp.source });
    }
  }
  const bySize = new Map<number, Held[]>();
  for (const cp of held) bySize.set(cp.treeSize, [...(bySize.get(cp.treeSize) ?? []), cp]);

  // (1)-(3) and (4b) in one streaming pass.
  const scanner = new LedgerScanner(alg);
  const maxRegression = options.maxClockRegressionMs ?? 5 * 60_000;
  let latestTs = Number.NEGATIVE_INFINITY;
  let latestIso = '';
  const checkAt = (size: number): LedgerVerdict | null => {
    const due = bySize.get(size);
    if (!due) return null;
    const root = scanner.tree.root();
    for (const cp of due) {
      const opts = { treeSize: size, source: cp.source, size, ...(size > 0 ? { seq: size } : {}) };
      if (!cp.root.equals(root)) return failed(`root mismatch at tree size ${size} (history rewritten; ${cp.source} checkpoint of ${cp.ts})`, opts);
      if (cp.chainHead.toString('hex') !== scanner.chainHead) return failed(`chain head mismatch at tree size ${size} (${cp.source} checkpoint of ${cp.ts})`, opts);
    }
    return null;
  };
  const empty = checkAt(0);
  if (empty) return empty;
  const split = options.parallel ? await startSecondHalf(db, options, alg, [...bySize.keys()], maxRegression) : null;
  let lastTs = '';
  for await (const rows of eventTuples(db, { ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(split ? { upTo: split.k } : {}) })) {
    for (const row of rows) {
      const problem = scanner.checkTuple(row);
      if (problem) {
        split?.cancel();
        return failed(problem.problem, { seq: problem.seq, size: scanner.size });
      }
      const ts = row[1];
      if (ts !== lastTs) {
        // Events of one transaction share their time; parse each distinct time once.
        lastTs = ts;
        const t = Date.parse(ts);
        if (Number.isNaN(t)) warn(`unreadable timestamp at seq ${scanner.size}: ${JSON.stringify(ts)}`);
        else if (t < latestTs - maxRegression) warn(`timestamp regresses at seq ${scanner.size}: ${ts} is before ${latestIso}`);
        else if (t > latestTs) {
          latestTs = t;
          latestIso = ts;
        }
      }
      if (bySize.has(scanner.size)) {
        const bad = checkAt(scanner.size);
        if (bad) {
          split?.cancel();
          return bad;
        }
      }
    }
  }

  let n = scanner.size;
  let root = scanner.tree.root();
  let chainHead = scanner.chainHead;
  if (split) {
    if (n < split.k) {
      // rows n+1..k are gone but seq k exists: the gap a single pass would meet at the next row
      split.cancel();
      const next = await sql<{ m: number }>`select min(seq) as m from ledger_event where seq > ${n}`.execute(db);
      return failed(`sequence gap: seq ${n + 1} is missing (next is ${Number(next.rows[0]?.m)})`, { seq: n + 1, size: n });
    }
    // The first half is the complete subtree D[0:k]; every larger size composes with the second half's MTH(D[k:s]).
    // A second process that cannot run (no tsx, a spawn limit) costs speed, not the verdict: check the half here.
    const second = await split.result.catch((e: unknown) => {
      if (!options.parallel?.inProcess) warn(`second half checked in this process (the second process failed: ${e instanceof Error ? e.message.slice(0, 200) : String(e)})`);
      return split.fallback();
    });
    for (const w of second.warnings) warn(w);
    const rootK = root;
    const sizes = [...bySize.keys()].filter((s) => s > split.k && s <= split.k + second.checked).sort((a, b) => a - b);
    for (const size of sizes) {
      if (second.problem && second.problem.seq <= size) break;
      const [head, mth] = second.at[size]!;
      const composed = hashChildren(rootK, Buffer.from(mth, 'hex'), alg);
      for (const cp of bySize.get(size)!) {
        const opts = { treeSize: size, source: cp.source, size, seq: size };
        if (!cp.root.equals(composed)) return failed(`root mismatch at tree size ${size} (history rewritten; ${cp.source} checkpoint of ${cp.ts})`, opts);
        if (cp.chainHead.toString('hex') !== head) return failed(`chain head mismatch at tree size ${size} (${cp.source} checkpoint of ${cp.ts})`, opts);
      }
    }
    if (second.problem) return failed(second.problem.problem, { seq: second.problem.seq, size: split.k + second.checked });
    n = split.k + second.checked;
    if (n > split.k) {
      const [head, mth] = second.at[n]!;
      root = hashChildren(rootK, Buffer.from(mth, 'hex'), alg);
      chainHead = head;
    }
  }

  // (4c) A checkpoint beyond the end: the tail was cut off or an old backup was restored.
  const beyond = held.filter((c) => c.treeSize > n).sort((a, b) => b.treeSize - a.treeSize)[0];
  if (beyond) {
    return failed(`log truncated or rolled back: checkpoint covers ${beyond.treeSize} events, database has ${n} (${beyond.source} checkpoint of ${beyond.ts})`, { treeSize: beyond.treeSize, source: beyond.source, size: n });
  }

  const externalCount = held.filter((c) => c.source === 'external').length;
  const largest = held.reduce((m, c) => Math.max(m, c.treeSize), 0);
  if (held.length === 0) warn('no checkpoints: only the internal consistency of the log was checked');
  else if (externalCount === 0) warn('no external checkpoint given: whoever holds the database and the signing key could rewrite history undetected');
  if (n > largest) warn(`${n - largest} events after the latest checkpoint (tree size ${largest}) are covered by the hash chain only`);
  if (suppressed > 0) warnings.push(`… and ${suppressed} more warnings`);
  return { ok: true, size: n, alg, root: root.toString('hex'), chainHead, checkpoints: { stored: held.length - externalCount, external: externalCount }, warnings };
}

/**
 * Starts the second half of a large ledger (verify-range.ts): seq k+1..n with k the largest power of two below n, in a
 * child process on its own read-only connection (or later in this process with `inProcess`). Null below `minEvents`.
 */
async function startSecondHalf(db: Kysely<Database>, options: VerifyLedgerOptions, alg: HashAlg, checkpointSizes: number[], maxClockRegressionMs: number): Promise<{ k: number; result: Promise<RangeResult>; cancel: () => void; fallback: () => Promise<RangeResult> } | null> {
  const p = options.parallel!;
  const top = await sql<{ n: number | null }>`select max(seq) as n from ledger_event`.execute(db);
  const n = Number(top.rows[0]?.n ?? 0);
  if (n < Math.max(2, p.minEvents ?? 200_000)) return null;
  const k = splitPoint(n);
  const at = await sql<{ chain_hash: string; ts: string }>`select chain_hash, ts from ledger_event where seq = ${k}`.execute(db);
  const row = at.rows[0];
  if (!row) return null; // a gap at k: the sequential pass names it
  const snapshot = dialectOf(db) === 'postgres' && !p.inProcess ? (await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(db)).rows[0]!.s : undefined;
  const task: RangeTask = {
    url: p.url,
    ...(p.schema ? { schema: p.schema } : {}),
    ...(snapshot ? { snapshot } : {}),
    afterSeq: k,
    upTo: n,
    startChain: row.chain_hash,
    startTs: row.ts,
    sizes: [...new Set([...checkpointSizes.filter((s) => s > k && s <= n), n])],
    alg,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    maxClockRegressionMs,
  };
  const fallback = () => verifyRange(db, task);
  if (p.inProcess) {
    const none = Promise.reject(new Error('second half runs in this process'));
    none.catch(() => undefined);
    return { k, result: none, cancel: () => undefined, fallback };
  }
  const child = verifyRangeInChild(task);
  return { k, result: child.result, cancel: child.cancel, fallback };
}

/** The one-line verdict of `bellwether ledger verify`. */
export function formatVerdict(v: LedgerVerdict): string {
  if (!v.ok) return `FAILED: ${v.problem}`;
  const warnings = v.warnings.length > 0 ? `, ${v.warnings.length} warning${v.warnings.length === 1 ? '' : 's'}` : '';
  return `OK: ${v.size} events, root ${v.root}, chain head ${v.chainHead}, ${v.checkpoints.stored + v.checkpoints.external} checkpoints verified (${v.checkpoints.external} external)${warnings}`;
}
