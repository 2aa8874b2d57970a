/**
 * Bench server of §7 (issue 5 intake), a child process of bench/o2o-bench.ts so the load generator does not share its
 * event loop. Configuration from the environment as for `bellwether serve` (loadConfig); the database must already be
 * migrated and seeded, and hold the table `bench_bare (id text primary key, v text not null)`.
 *
 * Two Fastify instances in this one process, on one database handle (`deps.db`, the product's pool / SQLite file):
 * - the real application (buildApp, every plugin and module) on an ephemeral port;
 * - the baseline: a bare Fastify instance (no plugins, no logger) whose `POST /bare` inserts the request body as one row
 *   in its own transaction (one durable commit per request, nothing else), plus the bench's controls:
 *   `GET /inflight`, `POST /group-commit {maxBatch}` (configureGroupCommit on deps.db; 1 = off) and
 *   `GET /group-commit` (the committer's stats: batches, jobs, largest batch).
 * Reports both ports over IPC ({ type: 'ready', appPort, barePort, describe }) and closes on 'stop' or SIGTERM.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { openDeps } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { inTransaction } from '../server/db/database.ts';
import { configureGroupCommit, groupCommitterOf } from '../server/platform/group-commit.ts';
import type { ServeReady } from './serve.ts';

const config = loadConfig();
const deps = await openDeps(config);
const app = await buildApp(deps);
const bare = Fastify({ logger: false });

let bareInflight = 0;
bare.post('/bare', async (request) => {
  bareInflight++;
  try {
    await inTransaction(deps.db, async (trx) => {
      await sql`insert into bench_bare (id, v) values (${randomUUID()}, ${JSON.stringify(request.body)})`.execute(trx);
    });
    return { ok: true };
  } finally {
    bareInflight--;
  }
});

// Requests the application is still working on (see serve.ts): the parent waits for zero between measurements.
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
bare.get('/inflight', async () => ({ inflight: inflight + bareInflight }));
bare.post('/group-commit', async (request) => {
  const { maxBatch } = request.body as { maxBatch: number };
  return configureGroupCommit(deps.db, maxBatch).stats;
});
bare.get('/group-commit', async () => groupCommitterOf(deps.db)?.stats ?? null);

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
  for (let i = 0; i < 600 && inflight + bareInflight > 0; i++) await new Promise((r) => setTimeout(r, 100));
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
