/**
 * GET /api/analysis/campaigns/export.xlsx (issue 3 deliverable 7): the campaigns list with the list's own query and
 * scope (`listCampaigns`, walked page by page), the list's columns, formula-escaped by the shared writer; a fresh
 * login (cadre-assessment work) and one `campaign.exported` ledger event with the filters (search text hashed).
 */
import type { ListCampaignsQuery } from '../../../contracts/analysis.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { allPages, commonScopeRoot, recordListExport } from '../../platform/list-export.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, scopePaths } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { CAMPAIGN_STATUS_ZH } from './analysis-labels.ts';
import { listCampaigns } from './analysis.service.ts';

const COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '研判工作' },
  { key: 'towns', header: '范围（乡镇/街道）' },
  { key: 'startAt', header: '开始日期' },
  { key: 'endAt', header: '结束日期' },
  { key: 'status', header: '状态' },
  { key: 'team', header: '工作组人数' },
  { key: 'notice', header: '公告发布' },
  { key: 'updatedAt', header: '更新时间' },
];

export async function exportCampaignsXlsx(ctx: ServiceCtx, query: ListCampaignsQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'campaign.read')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listCampaigns(ctx, q), filters, { what: '研判工作', narrowBy: '状态或名称' });
  const rows = items.map((c) => ({
    name: c.name,
    towns: c.scopeTowns.map((t) => t.name).join('、'),
    startAt: c.startAt,
    endAt: c.endAt,
    status: CAMPAIGN_STATUS_ZH[c.status],
    team: c.team.length,
    notice: c.notice ? `${c.notice.publishedAt} ${c.notice.media}` : '未发布',
    updatedAt: chinaDateTimeText(c.updatedAt),
  }));
  await recordListExport(ctx, ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, 'campaign.read'))), {
    action: 'campaign.exported',
    orgPath: commonScopeRoot(scopePaths(ctx.actor, 'campaign.read')),
    query: filters,
    rowCount: rows.length,
  });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `三五分析研判工作-${day}.xlsx`, asciiName: `analysis-campaigns-${day}.xlsx`, buffer: await writeXlsx('研判工作', COLUMNS, rows), rowCount: rows.length };
}
