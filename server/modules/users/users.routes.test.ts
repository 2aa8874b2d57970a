import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';

async function sheetRows(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe.each(TEST_DIALECTS)('users on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is for SYS_ADMIN only: 401 without session, 403 for other roles', async () => {
    expect((await t.get(null, '/api/users')).statusCode).toBe(401);
    expect((await t.get('ORG_HEAD', '/api/users')).statusCode).toBe(403);
    expect((await t.post('AUDITOR', '/api/users', { username: 'x', displayName: 'x', password: 'x' })).statusCode).toBe(403);
    const list = await t.get('SYS_ADMIN', '/api/users?q=town');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { username: string }) => u.username).sort()).toEqual(['towndisc', 'townorg', 'townsec']);
  });

  it('exports the account list as .xlsx (fresh login, formula text escaped, one users.exported event)', async () => {
    const count = async () => Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    expect((await t.get(null, '/api/users/export.xlsx')).statusCode).toBe(401);
    expect((await t.get('ORG_HEAD', '/api/users/export.xlsx')).statusCode).toBe(403);
    expect((await t.get('AUDITOR', '/api/users/export.xlsx')).statusCode).toBe(403);
    expect((await t.post('SYS_ADMIN', '/api/users', { username: 'formula.x', displayName: '=1+1', password: 'amber-falcon-meadow-79' })).statusCode).toBe(200);
    let before = await count();
    for (const q of ['q=', `q=${'x'.repeat(51)}`, 'page=1', 'bogus=1']) expect((await t.get('SYS_ADMIN', `/api/users/export.xlsx?${q}`)).statusCode, q).toBe(400);
    expect(await count()).toBe(before);

    const res = await t.get('SYS_ADMIN', '/api/users/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['用户名', '姓名', '状态', '角色与范围', '最近登录']);
    const total = (await t.get('SYS_ADMIN', '/api/users?pageSize=1')).json().total;
    expect(rows.length - 1).toBe(total);
    const fx = rows.find((r) => r[0] === 'formula.x')!;
    expect(fx.slice(0, 3)).toEqual(['formula.x', "'=1+1", '正常']);
    expect(fx[4]).toBe('从未登录');
    const head = rows.find((r) => r[0] === 'orghead')!;
    expect(head[3]).toContain('组织部部长');
    expect(head[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await count()).toBe(before + 1);
    const e = await t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(e).toMatchObject({ action: 'users.exported', object_type: 'export', actor_user_id: t.world.users.SYS_ADMIN, actor_role: 'SYS_ADMIN', org_path: '/' });
    expect(JSON.parse(e.payload)).toEqual({ filters: {}, rowCount: total, format: 'xlsx' });

    before = await count();
    const town = await sheetRows((await t.get('SYS_ADMIN', '/api/users/export.xlsx?q=town')).rawPayload);
    expect(town.slice(1).map((r) => r[0]).sort()).toEqual(['towndisc', 'townorg', 'townsec']);
    expect(await count()).toBe(before + 1);
    const last = await t.db.selectFrom('ledger_event').select('payload').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(last.payload).filters.qHash).toMatch(/^[0-9a-f]{64}$/);
    expect(last.payload).not.toContain('town');
  });

  it('creates an account only with a policy-compliant password and a free username', async () => {
    const weak = await t.post('SYS_ADMIN', '/api/users', { username: 'newbie', displayName: '新用户', password: 'Abc@123456789' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const short = await t.post('SYS_ADMIN', '/api/users', { username: 'newbie', displayName: '新用户', password: 'short-pass' });
    expect(short.json().fields[0].field).toBe('password');
    const ok = await t.post('SYS_ADMIN', '/api/users', { username: 'newbie', displayName: '新用户', password: 'amber-falcon-meadow-77' });
    expect(ok.statusCode).toBe(200);
    const row = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'newbie').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await t.post('SYS_ADMIN', '/api/users', { username: 'newbie', displayName: 'x', password: 'amber-falcon-meadow-77' })).statusCode).toBe(409);
    expect((await t.post('SYS_ADMIN', '/api/users', { username: 'bad name!', displayName: 'x', password: 'amber-falcon-meadow-77' })).statusCode).toBe(400);
  });

  it('grants a role (fresh login required) and the scope follows the grant at once', async () => {
    const created = (await t.post('SYS_ADMIN', '/api/users', { username: 'inspector1', displayName: '检查员', password: 'amber-falcon-meadow-78' })).json();
    const grant = await t.post('SYS_ADMIN', `/api/users/${created.id}/grants`, { role: 'TOWN_ORG_MEMBER', orgUnitId: t.world.units.jiangbei.id, validFrom: '2016-01-01' });
    expect(grant.statusCode).toBe(200);
    expect(grant.json().grants[0]).toMatchObject({ role: 'TOWN_ORG_MEMBER', orgName: '江背镇' });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'inspector1', password: 'amber-falcon-meadow-78' } });
    const cookie = `bw_sid=${login.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    const people = await t.app.inject({ method: 'GET', url: '/api/people?pageSize=100', headers: { cookie } });
    expect(people.json().items.map((p: { name: string }) => p.name).sort()).toEqual(['周九', '孙八'].sort());
    // revoke: the next request sees no permission
    const revoked = await t.post('SYS_ADMIN', `/api/users/${created.id}/grants/${grant.json().grants[0].id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/people', headers: { cookie } })).statusCode).toBe(403);
    expect((await t.post('SYS_ADMIN', `/api/users/${created.id}/grants/${grant.json().grants[0].id}/revoke`)).statusCode).toBe(409);
  });

  it('asks for a fresh login before role changes', async () => {
    t.clock.advanceMinutes(6);
    await t.get('SYS_ADMIN', '/api/users'); // keep the session alive
    const stale = await t.post('SYS_ADMIN', `/api/users/${t.world.users.AUDITOR}/grants`, { role: 'ORG_HEAD', validFrom: '2016-01-01', orgUnitId: t.world.units.county.id });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('REAUTH_REQUIRED');
    expect((await t.post('SYS_ADMIN', '/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await t.post('SYS_ADMIN', `/api/users/${t.world.users.AUDITOR}/grants`, { role: 'ORG_HEAD', validFrom: '2016-01-01', orgUnitId: t.world.units.county.id })).statusCode).toBe(200);
  });

  it('asks for a fresh login before an export', async () => {
    t.clock.advanceMinutes(6);
    await t.get('SYS_ADMIN', '/api/users'); // keep the session alive
    const stale = await t.get('SYS_ADMIN', '/api/users/export.xlsx');
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('REAUTH_REQUIRED');
    expect((await t.post('SYS_ADMIN', '/api/auth/reauth', { password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await t.get('SYS_ADMIN', '/api/users/export.xlsx')).statusCode).toBe(200);
  });

  it('disabling an account ends its sessions at once; unknown ids are 404', async () => {
    const cookie = await t.login('VILLAGE_SECRETARY');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.post('SYS_ADMIN', `/api/users/${t.world.users.VILLAGE_SECRETARY}/disabled`, { disabled: true })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const relogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'villagesec', password: TEST_PASSWORD } });
    expect(relogin.statusCode).toBe(401);
    expect((await t.post('SYS_ADMIN', '/api/users/01900000-0000-7000-8000-000000000000/disabled', { disabled: true })).statusCode).toBe(404);
    expect((await t.post('SYS_ADMIN', `/api/users/${t.world.users.SYS_ADMIN}/disabled`, { disabled: true })).statusCode).toBe(409);
  });

  it('kills all sessions of a user', async () => {
    const cookie = await t.login('COUNTY_SECRETARY');
    expect((await t.post('SYS_ADMIN', `/api/users/${t.world.users.COUNTY_SECRETARY}/sessions/revoke`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
