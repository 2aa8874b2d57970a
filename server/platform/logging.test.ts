/**
 * SECURITY.md item 26 and case 19: logs never contain passwords, session tokens, cookies, full ID numbers or
 * phones, and a CR/LF in a username stays inside one JSON line.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../test/test-app.ts';
import { TEST_PASSWORD } from '../test/factories.ts';
import { loggerOptions } from './logger.ts';

describe('structured logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    t = await createTestApp('sqlite', { logger: { ...(loggerOptions('debug') as object), stream } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps secrets and identity numbers out of every line', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'orghead', password: TEST_PASSWORD } });
    const token = login.cookies.find((c) => c.name === 'bw_sid')!.value;
    const cookie = `bw_sid=${token}`;
    await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'orghead', password: 'wrong-but-secret-pw' } });
    await t.app.inject({ method: 'POST', url: `/api/people/${t.world.people.townSecretary.id}/reveal`, headers: { cookie, origin: TEST_ORIGIN }, payload: { field: 'idNumber', reason: '核对身份' } });
    await t.app.inject({ method: 'POST', url: `/api/people/${t.world.people.townSecretary.id}/reveal`, headers: { cookie, origin: TEST_ORIGIN }, payload: { field: 'phone', reason: '核对身份' } });
    await t.app.inject({ method: 'POST', url: '/api/people', headers: { cookie, origin: TEST_ORIGIN }, payload: { name: '测', gender: 'M', birthDate: '1949-12-31', ethnicityCode: '01', orgUnitId: t.world.units.huanghua.id, isPartyMember: false, idNumber: '110105194912310021' } });
    await t.app.inject({ method: 'GET', url: '/api/people?q=zhangsan', headers: { cookie } });
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [TEST_PASSWORD, 'wrong-but-secret-pw', token, '11010519491231002X', '110105194912310021', '13812345678', 'zhangsan']) {
      expect(all, secret).not.toContain(secret);
    }
    expect(all).not.toMatch(/\d{17}[\dXx]/);
    expect(lines.every((l) => JSON.parse(l) !== null)).toBe(true);
  });

  it('keeps a CR/LF injection attempt inside one JSON line', async () => {
    const before = lines.length;
    await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'a\r\n{"level":30,"msg":"admin login ok"}', password: 'x' } });
    const added = lines.slice(before);
    expect(added.every((l) => typeof JSON.parse(l) === 'object')).toBe(true);
    expect(added.some((l) => JSON.parse(l).msg === 'admin login ok')).toBe(false);
  });
});
