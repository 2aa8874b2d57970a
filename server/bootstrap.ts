/**
 * Start-up sequence shared by `bellwether serve`, the e2e test server and the bench: open the database, load the
 * master key, migrate, load the demo county into an empty database (demo mode) or insist on an administrator
 * (production mode).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { createDatabase, inTransaction, isDatabaseEmpty, migrateToLatest } from './db/database.ts';
import { parseDatabaseUrl, refreshStatistics } from './db/dialect.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createFieldCipher, loadMasterKey } from './platform/crypto.ts';
import type { AppDeps } from './platform/deps.ts';
import { appendLedgerEvent } from './platform/ledger/index.ts';
import { generatePassword, hashPassword } from './platform/password.ts';
import { countAdministrators } from './modules/users/index.ts';

export type OpenedDeps = AppDeps & { describe: string; destroy: () => Promise<void> };

export async function openDeps(config: Config, clock: Clock = systemClock): Promise<OpenedDeps> {
  const { name, target } = parseDatabaseUrl(config.databaseUrl);
  if (name === 'sqlite' && target !== ':memory:' && target !== '') fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const handle = createDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db);
    await refreshStatistics(handle.db, 'open');
    const empty = await isDatabaseEmpty(handle.db);
    // A key is generated only for a database that holds no encrypted data yet.
    const { key, created } = loadMasterKey({ masterKey: config.masterKey, keyFile: config.keyFile, createIfMissing: empty });
    return { db: handle.db, dialect: handle.dialect, config, clock, cipher: createFieldCipher(key), describe: handle.describe + (created ? `; new master key at ${config.keyFile}` : ''), destroy: handle.destroy };
  } catch (e) {
    await handle.destroy();
    throw e;
  }
}

export type DemoAccountsFile = { note: string; createdAt: string; accounts: Record<string, { username: string; password: string; displayName: string }> } & Record<string, unknown>;

export function demoAccountsPath(config: Config): string {
  return path.join(config.dataDir, 'demo-accounts.json');
}

/** Loads the demo county into an empty database and writes the generated passwords to data/demo-accounts.json. */
export async function seedDemoIfEmpty(deps: AppDeps): Promise<{ seeded: boolean; counts?: Record<string, number> }> {
  if (!(await isDatabaseEmpty(deps.db))) return { seeded: false };
  // Loaded on demand: the seeder pulls in every module's demo data, which the CLI (import, verify) never needs.
  const { seedDemoCounty } = await import('./modules/demo/demo.seeder.ts');
  const result = await seedDemoCounty({ db: deps.db, cipher: deps.cipher, now: () => deps.clock.now(), hashPassword, generatePassword });
  await refreshStatistics(deps.db, 'after-bulk-load');
  await inTransaction(deps.db, async (trx) => {
    await appendLedgerEvent(trx, { userId: null, role: 'SYSTEM' }, { action: 'demo.seeded', objectType: 'system', objectId: 'demo-county', orgPath: '/', payload: { counts: result.counts } }, deps.clock.now());
  });
  const file: DemoAccountsFile = {
    note: 'Demo accounts of this installation (generated on first start; never committed, never logged). 演示账户，仅用于本机演示。',
    createdAt: deps.clock.now().toISOString(),
    accounts: Object.fromEntries(result.accounts.map((a) => [a.role, { username: a.username, password: a.password, displayName: a.displayName }])),
  };
  // The demo installation's Open311 client (issue 5): its key exists only in this file.
  const { createOpen311Client } = await import('./modules/o2o/index.ts');
  file.open311ApiKey = (await createOpen311Client({ db: deps.db, clock: deps.clock, actor: null }, '演示 Open311 客户端 Demo client')).apiKey;
  fs.mkdirSync(deps.config.dataDir, { recursive: true });
  fs.writeFileSync(demoAccountsPath(deps.config), JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  return { seeded: true, counts: result.counts };
}

/** Production mode refuses to serve without an administrator (no default accounts: SECURITY.md item 6). */
export async function assertAdministratorExists(deps: AppDeps): Promise<void> {
  if ((await countAdministrators(deps)) === 0) {
    throw new Error('生产模式（BELLWETHER_DEMO=0）下尚无系统管理员。请先运行：npx bellwether admin create --username <用户名> --name <姓名>\nProduction mode needs an administrator first: npx bellwether admin create --username <name> --name <display name>');
  }
}
