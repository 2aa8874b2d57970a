/**
 * Test fixtures of M6 integrity on top of the test world (server/test/factories.ts): Party organisations for the
 * county and the two towns, the people who hold the signing posts, and accounts linked to them.
 *
 * - 黄花镇: Party secretary 张三 (world, user `townsec`), discipline secretary 黄纪 (user `hh.disc`), deputy heads 王一…王四 as subjects.
 * - 江背镇: 双岗 holds BOTH 党委书记 and 纪委书记 (user `jb.dual`), subject 孙八 (world).
 * - county: county secretary 县书记 (user `county.sec2`, COUNTY_SECRETARY), commission member 纪委员 (user `dc.member`).
 */
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../../db/database.ts';
import type { FieldCipher } from '../../../platform/crypto.ts';
import { toPinyinKeys } from '../../../platform/pinyin.ts';
import { insertPerson, insertUser, type PersonRef, type TestWorld, type UnitRef } from '../../../test/factories.ts';
import { conclusionContentHash } from '../integrity.service.ts';

const NOW = '2026-11-26T08:00:00.000Z';

async function insertPartyOrg(db: Db, input: { name: string; type: string; parent: { id: string; path: string } | null; unit: UnitRef; secretaryId: string | null }): Promise<{ id: string; path: string }> {
  const id = uuidv7();
  const path = `${input.parent?.path ?? '/'}${id}/`;
  const py = toPinyinKeys(input.name);
  await db
    .insertInto('party_org')
    .values({
      id, name: input.name, type: input.type, parent_id: input.parent?.id ?? null, path, depth: path.split('/').length - 3, host_kind: 'ORG_UNIT', host_id: input.unit.id,
      org_unit_id: input.unit.id, org_path: input.unit.path, secretary_person_id: input.secretaryId, pinyin: py.full, pinyin_initials: py.initials, founded_at: '1990-01-01',
      dissolved_at: null, created_at: NOW, updated_at: NOW,
    })
    .execute();
  return { id, path };
}

export type IntegrityFixture = Awaited<ReturnType<typeof buildIntegrityFixture>>;

export async function buildIntegrityFixture(db: Db, cipher: FieldCipher, world: TestWorld) {
  const { county, huanghua, jiangbei } = world.units;
  const authority = county;
  const countySecretary = await insertPerson(db, cipher, { name: '县书记', unit: county, cadre: { rankLevel: 'COUNTY', authority }, posts: [{ unit: county, title: '县委书记', isLeadership: true, isPrincipal: true }] });
  const commissionMember = await insertPerson(db, cipher, { name: '纪委员', unit: county, cadre: { rankLevel: 'SECTION', authority }, posts: [{ unit: county, title: '县纪委副书记', isLeadership: true }] });
  const hhDiscipline = await insertPerson(db, cipher, { name: '黄纪', unit: huanghua, cadre: { rankLevel: 'DEPUTY_SECTION', authority }, posts: [{ unit: huanghua, title: '黄花镇纪委书记', isLeadership: true }] });
  const jbDual = await insertPerson(db, cipher, {
    name: '双岗',
    unit: jiangbei,
    cadre: { rankLevel: 'SECTION', authority },
    posts: [
      { unit: jiangbei, title: '江背镇党委书记', isLeadership: true, isPrincipal: true },
      { unit: jiangbei, title: '江背镇纪委书记', isLeadership: true },
    ],
  });
  const staff = [];
  for (const name of ['王一', '王二', '王三', '王四']) staff.push(await insertPerson(db, cipher, { name, unit: huanghua, cadre: { rankLevel: 'DEPUTY_SECTION', authority }, posts: [{ unit: huanghua, title: '副镇长', isLeadership: true }] }));
  const countyParty = await insertPartyOrg(db, { name: '中共长沙县委员会', type: 'PARTY_COMMITTEE', parent: null, unit: county, secretaryId: countySecretary.id });
  const hhParty = await insertPartyOrg(db, { name: '中共黄花镇委员会', type: 'PARTY_COMMITTEE', parent: countyParty, unit: huanghua, secretaryId: world.people.townSecretary.id });
  const jbParty = await insertPartyOrg(db, { name: '中共江背镇委员会', type: 'PARTY_COMMITTEE', parent: countyParty, unit: jiangbei, secretaryId: jbDual.id });

  const users = {
    countySec: await insertUser(db, { username: 'county.sec2', personId: countySecretary.id, grants: [{ role: 'COUNTY_SECRETARY', unit: county }] }),
    commission: await insertUser(db, { username: 'dc.member', personId: commissionMember.id, grants: [{ role: 'DISCIPLINE_COMMISSION', unit: county }] }),
    hhDisc: await insertUser(db, { username: 'hh.disc', personId: hhDiscipline.id, grants: [{ role: 'TOWN_DISCIPLINE_SECRETARY', unit: null }] }),
    jbDual: await insertUser(db, { username: 'jb.dual', personId: jbDual.id, grants: [{ role: 'TOWN_SECRETARY', unit: null }, { role: 'TOWN_DISCIPLINE_SECRETARY', unit: null }] }),
  };
  return { people: { countySecretary, commissionMember, hhDiscipline, jbDual, staff: staff as [PersonRef, PersonRef, PersonRef, PersonRef] }, party: { countyParty, hhParty, jbParty }, users };
}

/** Inserts a DRAFT conclusion directly (for the race test, which needs many about the same person). */
export async function insertDraftConclusion(db: Db, cipher: FieldCipher, subject: PersonRef, partyOrgId: string | null, text = '未发现违反廉洁纪律问题。'): Promise<{ id: string; contentHash: string }> {
  const id = uuidv7();
  const contentHash = conclusionContentHash({ lineageId: id, version: 1, subjectPersonId: subject.id, unitOrgId: subject.unit.id, conclusion: 'CLEAR', text, basis: ['DAILY_SUPERVISION'] });
  await db
    .insertInto('integrity_conclusion')
    .values({
      id, lineage_id: id, version: 1, previous_version_id: null, superseded_by_id: null, subject_person_id: subject.id, unit_org_id: subject.unit.id, unit_party_org_id: partyOrgId,
      org_path: subject.unit.path, conclusion: 'CLEAR', text_enc: cipher.encrypt(text), basis: JSON.stringify(['DAILY_SUPERVISION']), status: 'DRAFT', content_hash: contentHash,
      return_reason: null, created_by_user_id: null, submitted_at: null, decided_at: null, decided_by_user_id: null, created_at: NOW, updated_at: NOW,
    })
    .execute();
  return { id, contentHash };
}
