/**
 * Bench server (child process of bench/run.ts, so the load generator does not share its event loop).
 *
 * Configuration comes from the environment exactly as for `bellwether serve` (loadConfig): DATABASE_URL,
 * BELLWETHER_DATA_DIR, BELLWETHER_MASTER_KEY, LOG_LEVEL. The database must already be migrated and seeded.
 * It serves two Fastify instances from this one process:
 * - the real application (buildApp, every plugin and module) on an ephemeral port;
 * - the baseline: a bare Fastify instance (no plugins, no logger) whose `GET /bare` returns a small JSON object.
 * It reports both ports over IPC ({ type: 'ready', appPort, barePort, describe }) and closes on 'stop' or SIGTERM.
 */
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { openDeps } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';

export type ServeReady = { type: 'ready'; appPort: number; barePort: number; describe: string };

const config = loadConfig();
const deps = await openDeps(config);
const app = await buildApp(deps);
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ ok: true, service: 'bellwether', items: [1, 2, 3] }));

// Requests the application is still working on. A slow route keeps working after the load generator hung up (the
// socket closes at once, but the handler still runs and finally calls res.end), so the parent waits for zero
// between measurements: one measurement's backlog must not leak into the next.
let inflight = 0;
app.server.prependListener('request', (_req, res) => {
  inflight++;
  let ended = false;
  const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
  res.end = ((...args: unknown[]) => {
    if (!ended) {
      ended = true;
      inflight--;
    }
    return end(...args);
  }) as typeof res.end;
});
bare.get('/inflight', async () => ({ inflight }));

await app.listen({ host: '127.0.0.1', port: 0 });
await bare.listen({ host: '127.0.0.1', port: 0 });

const portOf = (server: typeof app.server): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bench server: no TCP address');
  return address.port;
};
const ready: ServeReady = { type: 'ready', appPort: portOf(app.server), barePort: portOf(bare.server), describe: deps.describe };

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await app.close();
  for (let i = 0; i < 600 && inflight > 0; i++) await new Promise((r) => setTimeout(r, 100));
  await bare.close();
  await deps.destroy();
  process.exit(0);
}

process.on('message', (m) => {
  if (m === 'stop') void shutdown();
});
process.on('SIGTERM', () => void shutdown());
process.on('disconnect', () => void shutdown());

if (process.send) process.send(ready);
else console.log(JSON.stringify(ready));
