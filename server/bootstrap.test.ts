/**
 * Start-up on an embedded database: demo mode loads the county once and writes demo-accounts.json privately;
 * nothing regulated is stored in clear; production mode refuses to serve without an administrator.
 */
import { ROLES } from '../contracts/enums.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertAdministratorExists, demoAccountsPath, openDeps, seedDemoIfEmpty } from './bootstrap.ts';
import { copyDemoSqliteFile } from './test/demo-fixture.ts';
import { loadConfig } from './config.ts';
import { generateDemoCounty } from './modules/demo/demo-county.generator.ts';
import { createUser } from './modules/users/index.ts';
import { validateIdNumber } from './platform/id-number.ts';
import { verifyLedgerChain } from './platform/ledger/index.ts';

const dirs: string[] = [];
function tempConfig(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-boot-'));
  dirs.push(dir);
  return loadConfig({ BELLWETHER_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('bootstrap', () => {
  it('demo mode: loads the county once, writes accounts privately, stores no ID number or phone in clear', async () => {
    const config = tempConfig({ BELLWETHER_DEMO: '1' });
    const deps = await openDeps(config);
    const first = await seedDemoIfEmpty(deps);
    expect(first.seeded).toBe(true);
    expect((await seedDemoIfEmpty(deps)).seeded).toBe(false);
    const file = demoAccountsPath(config);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const demoFile = JSON.parse(fs.readFileSync(file, 'utf8')) as { accounts: Record<string, { username: string; password: string }>; open311ApiKey: string };
    const accounts = demoFile.accounts;
    expect(Object.keys(accounts)).toHaveLength(ROLES.length);
    // the demo Open311 client's key, stored only as a hash in the database
    expect(demoFile.open311ApiKey).toMatch(/^\S{20,}$/);
    const hashes = await deps.db.selectFrom('app_user').select('password_hash').execute();
    expect(hashes.every((h) => h.password_hash.startsWith('$argon2id$'))).toBe(true);
    expect(await verifyLedgerChain(deps.db)).toMatchObject({ ok: true });
    expect(fs.statSync(config.keyFile).mode & 0o777).toBe(0o600);
    await deps.destroy();

    // Scan the database file (the WAL is checkpointed on close) for anything that looks like a real ID number or a demo phone.
    const bytes = fs.readFileSync(path.join(config.dataDir, 'bellwether.sqlite')).toString('latin1');
    const ids = (bytes.match(/\d{17}[\dX]/g) ?? []).filter((m) => validateIdNumber(m).ok);
    expect(ids).toEqual([]);
    const demo = generateDemoCounty();
    const phones = new Set(demo.people.map((p) => p.phone).filter(Boolean));
    expect((bytes.match(/1[3-9]\d{9}/g) ?? []).filter((m) => phones.has(m))).toEqual([]);
    for (const a of Object.values(accounts)) expect(bytes).not.toContain(a.password);
  });

  it('production mode: no demo data, and no start without an administrator', async () => {
    const config = tempConfig({ BELLWETHER_DEMO: '0' });
    const deps = await openDeps(config);
    await expect(assertAdministratorExists(deps)).rejects.toThrow(/admin create/);
    await createUser(deps, null, { username: 'admin.li', displayName: '李管理员', password: 'plum-orchard-river-2026' }, [{ role: 'SYS_ADMIN', orgUnitId: null }]);
    await expect(assertAdministratorExists(deps)).resolves.toBeUndefined();
    expect(await deps.db.selectFrom('person').select('id').executeTakeFirst()).toBeUndefined();
    await deps.destroy();
  });

  it('refuses to invent a key for a database that already holds encrypted data', async () => {
    // A database full of envelopes (the demo county of this test run, demo-fixture.ts) and no key file next to it.
    const config = tempConfig({ BELLWETHER_DEMO: '1' });
    await copyDemoSqliteFile(config.databaseUrl.slice('sqlite:'.length));
    expect(fs.existsSync(config.keyFile)).toBe(false);
    await expect(openDeps(config)).rejects.toThrow(/主密钥/);
  });
});
