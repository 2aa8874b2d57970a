/**
 * Group commit on both databases: concurrent jobs share batches, a failing job is rolled back alone (its rows and its
 * ledger event), the ledger stays contiguous and verifies, and `maxBatch: 1` commits every job alone. That nothing is
 * acknowledged before its commit is shown by the kill -9 test of the O2O intake (o2o.intake-crash.test.ts).
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../test/test-db.ts';
import { GroupCommitter } from './group-commit.ts';
import { appendLedgerEvent, verifyLedgerChain } from './ledger/index.ts';

describe.each(TEST_DIALECTS)('group commit on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await sql`create table gc_probe (k text primary key, n integer not null)`.execute(t.db);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const keys = async () => (await sql<{ k: string }>`select k from gc_probe order by k`.execute(t.db)).rows.map((r) => r.k);

  it('runs concurrent jobs in shared batches, one savepoint each; a failing job leaves no row and no ledger event', async () => {
    const gc = new GroupCommitter(t.db, { maxBatch: 8 });
    const at = new Date('2026-11-26T08:00:00Z');
    const jobs = Array.from({ length: 30 }, (_, i) =>
      gc.run(async (trx) => {
        const k = `k${String(i).padStart(2, '0')}`;
        await sql`insert into gc_probe (k, n) values (${k}, ${i})`.execute(trx);
        await appendLedgerEvent(trx, { userId: null, role: 'CITIZEN' }, { action: 'probe.created', objectType: 'gc_probe', objectId: k, orgPath: '/', payload: { i } }, at);
        if (i % 7 === 3) throw new Error(`job ${i} refused`);
        return k;
      }),
    );
    const settled = await Promise.allSettled(jobs);
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24]);
    expect((settled[10] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
    const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(await keys()).toEqual(ok);
    // grouping happened: the first job ran alone, the 29 queued behind it went in batches of at most 8
    expect(gc.stats.jobs).toBe(30);
    expect(gc.stats.batches).toBeLessThan(30);
    expect(gc.stats.largestBatch).toBe(8);
    // one ledger event per successful job, contiguous and chained
    const events = await t.db.selectFrom('ledger_event').select(['seq', 'object_id']).where('action', '=', 'probe.created').orderBy('seq').execute();
    expect(events.map((e) => e.object_id)).toEqual(ok);
    const check = await verifyLedgerChain(t.db);
    expect(check.ok).toBe(true);
  });

  it('runs rerunnable jobs without savepoints and, when one fails, reruns the batch with savepoints: each effect once', async () => {
    const gc = new GroupCommitter(t.db, { maxBatch: 8 });
    const at = new Date('2026-11-26T08:00:00Z');
    const runs = new Map<number, number>();
    const jobs = Array.from({ length: 30 }, (_, i) =>
      gc.run(
        async (trx) => {
          runs.set(i, (runs.get(i) ?? 0) + 1);
          const k = `r${String(i).padStart(2, '0')}`;
          // a second insert of the same key would fail on the primary key: a rerun must start from a rolled-back batch
          await sql`insert into gc_probe (k, n) values (${k}, ${i})`.execute(trx);
          await appendLedgerEvent(trx, { userId: null, role: 'CITIZEN' }, { action: 'probe.created', objectType: 'gc_probe', objectId: k, orgPath: '/', payload: { i } }, at);
          if (i === 12) throw new Error(`job ${i} refused`);
          return k;
        },
        { rerunnable: true },
      ),
    );
    const settled = await Promise.allSettled(jobs);
    expect(settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []))).toEqual([12]);
    const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(await keys()).toEqual(ok);
    expect(gc.stats.reruns).toBe(1);
    // only the batch holding job 12 ran twice
    const twice = [...runs].filter(([, n]) => n === 2).map(([i]) => i);
    expect(twice).toContain(12);
    expect(twice.length).toBeLessThanOrEqual(8);
    expect([...runs.values()].every((n) => n === 1 || n === 2)).toBe(true);
    const events = await t.db.selectFrom('ledger_event').select(['object_id']).where('action', '=', 'probe.created').orderBy('seq').execute();
    expect(events.map((e) => e.object_id)).toEqual(ok);
    expect((await verifyLedgerChain(t.db)).ok).toBe(true);
  });

  it('rolls back a job that fails alone (batch of one) and keeps going afterwards', async () => {
    const gc = new GroupCommitter(t.db, { maxBatch: 4 });
    await expect(
      gc.run(async (trx) => {
        await sql`insert into gc_probe (k, n) values ('x', 0)`.execute(trx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(gc.stats.largestBatch).toBe(1);
    await gc.run(async (trx) => {
      await sql`insert into gc_probe (k, n) values ('z', 1)`.execute(trx);
    });
    expect(await keys()).toEqual(['z']);
  });

  it('with maxBatch 1 commits every job alone', async () => {
    const gc = new GroupCommitter(t.db, { maxBatch: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => gc.run(async (trx) => sql`insert into gc_probe (k, n) values (${`j${i}`}, ${i})`.execute(trx))));
    expect(gc.stats).toEqual({ batches: 10, jobs: 10, largestBatch: 1, reruns: 0 });
    expect((await keys()).length).toBe(10);
  });
});
