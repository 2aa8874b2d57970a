import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { inTransaction } from '../../db/database.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/test-db.ts';
import { FakeClock } from '../clock.ts';
import { createCheckpoint, exportCheckpoint, parseExportedCheckpoint, signCheckpoint, startCheckpointTimer } from './checkpoint.ts';
import { appendLedgerEvent } from './ledger.ts';
import { emptyRoot } from './merkle.ts';
import { describeLedgerProtection } from './protection.ts';
import { generateLedgerKeyFile, generateLedgerSigner, ledgerPublicKeyPath, loadLedgerSigner, publicKeyFingerprint } from './signing-key.ts';
import { verifyLedger } from './verify.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-ledger-cp-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('ledger signing key file', () => {
  it('lives outside the database: generated on first use in demo mode only, never overwritten, public key beside it', () => {
    const config = loadConfig({ BELLWETHER_DATA_DIR: tmp });
    expect(config.ledgerKeyFile).toBe(path.join(tmp, 'keys', 'ledger-ed25519.pem'));
    expect(() => loadLedgerSigner({ keyFile: config.ledgerKeyFile, createIfMissing: false })).toThrow(/npx bellwether ledger keygen/);
    const created = loadLedgerSigner({ keyFile: config.ledgerKeyFile, createIfMissing: true });
    expect(created.created).toBe(true);
    expect(fs.statSync(config.ledgerKeyFile).mode & 0o777).toBe(0o600);
    const pub = ledgerPublicKeyPath(config.ledgerKeyFile);
    expect(pub).toBe(path.join(tmp, 'keys', 'ledger-ed25519.pub.pem'));
    expect(publicKeyFingerprint(fs.readFileSync(pub, 'utf8'))).toBe(created.keyId);
    expect(created.keyId).toMatch(/^SHA256:[A-Za-z0-9+/]{43}=$/);
    const again = loadLedgerSigner({ keyFile: config.ledgerKeyFile, createIfMissing: true });
    expect(again).toMatchObject({ created: false, keyId: created.keyId });
    expect(() => generateLedgerKeyFile(config.ledgerKeyFile)).toThrow(/not overwritten/);
    expect(loadConfig({ BELLWETHER_DATA_DIR: tmp, BELLWETHER_LEDGER_KEY_FILE: '/etc/bw/ledger.pem' }).ledgerKeyFile).toBe('/etc/bw/ledger.pem');
  });

  it('parses exported checkpoints strictly', () => {
    const key = generateLedgerSigner();
    const cp = signCheckpoint(key, { alg: 'sha256', treeSize: 3, root: Buffer.alloc(32, 1), chainHead: Buffer.alloc(32, 2), ts: '2026-11-26T08:00:00.000Z' });
    const exported = exportCheckpoint(cp);
    expect(parseExportedCheckpoint(JSON.stringify(exported))).toEqual(cp);
    expect(() => parseExportedCheckpoint('{')).toThrow('malformed checkpoint: not JSON');
    expect(() => parseExportedCheckpoint({ ...exported, root: exported.root.slice(4) })).toThrow(/root has 29 bytes/);
    expect(() => parseExportedCheckpoint({ ...exported, treeSize: -1 })).toThrow(/treeSize/);
    expect(() => parseExportedCheckpoint({ ...exported, alg: 'md5' })).toThrow(/unsupported hash/);
    expect(() => parseExportedCheckpoint({ ...exported, signature: 'not base64!' })).toThrow(/signature is not base64/);
  });
});

describe.each(TEST_DIALECTS)('checkpoints and verifier on %s', (dialect) => {
  let t: TestDatabase;
  const key = generateLedgerSigner();
  const clock = new FakeClock('2026-11-26T08:00:00.000Z');
  const append = (n: number) =>
    inTransaction(t.db, async (trx) => {
      for (let i = 0; i < n; i++) {
        clock.advanceMinutes(1);
        await appendLedgerEvent(trx, { userId: 'u', role: 'ORG_HEAD' }, { action: 'test', objectType: 'x', objectId: String(i), orgPath: '/' }, clock.now());
      }
    });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('an empty ledger verifies with the empty root; the hourly timer signs only when the log grew', async () => {
    const empty = await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem });
    expect(empty).toMatchObject({ ok: true, size: 0, root: emptyRoot().toString('hex'), warnings: [expect.stringMatching(/^no checkpoints/)] });

    const config = { ...loadConfig({ BELLWETHER_DATA_DIR: tmp }), demo: false };
    const lines: string[] = [];
    const timer = startCheckpointTimer({ db: t.db, config, clock }, { signer: key, runAtStart: false, log: (l) => lines.push(l) });
    try {
      expect(await timer.runNow()).toBeNull();
      await append(3);
      expect((await timer.runNow())?.treeSize).toBe(3);
      expect(await timer.runNow()).toBeNull();
      await append(2);
      const second = await timer.runNow();
      expect(second?.treeSize).toBe(5);
      expect(lines).toHaveLength(2);
      const verdict = await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem, checkpoints: [exportCheckpoint(second!)], batchSize: 2 });
      expect(verdict).toMatchObject({ ok: true, size: 5, checkpoints: { stored: 2, external: 1 }, root: second!.root.toString('hex') });
    } finally {
      await timer.stop();
    }
    // production without a key file: the timer refuses to start and says how to create one
    expect(() => startCheckpointTimer({ db: t.db, config: { ...config, ledgerKeyFile: path.join(tmp, 'missing', 'k.pem') }, clock })).toThrow(/ledger keygen/);
  });

  it('rejects malformed external checkpoints, foreign hash algorithms and a bad pinned key', async () => {
    const cp = await createCheckpoint(t.db, key, clock);
    const exported = exportCheckpoint(cp);
    expect(await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem, checkpoints: [{ ...exported, chainHead: 'AAAA' }] })).toMatchObject({ ok: false, problem: expect.stringMatching(/^external checkpoint #1: malformed checkpoint: chainHead has 3 bytes/) });
    const sm3 = exportCheckpoint(signCheckpoint(key, { alg: 'sm3', treeSize: cp.treeSize, root: cp.root, chainHead: cp.chainHead, ts: cp.ts }));
    expect(await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem, checkpoints: [sm3] })).toMatchObject({ ok: false, problem: 'external checkpoint at tree size 5 uses hash sm3, the ledger uses sha256' });
    expect(await verifyLedger({ db: t.db, publicKeyPem: 'not a key' })).toMatchObject({ ok: false, problem: 'pinned public key: not a PEM public key' });
  });

  it('names a gap in the sequence', async () => {
    if (dialect === 'sqlite') await sql.raw('drop trigger ledger_event_no_delete').execute(t.db);
    else await sql.raw('drop trigger ledger_event_no_update on ledger_event').execute(t.db);
    await t.db.deleteFrom('ledger_event').where('seq', '=', 4).execute();
    expect(await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem })).toMatchObject({ ok: false, problem: 'sequence gap: seq 4 is missing (next is 5)', seq: 4 });
  });

  it('describes the append-only protection of both ledger tables', async () => {
    const p = await describeLedgerProtection(t.db);
    const checkpointTable = p.tables.find((x) => x.table === 'ledger_checkpoint')!;
    expect(checkpointTable).toMatchObject({ updateBlockedByTrigger: true, deleteBlockedByTrigger: true });
    // the previous test dropped ledger_event's delete guard
    expect(p.notes).toContain('ledger_event: append-only trigger missing');
    if (dialect === 'postgres') {
      expect(checkpointTable).toMatchObject({ truncateBlockedByTrigger: true, roleIsOwner: true });
    }
  });
});
