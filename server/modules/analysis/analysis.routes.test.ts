/**
 * M5 routes on both databases: the campaign state machine and its guards, letters (overdue by the clock), talks
 * (≥ 2 interviewers, notes encrypted at rest and readable by the team with talk.notes only, every read a ledger
 * event), the evidence store's confidentiality (subject, relatives, per-type grants), the cadre profile and scope.
 */
import { uuidv7 } from 'uuidv7';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, Evidence, Letter, Talk } from '../../../contracts/analysis.ts';
import type { Page } from '../../../contracts/common.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';

const CAMPAIGN = { name: '2016年黄花镇换届考察分析', startAt: '2016-05-01', endAt: '2016-07-31' };

describe.each(TEST_DIALECTS)('analysis routes on %s', (dialect) => {
  let t: TestApp;
  let campaign: Campaign;
  let letter: Letter;
  let talk: Talk;
  const interviewers: string[] = [];

  const lastAction = async () => (await t.db.selectFrom('ledger_event').select(['action', 'payload']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  const ledgerSize = async () => Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const w = t.world;
    interviewers.push(w.people.orgHeadPerson.id, w.people.clerk.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('campaign workflow', () => {
    it('refuses anonymous callers and roles without campaign.read', async () => {
      expect((await t.get(null, '/api/analysis/campaigns')).statusCode).toBe(401);
      expect((await t.get('TOWN_SECRETARY', '/api/analysis/campaigns')).statusCode).toBe(403);
      expect((await t.get('CADRE_SELF', '/api/analysis/evidence')).statusCode).toBe(403);
    });

    it('validates a new campaign (dates, towns only, in scope)', async () => {
      const w = t.world;
      const bad = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { ...CAMPAIGN, endAt: '2016-04-01', scopeTownIds: [w.units.huanghua.id] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].field).toBe('endAt');
      const village = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { ...CAMPAIGN, scopeTownIds: [w.units.huanghuaVillage.id] });
      expect(village.statusCode).toBe(400);
      expect(village.json().message).toContain('乡镇');
      const outside = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { ...CAMPAIGN, scopeTownIds: [w.units.otherTown.id] });
      expect(outside.statusCode).toBe(404);
      expect((await t.post('ORG_SUPERVISION_SECTION', '/api/analysis/campaigns', { ...CAMPAIGN, scopeTownIds: [w.units.huanghua.id] })).statusCode).toBe(403);
    });

    it('creates a campaign in PLANNING with the creator as team lead (ledger event)', async () => {
      const res = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { ...CAMPAIGN, scopeTownIds: [t.world.units.huanghua.id] });
      expect(res.statusCode).toBe(200);
      campaign = res.json();
      expect(campaign.status).toBe('PLANNING');
      expect(campaign.team).toHaveLength(1);
      expect(campaign.team[0]!.teamRole).toBe('LEAD');
      expect(campaign.allowed).toMatchObject({ start: false, manage: true, readNotes: true });
      expect((await lastAction()).action).toBe('campaign.created');
    });

    it('PLANNING → COLLECTING needs campaign.approve (org head); a second start is 409', async () => {
      expect((await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/start`)).statusCode).toBe(403);
      const ok = await t.post('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/start`, { note: '同意启动' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().status).toBe('COLLECTING');
      expect((await lastAction()).action).toBe('campaign.started');
      const again = await t.post('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/start`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ILLEGAL_TRANSITION');
      expect(again.json().message).toContain('收集中');
    });

    it('sends a letter; overdue only by the clock; COLLECTING → ANALYSING blocked while a letter is open', async () => {
      const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/letters`, { toOrgUnitId: t.world.units.orgDept.id, subject: '征求意见函', sentAt: '2026-11-20', dueAt: '2026-12-04' });
      expect(res.statusCode).toBe(200);
      letter = res.json();
      expect(letter.state).toBe('PENDING');
      const early = await t.post('ORG_CADRE_SECTION', `/api/analysis/letters/${letter.id}/mark-overdue`);
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toContain('尚未逾期');
      const blocked = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/analyse`);
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().message).toContain('1 封函询');
      // ORG_HEAD holds campaign.manage but is not on the team
      expect((await t.post('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/analyse`)).statusCode).toBe(403);

      t.clock.advanceMinutes(10 * 24 * 60);
      await t.login('ORG_CADRE_SECTION');
      const listed = await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/letters?state=OVERDUE`);
      expect(listed.json<Page<Letter>>().items.map((l) => l.id)).toEqual([letter.id]);
      const marked = await t.post('ORG_CADRE_SECTION', `/api/analysis/letters/${letter.id}/mark-overdue`);
      expect(marked.statusCode).toBe(200);
      expect(marked.json().state).toBe('OVERDUE_MARKED');
      expect((await lastAction()).action).toBe('letter.marked_overdue');
      const reply = await t.post('ORG_CADRE_SECTION', `/api/analysis/letters/${letter.id}/reply`, { repliedAt: '2026-12-06', replyText: '逾期回复：无不同意见', attachmentHashes: ['a'.repeat(64)] });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ state: 'REPLIED', replyAttachmentHashes: ['a'.repeat(64)] });
      expect((await t.post('ORG_CADRE_SECTION', `/api/analysis/letters/${letter.id}/reply`, { repliedAt: '2026-12-06', replyText: '再次回复' })).statusCode).toBe(409);
      t.clock.set('2026-11-26T08:05:00.000Z');
      await t.login('ORG_CADRE_SECTION');
    });

    it('adds the org head to the team and records outlines, talks, visits, documents and tips', async () => {
      const w = t.world;
      // the Team tab's picker: users holding a team-capable role over the campaign's unit, not yet on the team
      const candidates = await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/member-candidates`);
      expect(candidates.statusCode, candidates.body).toBe(200);
      const ids = candidates.json<{ userId: string; displayName: string; roles: string[] }[]>().map((c) => c.userId);
      expect(ids).toContain(w.users.ORG_HEAD);
      expect(ids).not.toContain(w.users.ORG_CADRE_SECTION); // already the lead
      expect(ids).not.toContain(w.users.CADRE_SELF);
      expect(ids).not.toContain(w.users.VILLAGE_SECRETARY);
      const head = candidates.json<{ userId: string; displayName: string; roles: string[] }[]>().find((c) => c.userId === w.users.ORG_HEAD)!;
      expect(head.roles).toContain('组织部部长');
      const named = await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/member-candidates?q=${encodeURIComponent(head.displayName)}`);
      expect(named.json<{ userId: string }[]>().map((c) => c.userId)).toContain(w.users.ORG_HEAD);
      expect((await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/member-candidates?q=${encodeURIComponent('查无此人')}`)).json()).toEqual([]);
      // off the team (the head is not on it yet): the same refusal as adding
      expect((await t.get('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/member-candidates`)).statusCode).toBe(403);
      expect((await t.get('COUNTY_SECRETARY', `/api/analysis/campaigns/${campaign.id}/member-candidates`)).statusCode).toBe(403);

      const add = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/members`, { userId: w.users.ORG_HEAD, teamRole: 'MEMBER' });
      expect(add.statusCode).toBe(200);
      expect(add.json().team).toHaveLength(2);
      expect((await lastAction()).action).toBe('campaign.member_added');
      expect((await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/member-candidates`)).json<{ userId: string }[]>().map((c) => c.userId)).not.toContain(w.users.ORG_HEAD);

      const outline = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/outlines`, { intervieweePersonId: w.people.villageSecretary.id, questions: ['班子整体情况如何？'] });
      expect(outline.statusCode).toBe(200);

      const one = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks`, {
        mode: 'INDIVIDUAL_INTERVIEW', intervieweePersonId: w.people.villageSecretary.id, level: 'L06', interviewerPersonIds: [interviewers[0]], heldAt: '2016-05-10', location: '黄花镇', notes: '一名谈话人',
      });
      expect(one.statusCode).toBe(400);
      expect(one.json().fields[0].field).toBe('interviewerPersonIds');
      const outsideWindow = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks`, {
        mode: 'INDIVIDUAL_INTERVIEW', intervieweePersonId: w.people.villageSecretary.id, level: 'L06', interviewerPersonIds: interviewers, heldAt: '2017-01-01', location: '黄花镇', notes: '日期错误',
      });
      expect(outsideWindow.statusCode).toBe(400);
      const noOutline = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks`, {
        mode: 'OUTLINE', intervieweePersonId: w.people.villager.id, level: 'L10', interviewerPersonIds: interviewers, heldAt: '2016-05-10', location: '新塘村', notes: '没有提纲',
      });
      expect(noOutline.statusCode).toBe(400);
      expect(noOutline.json().fields[0].field).toBe('outlineId');

      const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks`, {
        mode: 'OUTLINE', intervieweePersonId: w.people.villageSecretary.id, level: 'L06', subjectCadreIds: [w.people.townSecretary.id], interviewerPersonIds: interviewers,
        heldAt: '2016-05-10', location: '黄花村', notes: '秘密谈话内容：书记作风扎实', keyFindings: ['作风扎实'],
      });
      expect(res.statusCode).toBe(200);
      talk = res.json();
      expect(talk.outlineId).toBe(outline.json().id);
      expect(talk).not.toHaveProperty('notes');
      const stored = await t.db.selectFrom('talk').selectAll().where('id', '=', talk.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain('秘密谈话内容');
      expect(JSON.stringify(stored)).not.toContain('作风扎实');
      const event = await lastAction();
      expect(event.action).toBe('talk.recorded');
      expect(event.payload).not.toContain('秘密');

      const visit = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/visits`, { villageOrgUnitId: w.units.huanghuaVillage.id, visitedAt: '2016-05-12', visitorPersonIds: interviewers, villageCadresMetCount: 3, villageCadreIds: [w.people.villageSecretary.id] });
      expect(visit.statusCode).toBe(200);
      const badVisit = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/visits`, { villageOrgUnitId: w.units.jiangbeiVillage.id, visitedAt: '2016-05-12', visitorPersonIds: interviewers, villageCadresMetCount: 1 });
      expect(badVisit.statusCode).toBe(400);
      const doc = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/documents`, { docType: 'ECONOMIC_AUDIT', title: '经济责任审计报告', periodFrom: '2013-01-01', periodTo: '2015-12-31', subjectOrgUnitId: w.units.huanghua.id, findings: '未发现问题', reviewedAt: '2016-05-20' });
      expect(doc.statusCode).toBe(200);
      const oldDoc = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/documents`, { docType: 'OTHER', title: '旧资料', periodFrom: '2010-01-01', periodTo: '2011-12-31', findings: '太早', reviewedAt: '2016-05-20' });
      expect(oldDoc.statusCode).toBe(400);
      const anonymousWithName = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/tips`, { receivedAt: '2016-05-15', channel: 'LETTER', realName: false, reporterName: '某某', content: '反映情况', routedTo: 'ORG_DEPT' });
      expect(anonymousWithName.statusCode).toBe(400);
      const tip = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/tips`, { receivedAt: '2016-05-15', channel: 'LETTER', realName: true, reporterName: '实名人', content: '实名反映内容', routedTo: 'ORG_DEPT' });
      expect(tip.statusCode).toBe(200);
      const stats = await t.get('COUNTY_SECRETARY', `/api/analysis/campaigns/${campaign.id}/statistics`);
      expect(stats.statusCode).toBe(200);
      expect(stats.json()).toMatchObject({ letters: { total: 1, replied: 1 }, talks: { total: 1, interviewees: 0 }, visits: { villages: 1, villageCadresMet: 3 }, documents: { total: 1 }, tips: { total: 1, realName: 1 }, realNamePetitions: 1 });
      expect(stats.json().coverage.villagePrincipals).toMatchObject({ covered: 1, total: 1, percent: 100 });
    });

    it('talk notes: team with talk.notes only, never the subject; each read is a ledger event', async () => {
      const before = await ledgerSize();
      const read = await t.get('ORG_CADRE_SECTION', `/api/analysis/talks/${talk.id}/notes`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ notes: '秘密谈话内容：书记作风扎实', keyFindings: ['作风扎实'] });
      expect(await ledgerSize()).toBe(before + 1);
      expect((await lastAction()).action).toBe('talk.notes_viewed');
      // county secretary and supervision section: no talk.notes
      expect((await t.get('COUNTY_SECRETARY', `/api/analysis/talks/${talk.id}/notes`)).statusCode).toBe(403);
      expect((await t.get('ORG_SUPERVISION_SECTION', `/api/analysis/talks/${talk.id}/notes`)).statusCode).toBe(403);
      // the tip content likewise
      const tips = await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/tips`);
      const tipId = tips.json().items[0].id as string;
      expect(tips.json().items[0]).not.toHaveProperty('content');
      expect((await t.get('ORG_CADRE_SECTION', `/api/analysis/tips/${tipId}`)).json()).toMatchObject({ content: '实名反映内容', reporterName: '实名人' });
    });

    it('a team member with talk.notes who is off the team is refused; removing the last lead is refused', async () => {
      const members = (await t.get('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}`)).json().team as Campaign['team'];
      const head = members.find((m) => m.userId === t.world.users.ORG_HEAD)!;
      expect((await t.get('ORG_HEAD', `/api/analysis/talks/${talk.id}/notes`)).statusCode).toBe(200);
      expect((await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/members/${head.id}/remove`)).statusCode).toBe(200);
      expect((await lastAction()).action).toBe('campaign.member_removed');
      const refused = await t.get('ORG_HEAD', `/api/analysis/talks/${talk.id}/notes`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toContain('工作组');
      const lead = members.find((m) => m.teamRole === 'LEAD')!;
      expect((await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/members/${lead.id}/remove`)).statusCode).toBe(409);
    });

    it('COLLECTING → ANALYSING by the cadre section once every letter is answered', async () => {
      const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/analyse`);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('ANALYSING');
    });

    it('ANALYSING → CONCLUDED needs an endorsed judgment for every in-scope cadre', async () => {
      const w = t.world;
      expect((await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/conclude`)).statusCode).toBe(403);
      const blocked = await t.post('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/conclude`);
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().message).toContain('2 名');
      const now = '2026-12-01T00:00:00.000Z';
      const judgment = (cadre: string, status: string) => ({ id: uuidv7(), cadre_person_id: cadre, campaign_id: campaign.id, category: 'RETAIN', rationale: '保留稳定', status, org_path: w.units.huanghua.path, created_at: now, updated_at: now });
      await t.db.insertInto('five_category_judgment').values([judgment(w.people.townSecretary.id, 'ENDORSED'), judgment(w.people.townOrgMember.id, 'PROPOSED')] as never).execute();
      const still = await t.post('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/conclude`);
      expect(still.statusCode).toBe(409);
      expect(still.json().message).toContain('1 名');
      await t.db.updateTable('five_category_judgment').set({ status: 'ENDORSED' } as never).where('cadre_person_id' as never, '=', w.people.townOrgMember.id as never).execute();
      const ok = await t.post('ORG_HEAD', `/api/analysis/campaigns/${campaign.id}/conclude`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().status).toBe('CONCLUDED');
      const late = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/tips`, { receivedAt: '2016-07-15', channel: 'PHONE', realName: false, content: '结束后来电', routedTo: 'ORG_DEPT' });
      expect(late.statusCode).toBe(409);
    });

    it('lists, sorts and filters talks on the server without notes', async () => {
      const res = await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks?level=L06&sort=heldAt&order=asc`);
      expect(res.statusCode).toBe(200);
      const page = res.json<Page<Talk>>();
      expect(page.total).toBe(1);
      expect(JSON.stringify(page)).not.toContain('秘密');
      expect((await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks?level=L01`)).json().total).toBe(0);
      expect((await t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${campaign.id}/talks?level=bad`)).statusCode).toBe(400);
    });
  });

  describe('evidence store and profile', () => {
    const evidence = (cadre: string, extra: Record<string, unknown> = {}) => ({ cadrePersonId: cadre, sourceType: 'AWARD', date: '2015-06-01', summary: '先进个人', polarity: 'POSITIVE', classification: 'NORMAL', ...extra });

    it('validates grade and effect period by source type', async () => {
      const w = t.world;
      expect((await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.townSecretary.id, { sourceType: 'PERFORMANCE_ASSESSMENT' }))).statusCode).toBe(400);
      expect((await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.townSecretary.id, { sourceType: 'ACCOUNTABILITY', polarity: 'NEGATIVE' }))).statusCode).toBe(400);
      expect((await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', { ...evidence(w.people.townSecretary.id), teamOrgUnitId: w.units.huanghua.id })).statusCode).toBe(400);
      expect((await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.otherCountyPerson.id))).statusCode).toBe(404);
      expect((await t.post('COUNTY_SECRETARY', '/api/analysis/evidence', evidence(w.people.townSecretary.id))).statusCode).toBe(403);
    });

    it('stores evidence with grades, effect periods and attachment hashes', async () => {
      const w = t.world;
      const grade = await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.townSecretary.id, { sourceType: 'PERFORMANCE_ASSESSMENT', date: '2015-12-31', grade: 'EXCELLENT', summary: '2015年度考核优秀' }));
      expect(grade.statusCode).toBe(200);
      expect(grade.json()).toMatchObject({ grade: 'EXCELLENT', cadre: { id: w.people.townSecretary.id, name: '张三' } });
      const acc = await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.townSecretary.id, { sourceType: 'ACCOUNTABILITY', polarity: 'NEGATIVE', date: '2026-01-10', effectUntil: '2027-01-09', summary: '诫勉谈话', attachmentHashes: ['b'.repeat(64)] }));
      expect(acc.statusCode).toBe(200);
      expect(acc.json().attachmentHashes).toEqual(['b'.repeat(64)]);
      expect((await lastAction()).action).toBe('evidence.created');
      // confidential petition evidence (needs petition.read on top of evidence.read)
      expect((await t.post('ORG_SUPERVISION_SECTION', '/api/analysis/evidence', evidence(w.people.townSecretary.id, { sourceType: 'PETITION', polarity: 'NEGATIVE', classification: 'CONFIDENTIAL', summary: '信访反映' }))).statusCode).toBe(200);
      // evidence about the org head himself, and about the clerk (CADRE_SELF)
      expect((await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.orgHeadPerson.id, { summary: '部长本人的材料' }))).statusCode).toBe(200);
      expect((await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(w.people.clerk.id, { summary: '科员材料' }))).statusCode).toBe(200);
    });

    it('hides confidential petitions from the cadre section and shows them to supervision (a ledger event)', async () => {
      const w = t.world;
      const cadre = (await t.get('ORG_CADRE_SECTION', `/api/analysis/evidence?cadreId=${w.people.townSecretary.id}`)).json<Page<Evidence>>();
      expect(cadre.items.map((e) => e.sourceType).sort()).toEqual(['ACCOUNTABILITY', 'PERFORMANCE_ASSESSMENT']);
      expect(cadre.total).toBe(2);
      const before = await ledgerSize();
      const sup = (await t.get('ORG_SUPERVISION_SECTION', `/api/analysis/evidence?cadreId=${w.people.townSecretary.id}&classification=CONFIDENTIAL`)).json<Page<Evidence>>();
      expect(sup.items.map((e) => e.sourceType)).toEqual(['PETITION']);
      expect(await ledgerSize()).toBe(before + 1);
      expect((await lastAction()).action).toBe('evidence.viewed');
    });

    it('never shows the caller evidence about themselves or a registered relative, not even in totals', async () => {
      const w = t.world;
      const all = (await t.get('ORG_HEAD', '/api/analysis/evidence?pageSize=100')).json<Page<Evidence>>();
      expect(all.items.some((e) => e.cadre?.id === w.people.orgHeadPerson.id)).toBe(false);
      expect(all.total).toBe(all.items.length);
      const own = await t.get('ORG_HEAD', `/api/analysis/cadres/${w.people.orgHeadPerson.id}/profile`);
      expect(own.statusCode).toBe(403);
      expect(own.json().message).toContain('本人');
      expect((await t.get('ORG_HEAD', `/api/analysis/evidence?cadreId=${w.people.orgHeadPerson.id}`)).json().total).toBe(0);
      // register 张三 as the org head's relative: his evidence disappears for the org head
      await t.db.insertInto('kinship').values({ id: uuidv7(), person_id: w.people.orgHeadPerson.id, relative_person_id: w.people.townSecretary.id, relation: 'COLLATERAL_3', relation_code: '71', created_at: '2026-11-26T08:00:00.000Z' }).execute();
      const rel = await t.get('ORG_HEAD', `/api/analysis/cadres/${w.people.townSecretary.id}/profile`);
      expect(rel.statusCode).toBe(403);
      expect(rel.json().message).toContain('亲属');
      expect((await t.get('ORG_HEAD', `/api/analysis/evidence?cadreId=${w.people.townSecretary.id}`)).json().total).toBe(0);
      // and he may no longer read notes of talks about 张三
      expect((await t.get('ORG_HEAD', `/api/analysis/talks/${talk.id}/notes`)).statusCode).toBe(404);
      await t.db.deleteFrom('kinship').where('person_id', '=', w.people.orgHeadPerson.id).execute();
      // the subject role has no access at all
      expect((await t.get('CADRE_SELF', `/api/analysis/cadres/${w.people.clerk.id}/profile`)).statusCode).toBe(403);
    });

    it('builds the profile (posts, grades, accountability in force, petition counts, timeline) as a ledger event', async () => {
      const w = t.world;
      const before = await ledgerSize();
      const res = await t.get('ORG_SUPERVISION_SECTION', `/api/analysis/cadres/${w.people.townSecretary.id}/profile`);
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p.person.name).toBe('张三');
      expect(p.posts[0].title).toBe('黄花镇党委书记');
      expect(p.assessments).toEqual([expect.objectContaining({ year: '2015', grade: 'EXCELLENT' })]);
      expect(p.accountabilityInForce).toHaveLength(1);
      expect(p.petitions.source).toBe('petition_report');
      expect(p.talks.asSubject).toBe(1);
      expect(p.timeline.length).toBeGreaterThanOrEqual(4);
      expect(p.evidenceByType.map((g: { sourceType: string }) => g.sourceType)).toContain('PETITION');
      expect(await ledgerSize()).toBe(before + 1);
      expect((await lastAction()).action).toBe('evidence.profile_viewed');
      expect((await t.get('ORG_SUPERVISION_SECTION', `/api/analysis/cadres/${w.people.otherCountyPerson.id}/profile`)).statusCode).toBe(404);
    });

    it('exports the evidence list as .xlsx (ledger event, formula-safe)', async () => {
      await t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', evidence(t.world.people.townOrgMember.id, { summary: '=HYPERLINK("x")' }));
      const res = await t.get('ORG_CADRE_SECTION', '/api/analysis/evidence/export.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      expect((await lastAction()).action).toBe('evidence.exported');
    });
  });

  describe('scope and configuration', () => {
    it('answers 404 for a campaign outside the caller’s subtree', async () => {
      const id = uuidv7();
      const now = '2026-11-26T08:00:00.000Z';
      await t.db.insertInto('analysis_campaign').values({ id, name: '外县活动', scope_town_ids: JSON.stringify([t.world.units.otherTown.id]), start_at: '2016-05-01', end_at: '2016-06-30', notice_published_at: null, notice_media: null, notice_text: null, status: 'PLANNING', owner_org_unit_id: t.world.units.otherCounty.id, org_path: t.world.units.otherCounty.path, created_by: null, created_at: now, updated_at: now }).execute();
      for (const url of [`/api/analysis/campaigns/${id}`, `/api/analysis/campaigns/${id}/statistics`, `/api/analysis/campaigns/${id}/talks`, `/api/analysis/campaigns/${id}/report.docx`]) {
        expect((await t.get('ORG_HEAD', url)).statusCode).toBe(404);
      }
      expect((await t.post('ORG_HEAD', `/api/analysis/campaigns/${id}/start`)).statusCode).toBe(404);
      expect((await t.get('ORG_HEAD', '/api/analysis/campaigns')).json().items.some((c: Campaign) => c.id === id)).toBe(false);
    });

    it('lists the ten configurable interviewee levels and renames one (ledger event)', async () => {
      const levels = (await t.get('COUNTY_SECRETARY', '/api/analysis/talk-levels')).json();
      expect(levels).toHaveLength(10);
      expect(levels[0]).toMatchObject({ code: 'L01', nameZh: '县级领导', active: true });
      const res = await t.put('ORG_CADRE_SECTION', '/api/analysis/talk-levels/L10', { nameZh: '老干部和群众代表（含"两代表一委员"）', nameEn: 'Retired cadres and citizens', active: true });
      expect(res.statusCode).toBe(200);
      expect(res.json()[9].nameZh).toContain('两代表');
      expect((await t.put('COUNTY_SECRETARY', '/api/analysis/talk-levels/L10', { nameZh: 'x', nameEn: 'x', active: true })).statusCode).toBe(403);
      expect((await t.put('ORG_CADRE_SECTION', '/api/analysis/talk-levels/L99', { nameZh: 'x', nameEn: 'x', active: true })).statusCode).toBe(404);
    });
  });
});
