/**
 * Backup and restore (SECURITY.md 28d): an online backup taken while the database is open restores to a database
 * that passes integrity_check and the ledger verifier (with its signed checkpoint), with the same row counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDeps, seedDemoIfEmpty } from '../bootstrap.ts';
import { copyDemoSqliteFile } from '../test/demo-fixture.ts';
import { loadConfig } from '../config.ts';
import { inTransaction } from '../db/database.ts';
import { backupSqlite, integrityCheck, restoreSqlite, tableRowCounts } from './backup.ts';
import { appendLedgerEvent, createCheckpoint, exportCheckpoint, loadLedgerSigner, verifyLedger } from './ledger/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup and restore (SQLite)', () => {
  it('restores an online backup that passes integrity_check and the ledger verifier with equal row counts', async () => {
    // The seeded demo county of this test run (demo-fixture.ts), copied in as the live database.
    const { masterKey } = await copyDemoSqliteFile(path.join(dir, 'bellwether.sqlite'));
    const config = loadConfig({ BELLWETHER_DATA_DIR: dir, LOG_LEVEL: 'silent', BELLWETHER_DEMO: '1', BELLWETHER_MASTER_KEY: masterKey });
    const deps = await openDeps(config);
    expect((await seedDemoIfEmpty(deps)).seeded).toBe(false);
    const signer = loadLedgerSigner({ keyFile: config.ledgerKeyFile, createIfMissing: true });
    const checkpoint = await createCheckpoint(deps.db, signer, deps.clock);
    const external = JSON.parse(JSON.stringify(exportCheckpoint(checkpoint))) as ReturnType<typeof exportCheckpoint>; // as held off-box

    const dbFile = path.join(dir, 'bellwether.sqlite');
    const backup = path.join(dir, 'backups', 'bw.sqlite');
    expect(backupSqlite(dbFile, backup)).toBe('ok'); // taken while the database is open
    const countsAtBackup = tableRowCounts(backup);
    expect(() => backupSqlite(dbFile, backup)).toThrow(/exists/);

    // Work continues after the backup; the restore brings back the state at backup time.
    await inTransaction(deps.db, (trx) => appendLedgerEvent(trx, { userId: null, role: 'TEST' }, { action: 'test.after_backup', objectType: 'system', objectId: 'x', orgPath: '/' }, deps.clock.now()));
    await deps.destroy();
    expect(tableRowCounts(dbFile).ledger_event).toBe(countsAtBackup.ledger_event! + 1);

    const { keptAs } = restoreSqlite(backup, dbFile);
    expect(keptAs && fs.existsSync(keptAs)).toBeTruthy();
    expect(integrityCheck(dbFile)).toBe('ok');
    expect(tableRowCounts(dbFile)).toEqual(countsAtBackup);
    expect(countsAtBackup.person).toBeGreaterThan(5000);

    const restored = await openDeps(config);
    try {
      const verdict = await verifyLedger({ db: restored.db, publicKeyPem: signer.publicKeyPem, checkpoints: [external] });
      expect(verdict).toMatchObject({ ok: true });
    } finally {
      await restored.destroy();
    }
  });

  it('refuses to restore a corrupt file and leaves the database untouched', () => {
    const bad = path.join(dir, 'bad.sqlite');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    const target = path.join(dir, 'target.sqlite');
    fs.writeFileSync(target, 'keep me');
    expect(() => restoreSqlite(bad, target)).toThrow();
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
  });
});
