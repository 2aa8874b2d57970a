import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { FakeClock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { DEMO_FIXTURE_NOW, openDemoDatabase, type DemoDatabase } from '../../test/demo-fixture.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { type SeedResult } from '../demo/demo.seeder.ts';
import { getDashboardSummary } from './o2o.dashboard.ts';
import { DEMO_CLOSED_MATTERS } from './o2o.demo.ts';
import { runOverdueSweep } from './o2o.overdue.ts';

describe.each(TEST_DIALECTS)('O2O demo data on %s', (dialect) => {
  let t: DemoDatabase;
  let result: SeedResult;
  let cipher: FieldCipher;
  beforeAll(async () => {
    t = await openDemoDatabase(dialect);
    result = t.seeded;
    cipher = t.cipher;
  }, 600_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('gives the SPEC §6 figure 10,336 replied-and-closed as a live count, from the rows and from the rollups', async () => {
    const live = await t.db.selectFrom('citizen_matter').select(sql<number>`count(*)`.as('n')).where('status', 'in', ['CLOSED', 'REVISITED', 'ARCHIVED']).executeTakeFirstOrThrow();
    expect(Number(live.n)).toBe(DEMO_CLOSED_MATTERS);
    expect(result.counts.o2oRepliedAndClosed).toBe(Number(live.n));
    const county = await t.db.selectFrom('org_unit').select(['id', 'path']).where('type', '=', 'COUNTY').where('code', '=', '430121').executeTakeFirstOrThrow();
    const actor = { userId: 'x', username: 'x', displayName: 'x', personId: null, locale: 'zh-CN', roles: ['ORG_GRASSROOTS_SECTION' as const], roots: [{ role: 'ORG_GRASSROOTS_SECTION' as const, orgUnitId: county.id, path: county.path, name: '长沙县' }], sessionId: 's', authenticatedAt: new Date() };
    const deps = { db: t.db, dialect, config: loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent' }), clock: new FakeClock('2016-12-31T08:00:00Z'), cipher };
    const summary = await getDashboardSummary({ ...deps, actor }, {});
    expect(summary.repliedAndClosed).toBe(Number(live.n));
    expect(summary.byTown.length).toBe(18);
    expect(summary.byVillage.length).toBe(60);
    expect(summary.byVillage[0]!.total).toBeGreaterThanOrEqual(summary.byVillage[59]!.total);
    expect(summary.byTown.reduce((a, v) => a + v.overdue, 0)).toBe(summary.overdueOpen);
    expect(summary.overdueOpen).toBeGreaterThan(0);
    expect(summary.onTimeRate).toBeGreaterThan(0.85);
    expect(summary.onTimeRate).toBeLessThan(0.97);
    expect(summary.satisfactionRate).toBeGreaterThan(0.8);
    expect(summary.medianHandlingDays).toBeGreaterThan(0);
    expect(summary.open).toBeGreaterThan(250);
  });

  it('spreads matters over every town and most villages, with late, escalated, returned, reopened and routed ones', async () => {
    const villages = await t.db.selectFrom('citizen_matter').select(sql<number>`count(distinct location_org_unit_id)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(villages.n)).toBeGreaterThan(150);
    for (const k of ['o2oLate', 'o2oEscalated', 'o2oReturned', 'o2oReopened', 'o2oRouted', 'o2oOverdueOpen']) expect(result.counts[k], k).toBeGreaterThan(0);
    const cats = await t.db.selectFrom('citizen_matter').select(['category', sql<number>`count(*)`.as('n')]).groupBy('category').execute();
    const consult = Number(cats.find((c) => c.category === 'CONSULT')!.n);
    expect(consult / Number(result.counts.o2oMatters)).toBeGreaterThan(0.35);
    const codes = await t.db.selectFrom('citizen_matter').select(sql<string>`max(code)`.as('m')).executeTakeFirstOrThrow();
    expect(codes.m).toBe(`CSX-2016-${String(result.counts.o2oMatters).padStart(6, '0')}`);
  });

  it('a fresh demo start (clock in 2026) sweeps none of the 2016 matters; without the look-back window it would escalate hundreds', async () => {
    const deps = { db: t.db, clock: new FakeClock(DEMO_FIXTURE_NOW) };
    const overdueEvents = async () => Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).where('action', '=', 'o2o.matter.overdue').executeTakeFirstOrThrow()).n);
    const snapshot = () => t.db.selectFrom('citizen_matter').select(['id', 'overdue', 'overdue_count', 'current_level', 'due_at', 'updated_at']).orderBy('id').execute();
    const before = await snapshot();
    const eventsBefore = await overdueEvents();
    expect(await runOverdueSweep(deps)).toEqual({ overdue: 0, escalated: 0, m10Candidates: 0, responseOverdue: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await overdueEvents()).toBe(eventsBefore);
    // the same sweep over ten years of deadlines: the burst the window prevents (mutates this file's copy; last test)
    const burst = await runOverdueSweep(deps, { lookbackDays: 3650, batch: 1000 });
    expect(burst.overdue).toBeGreaterThan(150);
    expect(await overdueEvents()).toBe(eventsBefore + burst.overdue);
  }, 300_000);
});
