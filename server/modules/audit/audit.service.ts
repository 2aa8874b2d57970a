/**
 * Audit viewer use cases (issue 3 deliverable 4). Every function first settles what the caller may read
 * (audit.policy.ts), and every read of the audit appends exactly one `audit.viewed` event (route + filters) in
 * the same transaction as the read, so reading the audit is itself audited.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { uuidv7 } from 'uuidv7';
import type {
  AuditActorOption,
  AuditEvent,
  AuditPageQuery,
  AuditPersonHead,
  CheckpointSummary,
  DossierViews,
  ExportAuditEventsQuery,
  ListAuditEventsQuery,
  PersonHistory,
  VerifyVerdict,
} from '../../../contracts/audit.ts';
import { DOSSIER_VIEW_ACTIONS } from '../../../contracts/audit.ts';
import type { Page } from '../../../contracts/common.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import { IMPORT_LIMITS } from '../../../contracts/transfer.ts';
import type { Config } from '../../config.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { LedgerEventRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText, roleNameZh } from '../../platform/export-file.ts';
import {
  appendLedgerEvent,
  exportCheckpoint,
  ledgerPublicKeyPath,
  loadLedgerSigner,
  parseExportedCheckpoint,
  publicKeyFingerprint,
  verifyLedger,
  type ExportedCheckpoint,
  type HashAlg,
} from '../../platform/ledger/index.ts';
import { isPathInScope, scopePaths } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { auditRoleOf, eventScopeOf, isLedgerWide } from './audit.policy.ts';
import { lastUnitId, presentCheckpoint, presentDossierView, presentEvent, type EventNames } from './audit.presenter.ts';
import * as repo from './audit.repository.ts';

const PERSON = { zh: '人员', en: 'person' };

/** China Standard Time, where the county's days begin and end. */
const CST_OFFSET = '+08:00';

function paging(q: { page?: number | undefined; pageSize?: number | undefined }) {
  return { page: q.page ?? 1, pageSize: q.pageSize ?? LIMITS.pageSizeDefault };
}

/** `YYYY-MM-DD` (a real calendar day) → the UTC instant its CST day starts, plus `days`. */
function cstDayStart(date: string, field: string, days = 0): string {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(utcMidnight.getTime()) || utcMidnight.toISOString().slice(0, 10) !== date) {
    throw fieldError(field, `${date} 不是有效日期`, `${date} is not a valid date`);
  }
  const start = new Date(`${date}T00:00:00${CST_OFFSET}`);
  return new Date(start.getTime() + days * 86_400_000).toISOString();
}

/** Appends the caller's `audit.viewed` event for one read of the audit. */
async function recordAuditRead(trx: DbOrTrx, ctx: ServiceCtx, route: string, filters: Record<string, unknown>, orgPath = '/'): Promise<void> {
  await appendLedgerEvent(trx, ledgerActor(ctx.actor, auditRoleOf(ctx.actor)), { action: 'audit.viewed', objectType: 'audit', objectId: route, orgPath, payload: { route, filters } }, ctx.clock.now());
}

/** Display names for the actors, units and objects of a page of events. */
async function loadNames(db: DbOrTrx, rows: LedgerEventRow[]): Promise<EventNames> {
  const userIds = new Set<string>();
  const unitIds = new Set<string>();
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.actor_user_id) userIds.add(r.actor_user_id);
    const unit = lastUnitId(r.org_path);
    if (unit) unitIds.add(unit);
    if (!byType.has(r.object_type)) byType.set(r.object_type, new Set());
    byType.get(r.object_type)!.add(r.object_id);
  }
  for (const id of byType.get('user') ?? []) userIds.add(id);
  const [users, units, people, partyOrgs] = await Promise.all([
    repo.findUsers(db, [...userIds]),
    repo.findNames(db, 'org_unit', [...unitIds, ...(byType.get('org_unit') ?? [])]),
    repo.findNames(db, 'person', [...(byType.get('person') ?? [])]),
    repo.findNames(db, 'party_org', [...(byType.get('party_org') ?? [])]),
  ]);
  const objects = new Map<string, string>();
  for (const [id, u] of users) objects.set(`user:${id}`, u.displayName);
  for (const [id, name] of units) objects.set(`org_unit:${id}`, name);
  for (const [id, name] of people) objects.set(`person:${id}`, name);
  for (const [id, name] of partyOrgs) objects.set(`party_org:${id}`, name);
  return { users, units, objects };
}

/** The list's filters as repository filters (CST days → UTC bounds); 400 for an impossible period. */
function eventFiltersOf(query: ExportAuditEventsQuery): repo.EventFilters {
  const fromTs = query.from ? cstDayStart(query.from, 'from') : undefined;
  const toTs = query.to ? cstDayStart(query.to, 'to', 1) : undefined;
  if (query.from && query.to && query.from > query.to) throw fieldError('to', '结束日期不能早于开始日期', 'The end date may not precede the start date');
  return { actorUserId: query.actorUserId, objectType: query.objectType, objectId: query.objectId, action: query.action, fromTs, toTs };
}

/** The filters as recorded in the ledger (as the caller gave them). */
function recordedFilters(query: ExportAuditEventsQuery): Record<string, unknown> {
  return { actorUserId: query.actorUserId, objectType: query.objectType, objectId: query.objectId, action: query.action, from: query.from, to: query.to };
}

/** The ledger, newest first, filtered by actor, object, action (or action family) and CST period. */
export async function listAuditEvents(ctx: ServiceCtx, query: ListAuditEventsQuery): Promise<Page<AuditEvent>> {
  const scope = eventScopeOf(ctx.actor);
  const filters = eventFiltersOf(query);
  const page = paging(query);
  return inTransaction(ctx.db, async (trx) => {
    const { rows, total } = await repo.listEvents(trx, scope, filters, page);
    const names = await loadNames(trx, rows);
    const recorded = { ...recordedFilters(query), page: page.page };
    await recordAuditRead(trx, ctx, 'events', recorded);
    return { items: rows.map((r) => presentEvent(r, names)), total, ...page };
  });
}

const EXPORT_COLUMNS: XlsxColumn[] = [
  { key: 'seq', header: '序号' },
  { key: 'ts', header: '时间' },
  { key: 'actor', header: '操作人' },
  { key: 'role', header: '角色' },
  { key: 'action', header: '操作' },
  { key: 'objectType', header: '对象类型' },
  { key: 'object', header: '对象' },
  { key: 'unit', header: '单位' },
  { key: 'payload', header: '内容', width: 60 },
];

/**
 * The audit list (same filters and scope as GET /api/audit/events, every page, newest first) as .xlsx. Needs a
 * login within the step-up window; more than the export cap → 413. One `audit.exported` event is appended in
 * the transaction of the read, so it is committed before the file leaves the server.
 */
export async function exportAuditEventsXlsx(ctx: ServiceCtx, query: ExportAuditEventsQuery): Promise<{ fileName: string; buffer: Buffer; rowCount: number }> {
  const filters = eventFiltersOf(query);
  requireFreshLogin(ctx, ctx.actor);
  const scope = eventScopeOf(ctx.actor);
  const maxRows = IMPORT_LIMITS.exportMaxRows;
  const events = await inTransaction(ctx.db, async (trx) => {
    const { total } = await repo.listEvents(trx, scope, filters, { page: 1, pageSize: 1 });
    if (total > maxRows) {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        zh: `符合条件的事件超过单次导出 ${maxRows} 条的上限；请增加筛选条件（如时间段）分批导出`,
        en: `More than the ${maxRows} events allowed in one export match; narrow the filters (e.g. the period)`,
      });
    }
    const rows = total === 0 ? [] : (await repo.listEvents(trx, scope, filters, { page: 1, pageSize: total })).rows;
    const out: AuditEvent[] = [];
    // names are looked up per chunk: an IN list stays well below the drivers' parameter limits
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const names = await loadNames(trx, chunk);
      for (const r of chunk) out.push(presentEvent(r, names));
    }
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, auditRoleOf(ctx.actor)),
      { action: 'audit.exported', objectType: 'export', objectId: uuidv7(), orgPath: '/', payload: { filters: recordedFilters(query), rowCount: out.length, format: 'xlsx' } },
      ctx.clock.now(),
    );
    return out;
  });
  const buffer = await writeXlsx(
    '审计事件',
    EXPORT_COLUMNS,
    events.map((e) => ({
      seq: e.seq,
      ts: chinaDateTimeText(e.ts),
      actor: e.actor.userId === null ? roleNameZh(e.actor.role) || '系统' : `${e.actor.displayName ?? ''}（${e.actor.username ?? e.actor.userId}）`,
      role: roleNameZh(e.actor.role),
      action: e.action,
      objectType: e.objectType,
      object: e.objectLabel ?? e.objectId,
      unit: e.unitName ?? '',
      payload: JSON.stringify(e.payload),
    })),
  );
  return { fileName: `审计事件-${chinaDateText(ctx.clock.now())}.xlsx`, buffer, rowCount: events.length };
}

/** The person if the caller may read their audit: anyone for audit roles, else inside the people.read scope. */
async function getPersonForAudit(db: DbOrTrx, ctx: ServiceCtx, personId: string): Promise<AuditPersonHead & { orgPath: string }> {
  const person = await repo.findPerson(db, personId);
  if (!person) throw notFound(PERSON);
  if (!isLedgerWide(ctx.actor) && !isPathInScope(person.org_path, scopePaths(ctx.actor, 'people.read'))) throw notFound(PERSON);
  return { id: person.id, name: person.name, orgName: person.org_name, orgPath: person.org_path };
}

/** Everything that happened to one person's record: edits, posts, kinship, views and file-access requests. */
export async function getPersonHistory(ctx: ServiceCtx, personId: string, query: AuditPageQuery): Promise<PersonHistory> {
  const scope = eventScopeOf(ctx.actor);
  const page = paging(query);
  return inTransaction(ctx.db, async (trx) => {
    const { orgPath, ...person } = await getPersonForAudit(trx, ctx, personId);
    const { rows, total } = await repo.listPersonHistory(trx, scope, person.id, page);
    const names = await loadNames(trx, rows);
    await recordAuditRead(trx, ctx, 'person_history', { personId: person.id, page: page.page }, orgPath);
    return { person, items: rows.map((r) => presentEvent(r, names)), total, ...page };
  });
}

/** Who viewed a dossier and why: dossier views, field reveals (with the reason) and file reads (with the purpose). */
export async function listPersonViews(ctx: ServiceCtx, personId: string, query: AuditPageQuery): Promise<DossierViews> {
  const scope = eventScopeOf(ctx.actor);
  const page = paging(query);
  return inTransaction(ctx.db, async (trx) => {
    const { orgPath, ...person } = await getPersonForAudit(trx, ctx, personId);
    const { rows, total } = await repo.listDossierViews(trx, scope, person.id, DOSSIER_VIEW_ACTIONS, page);
    const names = await loadNames(trx, rows);
    await recordAuditRead(trx, ctx, 'person_views', { personId: person.id, page: page.page }, orgPath);
    return { person, items: rows.map((r) => presentDossierView(r, names)), total, ...page };
  });
}

/** The actor filter's picker: accounts by username prefix or display name. */
export async function searchAuditActors(ctx: ServiceCtx, q: string): Promise<AuditActorOption[]> {
  const text = q.trim();
  if (!text) throw fieldError('q', '请输入要查找的用户名或姓名', 'Type a username or name');
  return inTransaction(ctx.db, async (trx) => {
    const rows = await repo.searchUsers(trx, text, 20);
    await recordAuditRead(trx, ctx, 'actors', { q: text });
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username }));
  });
}

/**
 * The pinned public key: the `.pub.pem` beside the configured signing key. When only the private key is there (or
 * in demo mode, where it is generated on first use) the public key file is written from it.
 */
function pinnedPublicKey(config: Config): string {
  const pubFile = ledgerPublicKeyPath(config.ledgerKeyFile);
  if (fs.existsSync(pubFile)) return fs.readFileSync(pubFile, 'utf8');
  if (config.demo || fs.existsSync(config.ledgerKeyFile)) return loadLedgerSigner({ keyFile: config.ledgerKeyFile, createIfMissing: config.demo }).publicKeyPem;
  throw new AppError('CONFLICT', {
    zh: `未找到账本公钥 ${pubFile}，无法校验检查点签名。请管理员运行 npx bellwether ledger keygen 或配置 BELLWETHER_LEDGER_KEY_FILE`,
    en: `The ledger public key ${pubFile} is missing; run npx bellwether ledger keygen or set BELLWETHER_LEDGER_KEY_FILE`,
  });
}

/** Runs the full verifier now (stored checkpoints, pinned key) and records the verdict. */
export async function verifyLedgerNow(ctx: ServiceCtx): Promise<VerifyVerdict> {
  const publicKeyPem = pinnedPublicKey(ctx.config);
  const started = performance.now();
  const v = await verifyLedger({ db: ctx.db, publicKeyPem });
  const durationMs = Math.round(performance.now() - started);
  let fingerprint: string | null = null;
  try {
    fingerprint = publicKeyFingerprint(publicKeyPem);
  } catch {
    fingerprint = null;
  }
  const verdict: VerifyVerdict = v.ok
    ? { ok: true, size: v.size, alg: v.alg, root: v.root, chainHead: v.chainHead, problem: null, seq: null, checkpoints: v.checkpoints, warnings: v.warnings, durationMs, verifiedAt: ctx.clock.now().toISOString(), publicKeyFingerprint: fingerprint }
    : { ok: false, size: v.size, alg: null, root: null, chainHead: null, problem: v.problem, seq: v.seq ?? null, checkpoints: { stored: 0, external: 0 }, warnings: v.warnings, durationMs, verifiedAt: ctx.clock.now().toISOString(), publicKeyFingerprint: fingerprint };
  await inTransaction(ctx.db, async (trx) => {
    await recordAuditRead(trx, ctx, 'verify', { ok: verdict.ok, size: verdict.size, root: verdict.root, problem: verdict.problem });
  });
  return verdict;
}

export async function listLedgerCheckpoints(ctx: ServiceCtx, query: AuditPageQuery): Promise<Page<CheckpointSummary>> {
  const page = paging(query);
  return inTransaction(ctx.db, async (trx) => {
    const { rows, total } = await repo.listCheckpoints(trx, page);
    await recordAuditRead(trx, ctx, 'checkpoints', { page: page.page });
    return { items: rows.map(presentCheckpoint), total, ...page };
  });
}

/** One signed checkpoint in its exported form (the JSON a discipline office keeps), for download. */
export async function exportLedgerCheckpoint(ctx: ServiceCtx, treeSize: number): Promise<{ fileName: string; body: ExportedCheckpoint }> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await repo.findCheckpoint(trx, treeSize);
    if (!row) throw notFound({ zh: '检查点', en: 'checkpoint' });
    const body = exportCheckpoint({
      alg: row.alg as HashAlg,
      treeSize: Number(row.tree_size),
      root: Buffer.from(row.root, 'hex'),
      chainHead: Buffer.from(row.chain_head, 'hex'),
      ts: row.ts,
      keyId: row.key_id,
      signature: Buffer.from(row.signature, 'base64'),
    });
    parseExportedCheckpoint(body); // refuses a stored row that does not decode
    await recordAuditRead(trx, ctx, 'checkpoint_download', { treeSize: body.treeSize });
    return { fileName: `ledger-checkpoint-${body.treeSize}.json`, body };
  });
}
