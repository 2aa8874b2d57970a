// `npm test`: typecheck, lint, build the web app if stale, then every test (unit, integration on SQLite and
// PostgreSQL, browser). Ends with the plain line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildWebIfStale } from './web-build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const env = { ...process.env };
const CI = env.CI === 'true' || env.CI === '1';

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  return r.status ?? 1;
}

async function postgresReachable(url) {
  try {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await client.connect();
    await client.query('select 1');
    await client.end();
    return true;
  } catch {
    return false;
  }
}

let failedChecks = 0;
failedChecks += step('typecheck (tsc)', bin('tsc'), ['-p', '.', '--noEmit']) === 0 ? 0 : 1;
failedChecks += step('lint (eslint)', bin('eslint'), ['.']) === 0 ? 0 : 1;

console.log('\n▶ web build');
buildWebIfStale();

// PostgreSQL: PG_URL, else DATABASE_URL, else this machine's default server when it answers.
if (!env.PG_URL && !(env.DATABASE_URL ?? '').startsWith('postgres')) {
  const local = 'postgres://postgres@127.0.0.1:5432/test';
  if (await postgresReachable(local)) env.PG_URL = local;
}
const pgUrl = env.PG_URL || ((env.DATABASE_URL ?? '').startsWith('postgres') ? env.DATABASE_URL : '');
if (pgUrl && !(await postgresReachable(pgUrl))) {
  console.error(`\n!!! PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//***@')} does not answer.`);
  if (!CI) delete env.PG_URL;
}
if (!env.PG_URL && !pgUrl) console.warn(`\n${'!'.repeat(78)}\n!!! No PostgreSQL server: database tests run on SQLite only${CI ? ' — and FAIL because CI=true requires PostgreSQL' : ''}.\n${'!'.repeat(78)}`);
if (!fs.existsSync('/usr/bin/chromium')) console.warn(`\n${'!'.repeat(78)}\n!!! /usr/bin/chromium is missing: browser tests are ${CI ? 'required (CI=true) and will FAIL' : 'SKIPPED'} (apt-get install chromium fonts-noto-cjk).\n${'!'.repeat(78)}`);

fs.mkdirSync(path.join(ROOT, '.ci'), { recursive: true });
const report = path.join(ROOT, '.ci', 'vitest.json');
fs.rmSync(report, { force: true });
const testStatus = step('tests (vitest: server + e2e)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  // A file that fails to load (or whose beforeAll throws) has no failed test of its own: count the file.
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed = (r.numFailedTests ?? 0) + brokenFiles;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else if (testStatus !== 0) failed = 1;
failed += failedChecks;
if (failedChecks) console.log(`\n${failedChecks} check step(s) failed (typecheck/lint)`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(testStatus !== 0 || failed > 0 ? 1 : 0);
