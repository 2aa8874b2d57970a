import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityConclusion, IntegrityReview, Petition, PetitionSummary } from '../../../contracts/integrity.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { integrityGate } from './index.ts';
import { buildIntegrityFixture, insertDraftConclusion, type IntegrityFixture } from './testdata/integrity-fixtures.ts';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const BASE = '/api/integrity/conclusions';
const content = { conclusion: 'CLEAR', text: '该同志廉洁自律情况良好，未发现违反廉洁纪律问题。', basis: ['DAILY_SUPERVISION', 'PETITIONS'] };

type Extra = 'county.sec2' | 'dc.member' | 'hh.disc' | 'jb.dual';

describe.each(TEST_DIALECTS)('integrity conclusions on %s', (dialect) => {
  let t: TestApp;
  let fx: IntegrityFixture;
  const cookies = new Map<string, string>();

  async function loginUser(username: string): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
    const c = `bw_sid=${res.cookies.find((x) => x.name === 'bw_sid')!.value}`;
    cookies.set(username, c);
    return c;
  }
  async function as(username: Extra) {
    return cookies.get(username) ?? loginUser(username);
  }
  async function x(username: Extra, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
    return t.app.inject({ method, url, headers: { origin: TEST_ORIGIN, cookie: await as(username) }, ...(method === 'GET' ? {} : { payload: (payload ?? {}) }) });
  }
  async function events(action: string, objectId?: string): Promise<number> {
    let q = t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).where('action', '=', action);
    if (objectId) q = q.where('object_id', '=', objectId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }
  async function create(subjectPersonId: string): Promise<IntegrityConclusion> {
    const res = await t.post('TOWN_ORG_MEMBER', BASE, { subjectPersonId, ...content });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    fx = await buildIntegrityFixture(t.db, t.cipher, t.world);
  });
  afterAll(async () => {
    await t.close();
  });

  it('drafts a conclusion: 401 without login, 403 without integrity.draft, 404 for a subject outside the scope, 400 bad input', async () => {
    expect((await t.post(null, BASE, { subjectPersonId: t.world.people.townOrgMember.id, ...content })).statusCode).toBe(401);
    expect((await t.post('ORG_CADRE_SECTION', BASE, { subjectPersonId: t.world.people.townOrgMember.id, ...content })).statusCode).toBe(403);
    expect((await t.post('TOWN_ORG_MEMBER', BASE, { subjectPersonId: t.world.people.siblingTownPerson.id, ...content })).statusCode).toBe(404);
    expect((await t.post('TOWN_ORG_MEMBER', BASE, { subjectPersonId: t.world.people.townOrgMember.id, ...content, conclusion: 'MAYBE' })).statusCode).toBe(400);
    expect((await t.post('TOWN_ORG_MEMBER', BASE, { subjectPersonId: t.world.people.townOrgMember.id, ...content, basis: [] })).statusCode).toBe(400);
    const c = await create(t.world.people.clerk.id);
    expect(c).toMatchObject({ status: 'DRAFT', version: 1, subjectName: '赵六', text: content.text, current: true });
    expect(c.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await events('integrity.created', c.id)).toBe(1);
    // a second open conclusion for the same person is refused
    expect((await t.post('TOWN_ORG_MEMBER', BASE, { subjectPersonId: t.world.people.clerk.id, ...content })).statusCode).toBe(409);
    // the slots name who may sign: the town's Party secretary and its discipline secretary
    const slots = Object.fromEntries(c.slots.map((s) => [s.role, s]));
    expect(slots.SECRETARY!.escalated).toBe(false);
    expect(slots.SECRETARY!.eligible.map((e) => e.name)).toEqual(['张三']);
    expect(slots.DISCIPLINE!.eligible.map((e) => e.name)).toEqual(['黄纪']);
  });

  it('both signatures in either order, each bound to the content hash; submit, accept; every step a ledger event', async () => {
    // order 1: secretary first
    const a = await create(fx.people.staff[0].id);
    expect((await t.get('TOWN_SECRETARY', `${BASE}/${a.id}`)).json().can.sign).toEqual(['SECRETARY']);
    const s1 = await t.post('TOWN_SECRETARY', `${BASE}/${a.id}/sign`, { role: 'SECRETARY', contentHash: a.contentHash });
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json().status).toBe('SIGNED_BY_SECRETARY');
    const again = await t.post('TOWN_SECRETARY', `${BASE}/${a.id}/sign`, { role: 'SECRETARY', contentHash: a.contentHash });
    expect(again.statusCode).toBe(409);
    // the secretary holds no discipline post: 403 naming who should sign
    const wrong = await t.post('TOWN_SECRETARY', `${BASE}/${a.id}/sign`, { role: 'DISCIPLINE', contentHash: a.contentHash });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toContain('黄纪');
    const s2 = await x('hh.disc', 'POST', `${BASE}/${a.id}/sign`, { role: 'DISCIPLINE', contentHash: a.contentHash });
    expect(s2.statusCode, s2.body).toBe(200);
    const signed: IntegrityConclusion = s2.json();
    expect(signed.status).toBe('DOUBLE_SIGNED');
    expect(signed.slots.every((s) => s.signature?.contentHash === a.contentHash && s.signature.basis === 'DIRECT')).toBe(true);
    // submit by the unit, accept by the supervision section (not by the unit)
    expect((await t.post('ORG_SUPERVISION_SECTION', `${BASE}/${a.id}/accept`)).statusCode).toBe(409);
    expect((await t.post('TOWN_ORG_MEMBER', `${BASE}/${a.id}/submit`)).json().status).toBe('SUBMITTED');
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${a.id}/accept`)).statusCode).toBe(403);
    const accepted = await t.post('ORG_SUPERVISION_SECTION', `${BASE}/${a.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('ACCEPTED');
    expect(await events('integrity.signed', a.id)).toBe(2);
    expect(await events('integrity.submitted', a.id)).toBe(1);
    expect(await events('integrity.accepted', a.id)).toBe(1);
    // accepted content is immutable
    expect((await t.call('TOWN_ORG_MEMBER', 'PUT', `${BASE}/${a.id}`, { ...content, contentHash: a.contentHash })).statusCode).toBe(409);
    expect(await integrityGate(t.db, fx.people.staff[0].id, '2026-11-26')).toEqual({ ok: true, reasons: [] });

    // order 2: discipline secretary first
    const b = await create(fx.people.staff[1].id);
    const d1 = await x('hh.disc', 'POST', `${BASE}/${b.id}/sign`, { role: 'DISCIPLINE', contentHash: b.contentHash });
    expect(d1.json().status).toBe('SIGNED_BY_DISCIPLINE');
    const d2 = await t.post('TOWN_SECRETARY', `${BASE}/${b.id}/sign`, { role: 'SECRETARY', contentHash: b.contentHash });
    expect(d2.json().status).toBe('DOUBLE_SIGNED');
    expect((await verifyLedgerChain(t.db)).ok).toBe(true);
  });

  it('a stale content hash, an out-of-date login and a signer from another unit are refused', async () => {
    const c = await insertDraftConclusion(t.db, t.cipher, { ...t.world.people.villageSecretary, unit: t.world.units.huanghua }, fx.party.hhParty.id);
    const stale = await t.post('TOWN_SECRETARY', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: 'a'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    // 江背镇's secretary cannot see 黄花镇's conclusions
    expect((await x('jb.dual', 'POST', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: c.contentHash })).statusCode).toBe(404);
    expect((await t.post('TOWN_SECRETARY', `${UNKNOWN_ID}/sign`.replace(/^/, `${BASE}/`), { role: 'SECRETARY', contentHash: c.contentHash })).statusCode).toBe(404);
    // step-up: a login older than 5 minutes must re-enter the password; nothing is written
    const before = await events('integrity.signed');
    t.clock.advanceMinutes(6);
    const old = await t.post('TOWN_SECRETARY', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: c.contentHash });
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('REAUTH_REQUIRED');
    expect(await events('integrity.signed')).toBe(before);
    const cookie = await t.as('TOWN_SECRETARY');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: { cookie, origin: TEST_ORIGIN }, payload: { password: TEST_PASSWORD } })).statusCode).toBe(200);
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: c.contentHash })).json().status).toBe('SIGNED_BY_SECRETARY');
    // the other signers logged in before the clock moved: log them in again
    cookies.clear();
  });

  it('editing after a signature makes version n+1 and voids the signatures; the old version can no longer be signed', async () => {
    const c = await insertDraftConclusion(t.db, t.cipher, fx.people.staff[2], fx.party.hhParty.id);
    // an unsigned draft changes in place (new hash, same version)
    const e1 = await t.call('TOWN_ORG_MEMBER', 'PUT', `${BASE}/${c.id}`, { ...content, text: '修改后的结论内容，未发现问题。', contentHash: c.contentHash });
    expect(e1.statusCode, e1.body).toBe(200);
    const v1: IntegrityConclusion = e1.json();
    expect(v1).toMatchObject({ id: c.id, version: 1, status: 'DRAFT' });
    expect(v1.contentHash).not.toBe(c.contentHash);
    // the old hash no longer signs
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: c.contentHash })).statusCode).toBe(409);
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: v1.contentHash })).json().status).toBe('SIGNED_BY_SECRETARY');
    const e2 = await t.call('TOWN_ORG_MEMBER', 'PUT', `${BASE}/${c.id}`, { ...content, conclusion: 'MINOR_ISSUES_NOT_AFFECTING', contentHash: v1.contentHash });
    expect(e2.statusCode, e2.body).toBe(200);
    const v2: IntegrityConclusion = e2.json();
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', lineageId: c.id, signedRoles: [] });
    expect(v2.id).not.toBe(c.id);
    expect(v2.versions.map((v) => [v.version, v.status, v.signedRoles])).toEqual([
      [2, 'DRAFT', []],
      [1, 'SIGNED_BY_SECRETARY', ['SECRETARY']],
    ]);
    // version 1 is history: signing it is refused
    expect((await x('hh.disc', 'POST', `${BASE}/${c.id}/sign`, { role: 'DISCIPLINE', contentHash: v1.contentHash })).statusCode).toBe(409);
    const payload = await t.db.selectFrom('ledger_event').select('payload').where('action', '=', 'integrity.edited').where('object_id', '=', v2.id).executeTakeFirstOrThrow();
    expect(JSON.parse(payload.payload)).toMatchObject({ fromVersion: 1, version: 2, voidedSignatures: 1 });
    expect(payload.payload).not.toContain('修改后');
  });

  it('escalation: the subject is the unit secretary → the county secretary signs; the subject is the discipline secretary → the commission signs', async () => {
    const sec = await insertDraftConclusion(t.db, t.cipher, t.world.people.townSecretary, fx.party.hhParty.id);
    // the subject never sees the conclusion about himself
    expect((await t.get('TOWN_SECRETARY', `${BASE}/${sec.id}`)).statusCode).toBe(404);
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${sec.id}/sign`, { role: 'SECRETARY', contentHash: sec.contentHash })).statusCode).toBe(404);
    const view: IntegrityConclusion = (await x('county.sec2', 'GET', `${BASE}/${sec.id}`)).json();
    const slot = view.slots.find((s) => s.role === 'SECRETARY')!;
    expect(slot).toMatchObject({ escalated: true });
    expect(slot.eligible.map((e) => e.name)).toEqual(['县书记']);
    expect(view.can.sign).toEqual(['SECRETARY']);
    const s = await x('county.sec2', 'POST', `${BASE}/${sec.id}/sign`, { role: 'SECRETARY', contentHash: sec.contentHash });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json<IntegrityConclusion>().slots.find((x) => x.role === 'SECRETARY')!.signature!.basis).toBe('ESCALATED');
    expect((await x('hh.disc', 'POST', `${BASE}/${sec.id}/sign`, { role: 'DISCIPLINE', contentHash: sec.contentHash })).json().status).toBe('DOUBLE_SIGNED');

    const disc = await insertDraftConclusion(t.db, t.cipher, fx.people.hhDiscipline, fx.party.hhParty.id);
    expect((await x('hh.disc', 'GET', `${BASE}/${disc.id}`)).statusCode).toBe(404);
    // a county secretary may not take the discipline slot
    expect((await x('county.sec2', 'POST', `${BASE}/${disc.id}/sign`, { role: 'DISCIPLINE', contentHash: disc.contentHash })).statusCode).toBe(403);
    const d = await x('dc.member', 'POST', `${BASE}/${disc.id}/sign`, { role: 'DISCIPLINE', contentHash: disc.contentHash });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json<IntegrityConclusion>().slots.find((x) => x.role === 'DISCIPLINE')!).toMatchObject({ escalated: true, signature: { basis: 'ESCALATED', signerName: '纪委员' } });
  });

  it('one person holding both posts signs one slot only; the database refuses a second signature per role or per person', async () => {
    const c = await insertDraftConclusion(t.db, t.cipher, t.world.people.siblingTownPerson, fx.party.jbParty.id);
    const view: IntegrityConclusion = (await x('jb.dual', 'GET', `${BASE}/${c.id}`)).json();
    expect(view.can.sign.sort()).toEqual(['DISCIPLINE', 'SECRETARY']);
    expect((await x('jb.dual', 'POST', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: c.contentHash })).json().status).toBe('SIGNED_BY_SECRETARY');
    const both = await x('jb.dual', 'POST', `${BASE}/${c.id}/sign`, { role: 'DISCIPLINE', contentHash: c.contentHash });
    expect(both.statusCode).toBe(409);
    expect(both.json().message).toContain('同一人');
    const after: IntegrityConclusion = (await x('jb.dual', 'GET', `${BASE}/${c.id}`)).json();
    expect(after.can.sign).toEqual([]);
    // the constraints themselves: same person other role, and same role other person
    const raw = (role: string, personId: string) =>
      t.db
        .insertInto('integrity_signature')
        .values({ id: crypto.randomUUID(), conclusion_id: c.id, version: 1, signer_role: role, signer_person_id: personId, signer_user_id: null, basis: 'DIRECT', content_hash: c.contentHash, signed_at: '2026-11-26T08:00:00.000Z' })
        .execute();
    await expect(raw('DISCIPLINE', fx.people.jbDual.id)).rejects.toThrow();
    await expect(raw('SECRETARY', fx.people.commissionMember.id)).rejects.toThrow();
    expect(await t.db.selectFrom('integrity_signature').select(sql<number>`count(*)`.as('n')).where('conclusion_id', '=', c.id).executeTakeFirstOrThrow()).toMatchObject({ n: 1 });
  });

  it('return needs a reason and opens version n+1 as a DRAFT to be signed again; gate reasons follow the state', async () => {
    const gate0 = await integrityGate(t.db, t.world.people.clerk.id, '2026-11-26');
    expect(gate0.reasons.map((r) => r.code)).toEqual(['INTEGRITY_CONCLUSION_NOT_ACCEPTED']);
    expect((await integrityGate(t.db, t.world.people.otherCountyPerson.id, '2026-11-26')).reasons.map((r) => r.code)).toEqual(['INTEGRITY_CONCLUSION_MISSING']);

    const c = await insertDraftConclusion(t.db, t.cipher, fx.people.staff[3], fx.party.hhParty.id, '存在问题，不宜使用。');
    const fresh: IntegrityConclusion = (await t.get('TOWN_ORG_MEMBER', `${BASE}/${c.id}`)).json();
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${c.id}/sign`, { role: 'SECRETARY', contentHash: fresh.contentHash })).statusCode).toBe(200);
    expect((await x('hh.disc', 'POST', `${BASE}/${c.id}/sign`, { role: 'DISCIPLINE', contentHash: fresh.contentHash })).statusCode).toBe(200);
    expect((await t.post('TOWN_ORG_MEMBER', `${BASE}/${c.id}/submit`)).statusCode).toBe(200);
    expect((await t.post('ORG_SUPERVISION_SECTION', `${BASE}/${c.id}/return`, { reason: '' })).statusCode).toBe(400);
    const ret = await t.post('ORG_SUPERVISION_SECTION', `${BASE}/${c.id}/return`, { reason: '依据材料不完整，请补充审计情况' });
    expect(ret.statusCode, ret.body).toBe(200);
    const v2: IntegrityConclusion = ret.json();
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', signedRoles: [] });
    expect(v2.versions[1]).toMatchObject({ version: 1, status: 'RETURNED', returnReason: '依据材料不完整，请补充审计情况' });
    expect(await events('integrity.returned', c.id)).toBe(1);
    // v2 says NOT_SUITABLE: edit in place, sign again, submit, accept → the gate is closed
    const edited = await t.call('TOWN_ORG_MEMBER', 'PUT', `${BASE}/${v2.id}`, { ...content, conclusion: 'NOT_SUITABLE', contentHash: v2.contentHash });
    expect(edited.statusCode, edited.body).toBe(200);
    Object.assign(v2, { contentHash: edited.json<IntegrityConclusion>().contentHash });
    expect((await t.post('TOWN_SECRETARY', `${BASE}/${v2.id}/sign`, { role: 'SECRETARY', contentHash: v2.contentHash })).statusCode).toBe(200);
    expect((await x('hh.disc', 'POST', `${BASE}/${v2.id}/sign`, { role: 'DISCIPLINE', contentHash: v2.contentHash })).statusCode).toBe(200);
    await t.post('TOWN_ORG_MEMBER', `${BASE}/${v2.id}/submit`);
    expect((await t.post('ORG_SUPERVISION_SECTION', `${BASE}/${v2.id}/accept`)).json().status).toBe('ACCEPTED');
    const gate = await integrityGate(t.db, fx.people.staff[3].id, '2026-11-26', { requireReview: true });
    expect(gate.ok).toBe(false);
    expect(gate.reasons.map((r) => r.code)).toEqual(['INTEGRITY_NOT_SUITABLE', 'INTEGRITY_REVIEW_MISSING']);
  });

  it('lists are scoped, paged and filtered; the subject and roles without integrity permissions see nothing', async () => {
    const hh = await t.get('TOWN_ORG_MEMBER', `${BASE}?pageSize=2`);
    expect(hh.statusCode).toBe(200);
    expect(hh.json().items).toHaveLength(2);
    const all = (await t.get('TOWN_ORG_MEMBER', `${BASE}?pageSize=200`)).json();
    expect(all.items.every((i: { unitName: string }) => i.unitName === '黄花镇')).toBe(true);
    expect(all.total).toBeGreaterThan(2);
    const county = (await t.get('ORG_SUPERVISION_SECTION', `${BASE}?pageSize=200`)).json();
    expect(county.items.some((i: { unitName: string }) => i.unitName === '江背镇')).toBe(true);
    const accepted = (await t.get('ORG_SUPERVISION_SECTION', `${BASE}?status=ACCEPTED`)).json();
    expect(accepted.items.every((i: { status: string }) => i.status === 'ACCEPTED')).toBe(true);
    const byName = (await t.get('ORG_SUPERVISION_SECTION', `${BASE}?q=${encodeURIComponent('李四')}`)).json();
    expect(byName.items.map((i: { subjectName: string }) => i.subjectName)).toEqual(byName.items.map(() => '李四'));
    // the town secretary's own conclusion is not in his list
    const own = (await t.get('TOWN_SECRETARY', `${BASE}?pageSize=200`)).json();
    expect(own.items.some((i: { subjectPersonId: string }) => i.subjectPersonId === t.world.people.townSecretary.id)).toBe(false);
    expect((await t.get('CADRE_SELF', BASE)).statusCode).toBe(403);
    expect((await t.get('CADRE_SELF', '/api/integrity/stats')).statusCode).toBe(403);
    const stats = (await t.get('TOWN_ORG_MEMBER', '/api/integrity/stats')).json<{ byStatus: { count: number }[] }>();
    expect(stats.byStatus.reduce((n, s) => n + s.count, 0)).toBe(all.total);
    expect((await t.get('AUDITOR', BASE)).statusCode).toBe(403);
    expect((await t.get(null, BASE)).statusCode).toBe(401);
    expect((await t.get('ORG_SUPERVISION_SECTION', `${BASE}?status=NOPE`)).statusCode).toBe(400);
  });
});

describe.each(TEST_DIALECTS)('integrity reviews and petitions on %s', (dialect) => {
  let t: TestApp;
  let fx: IntegrityFixture;
  let dcCookie = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    fx = await buildIntegrityFixture(t.db, t.cipher, t.world);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'dc.member', password: TEST_PASSWORD } });
    dcCookie = `bw_sid=${res.cookies.find((x) => x.name === 'bw_sid')!.value}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('review checks are recorded by their owning roles; overall PASS only when every mandatory check passed', async () => {
    const subject = t.world.people.townOrgMember.id;
    expect((await t.post('TOWN_SECRETARY', '/api/integrity/reviews', { subjectPersonId: subject })).statusCode).toBe(403);
    const created = await t.post('ORG_SUPERVISION_SECTION', '/api/integrity/reviews', { subjectPersonId: subject });
    expect(created.statusCode, created.body).toBe(200);
    const r: IntegrityReview = created.json();
    expect(r.overall).toBe('PENDING');
    expect(r.mandatoryChecks).toEqual(['FILE_AUDIT', 'PERSONAL_MATTERS_VERIFY', 'DISCIPLINE_OPINION', 'PETITION_CHECK']);
    const rec = (role: Parameters<TestApp['put']>[0], type: string, result: string) => t.put(role, `/api/integrity/reviews/${r.id}/checks/${type}`, { result, detail: '核查无异常' });
    // FILE_AUDIT is the cadre section's, not the supervision section's
    const wrong = await rec('ORG_SUPERVISION_SECTION', 'FILE_AUDIT', 'PASS');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toContain('干部科');
    expect((await rec('DISCIPLINE_COMMISSION', 'PERSONAL_MATTERS_VERIFY', 'PASS')).statusCode).toBe(403);
    expect((await rec('ORG_CADRE_SECTION', 'FILE_AUDIT', 'PASS')).json().overall).toBe('PENDING');
    expect((await rec('ORG_SUPERVISION_SECTION', 'PERSONAL_MATTERS_VERIFY', 'PASS')).json().overall).toBe('PENDING');
    expect((await rec('DISCIPLINE_COMMISSION', 'DISCIPLINE_OPINION', 'PASS')).json().overall).toBe('PENDING');
    // a non-mandatory issue does not block
    expect((await rec('ORG_SUPERVISION_SECTION', 'AUDIT_FINDINGS', 'ISSUE')).json().overall).toBe('PENDING');
    const done: IntegrityReview = (await rec('DISCIPLINE_COMMISSION', 'PETITION_CHECK', 'PASS')).json();
    expect(done.overall).toBe('PASS');
    expect(done.checks.find((c) => c.type === 'FILE_AUDIT')).toMatchObject({ result: 'PASS', detail: '核查无异常', checkedByName: 'cadresec', mandatory: true });
    // a mandatory issue fails the review
    expect((await rec('DISCIPLINE_COMMISSION', 'PETITION_CHECK', 'ISSUE')).json().overall).toBe('FAIL');
    expect((await rec('DISCIPLINE_COMMISSION', 'PETITION_CHECK', 'PASS')).json().overall).toBe('PASS');
    const ev = await t.db.selectFrom('ledger_event').select(['payload']).where('action', '=', 'integrity.review.checked').where('object_id', '=', r.id).execute();
    expect(ev).toHaveLength(7);
    expect(ev.every((e) => !e.payload.includes('核查无异常'))).toBe(true);
    // configurable mandatory set: only FILE_AUDIT
    const small: IntegrityReview = (await t.post('ORG_CADRE_SECTION', '/api/integrity/reviews', { subjectPersonId: t.world.people.clerk.id, mandatoryChecks: ['FILE_AUDIT'] })).json();
    expect((await rec('ORG_CADRE_SECTION', 'FILE_AUDIT', 'PASS')).statusCode).toBe(200);
    expect((await t.put('ORG_CADRE_SECTION', `/api/integrity/reviews/${small.id}/checks/FILE_AUDIT`, { result: 'PASS', detail: '档案齐全' })).json().overall).toBe('PASS');
    expect((await t.put('ORG_CADRE_SECTION', `/api/integrity/reviews/${small.id}/checks/NOPE`, { result: 'PASS', detail: 'x' })).statusCode).toBe(400);
    // lists, scope, 404s
    const list = (await t.get('ORG_SUPERVISION_SECTION', '/api/integrity/reviews?overall=PASS')).json();
    expect(list.items.map((i: { subjectName: string }) => i.subjectName).sort()).toEqual(['李四', '赵六']);
    expect((await t.get('ORG_SUPERVISION_SECTION', `/api/integrity/reviews/${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await t.post('ORG_SUPERVISION_SECTION', '/api/integrity/reviews', { subjectPersonId: t.world.people.otherCountyPerson.id })).statusCode).toBe(404);
    expect(fx.users.commission).toBeTruthy();
  });

  it('petitions: intake by the commission, identity for the handler only, others see counts; an open checkable petition blocks the gate', async () => {
    const subject = t.world.people.townOrgMember.id;
    const body = { receivedAt: '2026-11-20', channel: 'LETTER', realName: true, reporterIdentity: '王某，电话 138****0000', content: '反映其在项目验收中收受好处，列明了时间地点。', subjectPersonIds: [subject], specificAndCheckable: true };
    expect((await t.post('ORG_SUPERVISION_SECTION', '/api/integrity/petitions', body)).statusCode).toBe(403);
    expect((await t.post('DISCIPLINE_COMMISSION', '/api/integrity/petitions', { ...body, reporterIdentity: undefined })).statusCode).toBe(400);
    expect((await t.post('DISCIPLINE_COMMISSION', '/api/integrity/petitions', { ...body, subjectPersonIds: [t.world.people.otherCountyPerson.id] })).statusCode).toBe(404);
    const created = await t.post('DISCIPLINE_COMMISSION', '/api/integrity/petitions', body);
    expect(created.statusCode, created.body).toBe(200);
    const p: Petition = created.json();
    expect(p).toMatchObject({ status: 'RECEIVED', isHandler: true, reporterIdentity: body.reporterIdentity, content: body.content });
    // another commission member sees the content but not the identity
    const other: Petition = (await t.app.inject({ method: 'GET', url: `/api/integrity/petitions/${p.id}`, headers: { cookie: dcCookie } })).json();
    expect(other).toMatchObject({ isHandler: false, reporterIdentity: null, content: body.content });
    // stored encrypted, ledger without text
    const row = await t.db.selectFrom('petition_report').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.content_enc).not.toContain('项目验收');
    expect(row.reporter_identity_enc).not.toContain('王某');
    const ev = await t.db.selectFrom('ledger_event').select('payload').where('object_id', '=', p.id).execute();
    expect(ev.map((e) => e.payload).length).toBe(2); // received + the other member's view
    expect(ev.every((e) => !e.payload.includes('王某') && !e.payload.includes('项目验收'))).toBe(true);
    // others: summary only
    expect((await t.get('ORG_SUPERVISION_SECTION', '/api/integrity/petitions')).statusCode).toBe(403);
    expect((await t.get('ORG_SUPERVISION_SECTION', `/api/integrity/petitions/${p.id}`)).statusCode).toBe(403);
    const summary: PetitionSummary = (await t.get('ORG_SUPERVISION_SECTION', '/api/integrity/petitions/summary')).json();
    expect(summary).toMatchObject({ total: 1, openCheckable: 1, realName: 1 });
    expect(summary.byStatus.find((s) => s.status === 'RECEIVED')!.count).toBe(1);
    expect((await t.get('TOWN_ORG_MEMBER', '/api/integrity/petitions/summary')).statusCode).toBe(403);
    // gate blocked while open
    expect((await integrityGate(t.db, subject, '2026-11-26')).reasons.map((r) => r.code)).toContain('PETITION_OPEN_CHECKABLE');
    expect((await integrityGate(t.db, subject, '2026-11-19')).reasons.map((r) => r.code)).not.toContain('PETITION_OPEN_CHECKABLE');
    // transitions
    expect((await t.post('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${p.id}/move`, { to: 'VERIFIED_TRUE', conclusion: '反映问题属实' })).statusCode).toBe(409);
    expect((await t.post('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${p.id}/move`, { to: 'PRELIM_CHECK' })).json().status).toBe('PRELIM_CHECK');
    expect((await t.post('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${p.id}/move`, { to: 'UNFOUNDED' })).statusCode).toBe(400);
    const closed: Petition = (await t.post('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${p.id}/move`, { to: 'UNFOUNDED', conclusion: '经核查反映问题不属实' })).json();
    expect(closed).toMatchObject({ status: 'UNFOUNDED', conclusion: '经核查反映问题不属实', next: [] });
    expect((await integrityGate(t.db, subject, '2026-11-26')).reasons.map((r) => r.code)).not.toContain('PETITION_OPEN_CHECKABLE');
    const list = (await t.get('DISCIPLINE_COMMISSION', '/api/integrity/petitions?status=UNFOUNDED')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await t.get('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${UNKNOWN_ID}`)).statusCode).toBe(404);
  });
});
