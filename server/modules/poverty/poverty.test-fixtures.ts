/**
 * Direct-insert fixtures for the shared ledger-coverage and scope-matrix tests: an ACTIVE team with a leader and
 * three core members, and an ASSISTED household, in a given village. Rows only; no services, no ledger events.
 */
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/database.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { insertPerson, type UnitRef } from '../../test/factories.ts';

const NOW = '2026-11-26T08:00:00.000Z';

export async function insertTeamWithHousehold(db: Db, cipher: FieldCipher, village: UnitRef, label: string): Promise<{ teamId: string; householdId: string; memberIds: string[]; personIds: string[]; visitId: string; photoId: string }> {
  const people = [];
  for (const k of ['团长', '核心一', '核心二', '核心三', '户主']) people.push(await insertPerson(db, cipher, { name: `${label}${k}`, unit: village }));
  const teamId = uuidv7();
  await db
    .insertInto('service_team')
    .values({ id: teamId, name: `${label}帮扶团队`, village_org_unit_id: village.id, org_path: village.path, leader_person_id: people[0]!.id, formed_at: '2026-01-01', status: 'ACTIVE', dissolved_at: null, created_at: NOW, updated_at: NOW })
    .execute();
  const memberIds: string[] = [];
  for (const [i, person] of people.slice(0, 4).entries()) {
    const id = uuidv7();
    memberIds.push(id);
    await db.insertInto('team_member').values({ id, team_id: teamId, person_id: person.id, slot: i === 0 ? 'LEADER' : 'CORE', member_type: 'VILLAGE_CADRE', from_date: '2026-01-01', to_date: null, created_at: NOW }).execute();
  }
  const householdId = uuidv7();
  await db
    .insertInto('poor_household')
    .values({ id: householdId, head_person_id: people[4]!.id, village_org_unit_id: village.id, org_path: village.path, member_count: 3, team_id: teamId, status: 'ASSISTED', identified_year: 2026, notice_start: null, notice_end: null, exited_on: null, created_at: NOW, updated_at: NOW })
    .execute();
  await db.insertInto('household_cause').values({ household_id: householdId, cause: 'ILLNESS' }).execute();
  const visitId = uuidv7();
  await db.insertInto('assistance_visit').values({ id: visitId, team_id: teamId, household_id: householdId, org_path: village.path, visited_on: '2026-11-02', needs: '需求', actions_taken: '措施', logged_by_user_id: null, created_at: NOW }).execute();
  await db.insertInto('visit_member').values({ visit_id: visitId, person_id: people[0]!.id }).execute();
  const photoId = uuidv7();
  await db.insertInto('visit_photo').values({ id: photoId, visit_id: visitId, sha256: 'a'.repeat(64), mime: 'image/png', size_bytes: 10, created_at: NOW }).execute();
  return { teamId, householdId, memberIds, personIds: people.map((p) => p.id), visitId, photoId };
}

export const TINY_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('ledger-step-png')]);

export function photoMultipart(content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bwpov${uuidv7().replace(/-/g, '')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="visit.png"\r\nContent-Type: image/png\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
