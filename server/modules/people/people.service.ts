/**
 * People use cases (SPEC §2.2). Every function starts with its authorization: the person (or unit) must lie in
 * the actor's scope for the permission, otherwise 404. Writes and confidential reads append their ledger event
 * in the same transaction. ID numbers and phones are validated, encrypted, blind-indexed and masked here; the
 * full value leaves the server only through `revealField` (reason + fresh login + ledger event).
 */
import { uuidv7 } from 'uuidv7';
import type { Permission } from '../../../contracts/permissions.ts';
import type {
  CreateKinshipRequest,
  CreatePersonRequest,
  CreatePostRequest,
  ListPeopleQuery,
  PersonDossier,
  PersonListItem,
  RevealRequest,
  RevealResponse,
  UpdatePersonRequest,
} from '../../../contracts/people.ts';
import type { Page } from '../../../contracts/common.ts';
import type { CodeItem } from '../../../contracts/people.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { PersonRow, PersonRowUpdate } from '../../db/schema.ts';
import { isoDate } from '../../platform/clock.ts';
import { maskPhone, normalisePhone } from '../../platform/crypto.ts';
import { ledgerActor, type AppDeps, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, conflict, fieldError, notFound, validationError, type LocalisedFieldError } from '../../platform/errors.ts';
import { idNumberProblemMessage, maskIdNumber, validateIdNumber } from '../../platform/id-number.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { toPinyinKeys } from '../../platform/pinyin.ts';
import { isPathInScope, scopePaths } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { findOrgUnitRef, getOrgUnitInScope, listAncestorNames } from '../org/index.ts';
import { presentDossier, presentListItem } from './people.presenter.ts';
import * as repo from './people.repository.ts';

const PERSON = { zh: '人员', en: 'person' };

async function getPersonInScope(db: DbOrTrx, ctx: ServiceCtx, permission: Permission, id: string): Promise<PersonRow> {
  const person = await repo.findPerson(db, id);
  if (!person || !isPathInScope(person.org_path, scopePaths(ctx.actor, permission))) throw notFound(PERSON);
  return person;
}

function today(deps: AppDeps): string {
  return isoDate(deps.clock.now());
}

/** Lists people in scope with server-side paging, sorting and filtering. Masked fields only. */
export async function listPeople(ctx: ServiceCtx, query: ListPeopleQuery): Promise<Page<PersonListItem>> {
  const scope = scopePaths(ctx.actor, 'people.read');
  const unit = query.orgUnitId ? await getOrgUnitInScope(ctx.db, ctx.actor, 'people.read', query.orgUnitId) : null;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total, totalIsExact } = await repo.listPeople(ctx.db, scope, { ...query, page, pageSize }, unit?.path ?? null);
  const titles = await repo.listCurrentTitles(
    ctx.db,
    rows.map((r) => r.id),
    today(ctx),
  );
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentListItem(r, titles.get(r.id) ?? [], now)), total, totalIsExact, page, pageSize };
}

/** The dossier of a person as the caller may see it (relatives' posts only within the caller's scope). No authorization here. */
export async function loadDossier(ctx: ServiceCtx, db: DbOrTrx, person: PersonRow): Promise<PersonDossier> {
  const [cadre, posts, kinship, frontLine, unit, hometownName, partyOrgName] = await Promise.all([
    repo.findCadre(db, person.id),
    repo.listPostsOfPerson(db, person.id),
    repo.listKinshipOfPerson(db, person.id),
    repo.listFrontLineOfPerson(db, person.id),
    findOrgUnitRef(db, person.org_unit_id),
    repo.findNames(db, 'org_unit', person.hometown_org_unit_id),
    repo.findNames(db, 'party_org', person.party_org_id),
  ]);
  const authorityName = cadre ? await repo.findNames(db, 'org_unit', cadre.management_authority_org_id) : null;
  const readScope = scopePaths(ctx.actor, 'people.read');
  const visibleRelatives = kinship.filter((k) => isPathInScope(k.relative_org_path, readScope)).map((k) => k.relative_person_id);
  const relativeTitles = await repo.listCurrentTitles(db, visibleRelatives, today(ctx));
  const ancestors = await listAncestorNames(db, unit?.path ?? '/');
  return presentDossier({
    person,
    cadre: cadre ?? null,
    authorityName,
    posts,
    kinship: kinship.map((k) => ({ ...k, titles: relativeTitles.get(k.relative_person_id) ?? [] })),
    frontLine,
    orgName: unit?.name ?? '',
    ancestors,
    hometownName,
    partyOrgName,
    now: ctx.clock.now(),
    youngMaxAge: ctx.config.youngCadreMaxAge,
  });
}

/** The scoped dossier (profile, posts history, kinship, masked fields). Each view is a ledger event. */
export async function getDossier(ctx: ServiceCtx, id: string): Promise<PersonDossier> {
  return inTransaction(ctx.db, async (trx) => {
    const person = await getPersonInScope(trx, ctx, 'people.read', id);
    const dossier = await loadDossier(ctx, trx, person);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'person.dossier_viewed', objectType: 'person', objectId: id, orgPath: person.org_path }, ctx.clock.now());
    return dossier;
  });
}

/** A cadre's own record (CADRE_SELF): posts, front-line and kinship; no scope needed, only the own person. */
export async function getSelfDossier(ctx: ServiceCtx): Promise<PersonDossier> {
  if (!ctx.actor.personId) throw notFound(PERSON);
  const person = await repo.findPerson(ctx.db, ctx.actor.personId);
  if (!person) throw notFound(PERSON);
  return loadDossier(ctx, ctx.db, person);
}

type IdentityFields = { idNumber?: string | undefined; phone?: string | undefined; birthDate?: string | undefined; gender?: string | undefined };

/** Validates ID number (GB 11643, consistent with birth date and sex) and mobile; returns encrypted columns. */
function checkIdentity(ctx: ServiceCtx, input: IdentityFields, current: { birthDate: string; gender: string }): PersonRowUpdate {
  const errors: LocalisedFieldError[] = [];
  const out: PersonRowUpdate = {};
  if (input.idNumber !== undefined) {
    const result = validateIdNumber(input.idNumber, today(ctx));
    if (!result.ok) {
      errors.push({ field: 'idNumber', message: { zh: idNumberProblemMessage(result.problem, 'zh-CN'), en: idNumberProblemMessage(result.problem, 'en') } });
    } else {
      const birthDate = input.birthDate ?? current.birthDate;
      const gender = input.gender ?? current.gender;
      if (result.birthDate !== birthDate)
        errors.push({ field: 'idNumber', message: { zh: `身份证号中的出生日期（${result.birthDate}）与出生日期（${birthDate}）不一致，请核对`, en: `The birth date in the ID number (${result.birthDate}) differs from the birth date (${birthDate})` } });
      else if (result.gender !== gender)
        errors.push({ field: 'idNumber', message: { zh: '身份证号第 17 位表示的性别与所填性别不一致，请核对', en: 'The sex digit of the ID number differs from the sex given' } });
      out.id_number_enc = ctx.cipher.encrypt(result.value);
      out.id_number_bidx = ctx.cipher.blindIndex('id_number', result.value);
      out.id_number_masked = maskIdNumber(result.value);
    }
  }
  if (input.phone !== undefined) {
    const phone = normalisePhone(input.phone);
    if (!phone) errors.push({ field: 'phone', message: { zh: '手机号码应为 11 位，以 13–19 开头', en: 'A mobile number has 11 digits starting with 13–19' } });
    else {
      out.phone_enc = ctx.cipher.encrypt(phone);
      out.phone_masked = maskPhone(phone);
    }
  }
  if (errors.length) throw validationError(errors);
  return out;
}

async function assertIdNumberFree(db: DbOrTrx, blindIndex: string | null | undefined, selfId: string | null): Promise<void> {
  if (!blindIndex) return;
  const existing = await repo.findPersonByIdNumberIndex(db, blindIndex);
  if (existing && existing.id !== selfId) {
    throw new AppError('CONFLICT', { zh: '该身份证号已登记在另一人员名下，请勿重复录入', en: 'This ID number is already registered to another person' }, [
      { field: 'idNumber', message: { zh: '该身份证号已登记', en: 'already registered' } },
    ]);
  }
}

async function assertCode(db: DbOrTrx, catalog: 'ETHNICITY' | 'EDUCATION' | 'DEGREE', code: string | undefined, field: string): Promise<void> {
  if (code === undefined) return;
  if (!(await repo.codeExists(db, catalog, code))) throw fieldError(field, `代码 ${code} 不在${catalog === 'ETHNICITY' ? '民族' : '学历学位'}代码表中`, `Code ${code} is not in the ${catalog.toLowerCase()} catalogue`);
}

function changedFieldNames(input: object): string[] {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
}

export async function createPerson(ctx: ServiceCtx, input: CreatePersonRequest): Promise<PersonDossier> {
  const unit = await getOrgUnitInScope(ctx.db, ctx.actor, 'people.write', input.orgUnitId);
  if (unit.validTo) throw fieldError('orgUnitId', `${unit.name}已撤销或合并，请选择现有单位`, `${unit.name} is closed; choose a current unit`);
  const identity = checkIdentity(ctx, input, { birthDate: input.birthDate, gender: input.gender });
  if (input.partyJoinDate && !input.isPartyMember) throw fieldError('partyJoinDate', '非党员不能填写入党日期', 'Only Party members have a join date');
  const id = uuidv7();
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx.db, async (trx) => {
    await assertCode(trx, 'ETHNICITY', input.ethnicityCode, 'ethnicityCode');
    await assertCode(trx, 'EDUCATION', input.cadre?.educationCode, 'educationCode');
    await assertIdNumberFree(trx, identity.id_number_bidx, null);
    if (input.hometownOrgUnitId && !(await findOrgUnitRef(trx, input.hometownOrgUnitId))) throw fieldError('hometownOrgUnitId', '籍贯单位不存在', 'Unknown hometown unit');
    if (input.cadre && !(await findOrgUnitRef(trx, input.cadre.managementAuthorityOrgId))) throw fieldError('managementAuthorityOrgId', '干部管理权限单位不存在', 'Unknown management authority');
    const py = toPinyinKeys(input.name, { isPersonName: true });
    await repo.insertPerson(trx, {
      id,
      name: input.name.trim(),
      name_pinyin: py.full,
      name_initials: py.initials,
      gender: input.gender,
      birth_date: input.birthDate,
      ethnicity_code: input.ethnicityCode,
      id_number_enc: identity.id_number_enc ?? null,
      id_number_bidx: identity.id_number_bidx ?? null,
      id_number_masked: identity.id_number_masked ?? null,
      phone_enc: identity.phone_enc ?? null,
      phone_masked: identity.phone_masked ?? null,
      hometown_org_unit_id: input.hometownOrgUnitId ?? null,
      is_party_member: input.isPartyMember ? 1 : 0,
      party_join_date: input.partyJoinDate ?? null,
      party_org_id: input.partyOrgId ?? null,
      org_unit_id: unit.id,
      org_path: unit.path,
      created_at: now,
      updated_at: now,
    });
    if (input.cadre) {
      await repo.insertCadre(trx, {
        person_id: id,
        rank_level: input.cadre.rankLevel,
        management_authority_org_id: input.cadre.managementAuthorityOrgId,
        work_start_date: input.cadre.workStartDate ?? null,
        education_code: input.cadre.educationCode,
        degree_code: input.cadre.degreeCode ?? null,
        specialty: input.cadre.specialty ?? null,
        is_section_level: input.cadre.isSectionLevel ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
    }
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      {
        action: 'person.created',
        objectType: 'person',
        objectId: id,
        orgPath: unit.path,
        payload: { fields: changedFieldNames(input), idNumberMasked: identity.id_number_masked ?? null, phoneMasked: identity.phone_masked ?? null, isCadre: Boolean(input.cadre) },
      },
      ctx.clock.now(),
    );
    const person = await repo.findPerson(trx, id);
    return loadDossier(ctx, trx, person!);
  });
}

export async function updatePerson(ctx: ServiceCtx, id: string, input: UpdatePersonRequest): Promise<PersonDossier> {
  return inTransaction(ctx.db, async (trx) => {
    const person = await getPersonInScope(trx, ctx, 'people.write', id);
    const values: PersonRowUpdate = checkIdentity(ctx, input, { birthDate: input.birthDate ?? person.birth_date, gender: input.gender ?? person.gender });
    if (input.idNumber === undefined && (input.birthDate !== undefined || input.gender !== undefined) && person.id_number_enc) {
      // Keep the stored ID number consistent with a changed birth date or sex.
      const stored = validateIdNumber(ctx.cipher.decrypt(person.id_number_enc));
      if (stored.ok && ((input.birthDate && stored.birthDate !== input.birthDate) || (input.gender && stored.gender !== input.gender)))
        throw fieldError('birthDate', '出生日期或性别与已登记的身份证号不一致；如需更正请同时更正身份证号', 'Birth date or sex contradicts the registered ID number; correct both together');
    }
    await assertIdNumberFree(trx, values.id_number_bidx, id);
    await assertCode(trx, 'ETHNICITY', input.ethnicityCode, 'ethnicityCode');
    let orgPath = person.org_path;
    if (input.orgUnitId && input.orgUnitId !== person.org_unit_id) {
      const unit = await getOrgUnitInScope(trx, ctx.actor, 'people.write', input.orgUnitId);
      if (unit.validTo) throw fieldError('orgUnitId', `${unit.name}已撤销或合并，请选择现有单位`, `${unit.name} is closed`);
      values.org_unit_id = unit.id;
      values.org_path = unit.path;
      orgPath = unit.path;
    }
    if (input.name !== undefined) {
      const py = toPinyinKeys(input.name, { isPersonName: true });
      Object.assign(values, { name: input.name.trim(), name_pinyin: py.full, name_initials: py.initials });
    }
    if (input.gender !== undefined) values.gender = input.gender;
    if (input.birthDate !== undefined) values.birth_date = input.birthDate;
    if (input.ethnicityCode !== undefined) values.ethnicity_code = input.ethnicityCode;
    if (input.hometownOrgUnitId !== undefined) values.hometown_org_unit_id = input.hometownOrgUnitId;
    if (input.isPartyMember !== undefined) values.is_party_member = input.isPartyMember ? 1 : 0;
    if (input.partyJoinDate !== undefined) values.party_join_date = input.partyJoinDate;
    values.updated_at = ctx.clock.now().toISOString();
    await repo.updatePerson(trx, id, values);
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      {
        action: 'person.updated',
        objectType: 'person',
        objectId: id,
        orgPath,
        payload: { fields: changedFieldNames(input), fromOrgUnitId: values.org_unit_id ? person.org_unit_id : undefined, idNumberMasked: values.id_number_masked, phoneMasked: values.phone_masked },
      },
      ctx.clock.now(),
    );
    return loadDossier(ctx, trx, (await repo.findPerson(trx, id))!);
  });
}

export async function addPost(ctx: ServiceCtx, personId: string, input: CreatePostRequest): Promise<PersonDossier> {
  return inTransaction(ctx.db, async (trx) => {
    const person = await getPersonInScope(trx, ctx, 'people.write', personId);
    const unit = await getOrgUnitInScope(trx, ctx.actor, 'people.write', input.orgUnitId);
    if (unit.validTo && unit.validTo < input.startDate) throw fieldError('orgUnitId', `${unit.name}已于 ${unit.validTo} 撤销或合并，不能在其后任职`, `${unit.name} closed on ${unit.validTo}`);
    if (input.isPrincipal && !input.isLeadership) throw fieldError('isPrincipal', '正职必须是领导职务', 'A principal post must be a leadership post');
    const postId = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertPost(trx, {
      id: postId,
      person_id: person.id,
      org_unit_id: unit.id,
      org_path: unit.path,
      title: input.title.trim(),
      rank_level: input.rankLevel ?? null,
      is_leadership: input.isLeadership ? 1 : 0,
      is_principal: input.isPrincipal ? 1 : 0,
      start_date: input.startDate,
      end_date: null,
      appointment_id: null,
      created_at: now,
      updated_at: now,
    });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      { action: 'post.started', objectType: 'post', objectId: postId, orgPath: unit.path, payload: { personId: person.id, orgUnitId: unit.id, title: input.title, startDate: input.startDate } },
      ctx.clock.now(),
    );
    return loadDossier(ctx, trx, person);
  });
}

export async function endPost(ctx: ServiceCtx, personId: string, postId: string, endDate: string): Promise<PersonDossier> {
  return inTransaction(ctx.db, async (trx) => {
    const person = await getPersonInScope(trx, ctx, 'people.write', personId);
    const post = await repo.findPost(trx, person.id, postId);
    if (!post || !isPathInScope(post.org_path, scopePaths(ctx.actor, 'people.write'))) throw notFound({ zh: '任职记录', en: 'post' });
    if (post.end_date) throw new AppError('ILLEGAL_TRANSITION', { zh: `该职务已于 ${post.end_date} 免去，不能重复免职`, en: `The post already ended on ${post.end_date}` });
    if (endDate < post.start_date) throw fieldError('endDate', `免职日期不能早于任职日期 ${post.start_date}`, `The end date may not precede the start date ${post.start_date}`);
    await repo.endPost(trx, post.id, endDate, ctx.clock.now().toISOString());
    await appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'post.ended', objectType: 'post', objectId: post.id, orgPath: post.org_path, payload: { personId: person.id, endDate } }, ctx.clock.now());
    return loadDossier(ctx, trx, person);
  });
}

export async function addKinship(ctx: ServiceCtx, personId: string, input: CreateKinshipRequest): Promise<PersonDossier> {
  return inTransaction(ctx.db, async (trx) => {
    const person = await getPersonInScope(trx, ctx, 'people.write', personId);
    if (input.relativePersonId === person.id) throw fieldError('relativePersonId', '不能把本人登记为自己的亲属', 'A person cannot be their own relative');
    const relative = await getPersonInScope(trx, ctx, 'people.read', input.relativePersonId);
    if (await repo.findKinship(trx, person.id, relative.id)) throw conflict({ zh: `${relative.name}已登记为亲属`, en: 'This relative is already registered' });
    const id = uuidv7();
    await repo.insertKinship(trx, { id, person_id: person.id, relative_person_id: relative.id, relation: input.relation, relation_code: input.relationCode ?? null, created_at: ctx.clock.now().toISOString() });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      { action: 'kinship.registered', objectType: 'kinship', objectId: id, orgPath: person.org_path, payload: { personId: person.id, relativePersonId: relative.id, relation: input.relation } },
      ctx.clock.now(),
    );
    return loadDossier(ctx, trx, person);
  });
}

/** Full ID number or phone: needs people.reveal in scope, a login within 5 minutes and a reason; recorded. */
export async function revealField(ctx: ServiceCtx, personId: string, input: RevealRequest): Promise<RevealResponse> {
  const person = await getPersonInScope(ctx.db, ctx, 'people.reveal', personId);
  requireFreshLogin(ctx, ctx.actor);
  const envelope = input.field === 'idNumber' ? person.id_number_enc : person.phone_enc;
  const value = envelope ? ctx.cipher.decrypt(envelope) : null;
  await inTransaction(ctx.db, async (trx) => {
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      { action: 'person.field_revealed', objectType: 'person', objectId: person.id, orgPath: person.org_path, payload: { field: input.field, reason: input.reason.trim() } },
      ctx.clock.now(),
    );
  });
  return { field: input.field, value };
}

export async function listCodeItems(ctx: ServiceCtx, catalog: string): Promise<CodeItem[]> {
  const rows = await repo.listCodes(ctx.db, catalog);
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
}
