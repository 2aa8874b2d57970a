/**
 * Route inventory (SECURITY.md item 13): every route declares a policy; without a session every non-public route
 * answers 401; no route takes personal data in its path; state never changes on GET routes of the API except the
 * audited read events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../test/test-app.ts';
import { assertRoutePolicy } from './http.ts';

describe('route inventory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every API route with a declared policy', () => {
    const api = t.app.routeInventory.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(20);
    for (const r of api) expect(r.policy, `${r.method} ${r.url}`).toMatch(/^(public \(.+\)|authenticated|permission [a-z0-9]+\.[a-z]+)$/);
    const publicRoutes = api.filter((r) => r.policy.startsWith('public')).map((r) => `${r.method} ${r.url}`);
    // The public surface is small and reviewed: adding to it must change this list.
    expect(publicRoutes.sort()).toEqual(['GET /api/health', 'GET /api/public/evaluations/forms/:token', 'GET /api/public/o2o/options', 'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/public/evaluations/ballots', 'POST /api/public/o2o/matters', 'POST /api/public/o2o/rate', 'POST /api/public/o2o/track']);
  });

  it('refuses to register a route without a policy', async () => {
    const app = Fastify();
    app.addHook('onRoute', assertRoutePolicy);
    expect(() => app.get('/api/forgotten', async () => ({}))).toThrow(/declares no policy/);
    await app.close();
  });

  it('answers 401 to an unauthenticated sweep of every non-public route', async () => {
    const failures: string[] = [];
    for (const r of t.app.routeInventory) {
      if (!r.url.startsWith('/api/') || r.policy.startsWith('public') || r.url.startsWith('/api/docs')) continue;
      const url = r.url.replace(/:[a-zA-Z]+/g, (m) => (m === ':catalog' ? 'ETHNICITY' : '01900000-0000-7000-8000-000000000000'));
      const res = await t.app.inject({ method: r.method as 'GET', url, headers: { origin: TEST_ORIGIN }, ...(r.method === 'GET' ? {} : { payload: {} }) });
      if (res.statusCode !== 401) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('takes no personal data in paths', () => {
    for (const r of t.app.routeInventory) expect(r.url).not.toMatch(/:(idNumber|idNo|phone|name)\b/);
  });

  it('sends security headers with a CSP and generic 404 bodies for unknown API paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '未找到' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toContain('/api/people');
    expect(Object.keys(doc.paths)).toContain('/api/org-units');
  });

  it('rejects oversized and malformed bodies with a generic 4xx, never a 500', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }) });
    expect(big.statusCode).toBe(413);
    const broken = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('BAD_REQUEST');
    const proto = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN, 'content-type': 'application/json' }, payload: '{"__proto__":{"isAdmin":true},"username":"a","password":"b"}' });
    expect([400, 401]).toContain(proto.statusCode);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
