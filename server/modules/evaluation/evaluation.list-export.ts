/**
 * GET /api/evaluations/export.xlsx (issue 3 deliverable 7): the evaluations list with the list's own query and scope
 * (`listEvaluations`, walked page by page: manage or results scope, never the caller or a relative), the list's
 * columns (planned and used rater counts only, never which token voted), formula-escaped by the shared writer; a
 * fresh login and one `evaluation.exported` ledger event with the filters (search text hashed).
 */
import type { EvaluationPurpose, ListEvaluationsQuery } from '../../../contracts/evaluation.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { allPages, commonScopeRoot, recordListExport } from '../../platform/list-export.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, scopePaths } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { STATUS_LABELS } from './evaluation.policy.ts';
import { listEvaluations } from './evaluation.service.ts';

const PURPOSE_ZH: Record<EvaluationPurpose, string> = { PRE_APPOINTMENT: '任前测评', ANNUAL: '年度测评', CAMPAIGN: '三五分析测评' };

const COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '测评对象' },
  { key: 'post', header: '职务' },
  { key: 'org', header: '单位' },
  { key: 'purpose', header: '测评类型' },
  { key: 'openAt', header: '开始时间' },
  { key: 'closeAt', header: '截止时间' },
  { key: 'status', header: '状态' },
  { key: 'planned', header: '计划人数' },
  { key: 'used', header: '已提交' },
];

export async function exportEvaluationsXlsx(ctx: ServiceCtx, query: ListEvaluationsQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'evaluation.manage') && !hasPermission(ctx.actor, 'evaluation.results')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listEvaluations(ctx, q), filters, { what: '测评', narrowBy: '状态、类型或姓名' });
  const rows = items.map((e) => ({
    name: e.subjectName,
    post: e.subjectPost ?? '',
    org: e.subjectOrgName ?? '',
    purpose: PURPOSE_ZH[e.purpose] ?? e.purpose,
    openAt: chinaDateTimeText(e.openAt),
    closeAt: chinaDateTimeText(e.closeAt),
    status: STATUS_LABELS[e.status].zh,
    planned: e.groups.reduce((n, g) => n + g.tokenCount, 0),
    used: e.groups.reduce((n, g) => n + g.used, 0),
  }));
  const perm = hasPermission(ctx.actor, 'evaluation.manage') ? 'evaluation.manage' : 'evaluation.results';
  await recordListExport(ctx, ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, perm))), {
    action: 'evaluation.exported',
    orgPath: commonScopeRoot([...scopePaths(ctx.actor, 'evaluation.manage'), ...scopePaths(ctx.actor, 'evaluation.results')]),
    query: filters,
    rowCount: rows.length,
  });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `测评列表-${day}.xlsx`, asciiName: `evaluations-${day}.xlsx`, buffer: await writeXlsx('测评', COLUMNS, rows), rowCount: rows.length };
}
