/**
 * Town and county dashboard (SPEC M2 reports) from the rollup counters, never from a scan of the matters. A period
 * [from, to] is read as signed terms over three levels (periodTerms): whole years from o2o_rollup_tier 'Y', whole
 * months from 'M', the remaining days from the daily o2o_rollup; a partial last month or year is read as the whole
 * month or year minus what follows `to` (nothing, when `to` is today), so a county-wide query over years reads a few
 * thousand rows instead of one per matter (bench §7: 1,000,000 matters). STATUS tiers are per location unit (any
 * scope) by status only; CATEGORY and the closing metrics are per town, used when every scope root is at town level or above, else
 * the daily rows. Every query is an index range on (metric, path, day) or (tier, metric, path, period). The overdue
 * count uses the (overdue, location_path) index. "Replied and closed" (SPEC §6) = STATUS for CLOSED + REVISITED + ARCHIVED.
 */
import { sql } from 'kysely';
import { CLOSED_MATTER_STATUSES, DASHBOARD_VILLAGE_ROWS, MATTER_CATEGORIES, MATTER_STATUSES, OPEN_MATTER_STATUSES, type DashboardQuery, type DashboardSummary, type DashboardTrend } from '../../../contracts/o2o.ts';
import { cstDate } from '../../platform/calendar/index.ts';
import type { ServiceCtx } from '../../platform/deps.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { hasPermission, inSubtrees, isPathInScope, minimalRoots } from '../../platform/scope.ts';
import { matterScopes } from './o2o.policy.ts';
import * as repo from './o2o.repository.ts';

const CATEGORY_ZH: Record<string, string> = { CONSULT: '咨询', HELP: '求助', COMPLAINT: '投诉', SUGGESTION: '建议', REPORT: '举报' };

async function dashboardScope(ctx: ServiceCtx, query: DashboardQuery): Promise<{ paths: string[]; from: string; to: string }> {
  if (!hasPermission(ctx.actor, 'o2o.read')) throw forbidden();
  const s = matterScopes(ctx.actor);
  let paths = minimalRoots([...s.read, ...s.accept, ...s.dispatch]);
  if (query.townId) {
    const town = await repo.findUnit(ctx.db, query.townId);
    if (!town || !isPathInScope(town.path, paths)) throw notFound({ zh: '镇（街道）', en: 'town' });
    paths = [town.path];
  }
  return { paths, from: query.from ?? '2000-01-01', to: query.to ?? cstDate(ctx.clock.now()) };
}

type Level = 'day' | 'M' | 'Y';
/** One part of a period: rows of `level` with day (or period) in [lo, hi], added (1) or subtracted (-1). */
export type Term = { level: Level; lo: string; hi: string; sign: 1 | -1 };

const pad2 = (n: number) => String(n).padStart(2, '0');
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`;
}

/**
 * [from, to] (days, inclusive) as signed terms: leading days of a partial first month; whole months and years; a
 * partial last month as the month minus the days after `to`; with `years`, a year from January as the year minus the
 * months after it when that is fewer rows. Without `years` (the monthly trend) every term can be grouped by month.
 */
export function periodTerms(from: string, to: string, years: boolean): Term[] {
  const terms: Term[] = [];
  if (from > to) return terms;
  let f = from;
  if (!f.endsWith('-01')) {
    const end = lastDayOf(f.slice(0, 7)) < to ? lastDayOf(f.slice(0, 7)) : to;
    terms.push({ level: 'day', lo: f, hi: end, sign: 1 });
    if (end === to) return terms;
    f = nextDay(end);
  }
  const lastMonth = to.slice(0, 7);
  if (to !== lastDayOf(lastMonth)) terms.push({ level: 'day', lo: nextDay(to), hi: lastDayOf(lastMonth), sign: -1 });
  const months = (a: string, b: string) => {
    if (a <= b) terms.push({ level: 'M', lo: a, hi: b, sign: 1 });
  };
  const firstMonth = f.slice(0, 7);
  if (!years) {
    months(firstMonth, lastMonth);
    return terms;
  }
  const yearSpan = (y: number, a: string, b: string) => {
    const fromJan = a === `${y}-01`;
    const after = 12 - Number(b.slice(5));
    const count = Number(b.slice(5)) - Number(a.slice(5)) + 1;
    if (fromJan && after < count) {
      terms.push({ level: 'Y', lo: String(y), hi: String(y), sign: 1 });
      if (after > 0) terms.push({ level: 'M', lo: nextMonth(b), hi: `${y}-12`, sign: -1 });
    } else months(a, b);
  };
  const yf = Number(firstMonth.slice(0, 4));
  const yt = Number(lastMonth.slice(0, 4));
  if (yf === yt) {
    yearSpan(yf, firstMonth, lastMonth);
    return mergeTerms(terms);
  }
  let firstWholeYear = yf;
  if (!firstMonth.endsWith('-01')) {
    months(firstMonth, `${yf}-12`);
    firstWholeYear = yf + 1;
  }
  if (firstWholeYear <= yt - 1) terms.push({ level: 'Y', lo: String(firstWholeYear), hi: String(yt - 1), sign: 1 });
  yearSpan(yt, `${yt}-01`, lastMonth);
  return mergeTerms(terms);
}

/** Joins terms of one level and sign that follow each other (years 2000-2025 and 2026 → 2000-2026): fewer queries. */
function mergeTerms(terms: Term[]): Term[] {
  const out: Term[] = [];
  for (const t of terms) {
    const prev = out.find((p) => p.level === t.level && p.sign === t.sign && (t.level === 'Y' ? String(Number(p.hi) + 1) === t.lo : t.level === 'M' && nextMonth(p.hi) === t.lo));
    if (prev) prev.hi = t.hi;
    else out.push({ ...t });
  }
  return out;
}

type Dim = 'bucket' | 'category' | 'town' | 'unit' | 'metric' | 'month';
type SumRow = Record<Dim, string> & { n: number };

/**
 * Sums `n` of `metrics` over the terms, grouped by `dims`, in the scope `paths`. `tierMetric` names the metric in
 * o2o_rollup_tier (CATEGORY for STATUS by category or in all); `townLevel` false reads only daily rows (scopes below a town).
 */
async function sumRollups(ctx: ServiceCtx, o: { metrics: string[]; tierMetric?: string; paths: string[]; from: string; to: string; dims: Dim[]; years: boolean; townLevel: boolean }): Promise<SumRow[]> {
  const terms: Term[] = o.townLevel ? periodTerms(o.from, o.to, o.years) : o.from <= o.to ? [{ level: 'day', lo: o.from, hi: o.to, sign: 1 }] : [];
  const month = { day: sql<string>`substr(day, 1, 7)`, tier: sql<string>`period` };
  const col = (level: Level, d: Dim) =>
    d === 'month' ? month[level === 'day' ? 'day' : 'tier'] : sql.ref<string>(d === 'town' ? 'town_org_unit_id' : d === 'unit' ? (level === 'day' ? 'village_org_unit_id' : 'unit_org_unit_id') : d);
  const results = await Promise.all(
    terms.map(async (t) => {
      const select = o.dims.map((d) => col(t.level, d).as(d));
      const group = o.dims.map((d) => col(t.level, d));
      const rows =
        t.level === 'day'
          ? await ctx.db
              .selectFrom('o2o_rollup')
              .select([...select, sql<number>`sum(n)`.as('n')] as never)
              .where('metric', 'in', o.metrics)
              .where((eb) => inSubtrees(eb, 'village_path', o.paths))
              .where('day', '>=', t.lo)
              .where('day', '<=', t.hi)
              .$if(group.length > 0, (q) => q.groupBy(group as never))
              .execute()
          : await ctx.db
              .selectFrom('o2o_rollup_tier')
              .select([...select, sql<number>`sum(n)`.as('n')] as never)
              .where('tier', '=', t.level)
              .where('metric', 'in', o.tierMetric ? [o.tierMetric] : o.metrics)
              .where((eb) => inSubtrees(eb, 'unit_path', o.paths))
              .where('period', '>=', t.lo)
              .where('period', '<=', t.hi)
              .$if(group.length > 0, (q) => q.groupBy(group as never))
              .execute();
      return { sign: t.sign, rows: rows as unknown as SumRow[] };
    }),
  );
  const out = new Map<string, SumRow>();
  for (const { sign, rows } of results) {
    for (const r of rows) {
      const key = o.dims.map((d) => r[d]).join('|');
      const prev = out.get(key);
      if (prev) prev.n += sign * Number(r.n);
      else out.set(key, { ...r, n: sign * Number(r.n) });
    }
  }
  return [...out.values()].filter((r) => r.n !== 0);
}

/** Town-level tiers answer for a scope only if no scope root lies below a town (a village cadre's scope does). */
async function townLevelScope(ctx: ServiceCtx, paths: string[]): Promise<boolean> {
  const towns = await ctx.db.selectFrom('org_unit').select('path').where('type', 'in', ['TOWN', 'STREET']).execute();
  return paths.every((p) => !towns.some((t) => p !== t.path && p.startsWith(t.path)));
}

export async function getDashboardSummary(ctx: ServiceCtx, query: DashboardQuery): Promise<DashboardSummary> {
  const { paths, from, to } = await dashboardScope(ctx, query);
  const townLevel = await townLevelScope(ctx, paths);
  const q = { paths, from, to, years: true, townLevel };
  const [statusRows, categoryRows, closeDays, onTime, satisfaction, overdue] = await Promise.all([
    // STATUS tiers are per location unit: valid for every scope
    sumRollups(ctx, { ...q, townLevel: true, metrics: ['STATUS'], dims: ['bucket', 'town', 'unit'] }),
    sumRollups(ctx, { ...q, metrics: ['STATUS'], tierMetric: 'CATEGORY', dims: ['category'] }),
    sumRollups(ctx, { ...q, metrics: ['CLOSED_DAYS'], dims: ['bucket'] }),
    sumRollups(ctx, { ...q, metrics: ['ON_TIME', 'LATE'], dims: ['metric'] }),
    sumRollups(ctx, { ...q, metrics: ['SATISFACTION'], dims: ['bucket'] }),
    ctx.db
      .selectFrom('citizen_matter')
      .select(['town_org_unit_id', 'location_org_unit_id', sql<number>`count(*)`.as('n')])
      .where('overdue', '=', 1)
      .where((eb) => inSubtrees(eb, 'location_path', paths))
      .where('status', 'in', [...OPEN_MATTER_STATUSES])
      .where('received_day', '>=', from)
      .where('received_day', '<=', to)
      .groupBy(['town_org_unit_id', 'location_org_unit_id'])
      .execute(),
  ]);
  const byStatus = new Map<string, number>();
  const byCategory = new Map<string, number>();
  type Tally = { total: number; closed: number; open: number; overdue: number };
  const byTown = new Map<string, Tally>();
  const byVillage = new Map<string, Tally & { townId: string }>();
  const closedSet = new Set<string>(CLOSED_MATTER_STATUSES);
  const openSet = new Set<string>([...OPEN_MATTER_STATUSES, 'SUBMITTED', 'REPLIED']);
  let total = 0;
  for (const r of statusRows) {
    const n = Number(r.n);
    if (n === 0) continue;
    total += n;
    byStatus.set(r.bucket, (byStatus.get(r.bucket) ?? 0) + n);
    const t = byTown.get(r.town) ?? { total: 0, closed: 0, open: 0, overdue: 0 };
    const v = byVillage.get(r.unit) ?? { townId: r.town, total: 0, closed: 0, open: 0, overdue: 0 };
    for (const x of [t, v]) {
      x.total += n;
      if (closedSet.has(r.bucket)) x.closed += n;
      if (openSet.has(r.bucket)) x.open += n;
    }
    byTown.set(r.town, t);
    byVillage.set(r.unit, v);
  }
  for (const r of categoryRows) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + Number(r.n));
  let overdueOpen = 0;
  for (const r of overdue) {
    const n = Number(r.n);
    overdueOpen += n;
    const t = byTown.get(r.town_org_unit_id);
    if (t) t.overdue += n;
    const v = byVillage.get(r.location_org_unit_id);
    if (v) v.overdue += n;
  }
  const topVillages = [...byVillage.entries()].sort(([ka, a], [kb, b]) => b.total - a.total || ka.localeCompare(kb)).slice(0, DASHBOARD_VILLAGE_ROWS);
  const units = await repo.findUnitsByIds(ctx.db, [...new Set([...byTown.keys(), ...topVillages.map(([k]) => k)])]);
  const townName = new Map(units.map((t) => [t.id, t.name]));
  // median of the working-days histogram
  const hist = closeDays.map((r) => ({ days: Number(r.bucket), n: Number(r.n) })).filter((r) => r.n > 0).sort((a, b) => a.days - b.days);
  const closedInPeriod = hist.reduce((a, r) => a + r.n, 0);
  let median: number | null = null;
  if (closedInPeriod > 0) {
    const lo = Math.floor((closedInPeriod - 1) / 2);
    const hi = Math.floor(closedInPeriod / 2);
    const at = (k: number) => {
      let acc = 0;
      for (const r of hist) {
        acc += r.n;
        if (k < acc) return r.days;
      }
      return hist[hist.length - 1]!.days;
    };
    median = (at(lo) + at(hi)) / 2;
  }
  const onTimeN = Number(onTime.find((r) => r.metric === 'ON_TIME')?.n ?? 0);
  const lateN = Number(onTime.find((r) => r.metric === 'LATE')?.n ?? 0);
  const sat = new Map(satisfaction.map((r) => [r.bucket, Number(r.n)]));
  const satTotal = [...sat.values()].reduce((a, b) => a + b, 0);
  return {
    from,
    to,
    total,
    repliedAndClosed: [...closedSet].reduce((a, s) => a + (byStatus.get(s) ?? 0), 0),
    open: [...openSet].reduce((a, s) => a + (byStatus.get(s) ?? 0), 0),
    overdueOpen,
    byStatus: MATTER_STATUSES.filter((s) => byStatus.has(s)).map((s) => ({ key: s, name: s, n: byStatus.get(s)! })),
    byCategory: MATTER_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => ({ key: c, name: CATEGORY_ZH[c] ?? c, n: byCategory.get(c)! })),
    byTown: [...byTown.entries()].map(([id, v]) => ({ key: id, name: townName.get(id) ?? id, ...v })).sort((a, b) => b.total - a.total),
    byVillage: topVillages.map(([id, v]) => ({ key: id, name: townName.get(id) ?? id, townName: townName.get(v.townId) ?? v.townId, total: v.total, closed: v.closed, open: v.open, overdue: v.overdue })),
    onTimeRate: onTimeN + lateN > 0 ? onTimeN / (onTimeN + lateN) : null,
    satisfactionRate: satTotal > 0 ? ((sat.get('SATISFIED') ?? 0) + (sat.get('BASIC') ?? 0)) / satTotal : null,
    medianHandlingDays: median,
    closedInPeriod,
  };
}

export async function getDashboardTrend(ctx: ServiceCtx, query: DashboardQuery): Promise<DashboardTrend> {
  const { paths, from, to } = await dashboardScope(ctx, query);
  const townLevel = await townLevelScope(ctx, paths);
  const q = { paths, from, to, years: false, townLevel, dims: ['month'] as Dim[] };
  const [received, closed] = await Promise.all([
    sumRollups(ctx, { ...q, metrics: ['STATUS'], tierMetric: 'CATEGORY' }),
    sumRollups(ctx, { ...q, metrics: ['ON_TIME', 'LATE'], dims: ['month', 'metric'] }),
  ]);
  const months = new Map<string, { received: number; closed: number; onTime: number }>();
  const get = (m: string) => months.get(m) ?? (months.set(m, { received: 0, closed: 0, onTime: 0 }), months.get(m)!);
  for (const r of received) get(r.month).received += Number(r.n);
  for (const r of closed) {
    const m = get(r.month);
    m.closed += Number(r.n);
    if (r.metric === 'ON_TIME') m.onTime += Number(r.n);
  }
  return { months: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => ({ month: m, ...v })) };
}
