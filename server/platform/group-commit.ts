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
 */
import type { ControlledTransaction } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export type GroupCommitStats = { batches: number; jobs: number; largestBatch: number };

type Pending = { job: (trx: Trx) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Default largest batch; `maxBatch: 1` turns grouping off (one transaction per job, as without this module). */
export const DEFAULT_GROUP_COMMIT_BATCH = 64;

export class GroupCommitter {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #queue: Pending[] = [];
  #running = false;
  readonly stats: GroupCommitStats = { batches: 0, jobs: 0, largestBatch: 0 };

  constructor(db: Db, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = Math.max(1, Math.floor(options.maxBatch ?? DEFAULT_GROUP_COMMIT_BATCH));
  }

  run<T>(job: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ job, resolve: resolve as (v: unknown) => void, reject });
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
}

const committers = new WeakMap<Db, GroupCommitter>();

/** Sets the largest batch of `db`'s committer (from config at start-up; 1 turns grouping off). */
export function configureGroupCommit(db: Db, maxBatch: number): GroupCommitter {
  const c = new GroupCommitter(db, { maxBatch });
  committers.set(db, c);
  return c;
}

/** Runs `job` in the next group commit of `db` (see the file comment); settles after the commit. */
export function groupCommit<T>(db: Db, job: (trx: Trx) => Promise<T>): Promise<T> {
  let c = committers.get(db);
  if (!c) {
    c = new GroupCommitter(db);
    committers.set(db, c);
  }
  return c.run(job);
}

/** The committer of `db` (for stats in benchmarks and tests). */
export function groupCommitterOf(db: Db): GroupCommitter | undefined {
  return committers.get(db);
}
