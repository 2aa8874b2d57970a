import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/enums.ts';
import { MATTER_TRANSITIONS } from './o2o.policy.ts';
import { runOverdueSweep } from './o2o.overdue.ts';
import { submitMatter } from './o2o.service.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { TEST_PASSWORD, insertUser } from '../../test/factories.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';

// Friday 2016-09-30, 10:00 in China: the next working days are the make-up weekend 10-08/10-09 after National Day.
const FRIDAY = '2016-09-30T02:00:00.000Z';

describe.each(TEST_DIALECTS)('O2O matters on %s', (dialect) => {
  let t: TestApp;
  const ledgerCount = async (action?: string) =>
    Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).$if(action !== undefined, (q) => q.where('action', '=', action!)).executeTakeFirstOrThrow()).n);

  async function newMatter(input: { category?: string; urgency?: string; anonymous?: boolean; location?: 'huanghuaVillage' | 'xintang' | 'jiangbeiVillage' | 'huanghua'; namesCadre?: boolean; name?: string; phone?: string } = {}) {
    const unit = t.world.units[input.location ?? 'huanghuaVillage'];
    const res = await submitMatter(t.deps, {
      channel: 'WECHAT_GROUP',
      category: (input.category ?? 'HELP') as 'HELP',
      urgency: (input.urgency ?? 'NORMAL') as 'NORMAL',
      description: '村口路灯坏了一个多月，晚上出行不便',
      locationOrgUnitId: unit.id,
      namesCadre: input.namesCadre,
      anonymous: input.anonymous ?? false,
      requesterName: input.name ?? '李大明',
      requesterPhone: input.phone ?? '13912345678',
      by: { kind: 'citizen' },
    });
    return res;
  }
  const act = (role: Role, id: string, body: Record<string, unknown>) => t.post(role, `/api/o2o/matters/${id}/transitions`, body);
  async function ok(role: Role, id: string, body: Record<string, unknown>) {
    const res = await act(role, id, body);
    expect(res.statusCode, `${role} ${String(body.action)}: ${res.body}`).toBe(200);
    return res.json();
  }
  const rollup = async (metric: string, bucket?: string) =>
    Number((await t.db.selectFrom('o2o_rollup').select(sql<number>`coalesce(sum(n), 0)`.as('n')).where('metric', '=', metric).$if(bucket !== undefined, (q) => q.where('bucket', '=', bucket!)).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(FRIDAY);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('declares every SPEC M2 transition once', () => {
    expect(MATTER_TRANSITIONS.map((x) => `${x.from.join('|')}>${x.to}`)).toEqual([
      'SUBMITTED>ACCEPTED', 'SUBMITTED>REJECTED', 'ACCEPTED>ANSWERED_ON_SPOT', 'ACCEPTED|ESCALATED|RETURNED>ESCALATED', 'ACCEPTED|ESCALATED|RETURNED>DISPATCHED', 'DISPATCHED>SIGNED', 'DISPATCHED>RETURNED',
      'SIGNED>IN_PROGRESS', 'IN_PROGRESS>EXTENSION_REQUESTED', 'EXTENSION_REQUESTED>IN_PROGRESS', 'EXTENSION_REQUESTED>IN_PROGRESS', 'IN_PROGRESS>REPLIED', 'REPLIED>CLOSED', 'CLOSED>REVISITED', 'REVISITED>REOPENED', 'REOPENED>IN_PROGRESS', 'REVISITED>ARCHIVED',
    ]);
  });

  it('runs the closed loop: accept → dispatch → sign → handle → reply → close → revisit → reopen → … → archived', async () => {
    const m = await newMatter({ category: 'HELP' });
    expect(m.code).toMatch(/^CSX-2016-\d{6}$/);
    // accepted Friday 2016-09-30: HELP = 3 working days = Sat 10-08, Sun 10-09 (make-up days), Mon 10-10
    expect(m.expectedDate).toBe('2016-10-10');
    const before = Number((await t.db.selectFrom('ledger_event').select(sql<number>`coalesce(max(seq), 0)`.as('n')).executeTakeFirstOrThrow()).n);
    const accepted = await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.dueAt).toBe('2016-10-10T15:59:59.999Z');
    expect(accepted.allowed).toEqual(expect.arrayContaining(['escalate']));
    const dispatched = await ok('O2O_DISPATCHER', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id });
    expect(dispatched.assignedName).toBe('黄花镇');
    expect((await ok('HANDLER', m.id, { action: 'sign' })).status).toBe('SIGNED');
    expect((await ok('HANDLER', m.id, { action: 'start' })).status).toBe('IN_PROGRESS');
    // close before a reply is an illegal transition
    expect((await act('O2O_DISPATCHER', m.id, { action: 'close' })).statusCode).toBe(409);
    expect((await act('HANDLER', m.id, { action: 'reply', text: '' })).statusCode).toBe(400);
    expect((await ok('HANDLER', m.id, { action: 'reply', text: '已更换路灯灯泡并检修线路' })).status).toBe('REPLIED');
    expect((await ok('O2O_DISPATCHER', m.id, { action: 'close' })).status).toBe('CLOSED');
    expect(await rollup('ON_TIME')).toBe(1);
    const revisited = await ok('O2O_DISPATCHER', m.id, { action: 'revisit', satisfaction: 'DISSATISFIED' });
    expect(revisited.status).toBe('REVISITED');
    // reopen only for the handler's fault
    const noFault = await act('O2O_DISPATCHER', m.id, { action: 'reopen', reason: '群众认为处理不彻底', handlerFault: false });
    expect(noFault.statusCode).toBe(409);
    expect(noFault.json().code).toBe('ILLEGAL_TRANSITION');
    expect((await ok('O2O_DISPATCHER', m.id, { action: 'reopen', reason: '承办人未现场核实', handlerFault: true })).status).toBe('REOPENED');
    // the first close and revisit no longer count
    expect(await rollup('ON_TIME')).toBe(0);
    expect(await rollup('SATISFACTION')).toBe(0);
    expect((await ok('HANDLER', m.id, { action: 'resume' })).status).toBe('IN_PROGRESS');
    await ok('HANDLER', m.id, { action: 'reply', text: '已现场核实并彻底修复线路' });
    await ok('O2O_DISPATCHER', m.id, { action: 'close' });
    const archived = await ok('O2O_DISPATCHER', m.id, { action: 'revisit', satisfaction: 'SATISFIED' });
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.reopenCount).toBe(1);
    // one ledger event per successful transition (12; the automatic archive is part of the revisit's event),
    // none for the refused ones
    const transitions = Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).where('action', 'like', 'o2o.matter.%').where('object_id', '=', m.id).where('seq', '>', before).executeTakeFirstOrThrow()).n);
    expect(transitions).toBe(12);
    const detail = await t.get('O2O_DISPATCHER', `/api/o2o/matters/${m.id}`);
    expect(detail.statusCode).toBe(200);
    const events = detail.json().events.map((e: { toStatus: string }) => e.toStatus);
    expect(events).toEqual(['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'REPLIED', 'CLOSED', 'REVISITED', 'REOPENED', 'IN_PROGRESS', 'REPLIED', 'CLOSED', 'REVISITED', 'ARCHIVED']);
    expect(await ledgerCount('o2o.matter.viewed')).toBeGreaterThanOrEqual(1);
    const counts = await t.db.selectFrom('o2o_rollup').select(['bucket', sql<number>`sum(n)`.as('n')]).where('metric', '=', 'STATUS').where('village_org_unit_id', '=', t.world.units.huanghuaVillage.id).groupBy('bucket').execute();
    expect(counts.filter((c) => Number(c.n) !== 0).map((c) => [c.bucket, Number(c.n)])).toEqual([['ARCHIVED', 1]]);
    expect((await verifyLedgerChain(t.db)).ok).toBe(true);
  });

  it('refuses transitions to the wrong role (403), out of scope (404) and in the wrong state (409)', async () => {
    const m = await newMatter();
    expect((await act('HANDLER', m.id, { action: 'accept' })).statusCode).toBe(403); // no o2o.accept
    expect((await act('AUDITOR', m.id, { action: 'accept' })).statusCode).toBe(403);
    expect((await act('VILLAGE_CADRE', m.id, { action: 'sign' })).statusCode).toBe(403); // not the handling unit
    expect((await act('VILLAGE_CADRE', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id })).statusCode).toBe(403); // no o2o.dispatch
    const far = await newMatter({ location: 'jiangbeiVillage' });
    for (const role of ['VILLAGE_CADRE', 'O2O_DISPATCHER', 'HANDLER', 'TOWN_SECRETARY'] as Role[]) {
      expect((await act(role, far.id, { action: 'accept' })).statusCode, role).toBeOneOf([403, 404]);
      expect((await t.get(role, `/api/o2o/matters/${far.id}`)).statusCode, role).toBe(404);
    }
    expect((await act('VILLAGE_CADRE', far.id, { action: 'accept' })).statusCode).toBe(404);
    expect((await act(null as unknown as Role, m.id, { action: 'accept' })).statusCode).toBe(401);
    const wrongState = await act('VILLAGE_CADRE', m.id, { action: 'answer', text: '可以办理' });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().code).toBe('ILLEGAL_TRANSITION');
    expect((await act('VILLAGE_CADRE', m.id, { action: 'reject', reason: '' })).statusCode).toBe(400);
    const rejected = await ok('VILLAGE_CADRE', m.id, { action: 'reject', reason: '已进入诉讼程序' });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejectReason).toBe('已进入诉讼程序');
    expect((await act('VILLAGE_CADRE', m.id, { action: 'accept' })).statusCode).toBe(409);
    // unknown action and unknown fields are refused by the contract
    expect((await act('VILLAGE_CADRE', m.id, { action: 'teleport' })).statusCode).toBe(400);
  });

  it('answers CONSULT on the spot and closes automatically; other categories cannot', async () => {
    const help = await newMatter({ category: 'HELP' });
    await ok('VILLAGE_CADRE', help.id, { action: 'accept' });
    expect((await act('VILLAGE_CADRE', help.id, { action: 'answer', text: '请到村部办理' })).statusCode).toBe(409);
    const consult = await newMatter({ category: 'CONSULT' });
    await ok('VILLAGE_CADRE', consult.id, { action: 'accept' });
    const closed = await ok('VILLAGE_CADRE', consult.id, { action: 'answer', text: '医保缴费可在村便民服务点办理' });
    expect(closed.status).toBe('CLOSED');
    expect(closed.resolutionText).toBe('医保缴费可在村便民服务点办理');
  });

  it('returns with a reason, re-dispatches, escalates village → town → county and no further', async () => {
    const m = await newMatter({ category: 'COMPLAINT' });
    const acc = await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    // COMPLAINT: 10 working days from Friday 2016-09-30 (counting the two make-up days) = 2016-10-19
    expect(acc.dueAt).toBe('2016-10-19T15:59:59.999Z');
    await ok('O2O_DISPATCHER', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id });
    expect((await act('HANDLER', m.id, { action: 'return' })).statusCode).toBe(400);
    const ret = await ok('HANDLER', m.id, { action: 'return', reason: '不属于本单位职能' });
    expect(ret.status).toBe('RETURNED');
    expect(ret.assignedOrgUnitId).toBeNull();
    expect(ret.returnCount).toBe(1);
    // a dispatcher may only dispatch inside their scope
    expect((await act('O2O_DISPATCHER', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.jiangbei.id })).statusCode).toBe(400);
    const up = await ok('O2O_DISPATCHER', m.id, { action: 'escalate', reason: '涉及跨镇协调' });
    expect(up.currentLevel).toBe('TOWN');
    const county = await ok('O2O_DISPATCHER', m.id, { action: 'escalate', reason: '需县级部门协调' });
    expect(county.currentLevel).toBe('COUNTY');
    expect(county.levelName).toBe('长沙县');
    // nothing above the county; the town dispatcher no longer holds it
    expect((await act('O2O_DISPATCHER', m.id, { action: 'escalate', reason: '再上报一级' })).statusCode).toBe(409);
    expect((await act('O2O_DISPATCHER', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id })).statusCode).toBe(403);
  });

  it('allows one extension, approved by the dispatcher, with a new due date told to the requester', async () => {
    const m = await newMatter({ category: 'HELP' });
    await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    await ok('O2O_DISPATCHER', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id });
    await ok('HANDLER', m.id, { action: 'sign' });
    await ok('HANDLER', m.id, { action: 'start' });
    await ok('HANDLER', m.id, { action: 'requestExtension', reason: '需协调供电公司' });
    expect((await act('HANDLER', m.id, { action: 'approveExtension' })).statusCode).toBe(403);
    const approved = await ok('O2O_DISPATCHER', m.id, { action: 'approveExtension' });
    // due 2016-10-10 + 3 working days (HELP extension) = 2016-10-13
    expect(approved.dueAt).toBe('2016-10-13T15:59:59.999Z');
    expect(approved.extensionCount).toBe(1);
    const second = await act('HANDLER', m.id, { action: 'requestExtension', reason: '仍需协调' });
    expect(second.statusCode).toBe(409);
    const track = await t.db.selectFrom('matter_event').select('public_note').where('matter_id', '=', m.id).where('action', '=', 'approveExtension').executeTakeFirstOrThrow();
    expect(track.public_note).toContain('2016-10-13');
  });

  it('shows the requester only to accepting and handling actors, never to handlers of an anonymous matter', async () => {
    const named = await newMatter({ name: '王小红', phone: '13800001234' });
    const anon = await newMatter({ anonymous: true, name: '', phone: '13700005678' });
    for (const m of [named, anon]) {
      await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
      await ok('O2O_DISPATCHER', m.id, { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id });
    }
    const asHandler = (await t.get('HANDLER', `/api/o2o/matters/${named.id}`)).json().matter;
    expect(asHandler.requester).toEqual({ nameMasked: '王**', phoneMasked: '138****1234' });
    expect((await t.get('HANDLER', `/api/o2o/matters/${anon.id}`)).json().matter.requester).toBeNull();
    expect((await t.post('HANDLER', `/api/o2o/matters/${anon.id}/requester`)).statusCode).toBe(403);
    // the O2O office still sees an anonymous requester's number, for the revisit
    expect((await t.get('O2O_DISPATCHER', `/api/o2o/matters/${anon.id}`)).json().matter.requester).toEqual({ nameMasked: null, phoneMasked: '137****5678' });
    // overseers without a part in the matter see no identity
    expect((await t.get('COUNTY_SECRETARY', `/api/o2o/matters/${named.id}`)).json().matter.requester).toBeNull();
    expect((await t.post('COUNTY_SECRETARY', `/api/o2o/matters/${named.id}/requester`)).statusCode).toBe(403);
    const before = await ledgerCount('o2o.requester.revealed');
    const reveal = await t.post('HANDLER', `/api/o2o/matters/${named.id}/requester`);
    expect(reveal.json()).toEqual({ name: '王小红', phone: '13800001234' });
    expect(await ledgerCount('o2o.requester.revealed')).toBe(before + 1);
    const stored = await t.db.selectFrom('citizen_matter').select(['requester_name_enc', 'requester_phone_enc']).where('id', '=', named.id).executeTakeFirstOrThrow();
    expect(stored.requester_name_enc).not.toContain('王小红');
    const payloads = await t.db.selectFrom('ledger_event').select('payload').execute();
    expect(payloads.some((p) => p.payload.includes('13800001234') || p.payload.includes('王小红'))).toBe(false);
  });

  it('routes a report naming a cadre to the discipline commission; the requester sees only "received"', async () => {
    const m = await newMatter({ category: 'REPORT', namesCadre: true });
    expect(m.status).toBe('ROUTED_DISCIPLINE');
    expect((await t.get('O2O_DISPATCHER', `/api/o2o/matters/${m.id}`)).statusCode).toBe(404);
    expect((await t.get('VILLAGE_CADRE', `/api/o2o/matters/${m.id}`)).statusCode).toBe(404);
    const list = await t.get('O2O_DISPATCHER', '/api/o2o/matters?box=all&pageSize=200');
    expect(list.json().items.some((i: { id: string }) => i.id === m.id)).toBe(false);
    const disc = await t.get('DISCIPLINE_COMMISSION', '/api/o2o/routed');
    expect(disc.statusCode).toBe(200);
    expect(disc.json().items.map((i: { id: string }) => i.id)).toContain(m.id);
    expect((await t.get('DISCIPLINE_COMMISSION', `/api/o2o/routed/${m.id}`)).statusCode).toBe(200);
    expect((await t.get('DISCIPLINE_COMMISSION', `/api/o2o/matters/${m.id}`)).statusCode).toBe(403);
    expect((await t.get('O2O_DISPATCHER', `/api/o2o/routed/${m.id}`)).statusCode).toBe(403);
    const tracked = await t.post(null, '/api/public/o2o/track', { code: m.code, checkCode: m.checkCode });
    expect(tracked.json().publicStatus).toBe('RECEIVED');
    expect(tracked.json().timeline).toHaveLength(1);
    expect(tracked.json().expectedDate).toBeNull();
    expect(JSON.stringify(tracked.json())).not.toMatch(/petition|纪委|信访/);
  });

  it('hands a routed report to the discipline commission’s 信访举报 intake in the same transaction, linked from the routed list', async () => {
    const received = await ledgerCount('petition.received');
    const m = await newMatter({ category: 'REPORT', namesCadre: true, name: '张举报', phone: '13911112222' });
    const row = await t.db.selectFrom('citizen_matter').select(['petition_id', 'status']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('ROUTED_DISCIPLINE');
    expect(row.petition_id).toEqual(expect.any(String));
    // one intake event, by SYSTEM, with neither the content nor the identity
    expect(await ledgerCount('petition.received')).toBe(received + 1);
    const event = await t.db.selectFrom('ledger_event').select(['payload', 'actor_role', 'object_id']).where('action', '=', 'petition.received').where('object_id', '=', row.petition_id!).executeTakeFirstOrThrow();
    expect(event.actor_role).toBe('SYSTEM');
    expect(event.payload).toContain(m.code);
    expect(event.payload).not.toMatch(/张举报|13911112222|路灯/);
    const routed = (await t.get('DISCIPLINE_COMMISSION', '/api/o2o/routed?pageSize=200')).json().items.find((i: { id: string }) => i.id === m.id);
    expect(routed.petitionId).toBe(row.petition_id);
    // the petition: in the commission's list, RECEIVED, online, real-name, the county's discipline account as handler
    const petition = await t.get('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${row.petition_id!}`);
    expect(petition.statusCode).toBe(200);
    expect(petition.json()).toMatchObject({ status: 'RECEIVED', channel: 'ONLINE', realName: true, isHandler: true, reporterIdentity: '张举报 13911112222', subjects: [] });
    expect(petition.json().content).toContain(`群众事项 ${m.code} 转来`);
    expect(petition.json().content).toContain('村口路灯坏了');
    const list = await t.get('DISCIPLINE_COMMISSION', '/api/integrity/petitions?pageSize=100');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(row.petition_id);
    // anonymous: no identity reaches the petition
    const anon = await newMatter({ category: 'REPORT', namesCadre: true, anonymous: true, name: '', phone: '' });
    const anonRow = await t.db.selectFrom('citizen_matter').select('petition_id').where('id', '=', anon.id).executeTakeFirstOrThrow();
    expect((await t.get('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${anonRow.petition_id!}`)).json()).toMatchObject({ realName: false, reporterIdentity: null });
    // not a misconduct report: no petition
    const plain = await newMatter({ category: 'REPORT', namesCadre: false });
    expect((await t.db.selectFrom('citizen_matter').select('petition_id').where('id', '=', plain.id).executeTakeFirstOrThrow()).petition_id).toBeNull();
  });

  it('lets the discipline commission take in by hand a routed report that has no petition yet, once', async () => {
    const m = await newMatter({ category: 'REPORT', namesCadre: true });
    // as if routed before the hand-over existed (or with no discipline account covering the village)
    await t.db.updateTable('citizen_matter').set({ petition_id: null }).where('id', '=', m.id).execute();
    expect((await t.post('O2O_DISPATCHER', `/api/o2o/routed/${m.id}/petition`)).statusCode).toBe(403);
    const before = await ledgerCount('o2o.matter.takenIn');
    const res = await t.post('DISCIPLINE_COMMISSION', `/api/o2o/routed/${m.id}/petition`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().petitionId).toEqual(expect.any(String));
    expect(await ledgerCount('o2o.matter.takenIn')).toBe(before + 1);
    expect((await t.get('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${res.json().petitionId as string}`)).json()).toMatchObject({ status: 'RECEIVED', isHandler: true });
    const again = await t.post('DISCIPLINE_COMMISSION', `/api/o2o/routed/${m.id}/petition`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已转入信访举报件');
    // an ordinary matter is not a routed report: 404
    const plain = await newMatter();
    expect((await t.post('DISCIPLINE_COMMISSION', `/api/o2o/routed/${plain.id}/petition`)).statusCode).toBe(404);
  });

  it('lists queues by state and due date with working-day countdowns', async () => {
    const m = await newMatter();
    const accept = await t.get('VILLAGE_CADRE', '/api/o2o/matters?box=accept');
    expect(accept.json().items.map((i: { id: string }) => i.id)).toContain(m.id);
    await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    const dispatch = await t.get('O2O_DISPATCHER', '/api/o2o/matters?box=dispatch&sort=dueAt');
    const item = dispatch.json().items.find((i: { id: string }) => i.id === m.id);
    expect(item.workingDaysLeft).toBe(3);
    expect((await t.get('AUDITOR', '/api/o2o/matters')).statusCode).toBe(403);
    // bulk dispatch: one succeeds, an out-of-scope id fails with 404
    const far = await newMatter({ location: 'jiangbeiVillage' });
    const dispatches = await ledgerCount('o2o.matter.dispatch');
    const bulk = await t.post('O2O_DISPATCHER', '/api/o2o/matters/bulk', { ids: [m.id, far.id], transition: { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id } });
    expect(bulk.json().done).toEqual([m.id]);
    expect(bulk.json().failed).toEqual([expect.objectContaining({ id: far.id, code: 'NOT_FOUND' })]);
    // one ledger event per item done, none for the refused one
    expect(await ledgerCount('o2o.matter.dispatch')).toBe(dispatches + 1);
    // a bulk action outside the bulk list is refused in Chinese, naming what is allowed
    const wrong = await t.post('O2O_DISPATCHER', '/api/o2o/matters/bulk', { ids: [m.id], transition: { action: 'reject', reason: '不属于受理范围' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('批量操作仅支持');
  });

  it('detects overdue matters on the server clock: supervision, escalation one level up, then an M10 candidate', async () => {
    const m = await newMatter({ category: 'HELP' });
    await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    t.clock.set('2016-10-10T15:00:00.000Z'); // still 10-10 in China: not yet overdue
    expect((await runOverdueSweep(t.deps)).overdue).toBe(0);
    t.clock.set('2016-10-10T16:30:00.000Z'); // 00:30 on 10-11 in China
    const first = await runOverdueSweep(t.deps);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    let row = await t.db.selectFrom('citizen_matter').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect([row.overdue, row.overdue_count, row.supervised, row.current_level, row.m10_candidate]).toEqual([1, 1, 1, 'TOWN', 0]);
    // two more working days: Wed 10-12 and Thu 10-13
    expect(row.due_at).toBe('2016-10-13T15:59:59.999Z');
    const notices = await t.db.selectFrom('o2o_notice').selectAll().where('matter_id', '=', m.id).orderBy('kind').execute();
    expect(notices.map((n) => [n.kind, n.to_org_unit_id])).toEqual([
      ['ESCALATION', t.world.units.huanghua.id],
      ['SUPERVISION', t.world.units.huanghuaVillage.id],
    ]);
    expect(notices[0]!.leader_person_id).toBe(t.world.people.townSecretary.id);
    expect(notices[1]!.leader_person_id).toBe(t.world.people.villageSecretary.id);
    // a second sweep at the same time changes nothing
    await runOverdueSweep(t.deps);
    expect(await t.db.selectFrom('o2o_notice').select(sql<number>`count(*)`.as('n')).where('matter_id', '=', m.id).executeTakeFirstOrThrow().then((r) => Number(r.n))).toBe(2);
    t.clock.set('2016-10-13T16:01:00.000Z');
    await runOverdueSweep(t.deps);
    row = await t.db.selectFrom('citizen_matter').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect([row.overdue_count, row.current_level, row.m10_candidate]).toEqual([2, 'COUNTY', 1]);
    const kinds = await t.db.selectFrom('o2o_notice').select('kind').where('matter_id', '=', m.id).where('round', '=', 2).execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['ESCALATION', 'M10_CANDIDATE', 'SUPERVISION']);
    expect(await ledgerCount('o2o.matter.overdue')).toBeGreaterThanOrEqual(2);
    t.clock.set(FRIDAY);
  });

  it('sends one "not accepted in time" notice to the accepting unit’s leader when respond_by passes while SUBMITTED', async () => {
    t.clock.set(FRIDAY);
    const m = await newMatter({ category: 'HELP', urgency: 'NORMAL' });
    const respondBy = (await t.db.selectFrom('citizen_matter').select('respond_by').where('id', '=', m.id).executeTakeFirstOrThrow()).respond_by;
    const accepted = await newMatter({ category: 'HELP', urgency: 'NORMAL' });
    await ok('VILLAGE_CADRE', accepted.id, { action: 'accept' });
    const notices = (id: string) => t.db.selectFrom('o2o_notice').selectAll().where('matter_id', '=', id).where('kind', '=', 'RESPONSE_OVERDUE').execute();
    t.clock.set(new Date(Date.parse(respondBy) - 60_000).toISOString()); // a minute early: nothing
    expect((await runOverdueSweep(t.deps)).responseOverdue).toBe(0);
    expect(await notices(m.id)).toEqual([]);
    const events = await ledgerCount('o2o.matter.responseOverdue');
    t.clock.set(new Date(Date.parse(respondBy) + 60_000).toISOString());
    const swept = await runOverdueSweep(t.deps);
    expect(swept.responseOverdue).toBeGreaterThanOrEqual(1);
    const [notice] = await notices(m.id);
    expect(notice).toMatchObject({ to_org_unit_id: t.world.units.huanghuaVillage.id, leader_person_id: t.world.people.villageSecretary.id, round: 1 });
    expect(notice!.message).toContain(m.code);
    expect(notice!.message).toContain('未受理');
    expect(await notices(accepted.id)).toEqual([]);
    expect(await ledgerCount('o2o.matter.responseOverdue')).toBe(events + swept.responseOverdue);
    const row = await t.db.selectFrom('citizen_matter').select(['status', 'response_overdue', 'overdue']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'SUBMITTED', response_overdue: 1, overdue: 0 });
    // shown on the matter page (a fresh session: the clock moved past the idle timeout)
    await t.login('VILLAGE_CADRE');
    const shown = await t.get('VILLAGE_CADRE', `/api/o2o/matters/${m.id}`);
    expect(shown.statusCode, shown.body).toBe(200);
    const detail = shown.json();
    expect(detail.matter.responseOverdue).toBe(true);
    expect(detail.notices.map((n: { kind: string }) => n.kind)).toEqual(['RESPONSE_OVERDUE']);
    // once only
    expect((await runOverdueSweep(t.deps)).responseOverdue).toBe(0);
    expect(await notices(m.id)).toHaveLength(1);
    // accepting late still works and is recorded as late
    await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    const late = await t.db.selectFrom('ledger_event').select('payload').where('action', '=', 'o2o.matter.accept').where('object_id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.parse(late.payload)).toMatchObject({ lateAcceptance: true });
    t.clock.set(FRIDAY);
    await t.login('VILLAGE_CADRE');
  });

  it('leaves response deadlines older than the look-back window alone', async () => {
    t.clock.set(FRIDAY);
    const m = await newMatter({ category: 'HELP' });
    t.clock.set('2016-11-25T02:00:00.000Z'); // 8 weeks later
    await runOverdueSweep(t.deps);
    expect((await t.db.selectFrom('citizen_matter').select('response_overdue').where('id', '=', m.id).executeTakeFirstOrThrow()).response_overdue).toBe(0);
    await runOverdueSweep(t.deps, { lookbackDays: 90 });
    expect((await t.db.selectFrom('citizen_matter').select('response_overdue').where('id', '=', m.id).executeTakeFirstOrThrow()).response_overdue).toBe(1);
    t.clock.set(FRIDAY);
  });

  it('lets SYS_ADMIN and the county O2O office change SLA rules and reply templates (ledgered with before/after); a town office only reads them', async () => {
    await insertUser(t.db, { username: 'o2o.county.office', grants: [{ role: 'O2O_DISPATCHER', unit: t.world.units.county }] });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'o2o.county.office', password: TEST_PASSWORD } });
    const cookie = `bw_sid=${login.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    const asCounty = (method: 'GET' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, headers: { origin: TEST_ORIGIN, cookie }, ...(payload ? { payload } : {}) });

    const town = await t.get('O2O_DISPATCHER', '/api/o2o/sla-rules');
    expect(town.json().canEdit).toBe(false);
    expect(town.json().items.find((r: { id: string }) => r.id === 'sla-COMPLEX-ANY')).toMatchObject({ respondHours: 24, handleWorkingDays: 15 });
    expect((await t.put('O2O_DISPATCHER', '/api/o2o/sla-rules/sla-COMPLEX-ANY', { respondHours: 8, handleWorkingDays: 12, extensionWorkingDays: 10 })).statusCode).toBe(403);
    expect((await t.put('O2O_DISPATCHER', '/api/o2o/templates/new', { status: 'CLOSED', category: 'HELP', title: '越权', body: '不应保存', active: true })).statusCode).toBe(403);
    expect((await t.get('SYS_ADMIN', '/api/o2o/templates?all=true')).json().canEdit).toBe(true);
    expect((await asCounty('GET', '/api/o2o/sla-rules')).json().canEdit).toBe(true);

    const before = await ledgerCount('o2o.sla.updated');
    const put = await asCounty('PUT', '/api/o2o/sla-rules/sla-COMPLEX-ANY', { respondHours: 8, handleWorkingDays: 12, extensionWorkingDays: 10 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items.find((r: { id: string }) => r.id === 'sla-COMPLEX-ANY')).toMatchObject({ respondHours: 8, handleWorkingDays: 12, extensionWorkingDays: 10 });
    expect(await ledgerCount('o2o.sla.updated')).toBe(before + 1);
    const event = await t.db.selectFrom('ledger_event').select(['payload', 'actor_role']).where('action', '=', 'o2o.sla.updated').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.actor_role).toBe('O2O_DISPATCHER');
    expect(JSON.parse(event.payload)).toMatchObject({ before: { respondHours: 24, handleWorkingDays: 15 }, after: { respondHours: 8, handleWorkingDays: 12 } });
    // the new rule applies to the next complex matter: respond within 8 hours
    const m = await newMatter({ urgency: 'COMPLEX' });
    const row = await t.db.selectFrom('citizen_matter').select(['received_at', 'respond_by']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(Date.parse(row.respond_by) - Date.parse(row.received_at)).toBe(8 * 3_600_000);
    // a template change by the county office is ledgered too
    const tpl = await asCounty('PUT', '/api/o2o/templates/new', { status: 'CLOSED', category: 'HELP', title: '求助办结', body: '您的求助（编号 {code}）已办结。', active: true });
    expect(tpl.statusCode, tpl.body).toBe(200);
    expect((await t.db.selectFrom('ledger_event').select('actor_role').where('action', '=', 'o2o.template.saved').where('object_id', '=', tpl.json().id as string).executeTakeFirstOrThrow()).actor_role).toBe('O2O_DISPATCHER');
    await asCounty('PUT', '/api/o2o/sla-rules/sla-COMPLEX-ANY', { respondHours: 24, handleWorkingDays: 15, extensionWorkingDays: 15 });
  });

  it('leaves deadlines older than the look-back window alone (history), and sweeps them when the window covers them', async () => {
    const m = await newMatter({ category: 'HELP' });
    await ok('VILLAGE_CADRE', m.id, { action: 'accept' });
    const read = () => t.db.selectFrom('citizen_matter').select(['overdue', 'overdue_count', 'current_level', 'due_at']).where('id', '=', m.id).executeTakeFirstOrThrow();
    const dueAt = (await read()).due_at;
    expect(dueAt).toBe('2016-10-10T15:59:59.999Z');
    t.clock.set('2016-11-25T02:00:00.000Z'); // 45 days after the deadline
    await runOverdueSweep(t.deps);
    expect(await read()).toEqual({ overdue: 0, overdue_count: 0, current_level: 'VILLAGE', due_at: dueAt });
    expect(await t.db.selectFrom('matter_event').select('id').where('matter_id', '=', m.id).where('action', '=', 'overdue').execute()).toEqual([]);
    await runOverdueSweep(t.deps, { lookbackDays: 60 });
    expect(await read()).toMatchObject({ overdue: 1, overdue_count: 1, current_level: 'TOWN' });
    t.clock.set(FRIDAY);
  });

  it('computes the dashboard from rollups, scoped', async () => {
    const county = await t.get('ORG_GRASSROOTS_SECTION', '/api/o2o/dashboard/summary');
    expect(county.statusCode, county.body).toBe(200);
    const body = county.json();
    const live = await t.db.selectFrom('citizen_matter').select(sql<number>`count(*)`.as('n')).where('status', 'in', ['CLOSED', 'REVISITED', 'ARCHIVED']).where('routed_to', 'is', null).executeTakeFirstOrThrow();
    expect(body.repliedAndClosed).toBe(Number(live.n));
    const total = await t.db.selectFrom('citizen_matter').select(sql<number>`count(*)`.as('n')).where('routed_to', 'is', null).executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(total.n));
    expect(body.byTown.map((x: { name: string }) => x.name).sort()).toEqual(['江背镇', '黄花镇']);
    const town = await t.get('O2O_DISPATCHER', '/api/o2o/dashboard/summary');
    expect(town.json().byTown.map((x: { name: string }) => x.name)).toEqual(['黄花镇']);
    type Row = { name: string; townName: string; total: number; overdue: number };
    const villages: Row[] = town.json().byVillage;
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((v) => v.townName === '黄花镇')).toBe(true);
    expect(villages.reduce((a, v) => a + v.total, 0)).toBe(town.json().byTown[0].total);
    expect(body.byTown.reduce((a: number, v: Row) => a + v.overdue, 0)).toBe(body.overdueOpen);
    expect((await t.get('O2O_DISPATCHER', `/api/o2o/dashboard/summary?townId=${t.world.units.jiangbei.id}`)).statusCode).toBe(404);
    expect((await t.get('AUDITOR', '/api/o2o/dashboard/summary')).statusCode).toBe(403);
    const trend = await t.get('ORG_GRASSROOTS_SECTION', '/api/o2o/dashboard/trend');
    expect(trend.json().months[0].month).toBe('2016-09');
  });

  it('exports .xlsx with times to accept and to close, as a ledger event', async () => {
    await t.login('O2O_DISPATCHER');
    const before = await ledgerCount('o2o.exported');
    const res = await t.get('O2O_DISPATCHER', '/api/o2o/export');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(await ledgerCount('o2o.exported')).toBe(before + 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['受理时间', '受理用时（小时）', '办结时间', '办结用时（工作日）', '状态']));
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const accepted = rows.filter((r) => r.getCell(col('受理时间')).value);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((r) => typeof r.getCell(col('受理用时（小时）')).value === 'number')).toBe(true);
    const closed = rows.filter((r) => r.getCell(col('办结时间')).value);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => typeof r.getCell(col('办结用时（工作日）')).value === 'number')).toBe(true);
    expect(rows.every((r) => /[\u4e00-\u9fff]/.test(r.getCell(col('状态')).text))).toBe(true);
  });
});
