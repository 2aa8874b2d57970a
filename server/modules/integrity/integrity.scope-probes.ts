/**
 * Scope probes of M6 integrity (server/platform/scope-matrix.test.ts): a conclusion, a review and a petition about
 * each "outside" person (乔口镇 of 望城区 for county roles, 江背镇 for town and department roles) must answer 404 to a
 * role holding the route's permission and 403 to any other.
 */
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';
import { insertDraftConclusion } from './testdata/integrity-fixtures.ts';

const hash = '0'.repeat(64);

export const integrityScopeProbes: ModuleScopeProbes = {
  module: 'integrity',
  async setup(t, fixtures) {
    for (const p of [t.world.people.otherCountyPerson, t.world.people.siblingTownPerson, t.world.people.villager]) {
      fixtures[`integrity.conclusion.${p.id}`] = (await insertDraftConclusion(t.db, t.cipher, p, null)).id;
      const reviewId = crypto.randomUUID();
      await t.db
        .insertInto('integrity_review')
        .values({ id: reviewId, subject_person_id: p.id, org_path: p.unit.path, batch_id: null, mandatory_checks: '["FILE_AUDIT"]', overall: 'PENDING', created_by_user_id: t.world.users.ORG_SUPERVISION_SECTION, created_at: '2026-11-26T08:00:00.000Z', updated_at: '2026-11-26T08:00:00.000Z' })
        .execute();
      await t.db.insertInto('integrity_review_check').values({ review_id: reviewId, type: 'FILE_AUDIT', result: 'PENDING', detail_enc: null, checked_by_user_id: null, checked_at: null }).execute();
      fixtures[`integrity.review.${p.id}`] = reviewId;
      const petitionId = crypto.randomUUID();
      await t.db
        .insertInto('petition_report')
        .values({
          id: petitionId, received_at: '2026-11-20', channel: 'LETTER', real_name: 0, reporter_identity_enc: null, content_enc: t.cipher.encrypt('反映问题'), specific_and_checkable: 1, status: 'RECEIVED',
          conclusion_enc: null, org_path: p.unit.path, handler_user_id: t.world.users.DISCIPLINE_COMMISSION, created_at: '2026-11-20T08:00:00.000Z', updated_at: '2026-11-20T08:00:00.000Z',
        })
        .execute();
      await t.db.insertInto('petition_subject').values({ petition_id: petitionId, person_id: p.id }).execute();
      fixtures[`integrity.petition.${p.id}`] = petitionId;
    }
  },
  probes: (t, outside, fx) => {
    const c = (role: Parameters<typeof outside>[0]) => fx[`integrity.conclusion.${outside(role).person.id}`]!;
    const r = (role: Parameters<typeof outside>[0]) => fx[`integrity.review.${outside(role).person.id}`]!;
    const p = (role: Parameters<typeof outside>[0]) => fx[`integrity.petition.${outside(role).person.id}`]!;
    return [
      { name: 'GET /api/integrity/conclusions/:id', permission: 'integrity.read', send: (role) => t.get(role, `/api/integrity/conclusions/${c(role)}`) },
      { name: 'GET /api/integrity/conclusions/:id/opinion.docx', permission: 'integrity.read', send: (role) => t.get(role, `/api/integrity/conclusions/${c(role)}/opinion.docx`) },
      { name: 'PUT /api/integrity/conclusions/:id', permission: 'integrity.draft', send: (role) => t.put(role, `/api/integrity/conclusions/${c(role)}`, { conclusion: 'CLEAR', text: '未发现问题。', basis: ['AUDIT'], contentHash: hash }) },
      { name: 'POST /api/integrity/conclusions/:id/sign', permission: 'integrity.sign', send: (role) => t.post(role, `/api/integrity/conclusions/${c(role)}/sign`, { role: 'SECRETARY', contentHash: hash }) },
      { name: 'POST /api/integrity/conclusions/:id/submit', permission: 'integrity.draft', send: (role) => t.post(role, `/api/integrity/conclusions/${c(role)}/submit`) },
      { name: 'POST /api/integrity/conclusions/:id/accept', permission: 'integrity.accept', send: (role) => t.post(role, `/api/integrity/conclusions/${c(role)}/accept`) },
      { name: 'POST /api/integrity/conclusions/:id/return', permission: 'integrity.accept', send: (role) => t.post(role, `/api/integrity/conclusions/${c(role)}/return`, { reason: '请补充材料' }) },
      { name: 'GET /api/integrity/reviews/:id', permission: 'integrity.review', send: (role) => t.get(role, `/api/integrity/reviews/${r(role)}`) },
      { name: 'PUT /api/integrity/reviews/:id/checks/:type', permission: 'integrity.review', send: (role) => t.put(role, `/api/integrity/reviews/${r(role)}/checks/FILE_AUDIT`, { result: 'PASS', detail: '无异常' }) },
      { name: 'GET /api/integrity/petitions/:id', permission: 'petition.write', send: (role) => t.get(role, `/api/integrity/petitions/${p(role)}`) },
      { name: 'POST /api/integrity/petitions/:id/move', permission: 'petition.write', send: (role) => t.post(role, `/api/integrity/petitions/${p(role)}/move`, { to: 'PRELIM_CHECK' }) },
    ];
  },
};
