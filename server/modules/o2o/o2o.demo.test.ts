import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { generatePassword, hashPassword } from '../../platform/password.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/test-db.ts';
import { seedDemoCounty, type SeedResult } from '../demo/demo.seeder.ts';
import { getDashboardSummary } from './o2o.dashboard.ts';
import { DEMO_CLOSED_MATTERS } from './o2o.demo.ts';

describe.each(TEST_DIALECTS)('O2O demo data on %s', (dialect) => {
  let t: TestDatabase;
  let result: SeedResult;
  const cipher = createFieldCipher(randomBytes(32));
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    result = await seedDemoCounty({ db: t.db, cipher, now: () => new Date('2026-11-26T08:00:00Z'), hashPassword, generatePassword });
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
});
