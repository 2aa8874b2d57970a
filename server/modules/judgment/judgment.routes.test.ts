/**
 * Five-category judgments over the API on every dialect: each workflow transition and its refusals, each PROMOTE
 * bar alone (blocks; fixing it unblocks), supersession, visibility (scope, subject, relatives, roles), bad input,
 * ledger events; team analysis, targets, what-if scenarios and exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../contracts/common.ts';
import type { Judgment, JudgmentDetail, TeamAnalysis, TeamTargets, TeamTownSummary, WhatifScenario } from '../../../contracts/judgment.ts';
import { readDocx } from '../../test/docx.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { insertPerson, type PersonRef } from '../../test/factories.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { insertCampaign, insertConclusion, insertEvidence, insertPetition } from './judgment.fixtures.ts';

describe.each(TEST_DIALECTS)('judgment routes on %s', (dialect) => {
  let t: TestApp;
  let campaignId: string;
  let cadre: PersonRef;
  let cadreEvidence: string;
  const ledgerCount = async (action: string) => (await t.db.selectFrom('ledger_event').select('seq').where('action', '=', action).execute()).length;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { units, people } = t.world;
    campaignId = await insertCampaign(t.db, { unit: units.county, towns: [units.huanghua, units.jiangbei], team: [t.world.users.ORG_CADRE_SECTION] });
    cadre = people.townOrgMember;
    cadreEvidence = await insertEvidence(t.db, { personId: cadre.id, orgPath: units.huanghua.path });
  }, 60_000);
  afterAll(async () => t?.close());

  async function draft(category: string, personId = cadre.id, evidenceIds = [cadreEvidence], extra: Record<string, unknown> = {}) {
    return t.post('ORG_CADRE_SECTION', '/api/judgments', { cadrePersonId: personId, campaignId, category, rationale: '该同志工作实绩突出，群众公认度高，综合研判意见如下。', evidenceIds, ...extra });
  }
  async function proposed(category: string, personId = cadre.id, evidenceIds = [cadreEvidence], extra: Record<string, unknown> = {}): Promise<string> {
    const res = await draft(category, personId, evidenceIds, extra);
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json<Judgment>().id;
    expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${id}/propose`)).statusCode).toBe(200);
    return id;
  }
  const endorse = (id: string) => t.post('ORG_HEAD', `/api/judgments/${id}/endorse`, { meetingDate: '2026-11-25', meetingRef: '部务会〔2026〕9号' });

  it('refuses without login (401), without the permission (403) and bad input (400)', async () => {
    expect((await t.get(null, '/api/judgments')).statusCode).toBe(401);
    expect((await t.get('CADRE_SELF', '/api/judgments')).statusCode).toBe(403);
    expect((await t.get('TOWN_SECRETARY', '/api/judgments')).statusCode).toBe(403);
    expect((await t.post('COUNTY_SECRETARY', '/api/judgments', { cadrePersonId: cadre.id, campaignId, category: 'RETAIN', rationale: '保留稳定的理由写在这里。', evidenceIds: [cadreEvidence] })).statusCode).toBe(403);
    const short = await draft('RETAIN', cadre.id, [cadreEvidence], { rationale: '太短' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('研判理由');
    const none = await draft('RETAIN', cadre.id, []);
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('至少一条证据');
    const foreign = await insertEvidence(t.db, { personId: t.world.people.townSecretary.id, orgPath: t.world.units.huanghua.path });
    expect((await draft('RETAIN', cadre.id, [foreign])).statusCode).toBe(400);
    const noDest = await draft('EXCHANGE');
    expect(noDest.statusCode).toBe(400);
    expect(noDest.json().message).toContain('交流去向');
    expect((await draft('EXCHANGE', cadre.id, [cadreEvidence], { destinationOrgUnitId: t.world.units.huanghua.id })).statusCode).toBe(400);
    expect((await draft('PROMOTE', t.world.people.otherCountyPerson.id)).statusCode).toBe(404);
    expect((await t.post('ORG_CADRE_SECTION', '/api/judgments', { cadrePersonId: cadre.id, campaignId, category: 'NOPE', rationale: 'x', evidenceIds: [] })).statusCode).toBe(400);
  });

  it('moves DRAFT → PROPOSED → DRAFT (returned) → PROPOSED → ENDORSED, one ledger event each, and refuses illegal steps', async () => {
    const created = await draft('EXCHANGE', cadre.id, [cadreEvidence], { destinationOrgUnitId: t.world.units.jiangbei.id });
    expect(created.statusCode, created.body).toBe(200);
    const j = created.json<Judgment>();
    expect(j).toMatchObject({ status: 'DRAFT', category: 'EXCHANGE', destinationName: '江背镇', evidenceCount: 1, can: { edit: true, propose: true, endorse: false } });
    expect(await ledgerCount('judgment.created')).toBeGreaterThan(0);
    expect((await draft('RETAIN')).statusCode).toBe(409); // one open judgment per cadre and campaign

    const edited = await t.patch('ORG_CADRE_SECTION', `/api/judgments/${j.id}`, { rationale: '该同志在同一岗位任职较长，建议交流到江背镇任职。' });
    expect(edited.statusCode).toBe(200);
    expect(await ledgerCount('judgment.updated')).toBe(1);

    expect((await t.post('ORG_HEAD', `/api/judgments/${j.id}/endorse`, { meetingDate: '2026-11-25', meetingRef: '部务会〔2026〕9号' })).statusCode).toBe(409);
    const p1 = await t.post('ORG_CADRE_SECTION', `/api/judgments/${j.id}/propose`);
    expect(p1.json()).toMatchObject({ status: 'PROPOSED' });
    expect((await t.patch('ORG_CADRE_SECTION', `/api/judgments/${j.id}`, { category: 'RETAIN' })).statusCode).toBe(409);
    expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${j.id}/endorse`, { meetingDate: '2026-11-25', meetingRef: 'x1' })).statusCode).toBe(403);

    const back = await t.post('ORG_HEAD', `/api/judgments/${j.id}/return`, { note: '请补充交流理由' });
    expect(back.json()).toMatchObject({ status: 'DRAFT', returnedNote: '请补充交流理由' });
    expect((await t.post('ORG_HEAD', `/api/judgments/${j.id}/return`, { note: '再次退回' })).statusCode).toBe(409);
    expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${j.id}/propose`)).statusCode).toBe(200);

    const future = await t.post('ORG_HEAD', `/api/judgments/${j.id}/endorse`, { meetingDate: '2026-12-30', meetingRef: '部务会〔2026〕9号' });
    expect(future.statusCode).toBe(400);
    const done = await endorse(j.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'ENDORSED', meetingDate: '2026-11-25', meetingRef: '部务会〔2026〕9号', endorsedByName: expect.any(String) });
    expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${j.id}/propose`)).statusCode).toBe(409);
    expect(await ledgerCount('judgment.proposed')).toBeGreaterThanOrEqual(2);
    expect(await ledgerCount('judgment.returned')).toBe(1);
    expect(await ledgerCount('judgment.endorsed')).toBe(1);
  });

  it('only the campaign team drafts, edits and proposes (403 with the reason); joining the team allows it, leaving stops it', async () => {
    const other = await insertPerson(t.db, t.cipher, { name: '工作组测试对象', unit: t.world.units.jiangbei, cadre: { rankLevel: 'DEPUTY_SECTION', authority: t.world.units.county }, posts: [{ unit: t.world.units.jiangbei, title: '江背镇副镇长', isLeadership: true }] });
    const ev = await insertEvidence(t.db, { personId: other.id, orgPath: t.world.units.jiangbei.path });
    const body = { cadrePersonId: other.id, campaignId, category: 'RETAIN', rationale: '履职情况良好，群众评价较高，建议保留稳定。', evidenceIds: [ev] };
    // ORG_HEAD holds judgment.write but is not on this campaign's team
    const off = await t.post('ORG_HEAD', '/api/judgments', body);
    expect(off.statusCode).toBe(403);
    expect(off.json().message).toContain('工作组成员');
    const options = (await t.get('ORG_HEAD', '/api/judgments/campaigns')).json<{ items: { id: string; onTeam: boolean }[] }>();
    expect(options.items.find((c) => c.id === campaignId)?.onTeam).toBe(false);
    expect((await t.get('ORG_CADRE_SECTION', '/api/judgments/campaigns')).json<{ items: { id: string; onTeam: boolean }[] }>().items.find((c) => c.id === campaignId)?.onTeam).toBe(true);

    // the team lead (ORG_CADRE_SECTION) adds the head to the team: a ledger event
    const added = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaignId}/members`, { userId: t.world.users.ORG_HEAD, teamRole: 'MEMBER' });
    expect(added.statusCode, added.body).toBe(200);
    expect(await ledgerCount('campaign.member_added')).toBeGreaterThanOrEqual(1);
    const created = await t.post('ORG_HEAD', '/api/judgments', body);
    expect(created.statusCode, created.body).toBe(200);
    const j = created.json<Judgment>();
    expect(j.can).toMatchObject({ edit: true, propose: true });

    // removed from the team: may read, but neither edit nor propose
    const memberId = added.json<{ team: { id: string; userId: string | null }[] }>().team.find((m) => m.userId === t.world.users.ORG_HEAD)!.id;
    expect((await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaignId}/members/${memberId}/remove`)).statusCode).toBe(200);
    const read = await t.get('ORG_HEAD', `/api/judgments/${j.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<JudgmentDetail>().judgment.can).toMatchObject({ edit: false, propose: false });
    const edit = await t.patch('ORG_HEAD', `/api/judgments/${j.id}`, { rationale: '不在工作组时修改研判理由应被拒绝。' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().message).toContain('工作组成员');
    expect((await t.post('ORG_HEAD', `/api/judgments/${j.id}/propose`)).statusCode).toBe(403);
    const row = await t.db.selectFrom('five_category_judgment').select(['status', 'rationale']).where('id', '=', j.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'DRAFT', rationale: body.rationale });
    // a team member proposes it
    expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${j.id}/propose`)).statusCode).toBe(200);
  });

  it('supersedes the older ENDORSED judgment of the same cadre in the same transaction', async () => {
    const before = (await t.get('ORG_HEAD', `/api/judgments?status=ENDORSED&q=${encodeURIComponent(cadre.name)}`)).json<Page<Judgment>>();
    expect(before.total).toBe(1);
    const older = before.items[0]!;
    const newer = await proposed('RETAIN');
    expect((await endorse(newer)).statusCode).toBe(200);
    const detail = (await t.get('ORG_HEAD', `/api/judgments/${older.id}`)).json<JudgmentDetail>();
    expect(detail.judgment).toMatchObject({ status: 'SUPERSEDED', supersededById: newer });
    const endorsed = await t.db.selectFrom('five_category_judgment').select('id').where('cadre_person_id', '=', cadre.id).where('status', '=', 'ENDORSED').execute();
    expect(endorsed.map((r) => r.id)).toEqual([newer]);
    expect(await ledgerCount('judgment.superseded')).toBe(1);
    expect(detail.history.length).toBeGreaterThanOrEqual(2);
  });

  describe('PROMOTE bars (each alone blocks, fixing it unblocks)', () => {
    async function refused(id: string, text: string) {
      const res = await endorse(id);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('ILLEGAL_TRANSITION');
      expect(res.json().message).toContain(text);
      const detail = (await t.get('ORG_HEAD', `/api/judgments/${id}`)).json<JudgmentDetail>();
      expect(detail.promoteBars?.ok).toBe(false);
      expect(detail.promoteBars!.bars.map((b) => b.zh).join('；')).toContain(text);
    }

    it('a missing integrity conclusion blocks; an ACCEPTED CLEAR one unblocks', async () => {
      const id = await proposed('PROMOTE');
      await refused(id, '廉政结论');
      await insertConclusion(t.db, { personId: cadre.id, unit: t.world.units.huanghua });
      expect((await endorse(id)).statusCode).toBe(200);
    });

    it('a conclusion not yet ACCEPTED blocks; accepting it unblocks', async () => {
      const c = await insertConclusion(t.db, { personId: cadre.id, unit: t.world.units.huanghua, status: 'SUBMITTED' });
      await t.db.updateTable('integrity_conclusion').set({ updated_at: '2026-11-21T00:00:00.000Z' }).where('id', '=', c).execute();
      const id = await proposed('PROMOTE');
      await refused(id, '尚未被干部监督科采纳');
      await t.db.updateTable('integrity_conclusion').set({ status: 'ACCEPTED', decided_at: '2026-11-21T00:00:00.000Z' }).where('id', '=', c).execute();
      expect((await endorse(id)).statusCode).toBe(200);
    });

    it('a NOT_SUITABLE conclusion blocks; a newer CLEAR one unblocks', async () => {
      const c = await insertConclusion(t.db, { personId: cadre.id, unit: t.world.units.huanghua, conclusion: 'NOT_SUITABLE' });
      const id = await proposed('PROMOTE');
      await refused(id, '不宜使用');
      await t.db.updateTable('integrity_conclusion').set({ conclusion: 'CLEAR' }).where('id', '=', c).execute();
      expect((await endorse(id)).statusCode).toBe(200);
    });

    it('an open specific and checkable petition blocks; concluding it unblocks', async () => {
      const pet = await insertPetition(t.db, { personId: cadre.id, orgPath: t.world.units.huanghua.path, handlerUserId: t.world.users.DISCIPLINE_COMMISSION });
      await insertPetition(t.db, { personId: cadre.id, orgPath: t.world.units.huanghua.path, handlerUserId: t.world.users.DISCIPLINE_COMMISSION, checkable: false });
      const id = await proposed('PROMOTE');
      await refused(id, '信访举报');
      await t.db.updateTable('petition_report').set({ status: 'UNFOUNDED' }).where('id', '=', pet).execute();
      expect((await endorse(id)).statusCode).toBe(200);
    });

    it('an accountability effect in force blocks; once it has ended it does not', async () => {
      const acc = await insertEvidence(t.db, { personId: cadre.id, orgPath: t.world.units.huanghua.path, sourceType: 'ACCOUNTABILITY', date: '2026-03-01', summary: '诫勉谈话', polarity: 'NEGATIVE', effectUntil: '2026-11-26' });
      const id = await proposed('PROMOTE');
      await refused(id, '问责影响期未满');
      await t.db.updateTable('evidence').set({ effect_until: '2026-11-25' }).where('id', '=', acc).execute();
      expect((await endorse(id)).statusCode).toBe(200);
    });

    it('an annual grade of BASICALLY_COMPETENT or lower in the last three years blocks; an older one does not', async () => {
      await insertEvidence(t.db, { personId: cadre.id, orgPath: t.world.units.huanghua.path, sourceType: 'PERFORMANCE_ASSESSMENT', date: '2022-12-31', summary: '2022年度考核：不称职', polarity: 'NEGATIVE', grade: 'INCOMPETENT' });
      const weak = await insertEvidence(t.db, { personId: cadre.id, orgPath: t.world.units.huanghua.path, sourceType: 'PERFORMANCE_ASSESSMENT', date: '2024-12-31', summary: '2024年度考核：基本称职', polarity: 'NEGATIVE', grade: 'BASICALLY_COMPETENT' });
      const id = await proposed('PROMOTE');
      await refused(id, '2024年度“基本称职”');
      await t.db.updateTable('evidence').set({ grade: 'COMPETENT' }).where('id', '=', weak).execute();
      expect((await endorse(id)).statusCode).toBe(200);
    });

    it('names every bar at once in plain Chinese', async () => {
      const person = await insertPerson(t.db, t.cipher, { name: '钱多多', unit: t.world.units.jiangbei, cadre: { rankLevel: 'DEPUTY_SECTION', authority: t.world.units.county }, posts: [{ unit: t.world.units.jiangbei, title: '江背镇副镇长', isLeadership: true }] });
      const ev = await insertEvidence(t.db, { personId: person.id, orgPath: t.world.units.jiangbei.path, sourceType: 'ACCOUNTABILITY', date: '2026-01-05', summary: '通报批评', polarity: 'NEGATIVE', effectUntil: '2027-01-05' });
      await insertEvidence(t.db, { personId: person.id, orgPath: t.world.units.jiangbei.path, sourceType: 'PERFORMANCE_ASSESSMENT', date: '2025-12-31', summary: '2025年度考核：基本称职', polarity: 'NEGATIVE', grade: 'BASICALLY_COMPETENT' });
      await insertPetition(t.db, { personId: person.id, orgPath: t.world.units.jiangbei.path, handlerUserId: t.world.users.DISCIPLINE_COMMISSION });
      const id = await proposed('PROMOTE', person.id, [ev]);
      const res = await endorse(id);
      expect(res.statusCode).toBe(409);
      const msg = res.json().message as string;
      for (const text of ['廉政结论', '信访举报', '问责影响期未满', '基本称职']) expect(msg).toContain(text);
      // the same cadre can be endorsed in a category that is not barred
      expect((await t.post('ORG_HEAD', `/api/judgments/${id}/return`, { note: '改为保留稳定' })).statusCode).toBe(200);
      expect((await t.patch('ORG_CADRE_SECTION', `/api/judgments/${id}`, { category: 'RETAIN' })).statusCode).toBe(200);
      expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${id}/propose`)).statusCode).toBe(200);
      expect((await endorse(id)).statusCode).toBe(200);
    });
  });

  it('hides judgments out of scope, about the reader, and about a registered relative', async () => {
    const { people, units } = t.world;
    const insideId = (await t.db.selectFrom('five_category_judgment').select('id').limit(1).executeTakeFirstOrThrow()).id;
    await t.db
      .insertInto('five_category_judgment')
      .values({ id: 'out-of-scope-judgment', cadre_person_id: people.otherCountyPerson.id, campaign_id: campaignId, category: 'RETAIN', destination_org_unit_id: null, rationale: '外县干部研判意见', status: 'DRAFT', created_by_user_id: null, proposed_by_user_id: null, proposed_at: null, endorsed_by_user_id: null, endorsed_at: null, meeting_date: null, meeting_ref: null, returned_note: null, superseded_by_id: null, superseded_at: null, org_path: units.otherTown.path, created_at: '2026-11-20T00:00:00.000Z', updated_at: '2026-11-20T00:00:00.000Z' })
      .execute();
    expect((await t.get('ORG_HEAD', '/api/judgments/out-of-scope-judgment')).statusCode).toBe(404);
    expect((await t.post('ORG_HEAD', '/api/judgments/out-of-scope-judgment/return', { note: '越权退回' })).statusCode).toBe(404);
    expect((await t.get('ORG_HEAD', `/api/judgments/${insideId}`)).statusCode).toBe(200);

    // about the reader: the org head's own judgment, drafted by the cadre section
    const selfEv = await insertEvidence(t.db, { personId: people.orgHeadPerson.id, orgPath: units.orgDept.path });
    const own = await draft('PROMOTE', people.orgHeadPerson.id, [selfEv]);
    expect(own.statusCode).toBe(200);
    const ownId = own.json<Judgment>().id;
    expect((await t.get('ORG_HEAD', `/api/judgments/${ownId}`)).statusCode).toBe(404);
    const listed = (await t.get('ORG_HEAD', '/api/judgments?pageSize=200')).json<Page<Judgment>>();
    expect(listed.items.some((j) => j.cadrePersonId === people.orgHeadPerson.id)).toBe(false);
    expect((await t.post('ORG_CADRE_SECTION', `/api/judgments/${ownId}/propose`)).statusCode).toBe(200);
    expect((await endorse(ownId)).statusCode).toBe(403);

    // about a registered relative
    await t.db.insertInto('kinship').values({ id: 'kin-judgment-1', person_id: people.orgHeadPerson.id, relative_person_id: people.townSecretary.id, relation: 'SPOUSE', relation_code: null, created_at: '2026-11-20T00:00:00.000Z' }).execute();
    const relEv = await insertEvidence(t.db, { personId: people.townSecretary.id, orgPath: units.huanghua.path });
    const rel = await draft('RETAIN', people.townSecretary.id, [relEv]);
    const relId = rel.json<Judgment>().id;
    expect((await t.get('ORG_HEAD', `/api/judgments/${relId}`)).statusCode).toBe(404);
    expect((await t.get('ORG_CADRE_SECTION', `/api/judgments/${relId}`)).statusCode).toBe(200);
    expect((await t.get('COUNTY_SECRETARY', `/api/judgments/${relId}`)).statusCode).toBe(200);
    expect((await t.get('CADRE_SELF', `/api/judgments/${relId}`)).statusCode).toBe(403);
    await t.db.deleteFrom('kinship').where('id', '=', 'kin-judgment-1').execute();
    expect(await ledgerCount('judgment.viewed')).toBeGreaterThan(0);
  });

  it('analyses town teams against configurable targets, with what-if moves', async () => {
    const towns = (await t.get('ORG_HEAD', `/api/team-analysis/towns?campaignId=${campaignId}`)).json<{ items: TeamTownSummary[] }>();
    const hh = towns.items.find((x) => x.townId === t.world.units.huanghua.id)!;
    expect(hh.size).toBe(2);
    const a = (await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.huanghua.id}?campaignId=${campaignId}`)).json<TeamAnalysis>();
    expect(a.asOf).toBe('2026-11-01');
    const zh = a.before.shortcomings.map((s) => s.zh);
    expect(zh).toContain('缺少35岁以下班子成员');
    expect(zh).toContain('缺少女性班子成员');
    expect(a.before.structure.ageBands.find((b) => b.key === 'B46_50')!.count).toBe(2);

    const s = await t.post('ORG_CADRE_SECTION', '/api/whatif-scenarios', { name: '方案一', campaignId });
    expect(s.statusCode, s.body).toBe(200);
    const sid = s.json<WhatifScenario>().id;
    const bad = await t.put('ORG_CADRE_SECTION', `/api/whatif-scenarios/${sid}/moves`, { moves: [{ cadrePersonId: t.world.people.townSecretary.id, move: 'EXCHANGE' }] });
    expect(bad.statusCode).toBe(400);
    const put = await t.put('ORG_CADRE_SECTION', `/api/whatif-scenarios/${sid}/moves`, { moves: [{ cadrePersonId: t.world.people.townSecretary.id, move: 'EXCHANGE', destinationOrgUnitId: t.world.units.jiangbei.id }] });
    expect(put.statusCode, put.body).toBe(200);
    const hAfter = (await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.huanghua.id}?scenarioId=${sid}`)).json<TeamAnalysis>();
    expect(hAfter.source).toBe('SCENARIO');
    expect(hAfter.after!.structure.size).toBe(1);
    expect(hAfter.vacancies).toBe(1);
    const jAfter = (await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.jiangbei.id}?scenarioId=${sid}`)).json<TeamAnalysis>();
    expect(jAfter.after!.members.find((m) => m.personId === t.world.people.townSecretary.id)?.change).toBe('ARRIVES');

    const targets = await t.put('ORG_HEAD', '/api/team-targets', { items: [{ townType: 'TOWN', metric: 'AGE_YOUNG', minCount: 0 }] });
    expect(targets.statusCode).toBe(200);
    expect(targets.json<TeamTargets>().items.find((x) => x.townType === 'TOWN' && x.metric === 'AGE_YOUNG')).toEqual({ townType: 'TOWN', metric: 'AGE_YOUNG', minCount: 0, maxCount: null, minPercent: null, isDefault: false });
    const again = (await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.huanghua.id}?campaignId=${campaignId}`)).json<TeamAnalysis>();
    expect(again.before.shortcomings.map((x) => x.zh)).not.toContain('缺少35岁以下班子成员');
    expect((await t.put('COUNTY_SECRETARY', '/api/team-targets', { items: [{ townType: 'TOWN', metric: 'FEMALE', minCount: 0 }] })).statusCode).toBe(403);
    expect((await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.otherTown.id}`)).statusCode).toBe(404);
    expect((await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.orgDept.id}`)).statusCode).toBe(404);
  });

  it('exports the list and the outcome board and downloads reports, each a ledger event', async () => {
    const xlsx = await t.get('ORG_HEAD', `/api/judgments/export.xlsx?campaignId=${campaignId}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(await ledgerCount('judgment.exported')).toBe(1);
    const board = await t.get('ORG_HEAD', `/api/judgments/outcome?campaignId=${campaignId}`);
    expect(board.statusCode).toBe(200);
    expect(board.json().counts.total).toBeGreaterThan(0);
    const any = (await t.get('ORG_HEAD', '/api/judgments?status=ENDORSED')).json<Page<Judgment>>();
    const docx = await t.get('ORG_HEAD', `/api/judgments/${any.items[0]!.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await ledgerCount('judgment.report-downloaded')).toBe(1);
    const team = await t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.huanghua.id}/report.docx`);
    expect(team.statusCode).toBe(200);
    expect(await ledgerCount('judgment.team-report-downloaded')).toBe(1);
    // the structure charts (age, education, specialty) are PNG pictures drawn on the server
    const parts = await readDocx(team.rawPayload);
    expect(parts.text).toContain('黄花镇领导班子分析报告');
    expect(parts.images).toHaveLength(3);
    for (const img of parts.images) {
      expect(img.isPng).toBe(true);
      expect(img.bytes).toBeGreaterThan(5_000);
      expect(img.width).toBe(1120);
    }
    expect(parts.documentXml).toContain('<pic:pic');
  });
});
