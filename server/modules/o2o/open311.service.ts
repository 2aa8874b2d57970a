/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the O2O matters, and the per-client API keys
 * (issued by SYS_ADMIN, stored as SHA-256 only).
 *
 * Mapping: one service per matter category (service_code = CONSULT, HELP, …; REPORT is not offered: reports about
 * cadres go to the discipline commission, never through a public API); the location is the village (address_id or
 * attribute[village]); service_request_id = the matter code; token = the matter id. status is `open` / `closed`
 * as the standard requires, the richer state is `extended_attributes.detailed_status`. Descriptions are returned
 * only to callers with a valid api_key; requester identity is never returned.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { MatterCategory } from '../../../contracts/o2o.ts';
import { inTransaction } from '../../db/database.ts';
import type { CitizenMatterRow } from '../../db/schema.ts';
import { loadWorkCalendar, workingDeadline } from '../../platform/calendar/index.ts';
import { ledgerActor, type AppDeps, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { publicStatusOf } from './o2o.public.ts';
import { slaFor, submitMatter } from './o2o.service.ts';

export const OPEN311_SERVICES: { code: Exclude<MatterCategory, 'REPORT'>; name: string; description: string; keywords: string[] }[] = [
  { code: 'CONSULT', name: '咨询', description: '政策、办事流程等咨询（3 个工作日内答复）', keywords: ['咨询', 'consult'] },
  { code: 'HELP', name: '求助', description: '生产生活困难求助（3 个工作日内办理）', keywords: ['求助', 'help'] },
  { code: 'COMPLAINT', name: '投诉', description: '对公共服务、环境、秩序等问题的投诉（10 个工作日内办理）', keywords: ['投诉', 'complaint'] },
  { code: 'SUGGESTION', name: '建议', description: '对村（社区）、镇（街道）工作的意见建议（10 个工作日内办理）', keywords: ['建议', 'suggestion'] },
];

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The client of a valid, unrevoked api_key, or null. */
export async function findOpen311Client(deps: Pick<AppDeps, 'db'>, apiKey: string | undefined): Promise<{ id: string; name: string } | null> {
  if (!apiKey || apiKey.length > 200) return null;
  const hash = sha256(apiKey);
  const row = await deps.db.selectFrom('open311_client').select(['id', 'name', 'key_sha256']).where('key_sha256', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row || !timingSafeEqual(Buffer.from(row.key_sha256, 'hex'), Buffer.from(hash, 'hex'))) return null;
  return { id: row.id, name: row.name };
}

function newKey(): string {
  return `bw311_${randomBytes(24).toString('base64url')}`;
}

export async function listOpen311Clients(ctx: ServiceCtx) {
  const rows = await ctx.db.selectFrom('open311_client').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, keyPrefix: r.key_prefix, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** Issues a key; its plaintext is returned once and never stored. */
export async function createOpen311Client(ctx: Pick<ServiceCtx, 'db' | 'clock' | 'actor'> | (Pick<AppDeps, 'db' | 'clock'> & { actor: null }), name: string, key: string = newKey()) {
  return inTransaction(ctx.db, async (trx) => {
    const id = uuidv7();
    const now = ctx.clock.now();
    await trx.insertInto('open311_client').values({ id, name: name.trim(), key_prefix: key.slice(0, 10), key_sha256: sha256(key), created_by: ctx.actor?.userId ?? null, created_at: now.toISOString(), revoked_at: null }).execute();
    await appendLedgerEvent(trx, ctx.actor ? ledgerActor(ctx.actor, 'SYS_ADMIN') : { userId: null, role: 'SYSTEM' }, { action: 'open311.client.created', objectType: 'open311_client', objectId: id, orgPath: '/', payload: { name: name.trim(), keyPrefix: key.slice(0, 10) } }, now);
    return { client: { id, name: name.trim(), keyPrefix: key.slice(0, 10), createdAt: now.toISOString(), revokedAt: null }, apiKey: key };
  });
}

export async function revokeOpen311Client(ctx: ServiceCtx, id: string) {
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx.selectFrom('open311_client').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound({ zh: 'Open311 客户端', en: 'Open311 client' });
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('open311_client').set({ revoked_at: row.revoked_at ?? now }).where('id', '=', id).execute();
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'open311.client.revoked', objectType: 'open311_client', objectId: id, orgPath: '/', payload: { keyPrefix: row.key_prefix } }, ctx.clock.now());
    return { id, name: row.name, keyPrefix: row.key_prefix, createdAt: row.created_at, revokedAt: row.revoked_at ?? now };
  });
}

/** ISO 8601 with the China offset, as the standard asks (a timezone is required). */
export function w3cDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${t}+08:00`;
}

export type Open311Value = string | number | boolean | null | Open311Value[] | { [k: string]: Open311Value };

export function listServices(): Open311Value[] {
  return OPEN311_SERVICES.map((s) => ({ service_code: s.code, service_name: s.name, description: s.description, metadata: true, type: 'realtime', keywords: s.keywords.join(','), group: '群众事项' }));
}

export async function serviceDefinition(deps: AppDeps, code: string): Promise<Open311Value> {
  const svc = OPEN311_SERVICES.find((s) => s.code === code);
  if (!svc) throw new Open311Error(404, `service_code ${code} not found`);
  const units = await deps.db
    .selectFrom('org_unit as v')
    .innerJoin('org_unit as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.name', 't.name as town'])
    .where('v.type', 'in', ['VILLAGE', 'COMMUNITY'])
    .where('v.valid_to', 'is', null)
    .orderBy('v.path')
    .execute();
  return {
    service_code: svc.code,
    attributes: [
      { variable: true, code: 'village', datatype: 'singlevaluelist', required: true, datatype_description: '事项所在村（社区）；也可用 address_id 传入', order: 1, description: '村（社区）', values: units.map((u) => ({ key: u.id, name: `${u.town}${u.name}` })) },
      { variable: true, code: 'urgency', datatype: 'singlevaluelist', required: false, datatype_description: '紧急程度，默认一般', order: 2, description: '紧急程度', values: [{ key: 'URGENT', name: '紧急（当日办理）' }, { key: 'NORMAL', name: '一般' }, { key: 'COMPLEX', name: '复杂（15 个工作日）' }] },
    ],
  };
}

const CLOSED = new Set(['REJECTED', 'ANSWERED_ON_SPOT', 'CLOSED', 'REVISITED', 'ARCHIVED']);

export function open311Status(status: string): 'open' | 'closed' {
  return CLOSED.has(status) ? 'closed' : 'open';
}

type RequestRow = CitizenMatterRow & { location_name: string | null; town_name: string | null; assigned_name: string | null; level_name: string | null };

async function presentRequest(deps: AppDeps, row: RequestRow, withDescription: boolean): Promise<Open311Value> {
  const svc = OPEN311_SERVICES.find((s) => s.code === row.category);
  const cal = await loadWorkCalendar(deps.db);
  let expected = row.due_at;
  if (!expected && open311Status(row.status) === 'open') expected = workingDeadline(new Date(row.received_at), (await slaFor(deps.db, row.urgency, row.category)).handleWorkingDays, cal).toISOString();
  const notes = row.status === 'REJECTED' ? row.reject_reason : row.public_reply;
  return {
    service_request_id: row.code,
    status: open311Status(row.status),
    status_notes: notes,
    service_name: svc?.name ?? row.category,
    service_code: row.category,
    description: withDescription ? row.description : null,
    agency_responsible: row.assigned_name ?? row.level_name,
    service_notice: null,
    requested_datetime: w3cDateTime(row.received_at),
    updated_datetime: w3cDateTime(row.updated_at),
    expected_datetime: w3cDateTime(expected),
    address: `${row.town_name ?? ''}${row.location_name ?? ''}`,
    address_id: row.location_org_unit_id,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
    extended_attributes: { detailed_status: row.status, public_status: publicStatusOf(row.status) },
  };
}

function requestQuery(deps: AppDeps) {
  return deps.db
    .selectFrom('citizen_matter')
    .leftJoin('org_unit as loc', 'loc.id', 'citizen_matter.location_org_unit_id')
    .leftJoin('org_unit as town', 'town.id', 'citizen_matter.town_org_unit_id')
    .leftJoin('org_unit as asg', 'asg.id', 'citizen_matter.assigned_org_unit_id')
    .leftJoin('org_unit as lvl', 'lvl.id', 'citizen_matter.level_org_unit_id')
    .selectAll('citizen_matter')
    .select(['loc.name as location_name', 'town.name as town_name', 'asg.name as assigned_name', 'lvl.name as level_name'])
    .where('citizen_matter.routed_to', 'is', null)
    .where('citizen_matter.category', '!=', 'REPORT');
}

function parseW3c(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) throw new Open311Error(400, `${field} must be a W3C date-time such as 2016-03-01T00:00:00+08:00`);
  const withZone = /T/.test(value) ? (/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+08:00`) : `${value}T00:00:00+08:00`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) throw new Open311Error(400, `${field} is not a valid date-time`);
  return new Date(ms).toISOString();
}

export type RequestsQuery = { service_request_id?: string | undefined; service_code?: string | undefined; start_date?: string | undefined; end_date?: string | undefined; status?: string | undefined; api_key?: string | undefined };

/** GET requests: by ids (overrides the other filters), else service_code / dates / status; last 90 days by default; ≤ 1000. */
export async function listRequests(deps: AppDeps, q: RequestsQuery): Promise<Open311Value[]> {
  const client = await findOpen311Client(deps, q.api_key);
  if (q.api_key !== undefined && !client) throw new Open311Error(403, 'api_key is invalid or revoked');
  let query = requestQuery(deps);
  if (q.service_request_id) {
    const ids = q.service_request_id.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean).slice(0, 100);
    query = query.where('citizen_matter.code', 'in', ids.length ? ids : ['-']);
  } else {
    if (q.service_code) {
      const codes = q.service_code.split(',').map((s) => s.trim());
      for (const c of codes) if (!OPEN311_SERVICES.some((s) => s.code === c)) throw new Open311Error(400, `service_code ${c} not found`);
      query = query.where('citizen_matter.category', 'in', codes);
    }
    const end = parseW3c('end_date', q.end_date) ?? deps.clock.now().toISOString();
    const start = parseW3c('start_date', q.start_date) ?? new Date(Date.parse(end) - 90 * 86_400_000).toISOString();
    if (start > end) throw new Open311Error(400, 'start_date must not be after end_date');
    query = query.where('citizen_matter.received_at', '>=', start).where('citizen_matter.received_at', '<=', end);
    if (q.status) {
      const wanted = q.status.split(',').map((s) => s.trim().toLowerCase());
      for (const w of wanted) if (w !== 'open' && w !== 'closed') throw new Open311Error(400, `status must be open or closed, not ${w}`);
      if (wanted.includes('open') !== wanted.includes('closed')) {
        query = wanted.includes('closed') ? query.where('citizen_matter.status', 'in', [...CLOSED]) : query.where('citizen_matter.status', 'not in', [...CLOSED]);
      }
    }
  }
  const rows = (await query.orderBy('citizen_matter.received_at', 'desc').limit(1000).execute()) as RequestRow[];
  return Promise.all(rows.map((r) => presentRequest(deps, r, client !== null)));
}

export async function getRequest(deps: AppDeps, code: string, apiKey: string | undefined): Promise<Open311Value[]> {
  const client = await findOpen311Client(deps, apiKey);
  if (apiKey !== undefined && !client) throw new Open311Error(403, 'api_key is invalid or revoked');
  const row = (await requestQuery(deps).where('citizen_matter.code', '=', code.toUpperCase()).executeTakeFirst());
  if (!row) throw new Open311Error(404, `service_request_id ${code} not found`);
  return [await presentRequest(deps, row, client !== null)];
}

export async function getToken(deps: AppDeps, token: string): Promise<Open311Value[]> {
  if (!/^[0-9a-f-]{36}$/i.test(token)) throw new Open311Error(404, `token ${token} not found`);
  const row = await deps.db.selectFrom('citizen_matter').select(['code', 'id']).where('id', '=', token).where('open311_client_id', 'is not', null).executeTakeFirst();
  if (!row) throw new Open311Error(404, `token ${token} not found`);
  return [{ service_request_id: row.code, token: row.id }];
}

export type PostRequestBody = Record<string, string | undefined>;

/** POST requests: api_key, service_code, address_id or attribute[village], description; optional names and phone. */
export async function postRequest(deps: AppDeps, body: PostRequestBody): Promise<Open311Value[]> {
  const client = await findOpen311Client(deps, body.api_key);
  if (!client) throw new Open311Error(403, body.api_key ? 'api_key is invalid or revoked' : 'api_key is required');
  const code = body.service_code;
  if (!code) throw new Open311Error(400, 'service_code is required');
  const svc = OPEN311_SERVICES.find((s) => s.code === code);
  if (!svc) throw new Open311Error(404, `service_code ${code} not found`);
  const village = body['attribute[village]'] ?? body.address_id;
  if (!village) throw new Open311Error(400, 'a location is required: address_id or attribute[village] (see the service definition)');
  const description = (body.description ?? '').trim();
  if ([...description].length < 5) throw new Open311Error(400, 'description is required (at least 5 characters)');
  if ([...description].length > 2000) throw new Open311Error(400, 'description is too long (at most 2000 characters)');
  const urgency = body['attribute[urgency]'];
  if (urgency !== undefined && !['URGENT', 'NORMAL', 'COMPLEX'].includes(urgency)) throw new Open311Error(400, 'attribute[urgency] must be URGENT, NORMAL or COMPLEX');
  const name = [body.last_name, body.first_name].filter((s) => s && s.trim()).join('').trim();
  try {
    const res = await submitMatter(deps, {
      channel: 'OPEN311',
      category: svc.code,
      urgency: urgency as 'URGENT' | 'NORMAL' | 'COMPLEX' | undefined,
      description,
      locationOrgUnitId: village,
      anonymous: !name && !body.phone,
      requesterName: name || undefined,
      requesterPhone: body.phone || undefined,
      requesterKey: body.account_id || body.device_id || undefined,
      by: { kind: 'open311', clientId: client.id },
    });
    return [{ service_request_id: res.code, token: res.id, service_notice: `预计 ${res.expectedDate} 前办理完毕；查询码 ${res.checkCode}（请转告反映人）`, account_id: null }];
  } catch (e) {
    if (e instanceof AppError) throw new Open311Error(e.status === 404 || e.status === 413 || e.status === 415 ? 400 : e.status, e.text.en);
    throw e;
  }
}
