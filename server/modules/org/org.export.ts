/**
 * Excel exports of the organisation lists (issue 3, deliverable 7): GET /api/org-units/export.xlsx and
 * GET /api/party-orgs/export.xlsx take the same query as the lists and return exactly the rows the list answers
 * (the same service functions, so the same scope: nothing outside the caller's org.read subtrees). Each export is
 * one ledger event, committed before the file is handed out; a search text is recorded as a keyed hash only.
 * Cells are formula-escaped by writeXlsx.
 */
import { uuidv7 } from 'uuidv7';
import type { ListOrgUnitsQuery, ListPartyOrgsQuery } from '../../../contracts/org.ts';
import { inTransaction } from '../../db/database.ts';
import { ledgerActor, type AppDeps } from '../../platform/deps.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { scopePaths, type Actor } from '../../platform/scope.ts';
import { ORG_UNIT_TYPE_LABELS, PARTY_ORG_TYPE_LABELS } from './org.policy.ts';
import { listOrgUnits, roleFor } from './org.service.ts';
import { listPartyOrgs } from './party-org.service.ts';

export type ExportedFile = { fileName: string; asciiName: string; buffer: Buffer; rowCount: number };

const ORG_UNIT_COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '名称' },
  { key: 'shortName', header: '简称' },
  { key: 'code', header: '统一代码' },
  { key: 'type', header: '类型' },
  { key: 'parent', header: '上级单位（自上而下）' },
  { key: 'childCount', header: '下级单位数' },
  { key: 'validFrom', header: '生效日期' },
  { key: 'validTo', header: '撤销日期' },
];

const PARTY_ORG_COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '名称' },
  { key: 'type', header: '类型' },
  { key: 'parent', header: '上级党组织（自上而下）' },
  { key: 'orgUnitName', header: '所在单位' },
  { key: 'secretaryName', header: '书记' },
  { key: 'memberCount', header: '党员数' },
  { key: 'childCount', header: '下级党组织数' },
  { key: 'foundedAt', header: '成立日期' },
  { key: 'dissolvedAt', header: '撤销日期' },
];

const HOST_KIND_ZH: Record<string, string> = { ORG_UNIT: '', ENTERPRISE: '（企业）', PROJECT: '（项目）', PARK: '（园区）' };

/** The filters as the ledger keeps them: ids, types and dates as they are, a search text as a keyed hash. */
function recordedFilters(deps: AppDeps, query: ListOrgUnitsQuery | ListPartyOrgsQuery): Record<string, unknown> {
  const { q, ...rest } = query;
  const out: Record<string, unknown> = { ...rest };
  if (q !== undefined) out.qHash = deps.cipher.blindIndex('ledger-search', q.trim());
  return out;
}

/** The common root of the caller's org.read scope: the export event is filed there. */
function scopeRoot(actor: Actor): string {
  const paths = scopePaths(actor, 'org.read');
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths.slice(1)) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  }
  return prefix || '/';
}

async function recordExport(deps: AppDeps, actor: Actor, action: string, query: ListOrgUnitsQuery | ListPartyOrgsQuery, rowCount: number): Promise<void> {
  await inTransaction(deps.db, (trx) =>
    appendLedgerEvent(
      trx,
      ledgerActor(actor, roleFor(actor, 'org.read')),
      { action, objectType: 'export', objectId: uuidv7(), orgPath: scopeRoot(actor), payload: { filters: recordedFilters(deps, query), rowCount, format: 'xlsx' } },
      deps.clock.now(),
    ),
  );
}

/** GET /api/org-units/export.xlsx: the units GET /api/org-units answers for the same query. */
export async function exportOrgUnitsXlsx(deps: AppDeps, actor: Actor, query: ListOrgUnitsQuery): Promise<ExportedFile> {
  const units = await listOrgUnits(deps, actor, query);
  await recordExport(deps, actor, 'org_units.exported', query, units.length);
  const buffer = await writeXlsx(
    '组织机构',
    ORG_UNIT_COLUMNS,
    units.map((u) => ({
      name: u.name,
      shortName: u.shortName ?? '',
      code: u.code ?? '',
      type: ORG_UNIT_TYPE_LABELS[u.type].zh,
      parent: u.ancestors.map((a) => a.name).join(' / '),
      childCount: u.childCount,
      validFrom: u.validFrom,
      validTo: u.validTo ?? '',
    })),
  );
  const day = chinaDateText(deps.clock.now());
  return { fileName: `组织机构-${day}.xlsx`, asciiName: `org-units-${day}.xlsx`, buffer, rowCount: units.length };
}

/** GET /api/party-orgs/export.xlsx: the Party organisations GET /api/party-orgs answers for the same query. */
export async function exportPartyOrgsXlsx(deps: AppDeps, actor: Actor, query: ListPartyOrgsQuery): Promise<ExportedFile> {
  const orgs = await listPartyOrgs(deps, actor, query);
  await recordExport(deps, actor, 'party_orgs.exported', query, orgs.length);
  const buffer = await writeXlsx(
    '党组织',
    PARTY_ORG_COLUMNS,
    orgs.map((o) => ({
      name: o.name,
      type: PARTY_ORG_TYPE_LABELS[o.type].zh,
      parent: o.ancestors.map((a) => a.name).join(' / '),
      orgUnitName: `${o.orgUnitName}${HOST_KIND_ZH[o.hostKind] ?? ''}`,
      secretaryName: o.secretaryName ?? '',
      memberCount: o.memberCount,
      childCount: o.childCount,
      foundedAt: o.foundedAt,
      dissolvedAt: o.dissolvedAt ?? '',
    })),
  );
  const day = chinaDateText(deps.clock.now());
  return { fileName: `党组织-${day}.xlsx`, asciiName: `party-orgs-${day}.xlsx`, buffer, rowCount: orgs.length };
}
