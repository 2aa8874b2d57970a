/**
 * Child process of the import benchmark (import-bench.ts), so that peak memory is the import's own. Started as
 * `node --expose-gc --import tsx bench/import-child.ts` with its parameters as JSON in BENCH_IMPORT; prints one line
 * `RESULT {json}` on stdout.
 *
 * Phases, in this order, each timed (wall, CPU of this process) with its own peak RSS (VmHWM, reset between phases
 * by writing 5 to /proc/self/clear_refs; the process's overall maxRSS is reported too):
 *   1. import: the product's CLI import path `importPeopleFileAs(deps, { file, username })` (inspect, parse, validate,
 *      encrypt, one transaction with batch row, people, cadres, posts and 20,001 ledger events, commit). It runs
 *      first, in a fresh process, so its peak is not inflated by anything measured after it;
 *   2. exceljs: `new ExcelJS.Workbook().xlsx.load(buffer)` of the same file (baseline 1);
 *   3. read: the product's `inspectXlsx` + `readSheetTable` (the parsing part of the import, for the breakdown);
 *   4. raw: the rows the import wrote (people, cadres, posts, read back), inserted again with fresh keys through the
 *      raw driver (better-sqlite3 prepared statements / PostgreSQL unnest) in one committed transaction, without
 *      validation, encryption or ledger (baseline 2); deleted again afterwards (not timed);
 *   5. (with `breakdown`) the import's two write steps alone on the same re-keyed rows, in a transaction that is rolled
 *      back: the product's insertPeopleRows and appendLedgerEvents of as many events as the import appends.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { IMPORT_LIMITS } from '../contracts/transfer.ts';
import { openDeps } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { parseDatabaseUrl } from '../server/db/dialect.ts';
import { inspectXlsx, readSheetTable } from '../server/platform/excel/index.ts';
import { ROSTER_COLUMNS, importPeopleFileAs } from '../server/modules/transfer/index.ts';
import { insertPeopleRows, type NewPersonBundle } from '../server/modules/people/index.ts';
import { appendLedgerEvents, type LedgerEntry } from '../server/platform/ledger/index.ts';
import type { NewCadreRow, NewPersonRow, NewPostRow } from '../server/db/schema.ts';
import { IGNORED_HEADERS } from '../server/modules/transfer/roster-columns.ts';

export type ImportChildParams = { url: string; dataDir: string; masterKey: string; file: string; username: string; breakdown: boolean };

export type PhaseResult = { wallMs: number; cpuMs: number; peakMB: number | null; rssBeforeMB: number | null };

export type ImportChildResult = {
  startupRssMB: number | null;
  /** VmHWM before the first phase: module loading, migrations check, database open */
  startupPeakMB: number | null;
  peakResettable: boolean;
  maxRssMB: number;
  import: PhaseResult & { created: number; cadres: number; posts: number; serviceMs: number };
  exceljs: PhaseResult & { rows: number };
  read: PhaseResult & { rows: number };
  raw: PhaseResult & { people: number; cadres: number; posts: number };
  /** the import's two write steps on their own (the same rows re-keyed, in a transaction that is rolled back) */
  writes: { insertMs: number; ledgerMs: number } | null;
};

const ROOT = path.resolve(import.meta.dirname, '..');

function status(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

async function phase<T>(fn: () => Promise<T>): Promise<{ value: T; result: PhaseResult; resettable: boolean }> {
  gc?.();
  gc?.();
  const rssBeforeMB = status('VmRSS');
  const resettable = resetPeak();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { value, result: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakMB: status('VmHWM'), rssBeforeMB }, resettable };
}

type Row = Record<string, unknown>;

async function main(): Promise<void> {
  const p = JSON.parse(process.env.BENCH_IMPORT ?? '') as ImportChildParams;
  const config = loadConfig({ DATABASE_URL: p.url, BELLWETHER_DATA_DIR: p.dataDir, BELLWETHER_MASTER_KEY: p.masterKey, BELLWETHER_DEMO: '0', LOG_LEVEL: 'warn' }, ROOT);
  const deps = await openDeps(config);
  try {
    const startupRssMB = status('VmRSS');
    const startupPeakMB = status('VmHWM');

    // 1. the product's import
    const imported = await phase(() => importPeopleFileAs(deps, { file: p.file, username: p.username }));
    const outcome = imported.value;
    if (!outcome.ok) throw new Error(`import rejected: ${outcome.message.en}; ${JSON.stringify(outcome.errors.slice(0, 5))}`);
    const maxRssAfterImportMB = process.resourceUsage().maxRSS / 1024;

    const buffer = fs.readFileSync(p.file);
    // 2. exceljs alone
    const loaded = await phase(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
      return (wb.worksheets[0]?.actualRowCount ?? 1) - 1;
    });
    // 3. the product's parse (inspect + read table)
    const read = await phase(async () => {
      const inspection = await inspectXlsx(buffer);
      const table = await readSheetTable(buffer, inspection, { columns: ROSTER_COLUMNS, ignored: IGNORED_HEADERS, maxRows: IMPORT_LIMITS.maxRows, maxColumns: IMPORT_LIMITS.maxColumns });
      if (!table.ok) throw new Error('header problem');
      return table.table.rows.length;
    });

    // 4. raw insert of the same rows
    const batch = await deps.db.selectFrom('import_batch').select('created_at').where('id', '=', outcome.result.batchId).executeTakeFirstOrThrow();
    const people = (await deps.db.selectFrom('person').selectAll().where('created_at', '=', batch.created_at).execute()) as unknown as Row[];
    const cadres = (await deps.db.selectFrom('cadre').selectAll().where('created_at', '=', batch.created_at).execute()) as unknown as Row[];
    const posts = (await deps.db.selectFrom('post').selectAll().where('created_at', '=', batch.created_at).execute()) as unknown as Row[];
    if (people.length !== outcome.result.created) throw new Error(`read back ${people.length} people, the import created ${outcome.result.created}`);
    const newId = new Map<string, string>();
    for (const r of people) newId.set(r.id as string, uuidv7());
    // Fresh keys; the blind index gets a 'z' (never a hex digit) so the unique index accepts the copies.
    const rawPeople = people.map((r) => ({ ...r, id: newId.get(r.id as string)!, id_number_bidx: r.id_number_bidx ? `z${(r.id_number_bidx as string).slice(1)}` : null }));
    const rawCadres = cadres.map((r) => ({ ...r, person_id: newId.get(r.person_id as string)! }));
    const rawPosts = posts.map((r) => ({ ...r, id: uuidv7(), person_id: newId.get(r.person_id as string)! }));
    const { name, target } = parseDatabaseUrl(p.url);
    let raw: Awaited<ReturnType<typeof phase<void>>>;
    if (name === 'sqlite') {
      const db = new Database(target);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 10000');
      const insertAll = (table: string, rows: Row[]) => {
        if (rows.length === 0) return;
        const cols = Object.keys(rows[0]!);
        const stmt = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
        for (const r of rows) stmt.run(cols.map((c) => r[c]));
      };
      raw = await phase(async () => {
        db.transaction(() => {
          insertAll('person', rawPeople);
          insertAll('cadre', rawCadres);
          insertAll('post', rawPosts);
        }).immediate();
      });
      db.transaction(() => {
        db.exec(`delete from post where person_id in (select id from person where id_number_bidx like 'z%')`);
        db.exec(`delete from cadre where person_id in (select id from person where id_number_bidx like 'z%')`);
        db.exec(`delete from person where id_number_bidx like 'z%'`);
      })();
      db.close();
    } else {
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      const types = new Map<string, string>();
      const cols = await client.query<{ table_name: string; column_name: string; data_type: string }>(
        `select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name in ('person', 'cadre', 'post')`,
      );
      for (const c of cols.rows) types.set(`${c.table_name}.${c.column_name}`, c.data_type);
      const insertAll = async (table: string, rows: Row[]) => {
        if (rows.length === 0) return;
        const names = Object.keys(rows[0]!);
        const casts = names.map((c, i) => `$${i + 1}::${types.get(`${table}.${c}`) ?? 'text'}[]`);
        for (let i = 0; i < rows.length; i += 10_000) {
          const chunk = rows.slice(i, i + 10_000);
          await client.query(
            `insert into ${table} (${names.join(', ')}) select * from unnest(${casts.join(', ')})`,
            names.map((c) => chunk.map((r) => r[c])),
          );
        }
      };
      raw = await phase(async () => {
        await client.query('begin');
        await insertAll('person', rawPeople);
        await insertAll('cadre', rawCadres);
        await insertAll('post', rawPosts);
        await client.query('commit');
      });
      await client.query('begin');
      await client.query(`delete from post where person_id in (select id from person where id_number_bidx like 'z%')`);
      await client.query(`delete from cadre where person_id in (select id from person where id_number_bidx like 'z%')`);
      await client.query(`delete from person where id_number_bidx like 'z%'`);
      await client.query('commit');
      await client.end();
    }
    // 5. (first run only) the import's two write steps on their own: the product's insertPeopleRows (Kysely, 500-row
    //    statements) and appendLedgerEvents of as many events as the import writes, in a transaction rolled back.
    let writes: ImportChildResult['writes'] = null;
    if (p.breakdown) {
      const user = await deps.db.selectFrom('app_user').select('id').where('username', '=', p.username).executeTakeFirstOrThrow();
      const cadreOf = new Map(rawCadres.map((c) => [c.person_id, c]));
      const postsOf = new Map<string, Row[]>();
      for (const post of rawPosts) postsOf.set(post.person_id, [...(postsOf.get(post.person_id) ?? []), post]);
      const bundles: NewPersonBundle[] = rawPeople.map((person) => ({
        person: person as unknown as NewPersonRow,
        cadre: (cadreOf.get(person.id) as unknown as NewCadreRow | undefined) ?? null,
        posts: (postsOf.get(person.id) ?? []) as unknown as NewPostRow[],
      }));
      const entries: LedgerEntry[] = [
        { action: 'import.committed', objectType: 'import_batch', objectId: outcome.result.batchId, orgPath: '/', payload: { kind: 'people', rows: bundles.length } },
        ...bundles.map((b, i) => ({
          action: 'person.created',
          objectType: 'person',
          objectId: b.person.id,
          orgPath: b.person.org_path,
          payload: { via: 'import', batchId: outcome.result.batchId, row: i + 2, fields: ['birthDate', 'ethnicityCode', 'gender', 'idNumber', 'isPartyMember', 'name', 'orgUnitId', 'phone'], idNumberMasked: b.person.id_number_masked ?? null, phoneMasked: b.person.phone_masked ?? null, isCadre: b.cadre !== null },
        })),
      ];
      const ROLLBACK = new Error('rollback');
      let insertMs = 0;
      let ledgerMs = 0;
      await deps.db
        .transaction()
        .execute(async (trx) => {
          let t = process.hrtime.bigint();
          await insertPeopleRows(trx, bundles);
          insertMs = Number(process.hrtime.bigint() - t) / 1e6;
          t = process.hrtime.bigint();
          await appendLedgerEvents(trx, { userId: user.id, role: 'ORG_CADRE_SECTION' }, entries, new Date());
          ledgerMs = Number(process.hrtime.bigint() - t) / 1e6;
          throw ROLLBACK;
        })
        .catch((e: unknown) => {
          if (e !== ROLLBACK) throw e;
        });
      writes = { insertMs, ledgerMs };
    }

    const left = await deps.db.selectFrom('person').select(sql<number>`count(*)`.as('n')).where('id_number_bidx', 'like', 'z%').executeTakeFirstOrThrow();
    if (Number(left.n) !== 0) throw new Error('raw copies were not deleted');

    const result: ImportChildResult = {
      startupRssMB,
      startupPeakMB,
      peakResettable: imported.resettable,
      maxRssMB: maxRssAfterImportMB,
      import: { ...imported.result, created: outcome.result.created, cadres: outcome.result.cadres, posts: outcome.result.posts, serviceMs: outcome.result.durationMs },
      exceljs: { ...loaded.result, rows: loaded.value },
      read: { ...read.result, rows: read.value },
      raw: { ...raw.result, people: rawPeople.length, cadres: rawCadres.length, posts: rawPosts.length },
      writes,
    };
    fs.writeSync(1, `RESULT ${JSON.stringify(result)}\n`);
  } finally {
    await deps.destroy();
  }
}

main().catch((error: unknown) => {
  fs.writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
