/**
 * GET /api/groups/export.xlsx (issue 3 deliverable 7): the groups list with the list's own query and scope
 * (`listGroups`, walked page by page), the list's columns (counts only: member WeChat ids are never stored raw and
 * never exported), formula-escaped by the shared writer; one `groups.exported` ledger event with the filters
 * (search text hashed). Like the coverage export, no step-up: no personal data leaves.
 */
import type { GroupLevel, GroupStatus, ListGroupsQuery } from '../../../contracts/groups.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { allPages, commonScopeRoot, recordListExport } from '../../platform/list-export.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { readPaths } from './groups.policy.ts';
import { listGroups } from './groups.service.ts';

const LEVEL_ZH: Record<GroupLevel, string> = { COUNTY: '县级', TOWN: '镇级', VILLAGE: '村级', GROUP: '组级' };
const STATUS_ZH: Record<GroupStatus, string> = { ACTIVE: '在用', ARCHIVED: '已归档' };

const COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '群名称' },
  { key: 'level', header: '层级' },
  { key: 'town', header: '镇（街道）' },
  { key: 'unit', header: '所属单位' },
  { key: 'owner', header: '群主' },
  { key: 'members', header: '成员数' },
  { key: 'party', header: '党员数' },
  { key: 'status', header: '状态' },
  { key: 'createdAt', header: '建群时间' },
];

export async function exportGroupsXlsx(ctx: ServiceCtx, query: ListGroupsQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listGroups(ctx, q), filters, { what: '服务群', narrowBy: '层级、镇（街道）或群名称' });
  const rows = items.map((g) => ({
    name: g.name,
    level: LEVEL_ZH[g.level] ?? g.level,
    town: g.townName ?? '',
    unit: g.orgUnitName,
    owner: g.ownerName ?? '',
    members: g.memberCount,
    party: g.partyMemberCount,
    status: STATUS_ZH[g.status] ?? g.status,
    createdAt: chinaDateTimeText(g.createdAt),
  }));
  await recordListExport(ctx, ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, 'o2o.read'))), {
    action: 'groups.exported',
    orgPath: commonScopeRoot(readPaths(ctx.actor)),
    query: filters,
    rowCount: rows.length,
  });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `微信服务群-${day}.xlsx`, asciiName: `groups-${day}.xlsx`, buffer: await writeXlsx('服务群', COLUMNS, rows), rowCount: rows.length };
}
