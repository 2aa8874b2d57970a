/**
 * The teams and households lists as .xlsx (issue 3 deliverable 7): GET /api/poverty/teams/export.xlsx and
 * GET /api/poverty/households/export.xlsx take the lists' own queries (filters and sort) and walk the lists' own
 * service functions page by page, so scope (subtree or own team) and masking (ID numbers masked, as on screen) are
 * the lists'. Formula-escaped by the shared writer; one `poverty.exported` ledger event each with the filters (search
 * text hashed) and the row count. Like the module's report exports (`/api/poverty/export/:kind`), no step-up.
 */
import type { HouseholdCause, ListHouseholdsQuery, ListTeamsQuery } from '../../../contracts/poverty.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { allPages, commonScopeRoot, recordListExport } from '../../platform/list-export.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { STATUS_TEXT } from './poverty.policy.ts';
import { CAUSE_ZH } from './poverty.reports.ts';
import { listHouseholds, listTeams, visibilityOf } from './poverty.service.ts';

type ExportedFile = { fileName: string; asciiName: string; buffer: Buffer; rowCount: number };

const TEAM_STATUS_ZH: Record<string, string> = { DRAFT: '组建中', ACTIVE: '已启用', DISSOLVED: '已解散' };

const TEAM_COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '服务团队' },
  { key: 'town', header: '镇（街道）' },
  { key: 'village', header: '村（社区）' },
  { key: 'leader', header: '团队长' },
  { key: 'status', header: '状态' },
  { key: 'formedAt', header: '组建日期' },
  { key: 'members', header: '成员数' },
  { key: 'households', header: '帮扶户数' },
];

const HOUSEHOLD_COLUMNS: XlsxColumn[] = [
  { key: 'head', header: '户主' },
  { key: 'idMasked', header: '身份证号（脱敏）' },
  { key: 'town', header: '镇（街道）' },
  { key: 'village', header: '村（社区）' },
  { key: 'members', header: '家庭人口' },
  { key: 'causes', header: '致贫原因' },
  { key: 'status', header: '状态' },
  { key: 'year', header: '识别年度' },
  { key: 'team', header: '服务团队' },
  { key: 'visits', header: '走访次数' },
  { key: 'lastVisit', header: '最近走访' },
];

async function record(ctx: ServiceCtx, kind: 'teams' | 'households', filters: object, rowCount: number): Promise<void> {
  const v = await visibilityOf(ctx.db, ctx);
  await recordListExport(ctx, ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, 'poverty.read'))), {
    action: 'poverty.exported',
    orgPath: commonScopeRoot(v.paths),
    query: { list: kind, ...filters },
    rowCount,
  });
}

/** GET /api/poverty/teams/export.xlsx: the teams GET /api/poverty/teams answers for the same query. */
export async function exportTeamsListXlsx(ctx: ServiceCtx, query: ListTeamsQuery): Promise<ExportedFile> {
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listTeams(ctx, q), filters, { what: '服务团队', narrowBy: '状态、村或团队名称' });
  const rows = items.map((t) => ({
    name: t.name,
    town: t.townName ?? '',
    village: t.villageName,
    leader: t.leaderName ?? '',
    status: TEAM_STATUS_ZH[t.status] ?? t.status,
    formedAt: t.formedAt,
    members: t.memberCount,
    households: t.householdCount,
  }));
  await record(ctx, 'teams', filters, rows.length);
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `服务团队-${day}.xlsx`, asciiName: `poverty-team-list-${day}.xlsx`, buffer: await writeXlsx('服务团队', TEAM_COLUMNS, rows), rowCount: rows.length };
}

/** GET /api/poverty/households/export.xlsx: the households GET /api/poverty/households answers for the same query. */
export async function exportHouseholdsListXlsx(ctx: ServiceCtx, query: ListHouseholdsQuery): Promise<ExportedFile> {
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listHouseholds(ctx, q), filters, { what: '帮扶户', narrowBy: '状态、致贫原因、团队或户主姓名' });
  const rows = items.map((h) => ({
    head: h.headName,
    idMasked: h.headIdNumberMasked ?? '',
    town: h.townName ?? '',
    village: h.villageName,
    members: h.memberCount,
    causes: h.causes.map((c: HouseholdCause) => CAUSE_ZH[c] ?? c).join('、'),
    status: STATUS_TEXT[h.status]?.zh ?? h.status,
    year: h.identifiedYear,
    team: h.teamName ?? '',
    visits: h.visitCount,
    lastVisit: h.lastVisitOn ?? '',
  }));
  await record(ctx, 'households', filters, rows.length);
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `帮扶户-${day}.xlsx`, asciiName: `poverty-household-list-${day}.xlsx`, buffer: await writeXlsx('帮扶户', HOUSEHOLD_COLUMNS, rows), rowCount: rows.length };
}
