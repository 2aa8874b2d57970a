import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';

describe.each(TEST_DIALECTS)('auth on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const loginAs = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN, ...headers }, payload: { username, password } });

  it('logs in with HttpOnly SameSite cookie and returns the actor with roles, scope and permissions', async () => {
    const res = await loginAs('orghead', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/bw_sid=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const me = res.json();
    expect(me.roles).toEqual(['ORG_HEAD']);
    expect(me.permissions).toContain('people.reveal');
    expect(me.scope.map((s: { name: string }) => s.name)).toEqual(['长沙县']);
  });

  it('answers 401 without a session and the same 401 for unknown users and wrong passwords', async () => {
    expect((await t.get(null, '/api/auth/me')).statusCode).toBe(401);
    const unknown = await loginAs('nobody', TEST_PASSWORD);
    const wrong = await loginAs('auditor', 'wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().message).toBe('用户名或密码错误');
  });

  it('rejects a body with extra fields (mass assignment) in plain Chinese naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'a', password: 'b', role: 'SYS_ADMIN' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'role' }] });
    expect(res.json().message).toContain('不允许');
  });

  it('refuses a cross-origin state change (CSRF) before anything else', async () => {
    const res = await loginAs('orghead', TEST_PASSWORD, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    const noOrigin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'orghead', password: TEST_PASSWORD } });
    expect(noOrigin.statusCode).toBe(403);
  });

  it('issues a new session id on every login and revokes the one presented (no fixation)', async () => {
    const first = await t.login('ORG_HEAD');
    const res = await loginAs('orghead', TEST_PASSWORD, { cookie: first });
    const second = `bw_sid=${res.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('enforces the idle timeout (15 min) and the absolute lifetime (8 h) on the server', async () => {
    const cookie = await t.login('AUDITOR');
    t.clock.advanceMinutes(14);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advanceMinutes(16);
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');

    const busy = await t.login('AUDITOR');
    for (let i = 0; i < 34; i++) {
      t.clock.advanceMinutes(14);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: busy } })).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(14); // 35 × 14 min = 8 h 10 min
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: busy } })).statusCode).toBe(401);
  });

  it('locks an account after 5 failures in 15 minutes for 30 minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await loginAs('discipline', `wrong-password-${i}-x`)).statusCode).toBe(401);
    const locked = await loginAs('discipline', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    t.clock.advanceMinutes(29);
    expect((await loginAs('discipline', TEST_PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await loginAs('discipline', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not lock when failures are spread beyond the 15-minute window', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await loginAs('grassroots', `wrong-password-${i}-y`)).statusCode).toBe(401);
      t.clock.advanceMinutes(4);
    }
    // 4 failures fall in any 15-minute window
    expect((await loginAs('grassroots', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('logout revokes the session on the server', async () => {
    const cookie = await t.login('COUNTY_SECRETARY');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: TEST_ORIGIN } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('changes a password only under the policy and ends the other sessions', async () => {
    const cookie = await t.login('ORG_SUPERVISION_SECTION');
    const other = await loginAs('supervision', TEST_PASSWORD);
    const otherCookie = `bw_sid=${other.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: otherCookie, origin: TEST_ORIGIN }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'zuzhibu2024' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: otherCookie, origin: TEST_ORIGIN }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'violet-harbour-lantern-42' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await loginAs('supervision', 'violet-harbour-lantern-42')).statusCode).toBe(200);
  });

  it('writes login events to the ledger and keeps the chain valid', async () => {
    const rows = await t.db.selectFrom('ledger_event').select(['action']).execute();
    expect(rows.some((r) => r.action === 'auth.login')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.locked')).toBe(true);
    const { verifyLedgerChain } = await import('../../platform/ledger/index.ts');
    expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
  });
});

describe('per-IP login limit', () => {
  it('answers 429 after the configured attempts per minute from one address', async () => {
    const t = await createTestApp('sqlite', { config: { loginPerIpPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: `u${i}`, password: 'whatever-password' } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
