/**
 * The child of the intake crash test (o2o.intake-crash.test.ts): the real app (buildApp, public surface, group
 * commit on) over the database at DATABASE_URL (SQLite file, or PostgreSQL with BW_PG_SCHEMA), listening on
 * 127.0.0.1 with an ephemeral port, the master key in BW_CRASH_KEY (base64). Prints `READY <port>` once listening.
 * The parent sends citizen matters through HTTP and SIGKILLs it. Bundled with esbuild by the parent.
 */
import fs from 'node:fs';
import { buildApp } from '../../../app.ts';
import { loadConfig } from '../../../config.ts';
import { createDatabase } from '../../../db/database.ts';
import { systemClock } from '../../../platform/clock.ts';
import { createFieldCipher } from '../../../platform/crypto.ts';
import { groupCommitterOf } from '../../../platform/group-commit.ts';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const key = process.env.BW_CRASH_KEY;
  if (!url || !key) throw new Error('usage: DATABASE_URL=… BW_CRASH_KEY=… intake-server-child');
  const schema = process.env.BW_PG_SCHEMA;
  const handle = createDatabase(url, schema ? { schema } : {});
  // Every request from its own forwarded address, so the per-IP intake limit does not stand in the way.
  const config = { ...loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent', BELLWETHER_TRUST_PROXY: '1', BELLWETHER_SURFACE: 'public' }), groupCommitMaxBatch: 64 };
  const app = await buildApp({ db: handle.db, dialect: handle.dialect, config, clock: systemClock, cipher: createFieldCipher(Buffer.from(key, 'base64')) }, { serveWeb: false, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  fs.writeSync(1, `READY ${port}\n`);
  // The committer's counters, so the parent can tell that batches of more than one job were committed.
  setInterval(() => {
    const s = groupCommitterOf(handle.db)?.stats;
    if (s) fs.writeSync(1, `STATS ${s.batches} ${s.jobs} ${s.largestBatch}\n`);
  }, 50).unref();
}

main().catch((e: unknown) => {
  fs.writeSync(2, `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
