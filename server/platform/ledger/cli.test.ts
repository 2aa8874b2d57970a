/**
 * `npx bellwether ledger …` as an operator runs it: a separate process on a read-only COPY of the SQLite file, with
 * the pinned public key and a checkpoint file held outside the database. One-line verdict, exit 0 / 1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createDatabase, inTransaction, migrateToLatest } from '../../db/database.ts';
import { FakeClock } from '../clock.ts';
import { createCheckpoint, exportCheckpoint } from './checkpoint.ts';
import { appendLedgerEvent } from './ledger.ts';
import { runLedgerCommand } from './ledger-cli.ts';
import { generateLedgerKeyFile, ledgerPublicKeyPath } from './signing-key.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-ledger-cli-'));
const keyFile = path.join(tmp, 'keys', 'ledger-ed25519.pem');
const pubFile = ledgerPublicKeyPath(keyFile);
const dbFile = path.join(tmp, 'live.sqlite');
const checkpointFile = path.join(tmp, 'checkpoint-50.json');

type Run = { code: number | null; stdout: string; stderr: string };

function bellwether(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, BELLWETHER_DATA_DIR: path.join(tmp, 'data'), BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent', ...env };
    if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, ['bin/bellwether.mjs', ...args], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function copyDb(name: string, tamper?: (db: Database.Database) => void): string {
  const file = path.join(tmp, name);
  fs.copyFileSync(dbFile, file);
  if (tamper) {
    const db = new Database(file);
    tamper(db);
    db.close();
  }
  return file;
}

describe('bellwether ledger (CLI)', () => {
  beforeAll(async () => {
    const signer = generateLedgerKeyFile(keyFile);
    const handle = createDatabase(`sqlite:${dbFile}`);
    await migrateToLatest(handle.db);
    const clock = new FakeClock('2026-11-26T08:00:00.000Z');
    for (let i = 1; i <= 50; i++) {
      clock.advanceMinutes(1);
      await inTransaction(handle.db, (trx) => appendLedgerEvent(trx, { userId: 'u1', role: 'ORG_HEAD' }, { action: 'cadre.update', objectType: 'cadre', objectId: `c${i % 5}`, orgPath: '/1/', payload: { i } }, clock.now()));
      if (i === 40) await createCheckpoint(handle.db, signer, clock);
    }
    fs.writeFileSync(checkpointFile, JSON.stringify(exportCheckpoint(await createCheckpoint(handle.db, signer, clock)), null, 2));
    await handle.destroy(); // last connection closed: the WAL is folded into the file, so a plain copy is complete
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // Each spawn loads the whole CLI (about 3 s of CPU), so the cases are few and run in parallel; the tamper cases
  // themselves are covered in tamper.test.ts.
  it('verifies an intact copy (exit 0) and names the first problem of a tampered one (exit 1), on one line', async () => {
    const intact = copyDb('intact.sqlite');
    const edited = copyDb('edited.sqlite', (db) => {
      db.exec('drop trigger ledger_event_no_update');
      db.prepare('update ledger_event set payload = ? where seq = 7').run('{"i":70}');
    });
    const verify = (file: string) => bellwether(['ledger', 'verify', '--db', file, '--checkpoint', checkpointFile, '--pubkey', pubFile]);
    const [ok, bad] = await Promise.all([verify(intact), verify(edited)]);

    const root = Buffer.from((JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as { root: string }).root, 'base64').toString('hex');
    expect(ok.stdout).toMatch(new RegExp(`^OK: 50 events, root ${root}, chain head [0-9a-f]{64}, 3 checkpoints verified \\(1 external\\)\n$`));
    expect(ok.code).toBe(0);
    expect(bad).toMatchObject({ code: 1, stdout: 'FAILED: leaf hash mismatch at seq 7\n' });
    // read-only: the verifier did not change the copy
    const db = new Database(intact, { readonly: true });
    expect(db.prepare('select count(*) n from ledger_event').pluck().get()).toBe(50);
    db.close();
  });

  // The other subcommands in-process (same code path after argument parsing, without the process start-up cost).
  it('prove prints an inclusion proof that check-proof accepts from hashes alone; checkpoint and keygen write files', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l) };
    const config = loadConfig({ BELLWETHER_DATA_DIR: path.join(tmp, 'data'), BELLWETHER_DEMO: '0', DATABASE_URL: `sqlite:${copyDb('checkpoint.sqlite')}`, BELLWETHER_LEDGER_KEY_FILE: keyFile });
    const proofFile = path.join(tmp, 'proof-13.json');
    expect(await runLedgerCommand(['prove', '13', '--db', copyDb('prove.sqlite'), '--out', proofFile], config, io)).toBe(0);
    expect(await runLedgerCommand(['check-proof', proofFile, '--pubkey', pubFile], config, io)).toBe(0);
    expect(lines.pop()).toMatch(/^OK: event seq 13 is in the ledger tree of size 50 with root [0-9a-f]{64}$/);
    const proof = JSON.parse(fs.readFileSync(proofFile, 'utf8')) as { auditPath: string[] };
    const forged = path.join(tmp, 'proof-forged.json');
    fs.writeFileSync(forged, JSON.stringify({ ...proof, auditPath: [...proof.auditPath].reverse() }));
    expect(await runLedgerCommand(['check-proof', forged], config, io)).toBe(1);
    expect(lines.pop()).toMatch(/^FAILED: inclusion proof does not verify/);

    const consistencyFile = path.join(tmp, 'consistency.json');
    expect(await runLedgerCommand(['consistency', '40', '50', '--db', copyDb('consistency.sqlite'), '--out', consistencyFile], config, io)).toBe(0);
    expect(await runLedgerCommand(['check-proof', consistencyFile, '--pubkey', pubFile], config, io)).toBe(0);
    expect(lines.pop()).toBe('OK: the ledger tree of size 40 is a prefix of the tree of size 50');

    const newCheckpoint = path.join(tmp, 'checkpoint-new.json');
    expect(await runLedgerCommand(['checkpoint', '--out', newCheckpoint], config, io)).toBe(0);
    expect(JSON.parse(fs.readFileSync(newCheckpoint, 'utf8'))).toMatchObject({ treeSize: 50, alg: 'sha256' });
    expect(await runLedgerCommand(['checkpoint', '--out', newCheckpoint], config, io)).toBe(2); // never overwrites
    expect(await runLedgerCommand(['keygen'], config, io)).toBe(2); // the key exists
    expect(await runLedgerCommand(['verify', '--db', path.join(tmp, 'nope.sqlite'), '--pubkey', pubFile], config, io)).toBe(2);
    expect(await runLedgerCommand(['frobnicate'], config, io)).toBe(2);
    const fresh = loadConfig({ BELLWETHER_DATA_DIR: path.join(tmp, 'fresh') });
    expect(await runLedgerCommand(['keygen'], fresh, io)).toBe(0);
    expect(fs.existsSync(ledgerPublicKeyPath(fresh.ledgerKeyFile))).toBe(true);
  });
});
