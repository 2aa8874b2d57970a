/**
 * A real server for browser tests: a temporary data directory with an SQLite file, the demo county, the built web
 * app, listening on 127.0.0.1 on a random port. Accounts come from the generated demo-accounts.json.
 *
 * The demo county is seeded once per test run into a template data directory (SQLite file, keys, demo-accounts.json)
 * and copied for each server, so ten browser test files do not seed it ten times; `{ fresh: true }` starts on an empty
 * directory instead, seeding on start exactly as `npm start` does on a fresh clone (the platform test uses it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDeps, seedDemoIfEmpty, type DemoAccountsFile } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { runDir } from './demo-fixture.ts';

const serverConfig = (dataDir: string) => loadConfig({ BELLWETHER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BELLWETHER_DEMO: '1' });

/** The seeded template data directory of this run (browser test files run one after another). */
async function seededTemplate(): Promise<string> {
  const dir = path.join(runDir(), 'server-template');
  if (fs.existsSync(path.join(dir, 'READY'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const deps = await openDeps(serverConfig(dir));
  try {
    await seedDemoIfEmpty(deps);
  } finally {
    await deps.destroy();
  }
  fs.writeFileSync(path.join(dir, 'READY'), '');
  return dir;
}

export async function startTestServer(options: { fresh?: boolean } = {}): Promise<{ url: string; accounts: Record<string, { username: string; password: string }>; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bellwether-e2e-'));
  if (!options.fresh) fs.cpSync(await seededTemplate(), dataDir, { recursive: true, filter: (src) => path.basename(src) !== 'READY' });
  const config = serverConfig(dataDir);
  if (!fs.existsSync(path.join(config.webDist, 'index.html'))) throw new Error('web/dist is missing: run `npx vite build` first (npm test does)');
  const server = await startServer(config);
  const file = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccountsFile;
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    accounts: file.accounts,
    close: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
