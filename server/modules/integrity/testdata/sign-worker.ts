/**
 * Helper process of integrity.concurrency.test.ts: opens its OWN connection (SQLite file or a PostgreSQL schema),
 * builds the actor of one account, waits for "go" on stdin, then signs every listed conclusion in the given
 * slot through the real service (signConclusion), one transaction each, and prints one JSON line of results.
 * Usage: node --import tsx sign-worker.ts DB_URL SCHEMA|- USERNAME ROLE ID:HASH,ID:HASH,…   (env BW_TEST_KEY = hex key)
 */
import { createDatabase } from '../../../db/database.ts';
import { loadConfig } from '../../../config.ts';
import { systemClock } from '../../../platform/clock.ts';
import { createFieldCipher } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/errors.ts';
import { buildActor } from '../../auth/auth.service.ts';
import { signConclusion } from '../integrity.service.ts';

const [url, schema, username, role, list] = process.argv.slice(2);
if (!url || !schema || !username || !role || !list) throw new Error('usage: sign-worker.ts DB_URL SCHEMA USERNAME ROLE ID:HASH,…');
const handle = createDatabase(url, schema === '-' ? {} : { schema, poolSize: 2 });
const deps = { db: handle.db, dialect: handle.dialect, config: loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent' }), clock: systemClock, cipher: createFieldCipher(Buffer.from(process.env.BW_TEST_KEY ?? '', 'hex')) };
const user = await handle.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const actor = await buildActor(deps, user, 'worker-session', new Date());

process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const results: Record<string, number> = {};
for (const item of list.split(',')) {
  const [id, contentHash] = item.split(':') as [string, string];
  let outcome: string;
  try {
    await signConclusion({ ...deps, actor }, id, { role: role as 'SECRETARY' | 'DISCIPLINE', contentHash });
    outcome = 'signed';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    outcome = e.code;
  }
  results[outcome] = (results[outcome] ?? 0) + 1;
}
await handle.destroy();
process.stdout.write(`${JSON.stringify(results)}\n`);
process.stdin.destroy();
