/**
 * GET /api/archive/requests/export.xlsx (issue 3, deliverable 7): either box of the access-request list (the
 * caller's own requests, or the approver's inbox) with the same filters, as .xlsx. The rows come from
 * listArchiveRequests page by page, so box, permission and scope are exactly the list's. The file names cadres and
 * reasons, so it needs a login within the step-up window, and the export is one ledger event (filters and row
 * count; no names), committed before the file is handed out. Cells are formula-escaped by writeXlsx.
 */
import { uuidv7 } from 'uuidv7';
import type { ArchiveDisplayStatus, ArchiveRequest, ListArchiveRequestsQuery } from '../../../contracts/archive.ts';
import { IMPORT_LIMITS } from '../../../contracts/transfer.ts';
import { inTransaction } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { scopePaths } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { PURPOSE_LABELS } from './archive.policy.ts';
import { listArchiveRequests } from './archive.service.ts';

export type ExportArchiveRequestsQuery = Omit<ListArchiveRequestsQuery, 'page' | 'pageSize'>;

const STATUS_ZH: Record<ArchiveDisplayStatus, string> = {
  PENDING: '待审批',
  SCHEDULED: '未到生效日',
  ACTIVE: '有效',
  EXPIRED: '已过期',
  REJECTED: '已驳回',
  REVOKED: '已撤销',
};

const COLUMNS: XlsxColumn[] = [
  { key: 'personName', header: '查阅对象' },
  { key: 'orgName', header: '所在单位' },
  { key: 'authorityName', header: '审批单位（管理权限）' },
  { key: 'requesterName', header: '申请人' },
  { key: 'purpose', header: '用途' },
  { key: 'reason', header: '事由' },
  { key: 'status', header: '状态' },
  { key: 'approverName', header: '审批人' },
  { key: 'decisionNote', header: '审批意见' },
  { key: 'window', header: '有效期' },
  { key: 'createdAt', header: '申请时间' },
  { key: 'decidedAt', header: '审批时间' },
];

const PAGE = 500;

/** Lowest common ancestor of materialised paths ('/' when they share nothing): where the export event is filed. */
function commonRoot(paths: readonly string[]): string {
  let prefix = paths[0] ?? '/';
  for (const p of paths.slice(1)) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1) || '/';
  return prefix;
}

export async function exportArchiveRequestsXlsx(ctx: ServiceCtx, query: ExportArchiveRequestsQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  const box = query.box ?? 'mine';
  // The list checks the box's permission (403) first; then the step-up login.
  const first = await listArchiveRequests(ctx, { ...query, box, page: 1, pageSize: PAGE });
  requireFreshLogin(ctx, ctx.actor);
  const maxRows = IMPORT_LIMITS.exportMaxRows;
  if (first.total > maxRows) {
    throw new AppError('PAYLOAD_TOO_LARGE', { zh: `符合条件的查阅申请超过单次导出 ${maxRows} 条的上限；请按状态筛选后分批导出`, en: `More than ${maxRows} requests match; filter by status` });
  }
  const items: ArchiveRequest[] = [...first.items];
  for (let page = 2; items.length < first.total && (page - 1) * PAGE < first.total; page++) {
    const next = await listArchiveRequests(ctx, { ...query, box, page, pageSize: PAGE });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }

  const permission = box === 'toApprove' ? 'archive.approve' : 'archive.request';
  const now = ctx.clock.now();
  await inTransaction(ctx.db, (trx) =>
    appendLedgerEvent(
      trx,
      ledgerActor(
        ctx.actor,
        ctx.actor.roles.find((r) => roleHasPermission(r, permission)),
      ),
      {
        action: 'archive_requests.exported',
        objectType: 'export',
        objectId: uuidv7(),
        orgPath: box === 'toApprove' ? commonRoot(scopePaths(ctx.actor, 'archive.approve')) : '/',
        payload: { filters: { box, ...(query.status ? { status: query.status } : {}), ...(query.personId ? { personId: query.personId } : {}) }, rowCount: items.length, format: 'xlsx' },
      },
      now,
    ),
  );

  const buffer = await writeXlsx(
    box === 'toApprove' ? '档案查阅待审批' : '我的档案查阅申请',
    COLUMNS,
    items.map((r) => ({
      personName: r.personName,
      orgName: r.orgName ?? '',
      authorityName: r.authorityName ?? '',
      requesterName: r.requesterName,
      purpose: PURPOSE_LABELS[r.purpose].zh,
      reason: r.reason,
      status: STATUS_ZH[r.displayStatus],
      approverName: r.approverName ?? '',
      decisionNote: r.decisionNote ?? '',
      window: r.validFrom && r.validTo ? `${r.validFrom} 至 ${r.validTo}` : '',
      createdAt: chinaDateTimeText(r.createdAt),
      decidedAt: r.decidedAt ? chinaDateTimeText(r.decidedAt) : '',
    })),
  );
  const day = chinaDateText(now);
  const boxZh = box === 'toApprove' ? '待审批' : '我的申请';
  return { fileName: `档案查阅申请（${boxZh}）-${day}.xlsx`, asciiName: `archive-requests-${box}-${day}.xlsx`, buffer, rowCount: items.length };
}
