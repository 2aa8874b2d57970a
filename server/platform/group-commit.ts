/**
 * Group commit: many small independent write jobs share one transaction and one durable commit.
 *
 * A durable commit costs one fsync (SQLite WAL with synchronous=FULL; PostgreSQL's WAL flush), and one fsync per
 * request caps a write endpoint at the disk's fsync rate whatever the CPU. The public intake endpoints (citizen
 * matters, Open311 requests, anonymous ballots) take their writes through `groupCommit(db, job)`: while one batch is
 * committing, the jobs that arrive queue up and then run together in the next batch, each inside its own SAVEPOINT, so
 * a job that fails (a validation error, a used token) is rolled back alone and the others still commit. A job's promise
 * settles only after COMMIT has returned: nothing is acknowledged that a kill -9 could lose. There is no timer: a lone
 * request waits one turn of the event loop (batch of one), batches grow only with concurrent load.
 *
 * A job gets the batch's transaction and must do all its reads and writes through it (including its ledger event,
 * which therefore lands in the same commit); it must not start a transaction of its own. It should be short: the batch
 * holds the write lock (SQLite) or one connection (PostgreSQL) while its jobs run one after another.
 *
 * A job submitted with `{ rerunnable: true }` promises that running it again after a rollback is harmless (it has no
 * effect outside the transaction). A batch made only of such jobs first runs without savepoints (two statements fewer
 * per job, which is most of a small job's round trips on PostgreSQL); if any job fails, the whole transaction is rolled
 * back and the batch runs again the ordinary way, each job in its own savepoint, so the outcome is the same.
 */
import type { ControlledTransaction } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export type GroupCommitStats = { batches: number; jobs: number; largestBatch: number; reruns: number };

export type GroupCommitOptions = { rerunnable?: boolean };

type Pending = { job: (trx: Trx) => Promise<unknown>; rerunnable: boolean; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Default largest batch; `maxBatch: 1` turns grouping off (one transaction per job, as without this module). */
export const DEFAULT_GROUP_COMMIT_BATCH = 64;

export class GroupCommitter {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #queue: Pending[] = [];
  #running = false;
  readonly stats: GroupCommitStats = { batches: 0, jobs: 0, largestBatch: 0, reruns: 0 };

  constructor(db: Db, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = Math.max(1, Math.floor(options.maxBatch ?? DEFAULT_GROUP_COMMIT_BATCH));
  }

  /** The largest batch (1: grouping is off). Callers that batch work themselves follow it. */
  get maxBatch(): number {
    return this.#maxBatch;
  }

  run<T>(job: (trx: Trx) => Promise<T>, options: GroupCommitOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ job, rerunnable: options.rerunnable === true, resolve: resolve as (v: unknown) => void, reject });
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        // One turn of the event loop first: requests whose reads waited for the previous batch (SQLite has one
        // connection) reach the queue now and join this batch instead of each starting a batch of its own.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.#runBatch(this.#queue.splice(0, this.#maxBatch));
      }
    } finally {
      this.#running = false;
    }
  }

  async #runBatch(batch: Pending[]): Promise<void> {
    this.stats.batches++;
    this.stats.jobs += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    if (batch.length > 1 && batch.every((p) => p.rerunnable) && (await this.#runWithoutSavepoints(batch))) return;
    let trx: ControlledTransaction<Database> | null = null;
    const outcomes: Outcome[] = [];
    try {
      trx = await this.#db.startTransaction().execute();
      if (batch.length === 1) {
        // Alone: the transaction itself is the job's boundary.
        try {
          outcomes.push({ ok: true, value: await batch[0]!.job(trx) });
        } catch (error) {
          await trx.rollback().execute();
          trx = null;
          batch[0]!.reject(error);
          return;
        }
      } else {
        for (let i = 0; i < batch.length; i++) {
          const name = `gc_${i}`;
          const sp = await trx.savepoint(name).execute();
          try {
            const value = await batch[i]!.job(sp);
            await sp.releaseSavepoint(name).execute();
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sp.rollbackToSavepoint(name).execute();
            outcomes.push({ ok: false, error });
          }
        }
      }
      await trx.commit().execute();
      trx = null;
    } catch (error) {
      // BEGIN, a savepoint statement or COMMIT failed: nothing of this batch is durable.
      if (trx) await trx.rollback().execute().catch(() => undefined);
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  /** All jobs in one transaction without savepoints; false (rolled back, nothing settled) if a job failed. */
  async #runWithoutSavepoints(batch: Pending[]): Promise<boolean> {
    let trx: ControlledTransaction<Database> | null = null;
    const values: unknown[] = [];
    try {
      trx = await this.#db.startTransaction().execute();
    } catch (error) {
      for (const p of batch) p.reject(error);
      return true;
    }
    try {
      for (const p of batch) values.push(await p.job(trx));
    } catch {
      await trx.rollback().execute().catch(() => undefined);
      this.stats.reruns++;
      return false;
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      for (const p of batch) p.reject(error);
      return true;
    }
    batch.forEach((p, i) => p.resolve(values[i]));
    return true;
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

/** Sets the largest batch of `db`'s committer (from config at start-up; 1 turns grouping off). */
export function configureGroupCommit(db: Db, maxBatch: number): GroupCommitter {
  const c = new GroupCommitter(db, { maxBatch });
  committers.set(db, c);
  return c;
}

/** Runs `job` in the next group commit of `db` (see the file comment); settles after the commit. */
export function groupCommit<T>(db: Db, job: (trx: Trx) => Promise<T>, options: GroupCommitOptions = {}): Promise<T> {
  let c = committers.get(db);
  if (!c) {
    c = new GroupCommitter(db);
    committers.set(db, c);
  }
  return c.run(job, options);
}

/** The committer of `db` (for stats in benchmarks and tests). */
export function groupCommitterOf(db: Db): GroupCommitter | undefined {
  return committers.get(db);
}
