/**
 * Coverage of the four-level groups as live queries over the caller's scope (SPEC §3 M2 reports, §6 "~700 groups,
 * 20,770 people"): ACTIVE groups by level and town, distinct member keys across ACTIVE groups (current memberships)
 * and the Party members among them. Never a typed figure. The .xlsx export is formula-escaped and a ledger event.
 */
import { uuidv7 } from 'uuidv7';
import { GROUP_LEVELS, type CoverageQuery, type CoverageReport, type GroupLevel } from '../../../contracts/groups.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope } from '../../platform/scope.ts';
import { readPaths } from './groups.policy.ts';
import { presentLevel } from './groups.presenter.ts';
import * as repo from './groups.repository.ts';

async function scopeOf(ctx: ServiceCtx, orgUnitId: string | undefined): Promise<string[]> {
  if (!hasPermission(ctx.actor, 'o2o.read')) throw forbidden();
  const paths = readPaths(ctx.actor);
  if (!orgUnitId) return paths;
  const unit = await repo.findUnit(ctx.db, orgUnitId);
  if (!unit || !isPathInScope(unit.path, paths)) throw notFound({ zh: '单位', en: 'unit' });
  return [unit.path];
}

async function build(db: DbOrTrx, paths: string[], en: boolean): Promise<CoverageReport> {
  const n = (x: unknown) => Number(x ?? 0);
  const levels = (await repo.listLevels(db)).map(presentLevel);
  const label = (l: GroupLevel) => {
    const c = levels.find((x) => x.level === l);
    return c ? (en ? c.nameEn : c.nameZh) : l;
  };
  const counts = await repo.groupCounts(db, paths);
  const totals = await repo.distinctMembers(db, paths);
  const perLevel = await repo.distinctMembersByLevel(db, paths);
  const perTown = await repo.distinctMembersByTown(db, paths);
  const townGroups = await repo.groupsByTown(db, paths);

  const towns = new Map<string, CoverageReport['byTown'][number] & { sort: number; path: string }>();
  for (const r of townGroups) {
    const key = r.town_org_unit_id ?? '';
    let t = towns.get(key);
    if (!t) {
      t = { townId: r.town_org_unit_id, townName: r.town_name ?? (en ? 'County level' : '县级'), groups: 0, groupsByLevel: Object.fromEntries(GROUP_LEVELS.map((l) => [l, 0])), members: 0, partyMembers: 0, sort: r.town_org_unit_id ? n(r.sort_order) : -1, path: r.town_path ?? '' };
      towns.set(key, t);
    }
    t.groups += n(r.n);
    t.groupsByLevel[r.level] = (t.groupsByLevel[r.level] ?? 0) + n(r.n);
  }
  for (const r of perTown) {
    const t = towns.get(r.town_org_unit_id ?? '');
    if (t) {
      t.members = n(r.members);
      t.partyMembers = n(r.party);
    }
  }
  return {
    groups: counts.filter((c) => c.status === 'ACTIVE').reduce((s, c) => s + n(c.n), 0),
    archivedGroups: counts.filter((c) => c.status === 'ARCHIVED').reduce((s, c) => s + n(c.n), 0),
    members: n(totals.members),
    partyMembers: n(totals.party),
    memberships: n(totals.memberships),
    byLevel: GROUP_LEVELS.map((level) => {
      const m = perLevel.find((r) => r.level === level);
      return { level, label: label(level), groups: counts.filter((c) => c.level === level && c.status === 'ACTIVE').reduce((s, c) => s + n(c.n), 0), members: n(m?.members), partyMembers: n(m?.party) };
    }),
    byTown: [...towns.values()]
      .sort((a, b) => a.sort - b.sort || a.path.localeCompare(b.path))
      .map(({ sort: _sort, path: _path, ...t }) => t),
    levels,
  };
}

export async function coverage(ctx: ServiceCtx, query: CoverageQuery): Promise<CoverageReport> {
  const paths = await scopeOf(ctx, query.orgUnitId);
  return build(ctx.db, paths, ctx.actor.locale === 'en');
}

/** The coverage table as .xlsx (one row per town, a county-level row and a total row); a ledger event. */
export async function exportCoverage(ctx: ServiceCtx, query: CoverageQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const paths = await scopeOf(ctx, query.orgUnitId);
  const report = await inTransaction(ctx.db, async (trx) => {
    const r = await build(trx, paths, false);
    const role = ctx.actor.roles.find((x) => roleHasPermission(x, 'o2o.read'));
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, role),
      { action: 'groups.coverage.exported', objectType: 'export', objectId: uuidv7(), orgPath: paths[0] ?? '/', payload: { orgUnitId: query.orgUnitId ?? null, groups: r.groups, members: r.members, format: 'xlsx' } },
      ctx.clock.now(),
    );
    return r;
  });
  const levelHeader = (l: GroupLevel) => report.levels.find((x) => x.level === l)?.nameZh ?? l;
  const columns: XlsxColumn[] = [
    { key: 'town', header: '镇（街道）' },
    ...GROUP_LEVELS.map((l) => ({ key: l, header: levelHeader(l) })),
    { key: 'groups', header: '服务群合计' },
    { key: 'members', header: '群成员（去重）' },
    { key: 'partyMembers', header: '其中党员' },
  ];
  const rows: Record<string, string | number | null>[] = report.byTown.map((t) => ({ town: t.townName, ...t.groupsByLevel, groups: t.groups, members: t.members, partyMembers: t.partyMembers }));
  rows.push({ town: '合计（成员全范围去重）', ...Object.fromEntries(report.byLevel.map((l) => [l.level, l.groups])), groups: report.groups, members: report.members, partyMembers: report.partyMembers });
  const buffer = await writeXlsx('四级服务群覆盖', columns, rows);
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `四级服务群覆盖-${day}.xlsx`, asciiName: `group-coverage-${day}.xlsx`, buffer };
}
