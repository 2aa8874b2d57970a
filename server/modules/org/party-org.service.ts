/**
 * Use cases of the Party tree (SPEC §2.1). A Party organisation is in scope when the org unit it belongs to
 * (`party_org.org_path`) lies in the caller's scope; the tree follows `party_org.path`. Out-of-scope ids answer
 * 404. "As of" uses founded_at / dissolved_at (the dissolution day is the first day it no longer exists).
 */
import { uuidv7 } from 'uuidv7';
import type { CreatePartyOrgRequest, ListPartyOrgsQuery, PartyOrg, UpdatePartyOrgRequest } from '../../../contracts/org.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { PartyOrgRow } from '../../db/schema.ts';
import { isoDate } from '../../platform/clock.ts';
import { ledgerActor, type AppDeps } from '../../platform/deps.ts';
import { fieldError, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { isLatinSearch, toPinyinKeys } from '../../platform/pinyin.ts';
import { isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import { canContainPartyOrg, dateRuleOf, isPartyOrgActiveOn, isPartyOrgType, isSelfOrDescendantPath, isUnitValidOn, PARTY_ORG_TYPE_LABELS, type DateRule } from './org.policy.ts';
import { ancestorIdsOf, ancestorsOf, presentPartyOrg } from './org.presenter.ts';
import { findUnit } from './org.repository.ts';
import { assertRealDate, cleanName, roleFor, SEARCH_LIMIT, todayOf } from './org.service.ts';
import * as repo from './party-org.repository.ts';

const PARTY_ORG: Text = { zh: '党组织', en: 'Party organisation' };

function partyTypeLabel(type: string): Text {
  return isPartyOrgType(type) ? PARTY_ORG_TYPE_LABELS[type] : { zh: type, en: type };
}

/** The Party organisation if its org unit lies in `paths`; 404 otherwise. */
async function getPartyOrgIn(db: DbOrTrx, paths: string[], id: string): Promise<PartyOrgRow> {
  const org = await repo.findPartyOrg(db, id);
  if (!org || !isPathInScope(org.org_path, paths)) throw notFound(PARTY_ORG);
  return org;
}

/** Secretary names are personal data: shown only to callers who may read people at the secretary's unit. */
async function presentRows(db: DbOrTrx, actor: Actor, rows: repo.PartyOrgListRow[]): Promise<PartyOrg[]> {
  const ids = [...new Set(rows.flatMap((r) => ancestorIdsOf(r.path)))];
  const names = await repo.mapPartyOrgNames(db, ids);
  const peoplePaths = scopePaths(actor, 'people.read');
  return rows.map((r) => {
    const secretaryName = r.secretary_name !== null && r.secretary_org_path !== null && isPathInScope(r.secretary_org_path, peoplePaths) ? r.secretary_name : null;
    return presentPartyOrg(r, ancestorsOf(r.path, names), secretaryName);
  });
}

async function presentOne(db: DbOrTrx, actor: Actor, paths: string[], id: string, rule: DateRule): Promise<PartyOrg> {
  const row = await repo.findPartyOrgWithCounts(db, id, { paths, rule });
  if (!row) throw notFound(PARTY_ORG);
  const [org] = await presentRows(db, actor, [row]);
  return org!;
}

/** GET /api/party-orgs: `q` → search (within `parentId`'s subtree if given), `parentId` → children, else the top-most Party organisations in scope. */
export async function listPartyOrgs(deps: AppDeps, actor: Actor, query: ListPartyOrgsQuery): Promise<PartyOrg[]> {
  const paths = scopePaths(actor, 'org.read');
  if (query.asOf) assertRealDate('asOf', { zh: '查询日期', en: 'As-of date' }, query.asOf);
  const { db } = deps;
  const rule = dateRuleOf(query, todayOf(deps));
  const parent = query.parentId ? await getPartyOrgIn(db, paths, query.parentId) : undefined;
  let rows: repo.PartyOrgListRow[];
  if (query.q !== undefined) {
    const q = query.q.trim();
    if (!q) throw fieldError('q', '搜索词：不能为空', 'Search text must not be empty');
    rows = await repo.searchPartyOrgs(db, q, isLatinSearch(q), { paths, rule, ...(parent ? { underPath: parent.path } : {}) }, SEARCH_LIMIT);
  } else if (parent) {
    rows = await repo.listChildPartyOrgs(db, parent.id, { paths, rule });
  } else {
    rows = await repo.listRootPartyOrgs(db, { paths, rule });
  }
  return presentRows(db, actor, rows);
}

/** GET /api/party-orgs/:id. Dissolved organisations stay readable; `asOf` changes which children are counted. */
export async function getPartyOrg(deps: AppDeps, actor: Actor, id: string, asOf?: string): Promise<PartyOrg> {
  const paths = scopePaths(actor, 'org.read');
  if (asOf) assertRealDate('asOf', { zh: '查询日期', en: 'As-of date' }, asOf);
  await getPartyOrgIn(deps.db, paths, id);
  return presentOne(deps.db, actor, paths, id, { kind: 'on', date: asOf ?? todayOf(deps) });
}

/** POST /api/party-orgs: a new Party organisation under an existing one, for an org unit in the write scope. */
export async function createPartyOrg(deps: AppDeps, actor: Actor, input: CreatePartyOrgRequest): Promise<PartyOrg> {
  const paths = scopePaths(actor, 'org.write');
  const name = cleanName('name', { zh: '名称', en: 'Name' }, input.name);
  assertRealDate('foundedAt', { zh: '成立日期', en: 'Founded on' }, input.foundedAt);
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const unit = await findUnit(trx, input.orgUnitId);
    if (!unit || !isPathInScope(unit.path, paths)) throw notFound({ zh: '所在单位', en: 'unit' });
    if (!isUnitValidOn(unit, today)) throw fieldError('orgUnitId', `所在单位：“${unit.name}”已撤销，不能为其新建党组织`, `Unit: "${unit.name}" is closed`);
    const parent = await getPartyOrgIn(trx, paths, input.parentId);
    if (!isPartyOrgActiveOn(parent, today)) throw fieldError('parentId', `上级党组织：“${parent.name}”已撤销，不能在其下新建党组织`, `Parent: "${parent.name}" is dissolved`);
    if (!canContainPartyOrg(parent.type, input.type)) {
      throw fieldError(
        'type',
        `类型：上级党组织“${parent.name}”是${partyTypeLabel(parent.type).zh}，其下不能设${PARTY_ORG_TYPE_LABELS[input.type].zh}`,
        `Type: the parent "${parent.name}" is a ${partyTypeLabel(parent.type).en} and cannot contain a ${PARTY_ORG_TYPE_LABELS[input.type].en}`,
      );
    }
    if (input.foundedAt < parent.founded_at) {
      throw fieldError('foundedAt', `成立日期：不能早于上级党组织“${parent.name}”的成立日期 ${parent.founded_at}`, `Founded on: may not precede the parent's founding date ${parent.founded_at}`);
    }
    const id = uuidv7();
    const py = toPinyinKeys(name);
    await repo.insertPartyOrg(trx, {
      id,
      name,
      type: input.type,
      parent_id: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      host_kind: input.hostKind,
      host_id: input.hostKind === 'ORG_UNIT' ? unit.id : null,
      org_unit_id: unit.id,
      org_path: unit.path,
      secretary_person_id: null,
      pinyin: py.full,
      pinyin_initials: py.initials,
      founded_at: input.foundedAt,
      dissolved_at: null,
      created_at: at,
      updated_at: at,
    });
    await appendLedgerEvent(
      trx,
      ledgerActor(actor, roleFor(actor, 'org.write')),
      { action: 'party_org.created', objectType: 'party_org', objectId: id, orgPath: unit.path, payload: { name, type: input.type, hostKind: input.hostKind, orgUnitId: unit.id, parentId: parent.id, foundedAt: input.foundedAt } },
      now,
    );
    return presentOne(trx, actor, paths, id, { kind: 'on', date: today });
  });
}

/** PATCH /api/party-orgs/:id: name, secretary (a Party member in scope), dissolution. No change, no event. */
export async function updatePartyOrg(deps: AppDeps, actor: Actor, id: string, input: UpdatePartyOrgRequest): Promise<PartyOrg> {
  const paths = scopePaths(actor, 'org.write');
  const name = input.name === undefined ? undefined : cleanName('name', { zh: '名称', en: 'Name' }, input.name);
  if (input.dissolvedAt) assertRealDate('dissolvedAt', { zh: '撤销日期', en: 'Dissolved on' }, input.dissolvedAt);
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const org = await getPartyOrgIn(trx, paths, id);
    const changed: Record<string, { from: string | null; to: string | null }> = {};
    const values: Parameters<typeof repo.updatePartyOrg>[2] = {};
    if (name !== undefined && name !== org.name) {
      const py = toPinyinKeys(name);
      Object.assign(values, { name, pinyin: py.full, pinyin_initials: py.initials });
      changed.name = { from: org.name, to: name };
    }
    if (input.secretaryPersonId !== undefined && input.secretaryPersonId !== org.secretary_person_id) {
      if (input.secretaryPersonId !== null) {
        const person = await repo.findPersonForSecretary(trx, input.secretaryPersonId);
        if (!person || !isPathInScope(person.org_path, paths)) {
          throw fieldError('secretaryPersonId', '书记：未找到该人员，或该人员不在您的管辖范围内', 'Secretary: the person was not found or is outside your scope');
        }
        if (person.is_party_member !== 1) throw fieldError('secretaryPersonId', '书记：该人员不是中共党员，不能担任党组织书记', 'Secretary: the person is not a Party member');
      }
      values.secretary_person_id = input.secretaryPersonId;
      changed.secretaryPersonId = { from: org.secretary_person_id, to: input.secretaryPersonId };
    }
    if (input.dissolvedAt !== undefined && input.dissolvedAt !== org.dissolved_at) {
      if (input.dissolvedAt !== null) {
        if (input.dissolvedAt < org.founded_at) throw fieldError('dissolvedAt', `撤销日期：不能早于成立日期 ${org.founded_at}`, `Dissolved on: may not precede the founding date ${org.founded_at}`);
        const open = await repo.countChildrenActiveAfter(trx, org.id, input.dissolvedAt);
        if (open > 0) {
          throw fieldError('dissolvedAt', `撤销日期：“${org.name}”还有 ${open} 个未撤销的下级党组织，请先撤销或移走它们`, `Dissolved on: "${org.name}" still has ${open} active sub-organisations; dissolve or move them first`);
        }
      }
      values.dissolved_at = input.dissolvedAt;
      changed.dissolvedAt = { from: org.dissolved_at, to: input.dissolvedAt };
    }
    if (Object.keys(changed).length > 0) {
      await repo.updatePartyOrg(trx, org.id, { ...values, updated_at: at });
      await appendLedgerEvent(trx, ledgerActor(actor, roleFor(actor, 'org.write')), { action: 'party_org.updated', objectType: 'party_org', objectId: org.id, orgPath: org.org_path, payload: { changed } }, now);
    }
    return presentOne(trx, actor, paths, org.id, { kind: 'on', date: today });
  });
}

/** POST /api/party-orgs/:id/move: re-parent within the Party tree; the subtree's paths follow in the same transaction. */
export async function movePartyOrg(deps: AppDeps, actor: Actor, id: string, parentId: string): Promise<PartyOrg> {
  const paths = scopePaths(actor, 'org.write');
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const org = await getPartyOrgIn(trx, paths, id);
    const parent = await getPartyOrgIn(trx, paths, parentId);
    if (org.parent_id === null) throw fieldError('parentId', `上级党组织：“${org.name}”是最上级党组织，不能移动`, `Parent: "${org.name}" is the top of the Party tree and cannot be moved`);
    if (isSelfOrDescendantPath(org.path, parent.path)) {
      throw fieldError('parentId', `上级党组织：不能把“${org.name}”移动到它自己或它的下级党组织“${parent.name}”之下`, `Parent: "${org.name}" cannot be moved under itself or its own sub-organisation "${parent.name}"`);
    }
    if (!isPartyOrgActiveOn(org, today)) throw fieldError('parentId', `上级党组织：“${org.name}”已撤销，不能移动`, `Parent: "${org.name}" is dissolved and cannot be moved`);
    if (!isPartyOrgActiveOn(parent, today)) throw fieldError('parentId', `上级党组织：“${parent.name}”已撤销，不能移入`, `Parent: "${parent.name}" is dissolved`);
    if (!isPartyOrgType(org.type)) throw new Error(`party_org.type holds an unknown value: ${org.type}`);
    if (!canContainPartyOrg(parent.type, org.type)) {
      throw fieldError(
        'parentId',
        `上级党组织：“${parent.name}”是${partyTypeLabel(parent.type).zh}，其下不能设${PARTY_ORG_TYPE_LABELS[org.type].zh}`,
        `Parent: "${parent.name}" is a ${partyTypeLabel(parent.type).en} and cannot contain a ${PARTY_ORG_TYPE_LABELS[org.type].en}`,
      );
    }
    if (org.parent_id === parent.id) return presentOne(trx, actor, paths, org.id, { kind: 'on', date: today });
    await repo.updatePartyOrg(trx, org.id, { parent_id: parent.id, updated_at: at });
    const subtree = await repo.rewritePartySubtreePaths(trx, org.path, `${parent.path}${org.id}/`, parent.depth + 1 - org.depth, at);
    await appendLedgerEvent(
      trx,
      ledgerActor(actor, roleFor(actor, 'org.write')),
      { action: 'party_org.moved', objectType: 'party_org', objectId: org.id, orgPath: org.org_path, payload: { fromParentId: org.parent_id, toParentId: parent.id, subtree } },
      now,
    );
    return presentOne(trx, actor, paths, org.id, { kind: 'on', date: today });
  });
}
