/**
 * The 信访举报 and 任前廉政审查 lists as .xlsx (issue 3 deliverable 7): GET /api/integrity/petitions/export.xlsx and
 * GET /api/integrity/reviews/export.xlsx take the lists' own queries and walk the lists' own service functions page
 * by page (same scope, same exclusions of the caller and relatives), with the lists' columns only (no petition
 * content, no conclusions, no reporter), formula-escaped by the shared writer. Discipline material: a fresh login
 * and one ledger event each (`petition.exported`, `integrity_review.exported`) with the filters.
 */
import type { ListIntegrityReviewsQuery, ListPetitionsQuery, PetitionChannel, PetitionStatus, ReviewOverall } from '../../../contracts/integrity.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { allPages, commonScopeRoot, recordListExport } from '../../platform/list-export.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, scopePaths } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { listReviews } from './integrity-review.service.ts';
import { listPetitions } from './petition.service.ts';

type ExportedFile = { fileName: string; asciiName: string; buffer: Buffer; rowCount: number };

const PETITION_STATUS_ZH: Record<PetitionStatus, string> = { RECEIVED: '已受理', PRELIM_CHECK: '初步核实', VERIFIED_TRUE: '属实', PARTLY_TRUE: '部分属实', UNFOUNDED: '不属实', TRANSFERRED: '已转办' };
const CHANNEL_ZH: Record<PetitionChannel, string> = { LETTER: '来信', VISIT: '来访', PHONE: '来电', ONLINE: '网络举报', TRANSFERRED_IN: '上级转办' };
const OVERALL_ZH: Record<ReviewOverall, string> = { PENDING: '进行中', PASS: '通过', FAIL: '未通过' };

const PETITION_COLUMNS: XlsxColumn[] = [
  { key: 'receivedAt', header: '受理时间' },
  { key: 'channel', header: '来源' },
  { key: 'subjects', header: '被反映人' },
  { key: 'realName', header: '实名' },
  { key: 'checkable', header: '具体可查' },
  { key: 'status', header: '状态' },
  { key: 'handler', header: '承办人' },
];

const REVIEW_COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '审查对象' },
  { key: 'unit', header: '所在单位' },
  { key: 'overall', header: '审查结果' },
  { key: 'passed', header: '已通过必查项' },
  { key: 'mandatory', header: '必查项' },
  { key: 'updatedAt', header: '更新时间' },
];

const roleWith = (ctx: ServiceCtx, perm: 'petition.write' | 'integrity.review') => ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, perm)));

export async function exportPetitionsXlsx(ctx: ServiceCtx, query: ListPetitionsQuery): Promise<ExportedFile> {
  if (!hasPermission(ctx.actor, 'petition.write')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listPetitions(ctx, q), filters, { what: '信访举报件', narrowBy: '状态或被反映人' });
  const rows = items.map((p) => ({
    receivedAt: chinaDateTimeText(p.receivedAt),
    channel: CHANNEL_ZH[p.channel] ?? p.channel,
    subjects: p.subjects.map((s) => s.name).join('、'),
    realName: p.realName ? '是' : '否',
    checkable: p.specificAndCheckable ? '是' : '否',
    status: PETITION_STATUS_ZH[p.status] ?? p.status,
    handler: p.handlerName,
  }));
  await recordListExport(ctx, roleWith(ctx, 'petition.write'), { action: 'petition.exported', orgPath: commonScopeRoot(scopePaths(ctx.actor, 'petition.write')), query: filters, rowCount: rows.length });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `信访举报-${day}.xlsx`, asciiName: `petitions-${day}.xlsx`, buffer: await writeXlsx('信访举报', PETITION_COLUMNS, rows), rowCount: rows.length };
}

export async function exportReviewsXlsx(ctx: ServiceCtx, query: ListIntegrityReviewsQuery): Promise<ExportedFile> {
  if (!hasPermission(ctx.actor, 'integrity.review')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listReviews(ctx, q), filters, { what: '任前廉政审查', narrowBy: '审查结果或姓名' });
  const rows = items.map((r) => ({
    name: r.subjectName,
    unit: r.unitName,
    overall: OVERALL_ZH[r.overall] ?? r.overall,
    passed: r.passed,
    mandatory: r.mandatory,
    updatedAt: chinaDateTimeText(r.updatedAt),
  }));
  await recordListExport(ctx, roleWith(ctx, 'integrity.review'), { action: 'integrity_review.exported', orgPath: commonScopeRoot(scopePaths(ctx.actor, 'integrity.review')), query: filters, rowCount: rows.length });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `任前廉政审查-${day}.xlsx`, asciiName: `integrity-reviews-${day}.xlsx`, buffer: await writeXlsx('任前廉政审查', REVIEW_COLUMNS, rows), rowCount: rows.length };
}
