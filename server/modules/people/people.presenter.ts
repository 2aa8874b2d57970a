/** Rows → contract types. Only masked identity fields ever appear here. */
import type { FrontLineKind, Gender, KinshipRelation, RankLevel } from '../../../contracts/enums.ts';
import type { PersonDossier, PersonListItem } from '../../../contracts/people.ts';
import type { CadreRow, FrontLineRow, PersonRow, PostRow } from '../../db/schema.ts';
import { ageOn } from '../../platform/clock.ts';
import type { PersonListRow } from './people.repository.ts';

export function presentListItem(row: PersonListRow, titles: string[], now: Date): PersonListItem {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Gender,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, now),
    orgUnitId: row.org_unit_id,
    orgName: row.org_name,
    isPartyMember: row.is_party_member === 1,
    isCadre: row.rank_level !== null,
    rankLevel: row.rank_level as RankLevel | null,
    currentTitles: titles,
    idNumberMasked: row.id_number_masked,
    phoneMasked: row.phone_masked,
  };
}

export type DossierParts = {
  person: PersonRow;
  cadre: CadreRow | null;
  authorityName: string | null;
  posts: (PostRow & { org_name: string })[];
  kinship: { id: string; relative_person_id: string; relation: string; relation_code: string | null; relative_name: string; titles: string[] }[];
  frontLine: FrontLineRow[];
  orgName: string;
  ancestors: { id: string; name: string }[];
  hometownName: string | null;
  partyOrgName: string | null;
  now: Date;
  youngMaxAge: number;
};

export function presentDossier(p: DossierParts): PersonDossier {
  const age = ageOn(p.person.birth_date, p.now);
  return {
    id: p.person.id,
    name: p.person.name,
    gender: p.person.gender as Gender,
    birthDate: p.person.birth_date,
    age,
    ethnicityCode: p.person.ethnicity_code,
    idNumberMasked: p.person.id_number_masked,
    phoneMasked: p.person.phone_masked,
    hometownOrgUnitId: p.person.hometown_org_unit_id,
    hometownName: p.hometownName,
    isPartyMember: p.person.is_party_member === 1,
    partyJoinDate: p.person.party_join_date,
    partyOrgId: p.person.party_org_id,
    partyOrgName: p.partyOrgName,
    orgUnitId: p.person.org_unit_id,
    orgName: p.orgName,
    orgAncestors: p.ancestors,
    cadre: p.cadre
      ? {
          rankLevel: p.cadre.rank_level as RankLevel,
          managementAuthorityOrgId: p.cadre.management_authority_org_id,
          managementAuthorityName: p.authorityName ?? '',
          workStartDate: p.cadre.work_start_date,
          educationCode: p.cadre.education_code,
          degreeCode: p.cadre.degree_code,
          specialty: p.cadre.specialty,
          isSectionLevel: p.cadre.is_section_level === 1,
          isYoung: age <= p.youngMaxAge,
        }
      : null,
    posts: p.posts.map((post) => ({
      id: post.id,
      orgUnitId: post.org_unit_id,
      orgName: post.org_name,
      title: post.title,
      rankLevel: post.rank_level as RankLevel | null,
      isLeadership: post.is_leadership === 1,
      isPrincipal: post.is_principal === 1,
      startDate: post.start_date,
      endDate: post.end_date,
    })),
    kinship: p.kinship.map((k) => ({
      id: k.id,
      relativePersonId: k.relative_person_id,
      relativeName: k.relative_name,
      relation: k.relation as KinshipRelation,
      relationCode: k.relation_code,
      relativeTitles: k.titles,
    })),
    frontLine: p.frontLine.map((f) => ({ id: f.id, kind: f.kind as FrontLineKind, description: f.description, startDate: f.start_date, endDate: f.end_date })),
    updatedAt: p.person.updated_at,
  };
}
