/**
 * A real server for browser tests: a fresh temporary data directory with an SQLite file, the demo county, the
 * built web app, listening on 127.0.0.1 on a random port. Accounts come from the generated demo-accounts.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoAccountsFile } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';

export async function startTestServer(): Promise<{ url: string; accounts: Record<string, { username: string; password: string }>; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bellwether-e2e-'));
  const config = loadConfig({ BELLWETHER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BELLWETHER_DEMO: '1' });
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
