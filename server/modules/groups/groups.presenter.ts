/** Rows → contract objects. Members leave the server as a key prefix and a masked name; never the WeChat id. */
import type { GroupLevel, GroupLevelConfig, GroupMember, GroupStatus, GroupSummary, PersonRef } from '../../../contracts/groups.ts';
import type { ServiceGroupLevelRow } from '../../db/schema.ts';
import { keyPrefix, maskName, parseUnitTypes } from './groups.policy.ts';
import type { GroupSummaryRow } from './groups.repository.ts';

export function presentLevel(r: ServiceGroupLevelRow): GroupLevelConfig {
  return { level: r.level as GroupLevel, nameZh: r.name_zh, nameEn: r.name_en, unitTypes: parseUnitTypes(r.unit_types), inferred: true, updatedAt: r.updated_at };
}

export function presentGroup(r: GroupSummaryRow): GroupSummary {
  return {
    id: r.id,
    level: r.level as GroupLevel,
    name: r.name,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.unit_name,
    townName: r.town_name,
    ownerName: r.owner_name,
    status: r.status as GroupStatus,
    memberCount: Number(r.member_count ?? 0),
    partyMemberCount: Number(r.party_count ?? 0),
    createdAt: r.created_at,
  };
}

export function presentPerson(p: { id: string; name: string; org_name: string | null }): PersonRef {
  return { id: p.id, name: p.name, orgName: p.org_name };
}

export function presentMember(m: { id: string; member_key: string; person_id: string | null; person_name: string | null; is_party_member: number; joined_at: string; left_at: string | null }): GroupMember {
  return {
    id: m.id,
    keyPrefix: keyPrefix(m.member_key),
    personId: m.person_id,
    personNameMasked: m.person_name ? maskName(m.person_name) : null,
    isPartyMember: m.is_party_member === 1,
    joinedAt: m.joined_at,
    leftAt: m.left_at,
  };
}
