/**
 * The M6 integrity demo data, on both databases: conclusions for the town and street leadership teams signed by
 * the people who really hold the posts in the demo county (checked with the same signer rules the API uses),
 * escalated signatures where the subject is a signer, open items for the demo signers of 黄花镇, petitions that
 * block a promotion, and reviews.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityConclusion, IntegrityConclusionItem, IntegrityStats, PetitionSummary } from '../../../contracts/integrity.ts';
import { type SeedResult } from '../demo/demo.seeder.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { integrityGate } from './index.ts';
import { planSignatureSlots } from './integrity.signers.ts';

describe.each(TEST_DIALECTS)('integrity demo data on %s', (dialect) => {
  let t: TestApp;
  let seeded: SeedResult;
  const get = (username: string, url: string) => t.getAsDemo(username, url);

  beforeAll(async () => {
    t = await createTestApp(dialect, { demo: true });
    seeded = t.demo!.seeded;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has a conclusion for every town and street leader, mostly accepted and CLEAR, two NOT_SUITABLE, a few open', async () => {
    const c = seeded.counts;
    expect(c.integrityConclusions).toBeGreaterThan(18 * 10);
    expect(c.integrityAccepted! / c.integrityConclusions!).toBeGreaterThan(0.9);
    expect(c.integrityOpen).toBeGreaterThanOrEqual(2);
    expect(c.integrityNotSuitable).toBe(2);
    const byOutcome = await t.db.selectFrom('integrity_conclusion').select(['conclusion', sql<number>`count(*)`.as('n')]).groupBy('conclusion').execute();
    const n = (o: string) => Number(byOutcome.find((r) => r.conclusion === o)?.n ?? 0);
    expect(n('CLEAR')).toBeGreaterThan(n('MINOR_ISSUES_NOT_AFFECTING'));
    expect(n('MINOR_ISSUES_NOT_AFFECTING')).toBeGreaterThan(0);
    expect(n('NOT_SUITABLE')).toBe(2);
  });

  it('every signature is by a person who held that post (or its escalation) on the day it was signed, bound to the content hash', async () => {
    const rows = await t.db.selectFrom('integrity_conclusion').selectAll().execute();
    const sigs = await t.db.selectFrom('integrity_signature').selectAll().execute();
    expect(sigs.length).toBeGreaterThan(rows.length);
    let escalated = 0;
    for (const row of rows) {
      const mine = sigs.filter((s) => s.conclusion_id === row.id);
      expect(mine.length).toBe(row.status === 'DRAFT' ? 0 : row.status.startsWith('SIGNED_BY') ? 1 : 2);
      for (const s of mine) {
        const slot = (await planSignatureSlots(t.db, row, s.signed_at.slice(0, 10))).find((x) => x.role === s.signer_role)!;
        expect(slot.eligible.map((e) => e.personId), `${row.id} ${s.signer_role}`).toContain(s.signer_person_id);
        expect(s.basis).toBe(slot.escalated ? 'ESCALATED' : 'DIRECT');
        expect(s.content_hash).toBe(row.content_hash);
        expect(s.signer_person_id).not.toBe(row.subject_person_id);
        if (slot.escalated) escalated++;
      }
    }
    expect(escalated).toBeGreaterThanOrEqual(18); // every town secretary and discipline secretary is a subject too
  });

  it('the demo town secretary and discipline secretary of 黄花镇 have conclusions to sign; the supervision section sees them all', async () => {
    const mine = (await get('town.secretary', '/api/integrity/conclusions?toSign=true')).json<{ items: IntegrityConclusionItem[] }>().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.status !== 'SIGNED_BY_SECRETARY')).toBe(true); // the one he signed is not "to sign" any more
    const draft = mine.find((i) => i.status === 'DRAFT')!;
    expect((await get('town.secretary', `/api/integrity/conclusions/${draft.id}`)).json<IntegrityConclusion>().can.sign).toEqual(['SECRETARY']);
    const waiting = (await get('town.discipline', '/api/integrity/conclusions?toSign=true&status=SIGNED_BY_SECRETARY')).json<{ items: IntegrityConclusionItem[] }>().items;
    expect(waiting.length).toBeGreaterThan(0);
    expect((await get('town.discipline', `/api/integrity/conclusions/${waiting[0]!.id}`)).json<IntegrityConclusion>().can.sign).toEqual(['DISCIPLINE']);
    const all = (await get('supervision.section', '/api/integrity/conclusions?pageSize=1')).json<{ total: number }>();
    expect(all.total).toBe(seeded.counts.integrityConclusions);
  });

  it('petitions are anonymous, two are specific, checkable and open and block the promotion gate; reviews exist', async () => {
    const summary = (await get('supervision.section', '/api/integrity/petitions/summary')).json<PetitionSummary>();
    expect(summary).toMatchObject({ total: seeded.counts.integrityPetitions, realName: 0, openCheckable: 2 });
    const open = await t.db
      .selectFrom('petition_subject')
      .innerJoin('petition_report', 'petition_report.id', 'petition_subject.petition_id')
      .select('petition_subject.person_id')
      .where('petition_report.specific_and_checkable', '=', 1)
      .where('petition_report.status', 'in', ['RECEIVED', 'PRELIM_CHECK'])
      .execute();
    expect(open).toHaveLength(2);
    for (const o of open) {
      const gate = await integrityGate(t.db, o.person_id, '2016-06-30');
      expect(gate.reasons.map((r) => r.code)).toEqual(['PETITION_OPEN_CHECKABLE']);
    }
    expect(seeded.counts.integrityReviews).toBeGreaterThan(5);
    const reviews = (await get('supervision.section', '/api/integrity/reviews?overall=PASS')).json<{ total: number }>();
    expect(reviews.total).toBe(seeded.counts.integrityReviewsPassed);
    // the report: accepted conclusions by outcome, and the reviewed candidates the gate stops (2 open petitions, 1 failed review)
    const stats = (await get('supervision.section', '/api/integrity/stats')).json<IntegrityStats>();
    expect(stats.acceptedByOutcome.find((o) => o.conclusion === 'NOT_SUITABLE')!.count).toBe(2);
    expect(stats.byStatus.reduce((n, s) => n + s.count, 0)).toBe(seeded.counts.integrityConclusions);
    expect(stats.candidatesReviewed).toBe(seeded.counts.integrityReviews);
    expect(stats.candidatesStopped).toBe(seeded.counts.integrityReviews! - seeded.counts.integrityReviewsPassed!);
    // a town secretary's scope: only 黄花镇
    const town = (await get('town.secretary', '/api/integrity/stats')).json<IntegrityStats>();
    expect(town.byStatus.reduce((n, s) => n + s.count, 0)).toBeLessThan(20);
  });
});
