import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { periodTerms, type Term } from './o2o.dashboard.ts';
import { bumpRollups, rebuildRollupTiers, type RollupDelta } from './o2o.repository.ts';

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Evaluates terms over per-day counts, summing the day, month and year levels as the tiers hold them. */
function evaluate(terms: Term[], counts: Map<string, number>): number {
  let total = 0;
  for (const t of terms) {
    for (const [day, n] of counts) {
      const key = t.level === 'day' ? day : t.level === 'M' ? day.slice(0, 7) : day.slice(0, 4);
      if (key >= t.lo && key <= t.hi) total += t.sign * n;
    }
  }
  return total;
}

describe('periodTerms', () => {
  // a count on every day of 2014-2017 (distinct, so a wrong term cannot cancel out)
  const counts = new Map<string, number>();
  for (let ms = Date.UTC(2014, 0, 1), i = 1; ms < Date.UTC(2018, 0, 1); ms += DAY, i++) counts.set(dayOf(ms), (i * 7919) % 1000);
  const direct = (from: string, to: string) => [...counts].reduce((s, [d, n]) => (d >= from && d <= to ? s + n : s), 0);

  it('adds up to the days of the period, with and without years', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const cases: [string, string][] = [
      ['2000-01-01', '2016-11-26'],
      ['2015-11-27', '2016-11-26'],
      ['2016-01-01', '2016-12-31'],
      ['2016-03-01', '2016-03-31'],
      ['2016-02-10', '2016-02-10'],
      ['2014-01-31', '2017-01-01'],
    ];
    for (let i = 0; i < 300; i++) {
      const a = dayOf(Date.UTC(2014, 0, 1) + Math.floor(rnd() * 1400) * DAY);
      const b = dayOf(Date.parse(`${a}T00:00:00Z`) + Math.floor(rnd() * 900) * DAY);
      cases.push([a, b]);
    }
    for (const [from, to] of cases) {
      for (const years of [true, false]) expect(evaluate(periodTerms(from, to, years), counts), `${from} – ${to} years=${years}`).toBe(direct(from, to));
    }
    expect(periodTerms('2016-05-02', '2016-05-01', true)).toEqual([]);
  });

  it('reads whole years for a period from January to today, and only months without years', () => {
    expect(periodTerms('2000-01-01', '2016-11-26', true)).toEqual([
      { level: 'day', lo: '2016-11-27', hi: '2016-11-30', sign: -1 },
      { level: 'Y', lo: '2000', hi: '2016', sign: 1 },
      { level: 'M', lo: '2016-12', hi: '2016-12', sign: -1 },
    ]);
    expect(periodTerms('2000-01-01', '2016-11-26', false).every((t) => t.level !== 'Y')).toBe(true);
  });
});

describe.each(TEST_DIALECTS)('O2O dashboard over year, month and day rollups on %s', (dialect) => {
  let t: TestApp;
  const deltas: RollupDelta[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const u = t.world.units;
    const places = [
      { unit: u.huanghuaVillage, town: u.huanghua },
      { unit: u.xintang, town: u.huanghua },
      { unit: u.huanghua, town: u.huanghua },
      { unit: u.jiangbeiVillage, town: u.jiangbei },
    ];
    // three years of counters, written as the services write them (bumpRollups keeps the tiers)
    let i = 0;
    for (let ms = Date.UTC(2023, 10, 20); ms < Date.UTC(2026, 10, 26); ms += 9 * DAY, i++) {
      const p = places[i % places.length]!;
      const base = { day: dayOf(ms), townId: p.town.id, villageId: p.unit.id, villagePath: p.unit.path, category: i % 3 ? 'HELP' : 'CONSULT' };
      const batch: RollupDelta[] = [
        { ...base, metric: 'STATUS', bucket: i % 5 ? 'ARCHIVED' : 'CLOSED', n: 1 + (i % 4) },
        { ...base, metric: 'CLOSED_DAYS', bucket: String(i % 7).padStart(3, '0'), n: 1 },
        { ...base, metric: i % 6 ? 'ON_TIME' : 'LATE', bucket: '-', n: 1 },
        { ...base, metric: 'SATISFACTION', bucket: i % 4 ? 'SATISFIED' : 'DISSATISFIED', n: 1 },
      ];
      // a transition: one status leaves, another enters (the tiers must net out)
      if (i % 10 === 0) batch.push({ ...base, metric: 'STATUS', bucket: 'ARCHIVED', n: -1 }, { ...base, metric: 'STATUS', bucket: 'REVISITED', n: 1 });
      deltas.push(...batch);
      await bumpRollups(t.db, batch);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The figures computed from the daily rows only. */
  async function fromDays(paths: string[], from: string, to: string) {
    const inScope = (p: string) => paths.some((root) => p.startsWith(root));
    const rows = (await t.db.selectFrom('o2o_rollup').selectAll().where('day', '>=', from).where('day', '<=', to).execute()).filter((r) => inScope(r.village_path));
    const sum = (metric: string, bucket?: string) => rows.filter((r) => r.metric === metric && (bucket === undefined || r.bucket === bucket)).reduce((s, r) => s + Number(r.n), 0);
    const months = new Map<string, number>();
    for (const r of rows.filter((x) => x.metric === 'STATUS')) months.set(r.day.slice(0, 7), (months.get(r.day.slice(0, 7)) ?? 0) + Number(r.n));
    const categories = new Map<string, number>();
    for (const r of rows.filter((x) => x.metric === 'STATUS')) categories.set(r.category, (categories.get(r.category) ?? 0) + Number(r.n));
    return { categories, total: sum('STATUS'), closed: sum('CLOSED_DAYS'), onTime: sum('ON_TIME'), late: sum('LATE'), satisfied: sum('SATISFACTION', 'SATISFIED'), sat: sum('SATISFACTION'), months };
  }

  it('gives the figures of the daily rows for the county, a town and a village, over any period', async () => {
    const u = t.world.units;
    const county = u.huanghua.path.slice(0, u.huanghua.path.lastIndexOf('/', u.huanghua.path.length - 2) + 1);
    const who = [
      { role: 'ORG_GRASSROOTS_SECTION', paths: [county] },
      { role: 'O2O_DISPATCHER', paths: [u.huanghua.path] },
      { role: 'VILLAGE_CADRE', paths: [u.huanghuaVillage.path] },
    ] as const;
    const periods = [
      { from: '2000-01-01', to: '2026-11-26', q: '' },
      { from: '2025-11-27', to: '2026-11-26', q: '?from=2025-11-27&to=2026-11-26' },
      { from: '2024-02-10', to: '2025-07-19', q: '?from=2024-02-10&to=2025-07-19' },
      { from: '2024-01-01', to: '2024-12-31', q: '?from=2024-01-01&to=2024-12-31' },
    ];
    for (const w of who) {
      for (const p of periods) {
        const expected = await fromDays([...w.paths], p.from, p.to);
        const res = await t.get(w.role, `/api/o2o/dashboard/summary${p.q}`);
        expect(res.statusCode, res.body).toBe(200);
        const s = res.json();
        const label = `${w.role} ${p.from} – ${p.to}`;
        expect(s.total, label).toBe(expected.total);
        expect(s.byTown.reduce((a: number, x: { total: number }) => a + x.total, 0), label).toBe(expected.total);
        expect(s.closedInPeriod, label).toBe(expected.closed);
        expect(new Map(s.byCategory.map((c: { key: string; n: number }) => [c.key, c.n] as [string, number])), label).toEqual(expected.categories);
        expect(s.onTimeRate, label).toBeCloseTo(expected.onTime / (expected.onTime + expected.late), 10);
        expect(s.satisfactionRate, label).toBeCloseTo(expected.satisfied / expected.sat, 10);
        const trend = await t.get(w.role, `/api/o2o/dashboard/trend${p.q}`);
        expect(trend.statusCode, trend.body).toBe(200);
        const months = new Map<string, number>(trend.json().months.map((m: { month: string; received: number }) => [m.month, m.received] as [string, number]));
        for (const [m, n] of expected.months) expect(months.get(m), `${label} ${m}`).toBe(n);
        expect([...months.values()].reduce((a, b) => a + b, 0), label).toBe(expected.total);
      }
    }
    expect(deltas.length).toBeGreaterThan(400);
  });

  it('rebuilds the tiers from the daily rows to what the writes kept', async () => {
    const snapshot = async () =>
      (await t.db.selectFrom('o2o_rollup_tier').select(['tier', 'period', 'metric', 'unit_org_unit_id', 'unit_path', 'category', 'bucket', sql<number>`n`.as('n')]).where('n', '<>', 0).orderBy('tier').orderBy('metric').orderBy('period').orderBy('unit_org_unit_id').orderBy('category').orderBy('bucket').execute()).map((r) => ({ ...r, n: Number(r.n) }));
    const kept = await snapshot();
    expect(kept.some((r) => r.metric === 'CATEGORY' && r.tier === 'Y')).toBe(true);
    await rebuildRollupTiers(t.db);
    expect(await snapshot()).toEqual(kept);
  });
});
