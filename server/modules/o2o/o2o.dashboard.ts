/**
 * Town and county dashboard (SPEC M2 reports) from the o2o_rollup counters, never from a scan of the matters:
 * every query is an index range on (metric, village_path, day). The overdue count uses the (overdue, location_path)
 * index. "Replied and closed" (SPEC §6) = STATUS rollup for CLOSED + REVISITED + ARCHIVED.
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

function rollup(ctx: ServiceCtx, metric: string, paths: string[], from: string, to: string) {
  return ctx.db
    .selectFrom('o2o_rollup')
    .where('metric', '=', metric)
    .where((eb) => inSubtrees(eb, 'village_path', paths))
    .where('day', '>=', from)
    .where('day', '<=', to);
}

export async function getDashboardSummary(ctx: ServiceCtx, query: DashboardQuery): Promise<DashboardSummary> {
  const { paths, from, to } = await dashboardScope(ctx, query);
  const [statusRows, closeDays, onTime, satisfaction, overdue] = await Promise.all([
    rollup(ctx, 'STATUS', paths, from, to).select(['bucket', 'category', 'town_org_unit_id', 'village_org_unit_id', sql<number>`sum(n)`.as('n')]).groupBy(['bucket', 'category', 'town_org_unit_id', 'village_org_unit_id']).execute(),
    rollup(ctx, 'CLOSED_DAYS', paths, from, to).select(['bucket', sql<number>`sum(n)`.as('n')]).groupBy('bucket').orderBy('bucket').execute(),
    ctx.db.selectFrom('o2o_rollup').where('metric', 'in', ['ON_TIME', 'LATE']).where((eb) => inSubtrees(eb, 'village_path', paths)).where('day', '>=', from).where('day', '<=', to).select(['metric', sql<number>`sum(n)`.as('n')]).groupBy('metric').execute(),
    rollup(ctx, 'SATISFACTION', paths, from, to).select(['bucket', sql<number>`sum(n)`.as('n')]).groupBy('bucket').execute(),
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
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + n);
    const t = byTown.get(r.town_org_unit_id) ?? { total: 0, closed: 0, open: 0, overdue: 0 };
    const v = byVillage.get(r.village_org_unit_id) ?? { townId: r.town_org_unit_id, total: 0, closed: 0, open: 0, overdue: 0 };
    for (const x of [t, v]) {
      x.total += n;
      if (closedSet.has(r.bucket)) x.closed += n;
      if (openSet.has(r.bucket)) x.open += n;
    }
    byTown.set(r.town_org_unit_id, t);
    byVillage.set(r.village_org_unit_id, v);
  }
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
  const month = sql<string>`substr(day, 1, 7)`;
  const [received, closed] = await Promise.all([
    rollup(ctx, 'STATUS', paths, from, to).select([month.as('month'), sql<number>`sum(n)`.as('n')]).groupBy(month).execute(),
    ctx.db.selectFrom('o2o_rollup').where('metric', 'in', ['ON_TIME', 'LATE']).where((eb) => inSubtrees(eb, 'village_path', paths)).where('day', '>=', from).where('day', '<=', to).select([month.as('month'), 'metric', sql<number>`sum(n)`.as('n')]).groupBy([month, 'metric']).execute(),
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
