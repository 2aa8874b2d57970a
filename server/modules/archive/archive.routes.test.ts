import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/enums.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { insertUser, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { ARCHIVE_TRANSITIONS } from './index.ts';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
// The test clock starts at 2026-11-26T08:00Z, 16:00 on 2026-11-26 in China.
const TODAY = '2026-11-26';

type Who = Role | 'hhHead' | 'jbHead';

describe.each(TEST_DIALECTS)('archive access on %s', (dialect) => {
  let t: TestApp;
  /** extra approvers: an organisation head scoped to 黄花镇 and one scoped to 江背镇 */
  const extra: Record<'hhHead' | 'jbHead', { id: string; username: string; cookie: string | null }> = {
    hhHead: { id: '', username: 'hh.head', cookie: null },
    jbHead: { id: '', username: 'jb.head', cookie: null },
  };

  async function loginExtra(who: 'hhHead' | 'jbHead'): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: extra[who].username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${who}: ${res.body}`);
    extra[who].cookie = `bw_sid=${res.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    return extra[who].cookie;
  }

  async function call(who: Who | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
    if (who === 'hhHead' || who === 'jbHead') {
      const cookie = extra[who].cookie ?? (await loginExtra(who));
      return t.app.inject({ method, url, headers: { origin: TEST_ORIGIN, cookie }, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
    }
    return t.call(who, method, url, method === 'POST' ? (payload ?? {}) : undefined);
  }
  const get = (who: Who | null, url: string) => call(who, 'GET', url);
  const post = (who: Who | null, url: string, payload?: unknown) => call(who, 'POST', url, payload);

  const count = async (action?: string) =>
    Number(
      (
        await t.db
          .selectFrom('ledger_event')
          .select(sql<number>`count(*)`.as('n'))
          .$if(action !== undefined, (q) => q.where('action', '=', action!))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lastEvent = () => t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  async function ask(who: Who, personId: string, purpose = 'INSPECTION', reason = '拟提拔人选考察'): Promise<{ id: string; status: string }> {
    const res = await post(who, '/api/archive/requests', { personId, purpose, reason });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  const window = (days = 7) => ({ validFrom: TODAY, validTo: addDays(TODAY, days) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { units } = t.world;
    extra.hhHead.id = await insertUser(t.db, { username: extra.hhHead.username, grants: [{ role: 'ORG_HEAD', unit: units.huanghua }] });
    extra.jbHead.id = await insertUser(t.db, { username: extra.jbHead.username, grants: [{ role: 'ORG_HEAD', unit: units.jiangbei }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the state machine as data: PENDING→APPROVED|REJECTED by an approver, APPROVED→REVOKED by either', () => {
    expect(ARCHIVE_TRANSITIONS.map((x) => `${x.from}→${x.to} by ${x.by.join('|')}`)).toEqual(['PENDING→APPROVED by approver', 'PENDING→REJECTED by approver', 'APPROVED→REVOKED by approver|requester']);
  });

  it('answers 401 without a session and 403 to roles without the permission, on every route', async () => {
    const id = UNKNOWN_ID;
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/archive/requests', { personId: id, purpose: 'INSPECTION', reason: '考察需要查阅' }],
      ['GET', '/api/archive/requests'],
      ['POST', `/api/archive/requests/${id}/approve`, window()],
      ['POST', `/api/archive/requests/${id}/reject`, { note: '理由不充分' }],
      ['POST', `/api/archive/requests/${id}/revoke`, {}],
      ['GET', `/api/archive/requests/${id}/dossier`],
    ];
    for (const [method, url, body] of routes) expect((await call(null, method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(401);
    const forbidden: [Who, string, string, unknown?][] = [
      ['AUDITOR', 'POST', '/api/archive/requests', { personId: t.world.people.townSecretary.id, purpose: 'INSPECTION', reason: '考察需要查阅' }],
      ['VILLAGE_SECRETARY', 'POST', '/api/archive/requests', { personId: t.world.people.villageSecretary.id, purpose: 'INSPECTION', reason: '考察需要查阅' }],
      ['CADRE_SELF', 'GET', '/api/archive/requests'],
      ['ORG_CADRE_SECTION', 'GET', '/api/archive/requests?box=toApprove'],
      ['COUNTY_SECRETARY', 'GET', '/api/archive/requests?box=mine'],
      ['ORG_CADRE_SECTION', 'POST', `/api/archive/requests/${id}/approve`, window()],
      ['TOWN_SECRETARY', 'POST', `/api/archive/requests/${id}/reject`, { note: '理由不充分' }],
      ['CADRE_SELF', 'POST', `/api/archive/requests/${id}/revoke`, {}],
      ['AUDITOR', 'GET', `/api/archive/requests/${id}/dossier`],
    ];
    for (const [who, method, url, body] of forbidden) expect((await call(who, method as 'GET', url, body)).statusCode, `${who} ${method} ${url}`).toBe(403);
  });

  describe('requests', () => {
    it('creates a request for a cadre in scope, routed to the management authority, as one ledger event', async () => {
      const before = await count();
      const res = await post('ORG_CADRE_SECTION', '/api/archive/requests', { personId: t.world.people.townSecretary.id, purpose: 'APPOINTMENT', reason: '  任免审批前核对档案  ' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        personName: '张三',
        orgName: '黄花镇',
        authorityName: '长沙县',
        requesterName: 'cadresec',
        purpose: 'APPOINTMENT',
        reason: '任免审批前核对档案',
        status: 'PENDING',
        displayStatus: 'PENDING',
        can: { approve: false, reject: false, revoke: false, view: false },
      });
      expect(await count()).toBe(before + 1);
      const e = await lastEvent();
      expect(e).toMatchObject({ action: 'archive.requested', object_type: 'archive_access_request', object_id: res.json().id, org_path: t.world.units.huanghua.path, actor_role: 'ORG_CADRE_SECTION' });
      expect(JSON.parse(e.payload)).toMatchObject({ personId: t.world.people.townSecretary.id, purpose: 'APPOINTMENT', authorityOrgId: t.world.units.county.id });
      const again = await post('ORG_CADRE_SECTION', '/api/archive/requests', { personId: t.world.people.townSecretary.id, purpose: 'INSPECTION', reason: '再次申请查阅' });
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toContain('等待审批');
    });

    it('refuses bad input with a field message', async () => {
      const personId = t.world.people.clerk.id;
      for (const [body, field] of [
        [{ personId, purpose: 'FUN', reason: '考察需要查阅' }, 'purpose'],
        [{ personId, purpose: 'INSPECTION', reason: '短' }, 'reason'],
        [{ personId, purpose: 'INSPECTION', reason: '  短短  ' }, 'reason'],
        [{ personId, purpose: 'INSPECTION', reason: 'x'.repeat(201) }, 'reason'],
        [{ purpose: 'INSPECTION', reason: '考察需要查阅' }, 'personId'],
        [{ personId: "1' or '1'='1", purpose: 'INSPECTION', reason: '考察需要查阅' }, 'personId'],
        [{ personId, purpose: 'INSPECTION', reason: '考察需要查阅', status: 'APPROVED' }, ''],
      ] as const) {
        const res = await post('ORG_CADRE_SECTION', '/api/archive/requests', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        if (field) expect(res.json().fields?.[0]?.field ?? '', JSON.stringify(body)).toContain(field);
      }
      expect((await get('ORG_HEAD', '/api/archive/requests?box=everything')).statusCode).toBe(400);
    });

    it('answers 404 for a subject outside the requester’s people.read scope or unknown', async () => {
      const sibling = await post('TOWN_SECRETARY', '/api/archive/requests', { personId: t.world.people.siblingTownPerson.id, purpose: 'INSPECTION', reason: '考察需要查阅' });
      const unknown = await post('TOWN_SECRETARY', '/api/archive/requests', { personId: UNKNOWN_ID, purpose: 'INSPECTION', reason: '考察需要查阅' });
      expect(sibling.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(sibling.json()).toEqual(unknown.json());
      expect((await post('ORG_CADRE_SECTION', '/api/archive/requests', { personId: t.world.people.otherCountyPerson.id, purpose: 'INSPECTION', reason: '考察需要查阅' })).statusCode).toBe(404);
    });

    it('refuses anyone their own file and a registered relative’s, in either direction of the kinship', async () => {
      const { people } = t.world;
      const self = await post('TOWN_SECRETARY', '/api/archive/requests', { personId: people.townSecretary.id, purpose: 'INSPECTION', reason: '考察需要查阅' });
      expect(self.statusCode).toBe(403);
      expect(self.json().message).toContain('本人');
      expect((await post('ORG_HEAD', '/api/archive/requests', { personId: people.orgHeadPerson.id, purpose: 'INSPECTION', reason: '考察需要查阅' })).statusCode).toBe(403);
      // 李四 registers 张三 as a relative: 张三 (the town secretary) may not read 李四's file
      expect((await post('ORG_HEAD', `/api/people/${people.townOrgMember.id}/kinship`, { relativePersonId: people.townSecretary.id, relation: 'COLLATERAL_3' })).statusCode).toBe(200);
      const reverse = await post('TOWN_SECRETARY', '/api/archive/requests', { personId: people.townOrgMember.id, purpose: 'INSPECTION', reason: '考察需要查阅' });
      expect(reverse.statusCode).toBe(403);
      expect(reverse.json().message).toContain('亲属');
      // and 李四 may not read 张三's
      expect((await post('TOWN_ORG_MEMBER', '/api/archive/requests', { personId: people.townSecretary.id, purpose: 'INSPECTION', reason: '考察需要查阅' })).statusCode).toBe(403);
    });

    it('lists my requests and the approvers’ inbox by management authority', async () => {
      const mine = (await get('ORG_CADRE_SECTION', '/api/archive/requests?box=mine')).json();
      expect(mine.items.map((r: { personName: string }) => r.personName)).toContain('张三');
      expect((await get('TOWN_SECRETARY', '/api/archive/requests')).json().total).toBe(0);
      const clerkRequest = await ask('ORG_CADRE_SECTION', t.world.people.clerk.id); // 赵六: authority 黄花镇
      const inbox = async (who: Who) => (await get(who, '/api/archive/requests?box=toApprove&status=PENDING&pageSize=100')).json().items.map((r: { id: string }) => r.id);
      expect(await inbox('ORG_HEAD')).toContain(clerkRequest.id);
      expect(await inbox('hhHead')).toContain(clerkRequest.id);
      expect(await inbox('jbHead')).not.toContain(clerkRequest.id);
      // 张三's authority is the county: the 黄花镇-scoped head does not approve it
      const zhang = (await get('ORG_CADRE_SECTION', `/api/archive/requests?personId=${t.world.people.townSecretary.id}`)).json().items[0];
      expect(await inbox('hhHead')).not.toContain(zhang.id);
      const head = (await get('ORG_HEAD', '/api/archive/requests?box=toApprove&pageSize=100')).json().items.find((r: { id: string }) => r.id === clerkRequest.id);
      expect(head.can).toEqual({ approve: true, reject: true, revoke: false, view: false });
      expect((await post('jbHead', `/api/archive/requests/${clerkRequest.id}/approve`, window())).statusCode).toBe(404);
      expect((await post('hhHead', `/api/archive/requests/${zhang.id}/approve`, window())).statusCode).toBe(404);
      const ok = await post('hhHead', `/api/archive/requests/${clerkRequest.id}/approve`, window(3));
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'APPROVED', displayStatus: 'ACTIVE', approverUserId: extra.hhHead.id, validFrom: TODAY, validTo: addDays(TODAY, 3) });
    });

    it('takes a non-cadre’s unit as the approving unit', async () => {
      const r = await ask('ORG_CADRE_SECTION', t.world.people.villager.id, 'POLITICAL_REVIEW');
      const full = (await get('ORG_CADRE_SECTION', `/api/archive/requests?personId=${t.world.people.villager.id}`)).json().items[0];
      expect(full).toMatchObject({ id: r.id, authorityName: '新塘村', orgName: '新塘村' });
      expect((await get('hhHead', '/api/archive/requests?box=toApprove&pageSize=100')).json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    });
  });

  describe('decisions', () => {
    it('does not let an approver decide their own request', async () => {
      const own = await ask('ORG_HEAD', t.world.people.siblingVillager.id, 'TRANSFER', '调动前查阅档案');
      const list = (await get('ORG_HEAD', '/api/archive/requests?box=toApprove&pageSize=100')).json().items.find((r: { id: string }) => r.id === own.id);
      expect(list.can.approve).toBe(false);
      const self = await post('ORG_HEAD', `/api/archive/requests/${own.id}/approve`, window());
      expect(self.statusCode).toBe(403);
      expect(self.json().message).toContain('本人提出');
      expect((await post('ORG_HEAD', `/api/archive/requests/${own.id}/reject`, { note: '自己驳回自己' })).statusCode).toBe(403);
      expect((await t.db.selectFrom('archive_access_request').select('status').where('id', '=', own.id).executeTakeFirstOrThrow()).status).toBe('PENDING');
    });

    it('does not let an approver decide on a registered relative’s file', async () => {
      const { people } = t.world;
      expect((await post('ORG_HEAD', `/api/people/${people.siblingTownPerson.id}/kinship`, { relativePersonId: people.orgHeadPerson.id, relation: 'NEAR_IN_LAW' })).statusCode).toBe(200);
      const r = await ask('ORG_CADRE_SECTION', people.siblingTownPerson.id);
      const item = (await get('ORG_HEAD', '/api/archive/requests?box=toApprove&pageSize=100')).json().items.find((x: { id: string }) => x.id === r.id);
      expect(item.can.approve).toBe(false);
      const res = await post('ORG_HEAD', `/api/archive/requests/${r.id}/approve`, window());
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('亲属');
    });

    it('validates the window: from today, at most 30 days, real dates', async () => {
      const r = await ask('DISCIPLINE_COMMISSION', t.world.people.townSecretary.id, 'DISCIPLINE_CASE', '信访核查需要');
      for (const [body, field] of [
        [{ validFrom: '2026-11-25', validTo: '2026-11-30' }, 'validFrom'],
        [{ validFrom: TODAY, validTo: '2026-11-25' }, 'validTo'],
        [{ validFrom: TODAY, validTo: addDays(TODAY, 31) }, 'validTo'],
        [{ validFrom: '2026-02-30', validTo: '2026-03-01' }, 'validFrom'],
        [{ validFrom: '26-11-26', validTo: '2026-12-01' }, 'validFrom'],
        [{ validFrom: TODAY }, 'validTo'],
      ] as const) {
        const res = await post('ORG_HEAD', `/api/archive/requests/${r.id}/approve`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().fields?.[0]?.field ?? '', JSON.stringify(body)).toContain(field);
      }
      expect((await post('ORG_HEAD', `/api/archive/requests/${r.id}/approve`, { validFrom: TODAY, validTo: addDays(TODAY, 30) })).statusCode).toBe(200);
    });

    it('walks every legal transition once (one ledger event each) and refuses every illegal one with 409 and a Chinese reason', async () => {
      const { people } = t.world;
      const illegal = async (who: Who, id: string, verb: 'approve' | 'reject' | 'revoke', body: unknown = verb === 'approve' ? window() : { note: '不同意查阅' }) => {
        const before = await count();
        const res = await post(who, `/api/archive/requests/${id}/${verb}`, body);
        expect(res.statusCode, `${verb}: ${res.body}`).toBe(409);
        expect(res.json().code).toBe('ILLEGAL_TRANSITION');
        expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
        expect(await count()).toBe(before);
      };
      const legal = async (who: Who, id: string, verb: 'approve' | 'reject' | 'revoke', action: string, body: unknown) => {
        const before = await count();
        const res = await post(who, `/api/archive/requests/${id}/${verb}`, body);
        expect(res.statusCode, res.body).toBe(200);
        expect(await count()).toBe(before + 1);
        const e = await lastEvent();
        expect(e).toMatchObject({ action, object_id: id });
        return { res: res.json(), payload: JSON.parse(e.payload) };
      };

      // PENDING: revoke is illegal
      const a = await ask('ORG_SUPERVISION_SECTION', people.clerk.id, 'INSPECTION', '干部监督抽查档案');
      await illegal('ORG_SUPERVISION_SECTION', a.id, 'revoke', {});
      // PENDING → APPROVED; then approve/reject are illegal
      const approved = await legal('ORG_HEAD', a.id, 'approve', 'archive.approved', { ...window(5), note: '同意查阅' });
      expect(approved.payload).toMatchObject({ from: 'PENDING', to: 'APPROVED', by: 'approver', validFrom: TODAY, validTo: addDays(TODAY, 5), note: '同意查阅' });
      await illegal('ORG_HEAD', a.id, 'approve');
      await illegal('ORG_HEAD', a.id, 'reject');
      // someone who is neither the requester nor an approver: 404
      expect((await post('TOWN_SECRETARY', `/api/archive/requests/${a.id}/revoke`, {})).statusCode).toBe(404);
      // APPROVED → REVOKED by the requester; then everything is illegal
      const revoked = await legal('ORG_SUPERVISION_SECTION', a.id, 'revoke', 'archive.revoked', { note: '已完成查阅' });
      expect(revoked.res).toMatchObject({ status: 'REVOKED', displayStatus: 'REVOKED' });
      expect(revoked.payload).toMatchObject({ from: 'APPROVED', to: 'REVOKED', by: 'requester' });
      await illegal('ORG_SUPERVISION_SECTION', a.id, 'revoke', {});
      await illegal('ORG_HEAD', a.id, 'approve');
      await illegal('ORG_HEAD', a.id, 'reject');
      const view = await get('ORG_SUPERVISION_SECTION', `/api/archive/requests/${a.id}/dossier`);
      expect(view.statusCode).toBe(403);
      expect(view.json().message).toContain('撤销');

      // PENDING → REJECTED (a note is required); then everything is illegal
      const b = await ask('ORG_SUPERVISION_SECTION', people.clerk.id, 'OTHER', '其他事项需要查阅');
      expect((await post('ORG_HEAD', `/api/archive/requests/${b.id}/reject`, { note: '无' })).statusCode).toBe(400);
      expect((await post('ORG_HEAD', `/api/archive/requests/${b.id}/reject`, {})).statusCode).toBe(400);
      const rejected = await legal('ORG_HEAD', b.id, 'reject', 'archive.rejected', { note: '查阅理由不充分' });
      expect(rejected.res).toMatchObject({ status: 'REJECTED', decisionNote: '查阅理由不充分', approverName: 'orghead' });
      await illegal('ORG_HEAD', b.id, 'approve');
      await illegal('ORG_HEAD', b.id, 'reject');
      await illegal('ORG_SUPERVISION_SECTION', b.id, 'revoke', {});
      expect((await get('ORG_SUPERVISION_SECTION', `/api/archive/requests/${b.id}/dossier`)).statusCode).toBe(403);

      // APPROVED → REVOKED by the approver
      const c = await ask('ORG_SUPERVISION_SECTION', people.clerk.id, 'TRANSFER', '调动考察需要');
      await legal('hhHead', c.id, 'approve', 'archive.approved', window(2));
      const byApprover = await legal('ORG_HEAD', c.id, 'revoke', 'archive.revoked', {});
      expect(byApprover.payload).toMatchObject({ by: 'approver' });
      // a pending request cannot be viewed
      const d = await ask('ORG_SUPERVISION_SECTION', people.clerk.id, 'TRANSFER', '调动考察需要');
      const pending = await get('ORG_SUPERVISION_SECTION', `/api/archive/requests/${d.id}/dossier`);
      expect(pending.statusCode).toBe(403);
      expect(pending.json().message).toContain('尚未审批');
      expect((await post('ORG_HEAD', `/api/archive/requests/${UNKNOWN_ID}/approve`, window())).statusCode).toBe(404);
      expect((await post('ORG_HEAD', `/api/archive/requests/not%20an%20id/approve`, window())).statusCode).toBe(400);
    });
  });

  describe('the full file', () => {
    let requestId = '';

    it('shows the requester the full dossier with the unmasked ID number and mobile; one archive.viewed event per view', async () => {
      const zhang = (await get('ORG_CADRE_SECTION', `/api/archive/requests?personId=${t.world.people.townSecretary.id}&status=PENDING`)).json().items[0];
      requestId = zhang.id;
      expect((await post('ORG_HEAD', `/api/archive/requests/${requestId}/approve`, window(7))).statusCode).toBe(200);
      const mine = (await get('ORG_CADRE_SECTION', `/api/archive/requests?personId=${t.world.people.townSecretary.id}`)).json().items[0];
      expect(mine.can).toEqual({ approve: false, reject: false, revoke: true, view: true });
      for (let i = 1; i <= 2; i++) {
        const before = await count();
        const res = await get('ORG_CADRE_SECTION', `/api/archive/requests/${requestId}/dossier`);
        expect(res.statusCode, res.body).toBe(200);
        const f = res.json();
        expect(f).toMatchObject({ idNumber: '11010519491231002X', phone: '13812345678', viewerName: 'cadresec', dossier: { name: '张三', idNumberMasked: '110105********002X' }, request: { id: requestId, purpose: 'APPOINTMENT' } });
        expect(res.headers['cache-control']).toBe('no-store');
        expect(await count()).toBe(before + 1);
        const e = await lastEvent();
        expect(e).toMatchObject({ seq: f.ledgerSeq, action: 'archive.viewed', object_type: 'person', object_id: t.world.people.townSecretary.id, actor_user_id: t.world.users.ORG_CADRE_SECTION, org_path: t.world.units.huanghua.path });
        expect(JSON.parse(e.payload)).toEqual({ requestId, purpose: 'APPOINTMENT' });
        expect(e.payload).not.toContain('11010519491231002X');
      }
    });

    it('is for the requester only: the approver gets 404, an auditor 403', async () => {
      expect((await get('ORG_HEAD', `/api/archive/requests/${requestId}/dossier`)).statusCode).toBe(404);
      expect((await get('TOWN_SECRETARY', `/api/archive/requests/${requestId}/dossier`)).statusCode).toBe(404);
      expect((await get('AUDITOR', `/api/archive/requests/${requestId}/dossier`)).statusCode).toBe(403);
      expect((await get('ORG_CADRE_SECTION', `/api/archive/requests/${UNKNOWN_ID}/dossier`)).statusCode).toBe(404);
      expect((await get('ORG_CADRE_SECTION', `/api/archive/requests/x'y/dossier`)).statusCode).toBe(400);
    });

    it('needs a login younger than five minutes', async () => {
      t.clock.advanceMinutes(6);
      const before = await count('archive.viewed');
      const stale = await get('ORG_CADRE_SECTION', `/api/archive/requests/${requestId}/dossier`);
      expect(stale.statusCode).toBe(401);
      expect(stale.json().code).toBe('REAUTH_REQUIRED');
      expect(await count('archive.viewed')).toBe(before);
      expect((await post('ORG_CADRE_SECTION', '/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(200);
      expect((await get('ORG_CADRE_SECTION', `/api/archive/requests/${requestId}/dossier`)).statusCode).toBe(200);
      expect(await count('archive.viewed')).toBe(before + 1);
    });

    it('refuses a requester who became a registered relative after the approval, and a window that has not begun', async () => {
      const { people } = t.world;
      const r = await ask('TOWN_ORG_MEMBER', people.villager.id, 'POLITICAL_REVIEW', '入党政审需要');
      expect((await post('hhHead', `/api/archive/requests/${r.id}/approve`, window(3))).statusCode).toBe(200);
      await t.login('TOWN_ORG_MEMBER');
      expect((await get('TOWN_ORG_MEMBER', `/api/archive/requests/${r.id}/dossier`)).statusCode).toBe(200);
      expect((await post('ORG_HEAD', `/api/people/${people.villager.id}/kinship`, { relativePersonId: people.townOrgMember.id, relation: 'LINEAL_BLOOD' })).statusCode).toBe(200);
      const res = await get('TOWN_ORG_MEMBER', `/api/archive/requests/${r.id}/dossier`);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('亲属');

      const later = await ask('DISCIPLINE_COMMISSION', people.clerk.id, 'DISCIPLINE_CASE', '问题线索初核需要');
      expect((await post('ORG_HEAD', `/api/archive/requests/${later.id}/approve`, { validFrom: addDays(TODAY, 2), validTo: addDays(TODAY, 4) })).json().displayStatus).toBe('SCHEDULED');
      const early = await get('DISCIPLINE_COMMISSION', `/api/archive/requests/${later.id}/dossier`);
      expect(early.statusCode).toBe(403);
      expect(early.json().message).toContain('起生效');
    });

    it('ends with the window: after valid_to the view is refused and revoking is illegal', async () => {
      t.clock.set('2026-12-04T02:00:00.000Z'); // 2026-12-04 in China, past valid_to 2026-12-03
      await t.login('ORG_CADRE_SECTION');
      await t.login('ORG_HEAD');
      const before = await count('archive.viewed');
      const res = await get('ORG_CADRE_SECTION', `/api/archive/requests/${requestId}/dossier`);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('到期');
      expect(await count('archive.viewed')).toBe(before);
      const item = (await get('ORG_CADRE_SECTION', `/api/archive/requests?personId=${t.world.people.townSecretary.id}&status=APPROVED`)).json().items[0];
      expect(item).toMatchObject({ id: requestId, displayStatus: 'EXPIRED', can: { view: false, revoke: false } });
      const revoke = await post('ORG_HEAD', `/api/archive/requests/${requestId}/revoke`, {});
      expect(revoke.statusCode).toBe(409);
      expect(revoke.json().message).toContain('到期');
      // an expired approval no longer blocks a new request
      expect((await post('ORG_CADRE_SECTION', '/api/archive/requests', { personId: t.world.people.townSecretary.id, purpose: 'INSPECTION', reason: '再次考察需要' })).statusCode).toBe(200);
    });

    it('leaves the ledger chain intact', async () => {
      const chain = await verifyLedgerChain(t.db);
      expect(chain.ok).toBe(true);
      const views = await t.db.selectFrom('ledger_event').select('payload').where('action', 'like', 'archive.%').execute();
      for (const v of views) expect(v.payload).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
    });
  });
});

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
