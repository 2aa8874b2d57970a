/** Direct inserts for the groups' tests, probes and ledger steps (no service calls, so tests do not test themselves). */
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/database.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { UnitRef } from '../../test/factories.ts';
import { memberKeyOf } from './groups.policy.ts';

const NOW = '2026-11-26T08:00:00.000Z';

export async function insertGroup(db: Db, unit: UnitRef, input: { level: string; name?: string; townId?: string | null; ownerPersonId?: string | null; status?: 'ACTIVE' | 'ARCHIVED' }): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('service_group')
    .values({
      id, level: input.level, name: input.name ?? `${unit.name}服务群`, org_unit_id: unit.id, org_path: unit.path, town_org_unit_id: input.townId ?? null, wechat_chat_id_hash: null,
      owner_person_id: input.ownerPersonId ?? null, status: input.status ?? 'ACTIVE', created_by_user_id: null, created_at: NOW, archived_at: input.status === 'ARCHIVED' ? NOW : null, updated_at: NOW,
    })
    .execute();
  return id;
}

export async function insertMembership(db: Db, cipher: FieldCipher, groupId: string, wechatId: string, opts: { party?: boolean; personId?: string | null; leftAt?: string | null } = {}): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('group_membership')
    .values({ id, group_id: groupId, member_key: memberKeyOf(cipher, wechatId), person_id: opts.personId ?? null, is_party_member: opts.party ? 1 : 0, joined_at: '2026-01-01', left_at: opts.leftAt ?? null, created_at: NOW })
    .execute();
  return id;
}
