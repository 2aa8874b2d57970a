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
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { checkpointFromRow, checkpointSignatureValid, parseExportedCheckpoint, type Checkpoint, type ExternalCheckpoint } from './checkpoint.ts';
import type { HashAlg } from './merkle.ts';
import { eventTuples } from './event-reader.ts';
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
  let lastTs = '';
  for await (const rows of eventTuples(db, options.batchSize ? { batchSize: options.batchSize } : {})) {
    for (const row of rows) {
      const problem = scanner.checkTuple(row);
      if (problem) return failed(problem.problem, { seq: problem.seq, size: scanner.size });
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
        if (bad) return bad;
      }
    }
  }

  // (4c) A checkpoint beyond the end: the tail was cut off or an old backup was restored.
  const n = scanner.size;
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
  return { ok: true, size: n, alg, root: scanner.tree.root().toString('hex'), chainHead: scanner.chainHead, checkpoints: { stored: held.length - externalCount, external: externalCount }, warnings };
}

/** The one-line verdict of `bellwether ledger verify`. */
export function formatVerdict(v: LedgerVerdict): string {
  if (!v.ok) return `FAILED: ${v.problem}`;
  const warnings = v.warnings.length > 0 ? `, ${v.warnings.length} warning${v.warnings.length === 1 ? '' : 's'}` : '';
  return `OK: ${v.size} events, root ${v.root}, chain head ${v.chainHead}, ${v.checkpoints.stored + v.checkpoints.external} checkpoints verified (${v.checkpoints.external} external)${warnings}`;
}
