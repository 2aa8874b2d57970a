/**
 * The child of the crash test (transfer.crash.test.ts, SECURITY.md §6.4 / §9 case 27). It imports the roster
 * files DIR/roster-<k>.xlsx for k = START, START+1, … (written by the parent, 3,000 rows each) into the SQLite
 * file DB through the CLI import path, until a file is missing, and reports on stdout:
 *
 *   READY <journal_mode> <synchronous>   database open, pragmas as set by db/dialect.ts
 *   TX <k>                               the import transaction of file k has begun (BEGIN IMMEDIATE issued)
 *   COMMITTED <k> <batchId>              COMMIT returned for file k
 *   SKIPPED <k>                          file k had already been imported (409)
 *
 * The parent SIGKILLs it at random moments. Usage: crash-import-child DB_FILE DIR START USERNAME with the
 * master key in BW_CRASH_KEY (base64). The parent bundles this file with esbuild so each start is quick.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { loadConfig } from '../../../config.ts';
import { createDatabase } from '../../../db/database.ts';
import type { Database } from '../../../db/schema.ts';
import { systemClock } from '../../../platform/clock.ts';
import { createFieldCipher } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/errors.ts';
import { importPeopleFileAs } from '../transfer.service.ts';

const say = (line: string): void => {
  // Synchronous write: the line is in the pipe before the next statement runs (and before any SIGKILL).
  fs.writeSync(1, `${line}\n`);
};

async function main(): Promise<void> {
  const [dbFile, dir, startArg, username] = process.argv.slice(2);
  if (!dbFile || !dir || !startArg || !username || !process.env.BW_CRASH_KEY) throw new Error('usage: crash-import-child DB_FILE DIR START USERNAME (BW_CRASH_KEY set)');
  const handle = createDatabase(`sqlite:${dbFile}`);
  const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
  const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
  let current = -1;
  // Announce the start of each import transaction (the service opens it through db.transaction()).
  const traced = new Proxy(handle.db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => {
          const builder = target.transaction();
          return {
            execute: <T>(fn: (trx: Kysely<Database>) => Promise<T>) =>
              builder.execute(async (trx) => {
                say(`TX ${current}`);
                return fn(trx);
              }),
          };
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const deps = {
    db: traced,
    dialect: handle.dialect,
    config: loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent' }),
    clock: systemClock,
    cipher: createFieldCipher(Buffer.from(process.env.BW_CRASH_KEY, 'base64')),
  };
  say(`READY ${mode.rows[0]?.journal_mode ?? '?'} ${sync.rows[0]?.synchronous ?? '?'}`);
  for (let k = Number(startArg); ; k++) {
    current = k;
    const file = path.join(dir, `roster-${k}.xlsx`);
    if (!fs.existsSync(file)) break;
    try {
      const outcome = await importPeopleFileAs(deps, { file, username });
      if (!outcome.ok) throw new Error(`file ${k} rejected: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
      say(`COMMITTED ${k} ${outcome.result.batchId}`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'ALREADY_IMPORTED') say(`SKIPPED ${k}`);
      else throw error;
    }
  }
  await handle.destroy();
}

main().catch((error: unknown) => {
  fs.writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
