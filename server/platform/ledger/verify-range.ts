/**
 * The parallel half of the offline verifier. A ledger of n events splits at k, the largest power of two below n: the
 * verifier's own pass checks seq 1..k (a complete Merkle subtree), a second process checks seq k+1..n starting from
 * the stored chain hash of seq k, at the same time, on its own read-only connection (PostgreSQL: the same exported
 * snapshot). RFC 6962 §2.1 makes the halves compose: for every size s with k < s ≤ n, MTH(D[0:s]) =
 * H(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:s])) because k is also the largest power of two below s. The range pass reports the
 * chain head and MTH(D[k:s]) at each size the verifier asks for (the checkpoints' and n), its first problem and its
 * timestamp warnings; verify.ts combines them so the verdict is the one a single pass would give.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { eventTuples } from './event-reader.ts';
import type { HashAlg } from './merkle.ts';
import { LedgerScanner, readOnlyView } from './scan.ts';

export type RangeTask = {
  /** the verifier's database: `sqlite:<file>` or a PostgreSQL URL (opened read-only by the range process) */
  url: string;
  schema?: string;
  /** PostgreSQL: the snapshot exported by the verifier's transaction (pg_export_snapshot) */
  snapshot?: string;
  afterSeq: number;
  upTo: number;
  /** stored chain hash of seq `afterSeq` */
  startChain: string;
  /** stored time of seq `afterSeq` (the timestamp check continues from it) */
  startTs: string;
  /** absolute tree sizes in (afterSeq, upTo] at which to report the chain head and the range's Merkle root */
  sizes: number[];
  alg: HashAlg;
  batchSize?: number;
  maxClockRegressionMs: number;
};

export type RangeResult = {
  checked: number;
  problem: { problem: string; seq: number } | null;
  /** size → [chain head, MTH of D[afterSeq:size]] (hex), for the requested sizes reached without a problem */
  at: Record<string, [string, string]>;
  warnings: string[];
};

/** Checks seq afterSeq+1..upTo on `db` (a read-only view). */
export async function verifyRange(db: Kysely<Database>, task: RangeTask): Promise<RangeResult> {
  const scanner = new LedgerScanner(task.alg, { offset: task.afterSeq, chainHead: task.startChain });
  const wanted = new Set(task.sizes);
  const at: RangeResult['at'] = {};
  const warnings: string[] = [];
  let latestTs = Date.parse(task.startTs);
  let latestIso = task.startTs;
  let lastTs = '';
  for await (const rows of eventTuples(db, { afterSeq: task.afterSeq, upTo: task.upTo, ...(task.batchSize ? { batchSize: task.batchSize } : {}) })) {
    for (const row of rows) {
      const problem = scanner.checkTuple(row);
      if (problem) return { checked: scanner.size, problem, at, warnings };
      const ts = row[1];
      if (ts !== lastTs) {
        lastTs = ts;
        const t = Date.parse(ts);
        const seq = task.afterSeq + scanner.size;
        if (Number.isNaN(t)) warnings.push(`unreadable timestamp at seq ${seq}: ${JSON.stringify(ts)}`);
        else if (t < latestTs - task.maxClockRegressionMs) warnings.push(`timestamp regresses at seq ${seq}: ${ts} is before ${latestIso}`);
        else if (t > latestTs) {
          latestTs = t;
          latestIso = ts;
        }
      }
      const size = task.afterSeq + scanner.size;
      if (wanted.has(size)) at[size] = [scanner.chainHead, scanner.tree.root().toString('hex')];
    }
  }
  const end = task.afterSeq + scanner.size;
  if (end < task.upTo) return { checked: scanner.size, problem: { problem: `sequence gap: seq ${end + 1} is missing (the log ends at ${end})`, seq: end + 1 }, at, warnings };
  return { checked: scanner.size, problem: null, at, warnings };
}

/** Opens the task's database read-only (on the exported snapshot for PostgreSQL) and runs verifyRange. */
export async function verifyRangeStandalone(task: RangeTask): Promise<RangeResult> {
  const handle = createDatabase(task.url, { readonly: true, poolSize: 1, ...(task.schema ? { schema: task.schema } : {}) });
  try {
    if (handle.dialect === 'sqlite') return await readOnlyView(handle.db, (view) => verifyRange(view, task));
    return await handle.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        if (task.snapshot) await sql`set transaction snapshot ${sql.lit(task.snapshot)}`.execute(trx);
        return verifyRange(trx, task);
      });
  } finally {
    await handle.destroy();
  }
}

const WORKER = path.join(import.meta.dirname, 'verify-range-worker.ts');
const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Runs the range in a child process (`node --import tsx verify-range-worker.ts TASK_FILE`). The task goes in a file
 * written synchronously before the spawn: the verifier's own pass never yields to the event loop (SQLite reads are
 * synchronous), so anything sent through a pipe would reach the child only after that pass had finished.
 */
export function verifyRangeInChild(task: RangeTask): { result: Promise<RangeResult>; cancel: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-verify-range-'));
  const taskFile = path.join(dir, 'task.json');
  fs.writeFileSync(taskFile, JSON.stringify(task), { mode: 0o600 });
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, taskFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const result = new Promise<RangeResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (code === 0) {
        try {
          resolve(JSON.parse(out) as RangeResult);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      } else reject(new Error(`ledger range verifier exited with ${signal ?? code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
  result.catch(() => undefined);
  return { result, cancel: () => child.kill('SIGKILL') };
}
