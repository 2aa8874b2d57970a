/**
 * .xlsx export of the matters the caller can see (SPEC M2; what FixMyStreet councils asked for): time to accept
 * (hours) and time to close (working days), due date, overdue, satisfaction. No requester identity. The export is a
 * ledger event and needs a fresh login (SECURITY.md §2 step-up).
 */
import { uuidv7 } from 'uuidv7';
import type { ListMattersQuery } from '../../../contracts/o2o.ts';
import { inTransaction } from '../../db/database.ts';
import { cstDate, loadWorkCalendar, workingDaysFromTo } from '../../platform/calendar/index.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { hasPermission } from '../../platform/scope.ts';
import { allPages, commonScopeRoot, recordListExport } from '../../platform/list-export.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { matterScopes } from './o2o.policy.ts';
import * as repo from './o2o.repository.ts';
import { listMatters } from './o2o.service.ts';

const MAX_ROWS = 50_000;
const CATEGORY_ZH: Record<string, string> = { CONSULT: '咨询', HELP: '求助', COMPLAINT: '投诉', SUGGESTION: '建议', REPORT: '举报' };
const URGENCY_ZH: Record<string, string> = { URGENT: '紧急', NORMAL: '一般', COMPLEX: '复杂' };
const SAT_ZH: Record<string, string> = { SATISFIED: '满意', BASIC: '基本满意', DISSATISFIED: '不满意' };
const STATUS_ZH: Record<string, string> = {
  SUBMITTED: '待受理', REJECTED: '不予受理', ACCEPTED: '已受理', ANSWERED_ON_SPOT: '当场答复', ESCALATED: '已上报', DISPATCHED: '已转办', SIGNED: '已签收', RETURNED: '已退回',
  IN_PROGRESS: '办理中', EXTENSION_REQUESTED: '申请延期', REPLIED: '已答复', CLOSED: '已办结', REVISITED: '已回访', REOPENED: '重新办理', ARCHIVED: '已归档', ROUTED_DISCIPLINE: '已移送纪委',
};

const COLUMNS: XlsxColumn[] = [
  { key: 'code', header: '受理编号' },
  { key: 'category', header: '类别' },
  { key: 'urgency', header: '紧急程度' },
  { key: 'status', header: '状态' },
  { key: 'town', header: '镇（街道）' },
  { key: 'village', header: '村（社区）' },
  { key: 'title', header: '事项' },
  { key: 'receivedAt', header: '收到时间' },
  { key: 'acceptedAt', header: '受理时间' },
  { key: 'hoursToAccept', header: '受理用时（小时）' },
  { key: 'dueDate', header: '办理时限' },
  { key: 'assigned', header: '承办单位' },
  { key: 'closedAt', header: '办结时间' },
  { key: 'workingDaysToClose', header: '办结用时（工作日）' },
  { key: 'overdue', header: '曾超期' },
  { key: 'escalations', header: '提级次数' },
  { key: 'satisfaction', header: '回访满意度' },
];

export async function exportMattersXlsx(ctx: ServiceCtx, query: ListMattersQuery): Promise<{ buffer: Buffer; rows: number }> {
  if (!hasPermission(ctx.actor, 'o2o.read')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const s = matterScopes(ctx.actor);
  const cal = await loadWorkCalendar(ctx.db);
  // the filters and order of GET /api/o2o/matters (which serves routed reports only at /api/o2o/routed)
  const box = query.box === 'routed' ? 'all' : (query.box ?? 'all');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    unitPath = unit.path;
  }
  const sort = query.sort ?? (box !== 'all' ? 'dueAt' : '-receivedAt');
  const out: Record<string, string | number | null>[] = [];
  const pageSize = 5000;
  for (let page = 1; ; page++) {
    const { rows, total } = await repo.listMatters(ctx.db, s, box, { status: query.status, category: query.category, urgency: query.urgency, unitPath, code: query.code, from: query.from, to: query.to }, { page, pageSize, sort });
    if (total > MAX_ROWS) throw fieldError('to', `导出范围内有 ${total} 条事项，超过 ${MAX_ROWS} 条上限；请缩小时间范围`, `${total} matters exceed the ${MAX_ROWS} row limit; narrow the period`);
    for (const r of rows) {
      out.push({
        code: r.code,
        category: CATEGORY_ZH[r.category] ?? r.category,
        urgency: URGENCY_ZH[r.urgency] ?? r.urgency,
        status: STATUS_ZH[r.status] ?? r.status,
        town: r.town_name,
        village: r.location_name,
        title: r.title,
        receivedAt: chinaDateTimeText(r.received_at),
        acceptedAt: r.accepted_at ? chinaDateTimeText(r.accepted_at) : null,
        hoursToAccept: r.accepted_at ? Math.round(((Date.parse(r.accepted_at) - Date.parse(r.received_at)) / 3_600_000) * 10) / 10 : null,
        dueDate: r.due_at ? cstDate(new Date(r.due_at)) : null,
        assigned: r.assigned_name,
        closedAt: r.closed_at ? chinaDateTimeText(r.closed_at) : null,
        workingDaysToClose: r.closed_at ? Math.max(0, workingDaysFromTo(new Date(r.accepted_at ?? r.received_at), new Date(r.closed_at), cal)) : null,
        overdue: Number(r.was_overdue) ? '是' : '否',
        escalations: Number(r.escalation_count),
        satisfaction: r.satisfaction ? (SAT_ZH[r.satisfaction] ?? r.satisfaction) : null,
      });
    }
    if (rows.length < pageSize) break;
  }
  const buffer = await writeXlsx('群众事项', COLUMNS, out);
  await inTransaction(ctx.db, async (trx) => {
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, ctx.actor.roles[0]), { action: 'o2o.exported', objectType: 'export', objectId: uuidv7(), orgPath: s.read[0] ?? s.dispatch[0] ?? '/', payload: { filters: query, rowCount: out.length, format: 'xlsx' } }, ctx.clock.now());
  });
  return { buffer, rows: out.length };
}

const CHANNEL_ZH: Record<string, string> = { WECHAT_GROUP: '微信群', OFFLINE_VISIT: '上门走访', PHONE: '电话', H5_FORM: '网页表单', OPEN311: '热线接口' };

const ROUTED_COLUMNS: XlsxColumn[] = [
  { key: 'code', header: '受理编号' },
  { key: 'title', header: '事项' },
  { key: 'location', header: '地点' },
  { key: 'channel', header: '渠道' },
  { key: 'receivedAt', header: '收到时间' },
  { key: 'anonymous', header: '匿名' },
  { key: 'petition', header: '信访举报件' },
];

/**
 * GET /api/o2o/routed/export.xlsx (issue 3 deliverable 7): the discipline commission's routed reports with the
 * list's own query and scope (`listMatters` with the routed box), the list's columns (no requester: the list shows
 * none either), formula-escaped; a fresh login and one `o2o.exported` ledger event (filters with box "routed").
 */
export async function exportRoutedXlsx(ctx: ServiceCtx, query: ListMattersQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'petition.write')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { page: _p, pageSize: _s, ...rest } = query;
  const filters = { ...rest, box: 'routed' as const };
  const items = await allPages((q) => listMatters(ctx, q), filters, { what: '移送举报', narrowBy: '时间范围或状态' });
  const rows = items.map((m) => ({
    code: m.code,
    title: m.title,
    location: m.townName && m.townName !== m.locationName ? `${m.townName} ${m.locationName}` : m.locationName,
    channel: CHANNEL_ZH[m.channel] ?? m.channel,
    receivedAt: chinaDateTimeText(m.receivedAt),
    anonymous: m.anonymous ? '是' : '否',
    petition: m.petitionId ? '已接收' : '未接收',
  }));
  await recordListExport(ctx, ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, 'petition.write'))), {
    action: 'o2o.exported',
    orgPath: commonScopeRoot(matterScopes(ctx.actor).discipline),
    query: filters,
    rowCount: rows.length,
    textKeys: ['code'],
  });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `移送纪委的群众举报-${day}.xlsx`, asciiName: `o2o-routed-${day}.xlsx`, buffer: await writeXlsx('移送举报', ROUTED_COLUMNS, rows), rowCount: rows.length };
}
