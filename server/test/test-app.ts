/**
 * createTestApp: buildApp over a fresh test database (SQLite or PostgreSQL), a fake clock, a fixed test key and
 * the small test world of factories.ts. Route tests use `app.inject()` through the helpers below.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../contracts/enums.ts';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { DialectName } from '../db/dialect.ts';
import { FakeClock } from '../platform/clock.ts';
import { createFieldCipher } from '../platform/crypto.ts';
import type { AppDeps } from '../platform/deps.ts';
import { buildTestWorld, TEST_PASSWORD, type TestWorld } from './factories.ts';
import { openDemoDatabase } from './demo-fixture.ts';
import { createTestDatabase } from './test-db.ts';

/** inject() sends Host: localhost:80, so this is the same origin. */
export const TEST_ORIGIN = 'http://localhost:80';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * `demo: true` runs the app over a private copy of the seeded demo county (demo-fixture.ts; no test world, the demo
 * accounts and their passwords are in `demo.seeded.accounts`).
 */
export async function createTestApp(dialect: DialectName, options: { config?: Partial<Config>; world?: boolean; logger?: unknown; demo?: boolean; sqliteFile?: string } = {}) {
  const demo = options.demo ? await openDemoDatabase(dialect) : null;
  const database = demo ?? (await createTestDatabase(dialect, options.sqliteFile ? { sqliteFile: options.sqliteFile } : {}));
  const clock = new FakeClock('2026-11-26T08:00:00.000Z');
  const cipher = demo?.cipher ?? createFieldCipher(randomBytes(32));
  // The per-IP login limit has its own test; here it would trip over the many logins of a suite.
  const config: Config = { ...loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent' }), loginPerIpPerMinute: 10_000, ...options.config };
  const deps: AppDeps = { db: database.db, dialect, config, clock, cipher };
  const world: TestWorld | null = options.world === false || demo ? null : await buildTestWorld(database.db, cipher);
  const app = await buildApp(deps, { serveWeb: false, ...(options.logger ? { logger: options.logger as never } : { logger: false }) });
  await app.ready();

  const cookies = new Map<Role, string>();

  async function login(role: Role): Promise<string> {
    if (!world) throw new Error('no test world');
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: world.usernames[role], password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'bw_sid');
    if (!cookie) throw new Error('no session cookie');
    const header = `bw_sid=${cookie.value}`;
    cookies.set(role, header);
    return header;
  }

  async function as(role: Role): Promise<string> {
    return cookies.get(role) ?? login(role);
  }

  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  async function call(role: Role | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { origin: TEST_ORIGIN, ...headers };
    if (role) h.cookie = await as(role);
    return app.inject({ method, url, headers: h, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  /** Demo mode: a GET as one of the demo county's accounts (logged in once with its generated password). */
  const demoCookies = new Map<string, string>();
  async function getAsDemo(username: string, url: string): Promise<LightMyRequestResponse> {
    if (!demo) throw new Error('getAsDemo needs createTestApp(…, { demo: true })');
    if (!demoCookies.has(username)) {
      const account = demo.seeded.accounts.find((a) => a.username === username);
      if (!account) throw new Error(`no demo account ${username}`);
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username, password: account.password } });
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
      demoCookies.set(username, `bw_sid=${res.cookies.find((c) => c.name === 'bw_sid')!.value}`);
    }
    return app.inject({ method: 'GET', url, headers: { origin: TEST_ORIGIN, cookie: demoCookies.get(username)! } });
  }

  return {
    app,
    deps,
    getAsDemo,
    db: database.db,
    dialect,
    clock,
    cipher,
    world: world!,
    /** the demo county's seeding result (accounts with passwords, counts) when `demo: true` */
    demo: demo ? { seeded: demo.seeded, counts: demo.counts } : null,
    login,
    as,
    call,
    get: (role: Role | null, url: string, headers?: Record<string, string>) => call(role, 'GET', url, undefined, headers),
    post: (role: Role | null, url: string, payload?: unknown, headers?: Record<string, string>) => call(role, 'POST', url, payload ?? {}, headers),
    patch: (role: Role | null, url: string, payload?: unknown) => call(role, 'PATCH', url, payload ?? {}),
    put: (role: Role | null, url: string, payload?: unknown) => call(role, 'PUT', url, payload ?? {}),
    close: async () => {
      await app.close();
      await database.cleanup();
    },
  };
}
