/**
 * M3 on both databases: team composition, every household transition and its guards (party, scope, state, notice
 * period, objections), one active team, visits with photos, reminders on a fake clock, scope, reports, exports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/enums.ts';
import { insertPerson, type PersonRef } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { POVERTY_TRANSITIONS, reminderPeriod } from './index.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('demo-png-body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('demo-jpeg-body')]);

function multipart(content: Buffer, fileName = 'photo.png', field = 'file') {
  const boundary = '----bwtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(TEST_DIALECTS)('poverty (M3) on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  type Key = 'teamPerson' | 'core3' | 'spare' | 'nonMember' | 'head1' | 'head2' | 'head3' | 'head4' | 'xtHead' | 'xtLeader';
  const p = {} as Record<Key, PersonRef>;
  let teamId = '';
  let xintangTeamId = '';

  const count = async (action?: string) =>
    Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).$if(action !== undefined, (q) => q.where('action', '=', action!)).executeTakeFirstOrThrow()).n);
  const lastEvent = () => t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  /** moves the fake clock; sessions older than the idle limit expire, so every role logs in again */
  async function at(iso: string): Promise<void> {
    t.clock.set(iso);
    for (const role of ['VILLAGE_CADRE', 'VILLAGE_SECRETARY', 'TOWN_SECRETARY', 'TOWN_ORG_MEMBER', 'SERVICE_TEAM_MEMBER', 'ORG_GRASSROOTS_SECTION', 'O2O_DISPATCHER', 'HANDLER', 'AUDITOR'] as Role[]) await t.login(role);
  }
  const move = (who: Role, id: string, name: string, body: object = {}) => t.post(who, `/api/poverty/households/${id}/transitions/${name}`, body);

  async function activeTeam(village: 'huanghuaVillage' | 'xintang', core: PersonRef[], leader: PersonRef): Promise<string> {
    const res = await t.post('TOWN_ORG_MEMBER', '/api/poverty/teams', { name: `${village}帮扶团队`, villageOrgUnitId: t.world.units[village].id, formedAt: '2026-01-05' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().team.id as string;
    expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${id}/members`, { personId: leader.id, slot: 'LEADER', memberType: 'VILLAGE_CADRE', from: '2026-01-05' })).statusCode).toBe(200);
    for (const c of core) expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${id}/members`, { personId: c.id, slot: 'CORE', memberType: 'TOWN_CADRE', from: '2026-01-05' })).statusCode).toBe(200);
    expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${id}/activate`)).statusCode).toBe(200);
    return id;
  }

  async function identify(head: PersonRef, village: 'huanghuaVillage' | 'xintang' = 'huanghuaVillage', who: Role = 'VILLAGE_CADRE', causes = ['ILLNESS', 'LACK_OF_SKILLS']) {
    return t.post(who, '/api/poverty/households', { headPersonId: head.id, villageOrgUnitId: t.world.units[village].id, memberCount: 3, causes, identifiedYear: 2026, reviewNote: '村民代表会议评议通过' });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-poverty-'));
    t = await createTestApp(dialect, { config: { dataDir } });
    const { units, people } = t.world;
    p.teamPerson = await insertPerson(t.db, t.cipher, { name: '团员甲', unit: units.huanghuaVillage, posts: [{ unit: units.huanghuaVillage, title: '村民委员会委员' }] });
    p.core3 = await insertPerson(t.db, t.cipher, { name: '核心乙', unit: units.huanghua });
    p.spare = await insertPerson(t.db, t.cipher, { name: '备用丙', unit: units.huanghua });
    p.nonMember = await insertPerson(t.db, t.cipher, { name: '群众丁', unit: units.huanghuaVillage });
    await t.db.updateTable('person').set({ is_party_member: 0 }).where('id', '=', p.nonMember.id).execute();
    for (const [k, name] of [['head1', '户主一'], ['head2', '户主二'], ['head3', '户主三'], ['head4', '户主四']] as const) {
      p[k] = await insertPerson(t.db, t.cipher, { name, unit: units.huanghuaVillage, idNumber: null });
    }
    p.xtHead = await insertPerson(t.db, t.cipher, { name: '新塘户主', unit: units.xintang });
    p.xtLeader = await insertPerson(t.db, t.cipher, { name: '新塘书记', unit: units.xintang });
    // the SERVICE_TEAM_MEMBER account is 团员甲
    await t.db.updateTable('app_user').set({ person_id: p.teamPerson.id }).where('id', '=', t.world.users.SERVICE_TEAM_MEMBER).execute();
    teamId = await activeTeam('huanghuaVillage', [people.townOrgMember, people.clerk, p.teamPerson], people.villageSecretary);
    xintangTeamId = await activeTeam('xintang', [people.townOrgMember, people.clerk, p.core3], p.xtLeader);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the workflow as data', () => {
    expect(POVERTY_TRANSITIONS.map((x) => `${x.from}→${x.to}:${x.party}`)).toEqual([
      'IDENTIFIED→ASSISTED:town', 'ASSISTED→EXIT_PROPOSED:leader', 'EXIT_PROPOSED→EXIT_PUBLICIZED:village', 'EXIT_PUBLICIZED→EXITED:town', 'EXITED→RETURNED_TO_POVERTY:town', 'RETURNED_TO_POVERTY→ASSISTED:town',
    ]);
    expect(reminderPeriod('2016-05', 1)).toEqual({ start: '2016-05-01', end: '2016-05-31' });
    expect(reminderPeriod('2016-02', 3)).toEqual({ start: '2016-01-01', end: '2016-03-31' });
    expect(reminderPeriod('2016-12', 2)).toEqual({ start: '2016-11-01', end: '2016-12-31' });
  });

  describe('team composition (1 Party-member leader + 3 core + X flexible)', () => {
    let draft = '';
    it('forms a DRAFT team that may be incomplete but cannot be activated until complete', async () => {
      const res = await t.post('TOWN_ORG_MEMBER', '/api/poverty/teams', { name: '组建中团队', villageOrgUnitId: t.world.units.huanghuaVillage.id, formedAt: '2026-11-01' });
      expect(res.statusCode, res.body).toBe(200);
      draft = res.json().team.id;
      expect(res.json().team.status).toBe('DRAFT');
      expect(res.json().compositionProblems.length).toBe(2);
      const before = await count();
      const act = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/activate`);
      expect(act.statusCode).toBe(409);
      expect(act.json().code).toBe('ILLEGAL_TRANSITION');
      expect(act.json().message).toContain('1 名团长');
      expect(await count()).toBe(before);
    });

    it('refuses a leader who is not a Party member, a second leader and a fourth core member', async () => {
      const nonParty = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: p.nonMember.id, slot: 'LEADER', memberType: 'VILLAGE_CADRE' });
      expect(nonParty.statusCode).toBe(400);
      expect(nonParty.json().message).toContain('不是中共党员');
      expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: t.world.people.villageSecretary.id, slot: 'LEADER', memberType: 'VILLAGE_CADRE' })).statusCode).toBe(200);
      expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: p.spare.id, slot: 'LEADER', memberType: 'TOWN_CADRE' })).statusCode).toBe(409);
      for (const c of [t.world.people.townOrgMember, t.world.people.clerk, p.core3]) {
        expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: c.id, slot: 'CORE', memberType: 'TOWN_CADRE' })).statusCode).toBe(200);
      }
      const fourth = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: p.spare.id, slot: 'CORE', memberType: 'TOWN_CADRE' });
      expect(fourth.statusCode).toBe(409);
      expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: p.core3.id, slot: 'FLEX', memberType: 'VOLUNTEER' })).statusCode).toBe(409);
      expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: p.spare.id, slot: 'FLEX', memberType: 'ASTRONAUT' })).statusCode).toBe(400);
      // the database itself refuses a second current leader
      await expect(
        t.db.insertInto('team_member').values({ id: '01900000-0000-7000-8000-0000000000aa', team_id: draft, person_id: p.spare.id, slot: 'LEADER', member_type: 'TOWN_CADRE', from_date: '2026-11-01', to_date: null, created_at: 'x' }).execute(),
      ).rejects.toThrow();
    });

    it('activates a complete team and then keeps it complete on every membership change', async () => {
      const act = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/activate`);
      expect(act.statusCode, act.body).toBe(200);
      expect(act.json().team.status).toBe('ACTIVE');
      expect((await lastEvent()).action).toBe('poverty.team.activated');
      const flex = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members`, { personId: p.spare.id, slot: 'FLEX', memberType: 'VOLUNTEER' });
      expect(flex.statusCode).toBe(200);
      const members = flex.json().members as { id: string; slot: string; personId: string }[];
      const core = members.find((m) => m.personId === p.core3.id)!;
      const leave = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members/${core.id}/end`, {});
      expect(leave.statusCode).toBe(409);
      expect(leave.json().message).toContain('接替');
      const flexMember = members.find((m) => m.slot === 'FLEX')!;
      expect((await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members/${flexMember.id}/end`, {})).statusCode).toBe(200);
      const replaced = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members/${core.id}/end`, { replacement: { personId: p.spare.id, memberType: 'TOWN_CADRE' } });
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect(replaced.json().members.filter((m: { slot: string }) => m.slot === 'CORE').map((m: { personId: string }) => m.personId)).toContain(p.spare.id);
      expect(replaced.json().compositionProblems).toEqual([]);
      expect((await lastEvent()).action).toBe('poverty.team.member_replaced');
      const leader = members.find((m) => m.slot === 'LEADER')!;
      const badLeader = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/members/${leader.id}/end`, { replacement: { personId: p.nonMember.id, memberType: 'VILLAGE_CADRE' } });
      expect(badLeader.statusCode).toBe(400);
      const dissolved = await t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${draft}/dissolve`);
      expect(dissolved.statusCode).toBe(200);
      expect(dissolved.json().team.status).toBe('DISSOLVED');
    });

    it('lets only team managers in scope form or change teams', async () => {
      expect((await t.post('VILLAGE_CADRE', '/api/poverty/teams', { name: '村里自建团队', villageOrgUnitId: t.world.units.huanghuaVillage.id, formedAt: '2026-11-01' })).statusCode).toBe(403);
      expect((await t.post('SERVICE_TEAM_MEMBER', '/api/poverty/teams', { name: '团员自建团队', villageOrgUnitId: t.world.units.huanghuaVillage.id, formedAt: '2026-11-01' })).statusCode).toBe(403);
      expect((await t.post('TOWN_ORG_MEMBER', '/api/poverty/teams', { name: '江背团队', villageOrgUnitId: t.world.units.jiangbeiVillage.id, formedAt: '2026-11-01' })).statusCode).toBe(404);
      expect((await t.post('ORG_GRASSROOTS_SECTION', '/api/poverty/teams', { name: '江背团队', villageOrgUnitId: t.world.units.jiangbeiVillage.id, formedAt: '2026-11-01' })).statusCode).toBe(200);
      expect((await t.post('VILLAGE_CADRE', `/api/poverty/teams/${teamId}/activate`)).statusCode).toBe(403);
      expect((await t.post('ORG_GRASSROOTS_SECTION', '/api/poverty/teams', { name: '镇一级', villageOrgUnitId: t.world.units.huanghua.id, formedAt: '2026-11-01' })).statusCode).toBe(400);
    });
  });

  describe('household workflow', () => {
    let h1 = '';
    it('is identified by the village only, with the head from that village', async () => {
      expect((await identify(p.head1, 'huanghuaVillage', 'TOWN_SECRETARY')).statusCode).toBe(403);
      expect((await identify(p.xtHead, 'huanghuaVillage')).statusCode).toBe(404);
      const wrongVillage = await t.post('TOWN_ORG_MEMBER', '/api/poverty/households', {});
      expect(wrongVillage.statusCode).toBe(400);
      const before = await count('poverty.household.identified');
      const res = await identify(p.head1);
      expect(res.statusCode, res.body).toBe(200);
      h1 = res.json().household.id;
      expect(res.json().household).toMatchObject({ status: 'IDENTIFIED', teamId: null, headName: '户主一', causes: ['ILLNESS', 'LACK_OF_SKILLS'] });
      expect(await count('poverty.household.identified')).toBe(before + 1);
      expect((await identify(p.head1)).statusCode).toBe(409);
      expect(res.json().timeline.map((e: { toStatus: string }) => e.toStatus)).toEqual(['IDENTIFIED']);
    });

    it('is assigned a team by the town only, and only an ACTIVE team of its village', async () => {
      const notTown = await move('VILLAGE_CADRE', h1, 'assign', { teamId });
      expect(notTown.statusCode).toBe(403);
      expect(notTown.json().message).toContain('镇（街道）');
      expect((await move('TOWN_SECRETARY', h1, 'assign', {})).statusCode).toBe(400);
      expect((await move('TOWN_SECRETARY', h1, 'assign', { teamId: xintangTeamId })).json().message).toContain('不是本村');
      const res = await move('TOWN_SECRETARY', h1, 'assign', { teamId });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().household).toMatchObject({ status: 'ASSISTED', teamId });
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'poverty.household.assigned', object_id: h1, actor_role: 'TOWN_SECRETARY', org_path: t.world.units.huanghuaVillage.path });
      expect(JSON.parse(e.payload)).toMatchObject({ from: 'IDENTIFIED', to: 'ASSISTED', teamId });
      expect(e.payload).not.toContain('户主一');
    });

    it('refuses illegal transitions with the reason', async () => {
      for (const name of ['assign', 'publicize', 'approveExit', 'returnToPoverty', 'reassist']) {
        const res = await move('TOWN_SECRETARY', h1, name, { teamId });
        if (name === 'publicize') {
          expect(res.statusCode, name).toBe(403);
          continue;
        }
        expect(res.statusCode, name).toBe(409);
        expect(res.json().code).toBe('ILLEGAL_TRANSITION');
        expect(res.json().message).toContain('帮扶中');
      }
      expect((await move('TOWN_SECRETARY', h1, 'fly')).statusCode).toBe(400);
    });

    it('lets only the team leader propose the exit', async () => {
      const cadre = await move('VILLAGE_CADRE', h1, 'proposeExit');
      expect(cadre.statusCode).toBe(403);
      expect(cadre.json().message).toContain('团长');
      expect((await move('SERVICE_TEAM_MEMBER', h1, 'proposeExit')).statusCode).toBe(403);
      expect((await move('TOWN_SECRETARY', h1, 'proposeExit')).statusCode).toBe(403);
      const res = await move('VILLAGE_SECRETARY', h1, 'proposeExit', { note: '年人均收入超过标准' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().household.status).toBe('EXIT_PROPOSED');
      expect((await lastEvent()).action).toBe('poverty.household.exit_proposed');
    });

    it('publicises the exit (village) for the configured calendar days and approves it (town) only afterwards, without open objections', async () => {
      expect((await move('TOWN_SECRETARY', h1, 'publicize')).statusCode).toBe(403);
      const pub = await move('VILLAGE_CADRE', h1, 'publicize');
      expect(pub.statusCode, pub.body).toBe(200);
      // the test clock is 2026-11-26 16:00 China time; 7 calendar days: 11-26 … 12-02
      expect(pub.json()).toMatchObject({ noticeStart: '2026-11-26', noticeEnd: '2026-12-02' });
      const early = await move('TOWN_SECRETARY', h1, 'approveExit');
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toContain('公示期');
      const obj = await t.post('VILLAGE_CADRE', `/api/poverty/households/${h1}/objections`, { receivedOn: '2026-11-26', content: '村民反映该户仍有大额医疗负债' });
      expect(obj.statusCode, obj.body).toBe(200);
      const objectionId = obj.json().objections[0].id;
      const stored = await t.db.selectFrom('household_objection').select('content_enc').where('id', '=', objectionId).executeTakeFirstOrThrow();
      expect(stored.content_enc).not.toContain('医疗');
      expect((await lastEvent()).payload).not.toContain('医疗');
      await at('2026-12-02T15:00:00.000Z'); // 12-02 23:00 in China: still the last notice day
      expect((await move('TOWN_SECRETARY', h1, 'approveExit')).statusCode).toBe(409);
      await at('2026-12-03T01:00:00.000Z');
      const open = await move('TOWN_SECRETARY', h1, 'approveExit');
      expect(open.statusCode).toBe(409);
      expect(open.json().message).toContain('异议');
      expect((await t.post('VILLAGE_CADRE', `/api/poverty/households/${h1}/objections/${objectionId}/resolve`, { decision: 'DISMISSED', note: '经核实负债已报销' })).statusCode).toBe(403);
      expect((await t.post('TOWN_SECRETARY', `/api/poverty/households/${h1}/objections/${objectionId}/resolve`, { decision: 'DISMISSED', note: '经核实负债已报销' })).statusCode).toBe(200);
      const ok = await move('TOWN_SECRETARY', h1, 'approveExit');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ household: { status: 'EXITED' }, exitedOn: '2026-12-03' });
      expect((await lastEvent()).action).toBe('poverty.household.exited');
    });

    it('records a return to poverty (town) and re-assists', async () => {
      expect((await move('VILLAGE_CADRE', h1, 'returnToPoverty')).statusCode).toBe(403);
      const back = await move('TOWN_SECRETARY', h1, 'returnToPoverty', { note: '户主突发重病' });
      expect(back.statusCode).toBe(200);
      expect(back.json().household.status).toBe('RETURNED_TO_POVERTY');
      const again = await move('TOWN_ORG_MEMBER', h1, 'reassist', { teamId });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().household.status).toBe('ASSISTED');
      expect(again.json().timeline.map((e: { action: string }) => e.action)).toEqual(['identify', 'assign', 'proposeExit', 'publicize', 'approveExit', 'returnToPoverty', 'reassist']);
      await at('2026-11-26T08:00:00.000Z');
    });

    it('cancels the exit when the town upholds an objection', async () => {
      const h = (await identify(p.head2)).json().household.id;
      await move('TOWN_SECRETARY', h, 'assign', { teamId });
      await move('VILLAGE_SECRETARY', h, 'proposeExit');
      await move('VILLAGE_CADRE', h, 'publicize');
      const obj = await t.post('TOWN_ORG_MEMBER', `/api/poverty/households/${h}/objections`, { receivedOn: '2026-11-26', content: '该户子女仍在上学，收入不稳定' });
      const res = await t.post('TOWN_SECRETARY', `/api/poverty/households/${h}/objections/${obj.json().objections[0].id}/resolve`, { decision: 'UPHELD', note: '异议属实，暂缓脱贫' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ household: { status: 'ASSISTED' }, noticeEnd: null });
      expect(await count('poverty.household.exit_cancelled')).toBe(1);
    });

    it('keeps exactly one active team in the database', async () => {
      await expect(t.db.updateTable('poor_household').set({ team_id: null }).where('id', '=', h1).execute()).rejects.toThrow();
      const h3 = (await identify(p.head3)).json().household.id;
      await expect(t.db.updateTable('poor_household').set({ team_id: teamId }).where('id', '=', h3).execute()).rejects.toThrow();
    });
  });

  describe('visits, photos and reminders', () => {
    let h = '';
    let visitId = '';
    beforeAll(async () => {
      h = (await identify(p.head4)).json().household.id;
      await move('TOWN_SECRETARY', h, 'assign', { teamId });
    });

    it('lists the household without a visit this month, on the team page and the town list', async () => {
      const res = await t.get('TOWN_SECRETARY', '/api/poverty/reminders');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ periodStart: '2026-11-01', periodEnd: '2026-11-30', everyMonths: 1 });
      expect(res.json().items.map((i: { householdId: string }) => i.householdId)).toContain(h);
      const team = await t.get('SERVICE_TEAM_MEMBER', `/api/poverty/teams/${teamId}`);
      expect(team.json().reminders.map((i: { householdId: string }) => i.householdId)).toContain(h);
    });

    it('lets a team member log a visit with members of the team only', async () => {
      const stranger = await t.post('SERVICE_TEAM_MEMBER', `/api/poverty/households/${h}/visits`, { visitedOn: '2026-11-20', memberIds: [p.xtLeader.id], needs: '看病报销', actionsTaken: '代办材料' });
      expect(stranger.statusCode).toBe(400);
      expect((await t.post('SERVICE_TEAM_MEMBER', `/api/poverty/households/${h}/visits`, { visitedOn: '2026-12-20', memberIds: [p.teamPerson.id], needs: '看病', actionsTaken: '代办' })).statusCode).toBe(400);
      expect((await t.post('HANDLER', `/api/poverty/households/${h}/visits`, { visitedOn: '2026-11-20', memberIds: [p.teamPerson.id], needs: '看病', actionsTaken: '代办' })).statusCode).toBe(403);
      const res = await t.post('SERVICE_TEAM_MEMBER', `/api/poverty/households/${h}/visits`, { visitedOn: '2026-11-20', memberIds: [p.teamPerson.id, t.world.people.villageSecretary.id], needs: '看病报销手续不清楚', actionsTaken: '讲解政策并代办材料' });
      expect(res.statusCode, res.body).toBe(200);
      visitId = res.json().id;
      expect(res.json().members.length).toBe(2);
      expect((await lastEvent()).action).toBe('poverty.visit.logged');
      const list = await t.get('TOWN_SECRETARY', '/api/poverty/reminders');
      expect(list.json().items.map((i: { householdId: string }) => i.householdId)).not.toContain(h);
    });

    it('raises the reminder again in the next month (fake clock) and follows the configured frequency', async () => {
      await at('2026-12-05T02:00:00.000Z');
      const dec = await t.get('TOWN_SECRETARY', '/api/poverty/reminders');
      expect(dec.json().periodStart).toBe('2026-12-01');
      expect(dec.json().items.map((i: { householdId: string }) => i.householdId)).toContain(h);
      await t.db.updateTable('poverty_setting').set({ value: 2 }).where('key', '=', 'visit_every_months').execute();
      const twoMonths = await t.get('TOWN_SECRETARY', '/api/poverty/reminders');
      expect(twoMonths.json()).toMatchObject({ periodStart: '2026-11-01', everyMonths: 2 });
      expect(twoMonths.json().items.map((i: { householdId: string }) => i.householdId)).not.toContain(h);
      await t.db.updateTable('poverty_setting').set({ value: 1 }).where('key', '=', 'visit_every_months').execute();
      await at('2026-11-26T08:00:00.000Z');
    });

    it('stores photos by SHA-256 after a magic-byte check and serves them only to authorised readers', async () => {
      const png = multipart(PNG);
      const res = await t.call('SERVICE_TEAM_MEMBER', 'POST', `/api/poverty/visits/${visitId}/photos`, png.payload, png.headers);
      expect(res.statusCode, res.body).toBe(200);
      const photo = res.json().photos[0];
      expect(photo.mime).toBe('image/png');
      expect(fs.existsSync(path.join(dataDir, 'poverty-photos', photo.sha256.slice(0, 2), photo.sha256))).toBe(true);
      const again = await t.call('SERVICE_TEAM_MEMBER', 'POST', `/api/poverty/visits/${visitId}/photos`, png.payload, png.headers);
      expect(again.statusCode).toBe(409);
      const fake = multipart(Buffer.from('GIF89a not a jpeg'), 'x.jpg');
      expect((await t.call('SERVICE_TEAM_MEMBER', 'POST', `/api/poverty/visits/${visitId}/photos`, fake.payload, fake.headers)).statusCode).toBe(415);
      const big = multipart(Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]), 'big.jpg');
      expect((await t.call('SERVICE_TEAM_MEMBER', 'POST', `/api/poverty/visits/${visitId}/photos`, big.payload, big.headers)).statusCode).toBe(413);
      const jpeg = multipart(JPEG, 'b.jpg');
      expect((await t.call('SERVICE_TEAM_MEMBER', 'POST', `/api/poverty/visits/${visitId}/photos`, jpeg.payload, jpeg.headers)).json().photos.length).toBe(2);
      const get = await t.get('SERVICE_TEAM_MEMBER', `/api/poverty/photos/${photo.id}`);
      expect(get.statusCode).toBe(200);
      expect(get.headers['content-type']).toBe('image/png');
      expect(get.rawPayload.equals(PNG)).toBe(true);
      expect((await lastEvent()).action).toBe('poverty.visit.photo_viewed');
      expect((await t.get('O2O_DISPATCHER', `/api/poverty/photos/${photo.id}`)).statusCode).toBe(403);
      expect((await t.get(null, `/api/poverty/photos/${photo.id}`)).statusCode).toBe(401);
    });

    it('saves a plan with measures owned by team members', async () => {
      const team = (await t.get('TOWN_SECRETARY', `/api/poverty/teams/${teamId}`)).json();
      const owner = team.members[0].id;
      const res = await t.put('SERVICE_TEAM_MEMBER', `/api/poverty/households/${h}/plans/2026`, { measures: [{ type: 'HEALTH', description: '家庭医生签约', fundingYuan: 300, ownerMemberId: owner }, { type: 'EMPLOYMENT', description: '推荐园区就业' }] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().plans[0]).toMatchObject({ year: 2026, measures: [{ type: 'HEALTH', fundingYuan: 300, ownerMemberId: owner }, { type: 'EMPLOYMENT' }] });
      expect((await lastEvent()).action).toBe('poverty.household.plan_saved');
      expect((await t.put('SERVICE_TEAM_MEMBER', `/api/poverty/households/${h}/plans/2026`, { measures: [{ type: 'HEALTH', description: 'x', ownerMemberId: '01900000-0000-7000-8000-000000000000' }] })).statusCode).toBe(400);
    });
  });

  describe('scope', () => {
    let xt = '';
    beforeAll(async () => {
      const res = await t.post('TOWN_ORG_MEMBER', '/api/poverty/households', { headPersonId: p.xtHead.id, villageOrgUnitId: t.world.units.xintang.id, memberCount: 2, causes: ['DISABILITY'], identifiedYear: 2026, reviewNote: '村民代表会议评议通过' });
      expect(res.statusCode).toBe(403); // town roles do not identify
      await t.db.insertInto('role_grant').values({ id: '01900000-0000-7000-8000-0000000000bb', user_id: t.world.users.VILLAGE_CADRE, role: 'VILLAGE_CADRE', org_unit_id: t.world.units.xintang.id, valid_from: '2016-01-01', valid_to: null, granted_by: null, created_at: 'x' }).execute();
      await t.login('VILLAGE_CADRE');
      xt = (await identify(p.xtHead, 'xintang', 'VILLAGE_CADRE', ['DISABILITY'])).json().household.id;
      await t.db.deleteFrom('role_grant').where('id', '=', '01900000-0000-7000-8000-0000000000bb').execute();
      await t.login('VILLAGE_CADRE');
      expect((await move('TOWN_SECRETARY', xt, 'assign', { teamId: xintangTeamId })).statusCode).toBe(200);
    });

    it('shows a team member only the households of their own team, with masked ID numbers', async () => {
      const list = await t.get('SERVICE_TEAM_MEMBER', '/api/poverty/households?pageSize=200');
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; teamId: string; headIdNumberMasked: string | null }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.teamId === teamId)).toBe(true);
      expect((await t.get('SERVICE_TEAM_MEMBER', `/api/poverty/households/${xt}`)).statusCode).toBe(404);
      expect((await t.get('SERVICE_TEAM_MEMBER', `/api/poverty/teams/${xintangTeamId}`)).statusCode).toBe(404);
      const teams = await t.get('SERVICE_TEAM_MEMBER', '/api/poverty/teams');
      expect(teams.json().items.map((x: { id: string }) => x.id)).toEqual([teamId]);
      const report = await t.get('SERVICE_TEAM_MEMBER', '/api/poverty/report');
      expect(report.json().teams).toBe(1);
    });

    it('shows village roles only their village and town roles the town', async () => {
      expect((await t.get('VILLAGE_CADRE', `/api/poverty/households/${xt}`)).statusCode).toBe(404);
      expect((await move('VILLAGE_CADRE', xt, 'publicize')).statusCode).toBe(404);
      const village = await t.get('VILLAGE_CADRE', '/api/poverty/households?pageSize=200');
      expect(village.json().items.some((i: { id: string }) => i.id === xt)).toBe(false);
      const town = await t.get('TOWN_SECRETARY', '/api/poverty/households?pageSize=200');
      expect(town.json().items.some((i: { id: string }) => i.id === xt)).toBe(true);
      const detail = await t.get('TOWN_SECRETARY', `/api/poverty/households/${xt}`);
      expect(detail.statusCode).toBe(200);
      expect((await lastEvent()).action).toBe('poverty.household.viewed');
      expect((await t.get('AUDITOR', '/api/poverty/households')).statusCode).toBe(403);
      expect((await t.get('HANDLER', `/api/poverty/households/${xt}`)).statusCode).toBe(403);
    });

    it('offers candidate people only within the poverty.write scope, with their village', async () => {
      const res = await t.get('VILLAGE_CADRE', `/api/poverty/people?q=${encodeURIComponent('户主')}`);
      expect(res.statusCode).toBe(200);
      const found = res.json<{ id: string; villageId: string | null }[]>();
      expect(found.find((x) => x.id === p.head1.id)?.villageId).toBe(t.world.units.huanghuaVillage.id);
      expect(found.some((x) => x.id === p.xtHead.id)).toBe(false);
      expect((await t.get('SERVICE_TEAM_MEMBER', '/api/poverty/people?q=a')).statusCode).toBe(403);
    });

    it('lists, sorts and filters on the server', async () => {
      const res = await t.get('TOWN_SECRETARY', '/api/poverty/households?sort=headName&order=desc&pageSize=2&page=1');
      expect(res.json().items.length).toBe(2);
      expect(res.json().total).toBeGreaterThanOrEqual(5);
      const byCause = await t.get('TOWN_SECRETARY', '/api/poverty/households?cause=DISABILITY');
      expect(byCause.json().items.map((i: { id: string }) => i.id)).toEqual([xt]);
      const byStatus = await t.get('TOWN_SECRETARY', '/api/poverty/households?status=IDENTIFIED');
      expect(byStatus.json().items.every((i: { status: string }) => i.status === 'IDENTIFIED')).toBe(true);
      expect((await t.get('TOWN_SECRETARY', `/api/poverty/households?orgUnitId=${t.world.units.jiangbei.id}`)).statusCode).toBe(404);
    });
  });

  describe('reports and exports', () => {
    it('computes the figures live', async () => {
      const res = await t.get('ORG_GRASSROOTS_SECTION', '/api/poverty/report');
      expect(res.statusCode).toBe(200);
      const r = res.json();
      const households = Number((await t.db.selectFrom('poor_household').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      expect(r.households).toBe(households);
      expect(r.teams).toBe(Number((await t.db.selectFrom('service_team').select(sql<number>`count(*)`.as('n')).where('status', '!=', 'DISSOLVED').executeTakeFirstOrThrow()).n));
      expect(r.exitsByYear).toEqual([{ key: '2026', label: '2026', count: 1 }]);
      expect(r.returnsByYear).toEqual([{ key: '2026', label: '2026', count: 1 }]);
      expect(r.byCause.find((c: { key: string }) => c.key === 'DISABILITY').count).toBe(1);
      expect(r.visits).toBe(1);
      expect(r.byTown.map((x: { label: string }) => x.label)).toEqual(['黄花镇']);
    });

    it('exports teams, households and visits as .xlsx, each a ledger event', async () => {
      for (const kind of ['teams', 'households', 'visits']) {
        const before = await count('poverty.exported');
        const res = await t.get('TOWN_SECRETARY', `/api/poverty/export/${kind}`);
        expect(res.statusCode, kind).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
        expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
        expect(await count('poverty.exported')).toBe(before + 1);
      }
      expect((await t.get('TOWN_SECRETARY', '/api/poverty/export/people')).statusCode).toBe(400);
    });

    it('changes the settings only at county level, as a ledger event', async () => {
      expect((await t.put('TOWN_SECRETARY', '/api/poverty/settings', { noticeDays: 5, visitEveryMonths: 1 })).statusCode).toBe(403);
      const res = await t.put('ORG_GRASSROOTS_SECTION', '/api/poverty/settings', { noticeDays: 7, visitEveryMonths: 1 });
      expect(res.statusCode).toBe(200);
      expect((await lastEvent()).action).toBe('poverty.settings.changed');
    });
  });
});
