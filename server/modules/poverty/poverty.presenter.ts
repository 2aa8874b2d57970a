/** Rows → contract objects. Person data is the masked form only (ID number, phone); names are shown. */
import type { HouseholdCause, HouseholdStatus, HouseholdSummary, TeamMember, TeamSlot, TeamStatus, TeamSummary, Visit } from '../../../contracts/poverty.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { AssistanceVisitRow } from '../../db/schema.ts';
import * as repo from './poverty.repository.ts';

export function presentTeam(r: repo.TeamSummaryRow): TeamSummary {
  return {
    id: r.id,
    name: r.name,
    villageId: r.village_org_unit_id,
    villageName: r.village_name,
    townName: r.town_name,
    leaderName: r.leader_name,
    status: r.status as TeamStatus,
    formedAt: r.formed_at,
    memberCount: Number(r.member_count ?? 0),
    householdCount: Number(r.household_count ?? 0),
  };
}

export function presentMember(m: repo.MemberRow): TeamMember {
  return { id: m.id, personId: m.person_id, name: m.name, orgName: m.org_name, isPartyMember: m.is_party_member === 1, slot: m.slot as TeamSlot, memberType: m.member_type, from: m.from_date, to: m.to_date };
}

export function presentHousehold(r: repo.HouseholdListRow, causes: string[]): HouseholdSummary {
  return {
    id: r.id,
    headPersonId: r.head_person_id,
    headName: r.head_name,
    headIdNumberMasked: r.id_number_masked,
    villageId: r.village_org_unit_id,
    villageName: r.village_name,
    townName: r.town_name,
    memberCount: r.member_count,
    causes: causes as HouseholdCause[],
    teamId: r.team_id,
    teamName: r.team_name,
    status: r.status as HouseholdStatus,
    identifiedYear: r.identified_year,
    lastVisitOn: r.last_visit_on,
    visitCount: Number(r.visit_count ?? 0),
  };
}

export async function presentVisits(db: DbOrTrx, visits: AssistanceVisitRow[]): Promise<Visit[]> {
  const ids = visits.map((v) => v.id);
  const members = await repo.visitMembers(db, ids);
  const photos = await repo.visitPhotos(db, ids);
  return visits.map((v) => ({
    id: v.id,
    teamId: v.team_id,
    householdId: v.household_id,
    visitedOn: v.visited_on,
    members: members.filter((m) => m.visit_id === v.id).map((m) => ({ personId: m.person_id, name: m.name })),
    needs: v.needs,
    actionsTaken: v.actions_taken,
    photos: photos.filter((p) => p.visit_id === v.id).map((p) => ({ id: p.id, sha256: p.sha256, mime: p.mime, sizeBytes: p.size_bytes })),
    createdAt: v.created_at,
  }));
}
