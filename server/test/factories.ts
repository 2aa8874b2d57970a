/**
 * Small, readable fixtures for route and service tests: a county with two towns (黄花镇 and its sibling 江背镇),
 * villages, people with posts, and one user per role. Rows are inserted directly so tests do not depend on the
 * services they test.
 */
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import type { FieldCipher } from '../platform/crypto.ts';
import { maskPhone } from '../platform/crypto.ts';
import { hashPassword } from '../platform/password.ts';
import { toPinyinKeys } from '../platform/pinyin.ts';
import { maskIdNumber, normaliseIdNumber } from '../platform/id-number.ts';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9!';
const NOW = '2026-11-26T08:00:00.000Z';

let cachedHash: Promise<string> | null = null;
function testPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export type UnitRef = { id: string; path: string; name: string };

export async function insertOrgUnit(
  db: Db,
  input: { name: string; type: string; parent: UnitRef | null; code?: string | null; validFrom?: string; validTo?: string | null; mergedIntoId?: string | null },
): Promise<UnitRef> {
  const id = uuidv7();
  const path = `${input.parent?.path ?? '/'}${id}/`;
  const py = toPinyinKeys(input.name);
  await db
    .insertInto('org_unit')
    .values({
      id,
      code: input.code ?? null,
      name: input.name,
      short_name: null,
      type: input.type,
      parent_id: input.parent?.id ?? null,
      path,
      depth: path.split('/').length - 3,
      sort_order: 0,
      pinyin: py.full,
      pinyin_initials: py.initials,
      valid_from: input.validFrom ?? '1990-01-01',
      valid_to: input.validTo ?? null,
      merged_into_id: input.mergedIntoId ?? null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return { id, path, name: input.name };
}

export type PersonRef = { id: string; name: string; unit: UnitRef };

export async function insertPerson(
  db: Db,
  cipher: FieldCipher,
  input: {
    name: string;
    unit: UnitRef;
    gender?: 'M' | 'F';
    birthDate?: string;
    idNumber?: string | null;
    phone?: string | null;
    cadre?: { rankLevel: string; authority: UnitRef } | null;
    posts?: { unit: UnitRef; title: string; isLeadership?: boolean; isPrincipal?: boolean; startDate?: string; endDate?: string | null }[];
  },
): Promise<PersonRef> {
  const id = uuidv7();
  const py = toPinyinKeys(input.name, { isPersonName: true });
  const idNumber = input.idNumber ? normaliseIdNumber(input.idNumber) : null;
  await db
    .insertInto('person')
    .values({
      id,
      name: input.name,
      name_pinyin: py.full,
      name_initials: py.initials,
      gender: input.gender ?? 'M',
      birth_date: input.birthDate ?? '1980-03-12',
      ethnicity_code: '01',
      id_number_enc: idNumber ? cipher.encrypt(idNumber) : null,
      id_number_bidx: idNumber ? cipher.blindIndex('id_number', idNumber) : null,
      id_number_masked: idNumber ? maskIdNumber(idNumber) : null,
      phone_enc: input.phone ? cipher.encrypt(input.phone) : null,
      phone_masked: input.phone ? maskPhone(input.phone) : null,
      hometown_org_unit_id: null,
      is_party_member: 1,
      party_join_date: '2005-07-01',
      party_org_id: null,
      org_unit_id: input.unit.id,
      org_path: input.unit.path,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  if (input.cadre) {
    await db
      .insertInto('cadre')
      .values({
        person_id: id,
        rank_level: input.cadre.rankLevel,
        management_authority_org_id: input.cadre.authority.id,
        work_start_date: '2002-08-01',
        education_code: '20',
        degree_code: '4',
        specialty: null,
        is_section_level: ['SECTION', 'DEPUTY_SECTION'].includes(input.cadre.rankLevel) ? 1 : 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  for (const p of input.posts ?? []) {
    await db
      .insertInto('post')
      .values({
        id: uuidv7(),
        person_id: id,
        org_unit_id: p.unit.id,
        org_path: p.unit.path,
        title: p.title,
        rank_level: null,
        is_leadership: p.isLeadership ? 1 : 0,
        is_principal: p.isPrincipal ? 1 : 0,
        start_date: p.startDate ?? '2016-01-01',
        end_date: p.endDate ?? null,
        appointment_id: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  return { id, name: input.name, unit: input.unit };
}

export async function insertUser(db: Db, input: { username: string; personId?: string | null; grants: { role: Role; unit: UnitRef | null; validFrom?: string; validTo?: string | null }[] }): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: input.username,
      password_hash: await testPasswordHash(),
      person_id: input.personId ?? null,
      display_name: input.username,
      locale: 'zh-CN',
      is_disabled: 0,
      failed_login_count: 0,
      failed_window_started_at: null,
      locked_until: null,
      password_changed_at: NOW,
      last_login_at: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  for (const g of input.grants) {
    await db
      .insertInto('role_grant')
      .values({ id: uuidv7(), user_id: id, role: g.role, org_unit_id: g.unit?.id ?? null, valid_from: g.validFrom ?? '2016-01-01', valid_to: g.validTo ?? null, granted_by: null, created_at: NOW })
      .execute();
  }
  return id;
}

export type TestWorld = Awaited<ReturnType<typeof buildTestWorld>>;

/** Roles whose scope is the whole county. */
export const COUNTY_ROLES: Role[] = ['SYS_ADMIN', 'COUNTY_SECRETARY', 'ORG_HEAD', 'ORG_CADRE_SECTION', 'ORG_SUPERVISION_SECTION', 'ORG_GRASSROOTS_SECTION', 'DISCIPLINE_COMMISSION', 'AUDITOR'];

export async function buildTestWorld(db: Db, cipher: FieldCipher) {
  const county = await insertOrgUnit(db, { name: '长沙县', type: 'COUNTY', parent: null, code: '430121' });
  const huanghua = await insertOrgUnit(db, { name: '黄花镇', type: 'TOWN', parent: county, code: '430121105' });
  const jiangbei = await insertOrgUnit(db, { name: '江背镇', type: 'TOWN', parent: county, code: '430121104' });
  const orgDept = await insertOrgUnit(db, { name: '县委组织部', type: 'COUNTY_DEPT', parent: county });
  const huanghuaVillage = await insertOrgUnit(db, { name: '黄花村', type: 'VILLAGE', parent: huanghua, code: '430121105201' });
  const xintang = await insertOrgUnit(db, { name: '新塘村', type: 'VILLAGE', parent: huanghua, code: '430121105202' });
  const jiangbeiVillage = await insertOrgUnit(db, { name: '江背村', type: 'VILLAGE', parent: jiangbei, code: '430121104201' });
  // A second root outside every county-level grant: the "sibling" of the county-wide roles.
  const otherCounty = await insertOrgUnit(db, { name: '望城区', type: 'COUNTY', parent: null, code: '430112' });
  const otherTown = await insertOrgUnit(db, { name: '乔口镇', type: 'TOWN', parent: otherCounty });

  const authority = county;
  const orgHeadPerson = await insertPerson(db, cipher, { name: '周建国', unit: orgDept, cadre: { rankLevel: 'DEPUTY_COUNTY', authority }, posts: [{ unit: orgDept, title: '县委组织部部长', isLeadership: true, isPrincipal: true }] });
  const townSecretary = await insertPerson(db, cipher, {
    name: '张三',
    unit: huanghua,
    idNumber: '11010519491231002X',
    phone: '13812345678',
    cadre: { rankLevel: 'SECTION', authority },
    posts: [{ unit: huanghua, title: '黄花镇党委书记', isLeadership: true, isPrincipal: true }],
  });
  const townOrgMember = await insertPerson(db, cipher, { name: '李四', unit: huanghua, cadre: { rankLevel: 'DEPUTY_SECTION', authority }, posts: [{ unit: huanghua, title: '黄花镇党委组织委员', isLeadership: true }] });
  const villageSecretary = await insertPerson(db, cipher, { name: '王五', unit: huanghuaVillage, posts: [{ unit: huanghuaVillage, title: '黄花村党总支书记', isLeadership: true, isPrincipal: true }] });
  const clerk = await insertPerson(db, cipher, { name: '赵六', unit: huanghua, gender: 'F', birthDate: '1995-05-20', cadre: { rankLevel: 'CLERK', authority: huanghua }, posts: [{ unit: huanghua, title: '党政办科员' }] });
  const villager = await insertPerson(db, cipher, { name: '钱七', unit: xintang, phone: '13900001111' });
  const siblingTownPerson = await insertPerson(db, cipher, {
    name: '孙八',
    unit: jiangbei,
    idNumber: '440524188001010014',
    cadre: { rankLevel: 'SECTION', authority },
    posts: [{ unit: jiangbei, title: '江背镇镇长', isLeadership: true, isPrincipal: true }],
  });
  const siblingVillager = await insertPerson(db, cipher, { name: '周九', unit: jiangbeiVillage });
  const otherCountyPerson = await insertPerson(db, cipher, { name: '吴十', unit: otherTown, phone: '13700002222', cadre: { rankLevel: 'SECTION', authority: otherCounty }, posts: [{ unit: otherTown, title: '乔口镇镇长', isLeadership: true, isPrincipal: true }] });

  const users: Record<Role, string> = {} as Record<Role, string>;
  const usernames: Record<Role, string> = {} as Record<Role, string>;
  const add = async (role: Role, username: string, unit: UnitRef | null, personId: string | null = null) => {
    users[role] = await insertUser(db, { username, personId, grants: [{ role, unit }] });
    usernames[role] = username;
  };
  await add('SYS_ADMIN', 'sysadmin', county);
  await add('COUNTY_SECRETARY', 'countysec', county);
  await add('ORG_HEAD', 'orghead', county, orgHeadPerson.id);
  await add('ORG_CADRE_SECTION', 'cadresec', county);
  await add('ORG_SUPERVISION_SECTION', 'supervision', county);
  await add('ORG_GRASSROOTS_SECTION', 'grassroots', county);
  await add('DISCIPLINE_COMMISSION', 'discipline', county);
  await add('TOWN_SECRETARY', 'townsec', null, townSecretary.id);
  await add('TOWN_ORG_MEMBER', 'townorg', huanghua, townOrgMember.id);
  await add('VILLAGE_SECRETARY', 'villagesec', null, villageSecretary.id);
  await add('AUDITOR', 'auditor', county);
  await add('CADRE_SELF', 'self', null, clerk.id);
  // Roles added for issues 4 and 5: fixed-unit grants, no person (modules add persons with posts where they need them).
  await add('TOWN_DISCIPLINE_SECRETARY', 'towndisc', huanghua);
  await add('COUNTY_DEPT_LEADER', 'deptleader', orgDept);
  await add('UNIT_DISCIPLINE_SECRETARY', 'unitdisc', orgDept);
  await add('O2O_DISPATCHER', 'dispatcher', huanghua);
  await add('HANDLER', 'handler', huanghua);
  await add('VILLAGE_CADRE', 'villagecadre', huanghuaVillage);
  await add('SERVICE_TEAM_MEMBER', 'teammember', huanghuaVillage);

  return {
    units: { county, huanghua, jiangbei, orgDept, huanghuaVillage, xintang, jiangbeiVillage, otherCounty, otherTown },
    people: { orgHeadPerson, townSecretary, townOrgMember, villageSecretary, clerk, villager, siblingTownPerson, siblingVillager, otherCountyPerson },
    users,
    usernames,
  };
}
