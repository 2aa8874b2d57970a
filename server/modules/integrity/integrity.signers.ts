/**
 * Who may sign an integrity conclusion (SPEC M6 rules, SECURITY.md §5.6 双签字):
 *
 * - SECRETARY slot: the unit's Party organisation secretary (`party_org.secretary_person_id`) or the holder of a
 *   current principal post titled …书记 (党委书记, 党工委书记, 党组书记) in the subject's unit;
 * - DISCIPLINE slot: the holder of a current post titled 纪委书记 / 纪工委书记 / 派驻纪检组组长 in that unit;
 * - if the subject holds the post of a slot, that slot moves up: the secretary of the next-higher Party
 *   organisation (the county Party secretary for a town), or a county discipline-commission member
 *   (DISCIPLINE_COMMISSION grant over the unit) for the discipline slot;
 * - the subject never appears among the eligible signers.
 */
import type { SignerRole } from '../../../contracts/integrity.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { IntegrityConclusionRow } from '../../db/schema.ts';
import { isDisciplineTitle, isSecretaryTitle } from './integrity.policy.ts';
import * as repo from './integrity.repository.ts';

export type Eligible = { personId: string; name: string; title: string };
export type SlotPlan = { role: SignerRole; escalated: boolean; eligible: Eligible[] };

function dedupe(list: Eligible[]): Eligible[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.personId) ? false : (seen.add(e.personId), true)));
}

async function secretariesOf(db: DbOrTrx, unitId: string, partyOrgId: string | null, date: string): Promise<Eligible[]> {
  const out: Eligible[] = [];
  if (partyOrgId) {
    const org = await repo.findPartyOrg(db, partyOrgId);
    if (org?.secretary_person_id) {
      const p = await repo.findPersonName(db, org.secretary_person_id);
      if (p) out.push({ personId: p.id, name: p.name, title: `${org.name}书记` });
    }
  }
  for (const post of await repo.listCurrentPosts(db, unitId, date)) {
    if (post.is_principal === 1 && isSecretaryTitle(post.title)) out.push({ personId: post.person_id, name: post.name, title: post.title });
  }
  return dedupe(out);
}

async function disciplineSecretariesOf(db: DbOrTrx, unitId: string, date: string): Promise<Eligible[]> {
  const posts = await repo.listCurrentPosts(db, unitId, date);
  return dedupe(posts.filter((p) => isDisciplineTitle(p.title)).map((p) => ({ personId: p.person_id, name: p.name, title: p.title })));
}

/** The secretary of the next-higher Party organisation (or, without a Party tree, of the parent unit). */
async function higherSecretaries(db: DbOrTrx, unitId: string, partyOrgId: string | null, date: string): Promise<Eligible[]> {
  if (partyOrgId) {
    const org = await repo.findPartyOrg(db, partyOrgId);
    if (org?.parent_id) {
      const parent = await repo.findPartyOrg(db, org.parent_id);
      if (parent) return secretariesOf(db, parent.org_unit_id, parent.id, date);
    }
  }
  const unit = await repo.findOrgUnit(db, unitId);
  if (!unit?.parent_id) return [];
  const parentParty = await repo.findUnitPartyOrg(db, unit.parent_id);
  return secretariesOf(db, unit.parent_id, parentParty?.id ?? null, date);
}

/** Both slots of a conclusion with the people who may sign them on `date` (YYYY-MM-DD). */
export async function planSignatureSlots(db: DbOrTrx, row: Pick<IntegrityConclusionRow, 'subject_person_id' | 'unit_org_id' | 'unit_party_org_id' | 'org_path'>, date: string): Promise<SlotPlan[]> {
  const subject = row.subject_person_id;
  const secretaries = await secretariesOf(db, row.unit_org_id, row.unit_party_org_id, date);
  const disciplines = await disciplineSecretariesOf(db, row.unit_org_id, date);
  const secretaryEscalated = secretaries.some((e) => e.personId === subject);
  const disciplineEscalated = disciplines.some((e) => e.personId === subject);
  const secretarySlot = secretaryEscalated ? await higherSecretaries(db, row.unit_org_id, row.unit_party_org_id, date) : secretaries;
  const disciplineSlot = disciplineEscalated
    ? dedupe((await repo.listDisciplineCommissionSigners(db, row.org_path, date)).map((r) => ({ personId: r.person_id, name: r.name, title: '县纪委' })))
    : disciplines;
  return [
    { role: 'SECRETARY', escalated: secretaryEscalated, eligible: secretarySlot.filter((e) => e.personId !== subject) },
    { role: 'DISCIPLINE', escalated: disciplineEscalated, eligible: disciplineSlot.filter((e) => e.personId !== subject) },
  ];
}
