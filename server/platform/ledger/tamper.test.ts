/**
 * SECURITY.md §4.3 T1-T11 on SQLite and PostgreSQL. One ledger of 50 events (appended through appendLedgerEvent
 * inside transactions) with signed checkpoints at 40 and 50; the one at 50 is exported and held "outside". Every
 * attack runs on its own copy of that database.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/database.ts';
import { createAppendOnlyGuard } from '../../db/dialect.ts';
import type { Database, LedgerEventRow } from '../../db/schema.ts';
import { FakeClock } from '../clock.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/test-db.ts';
import { checkpointToRow, computeTreeHead, createCheckpoint, exportCheckpoint, listCheckpoints, signCheckpoint, type ExportedCheckpoint } from './checkpoint.ts';
import { appendLedgerEvent, chainHash, GENESIS_CHAIN, leafHash, type LedgerEventRecord } from './ledger.ts';
import { verifyConsistency, verifyInclusion } from './merkle.ts';
import { checkProofDocument, proveConsistency, proveInclusion } from './proofs.ts';
import { describeLedgerProtection } from './protection.ts';
import { ledgerDb, recordOf, type LedgerCheckpointTable } from './scan.ts';
import { generateLedgerSigner, type LedgerSigner } from './signing-key.ts';
import { verifyLedger } from './verify.ts';

const T0 = Date.parse('2026-11-26T08:00:00.000Z');
const at = (i: number) => new Date(T0 + i * 60_000);
const ACTIONS = ['cadre.update', 'dossier.view', 'selection.motion', 'selection.vote-summary', 'id.reveal'];

/** The county's checkpoint key (its public key is pinned in the verifier) and an attacker's own key. */
const countyKey = generateLedgerSigner();
const attackerKey = generateLedgerSigner();
const b64 = (s: string) => Buffer.from(s, 'base64');

// 'two halves': the verifier's parallel mode (verify-range.ts) with the second half run in this process, so every
// tamper case also checks that the halves compose to the verdict of one pass (50 events split at 32).
describe.each(TEST_DIALECTS.flatMap((d) => [[d, 'one pass'], [d, 'two halves']] as const))('ledger tamper detection (SECURITY.md §4.3) on %s, %s', (dialect, mode) => {
  let base: TestDatabase;
  let events: LedgerEventRow[] = [];
  let storedCheckpoints: LedgerCheckpointTable[] = [];
  let external50: ExportedCheckpoint;
  let external40: ExportedCheckpoint;
  const opened: TestDatabase[] = [];

  beforeAll(async () => {
    base = await createTestDatabase(dialect);
    const clock = new FakeClock(at(0));
    for (let i = 1; i <= 50; i++) {
      await inTransaction(base.db, (trx) =>
        appendLedgerEvent(
          trx,
          { userId: `user-${i % 4}`, role: i % 2 ? 'ORG_HEAD' : 'CADRE_OFFICER' },
          { action: ACTIONS[i % ACTIONS.length]!, objectType: 'cadre', objectId: `cadre-${i % 7}`, orgPath: '/1/2/', payload: { step: i, idMasked: `4301**********${String(i).padStart(4, '0')}` } },
          at(i),
        ),
      );
      if (i === 40 || i === 50) {
        clock.set(at(i));
        const cp = await createCheckpoint(base.db, countyKey, clock);
        // Exported to the discipline office as a JSON file (round-trip through text like a real file).
        const exported = JSON.parse(JSON.stringify(exportCheckpoint(cp))) as ExportedCheckpoint;
        if (i === 40) external40 = exported;
        else external50 = exported;
      }
    }
    events = await base.db.selectFrom('ledger_event').selectAll().orderBy('seq').execute();
    storedCheckpoints = await ledgerDb(base.db).selectFrom('ledger_checkpoint').selectAll().orderBy('tree_size').execute();
  });

  afterAll(async () => {
    for (const d of [base, ...opened]) await d?.cleanup();
  });

  /**
   * A copy of the database as it was after `upTo` events, with the stored checkpoints of that time. The first call
   * gets a freshly migrated database (so T1 sees the migration's own triggers); later calls reset that one database
   * to the same state — dropping, refilling and re-guarding two tables is much cheaper than migrating a new
   * PostgreSQL schema per attack.
   */
  let scratch: TestDatabase | null = null;
  async function copy(upTo = 50): Promise<Kysely<Database>> {
    if (!scratch) {
      scratch = await createTestDatabase(dialect);
      opened.push(scratch);
    } else {
      await dropGuards(scratch.db);
      await scratch.db.deleteFrom('ledger_event').execute();
      await ledgerDb(scratch.db).deleteFrom('ledger_checkpoint').execute();
      await createAppendOnlyGuard(scratch.db, 'ledger_event');
      await createAppendOnlyGuard(scratch.db, 'ledger_checkpoint');
    }
    const db = scratch.db;
    await db.insertInto('ledger_event').values(events.filter((e) => Number(e.seq) <= upTo)).execute();
    const cps = storedCheckpoints.filter((c) => Number(c.tree_size) <= upTo);
    if (cps.length > 0) await ledgerDb(db).insertInto('ledger_checkpoint').values(cps).execute();
    return db;
  }

  /** What an attacker with DDL rights does first. */
  async function dropGuards(db: Kysely<Database>): Promise<void> {
    for (const table of ['ledger_event', 'ledger_checkpoint']) {
      if (dialect === 'sqlite') {
        await sql.raw(`drop trigger if exists ${table}_no_update`).execute(db);
        await sql.raw(`drop trigger if exists ${table}_no_delete`).execute(db);
      } else {
        // one statement-level trigger covers update, delete and truncate
        await sql.raw(`drop trigger if exists ${table}_no_update on ${table}`).execute(db);
      }
    }
  }

  /** Replace the whole log with `records`, recomputing every leaf and chain hash (no signing key needed). */
  async function rewriteLog(db: Kysely<Database>, records: LedgerEventRecord[]): Promise<void> {
    await db.deleteFrom('ledger_event').execute();
    let previous = GENESIS_CHAIN;
    for (const r of records) {
      const leaf = leafHash(r);
      previous = chainHash(previous, leaf);
      await db
        .insertInto('ledger_event')
        .values({ seq: r.seq, ts: r.ts, actor_user_id: r.actorUserId, actor_role: r.actorRole, org_path: r.orgPath, action: r.action, object_type: r.objectType, object_id: r.objectId, payload: r.payload, leaf_hash: leaf, chain_hash: previous })
        .execute();
    }
  }

  const records = () => events.map(recordOf);
  const editedSeq7 = () => records().map((r) => (r.seq === 7 ? { ...r, payload: JSON.stringify({ step: 7, idMasked: '4301**********9999', note: 'rewritten' }) } : r));

  /** Re-sign checkpoints at 40 and 50 over the current (rewritten) log with `key`, replacing the stored ones. */
  async function resign(db: Kysely<Database>, key: LedgerSigner): Promise<void> {
    await ledgerDb(db).deleteFrom('ledger_checkpoint').execute();
    for (const size of [40, 50]) {
      const head = await computeTreeHead(db, size);
      const cp = signCheckpoint(key, { alg: 'sha256', treeSize: size, ...head, ts: at(size).toISOString() });
      await ledgerDb(db).insertInto('ledger_checkpoint').values(checkpointToRow(cp)).execute();
    }
  }

  const appendOne = (db: Kysely<Database>) =>
    inTransaction(db, (trx) => appendLedgerEvent(trx, { userId: 'user-2', role: 'ORG_HEAD' }, { action: 'dossier.view', objectType: 'cadre', objectId: 'cadre-2', orgPath: '/1/2/' }, at(69)));

  const verify = (db: Kysely<Database>, external: ExportedCheckpoint[] = []) =>
    verifyLedger({ db, checkpoints: external, publicKeyPem: countyKey.publicKeyPem, batchSize: 16, ...(mode === 'two halves' ? { parallel: { url: '', inProcess: true, minEvents: 2 } } : {}) });

  it('T1: an untouched log verifies; UPDATE, DELETE (and TRUNCATE) are refused; appending outside a transaction throws', async () => {
    const db = await copy();
    const verdict = await verify(db, [external50]);
    expect(verdict).toMatchObject({ ok: true, size: 50, root: b64(external50.root).toString('hex'), checkpoints: { stored: 2, external: 1 } });
    expect(verdict.warnings).toEqual([]);

    await expect(db.updateTable('ledger_event').set({ payload: '{}' }).where('seq', '=', 7).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_event').where('seq', '=', 7).execute()).rejects.toThrow(/append-only/);
    await expect(ledgerDb(db).updateTable('ledger_checkpoint').set({ root: '00' }).execute()).rejects.toThrow(/append-only/);
    await expect(ledgerDb(db).deleteFrom('ledger_checkpoint').execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`truncate ledger_event`.execute(db)).rejects.toThrow(/append-only/);
    await expect(appendLedgerEvent(db, { userId: null, role: null }, { action: 'x', objectType: 'x', objectId: 'x', orgPath: '/' }, at(60))).rejects.toThrow(/inside the business transaction/);
    expect((await verify(db, [external50])).ok).toBe(true);

    const protection = await describeLedgerProtection(db);
    for (const t of protection.tables) expect(t, t.table).toMatchObject({ updateBlockedByTrigger: true, deleteBlockedByTrigger: true });
  });

  it('T2: a payload edited with raw SQL (triggers dropped, hashes untouched) → leaf hash mismatch at seq 7', async () => {
    const db = await copy();
    await dropGuards(db);
    await sql`update ledger_event set payload = ${'{"step":7,"note":"edited"}'} where seq = 7`.execute(db);
    expect(await verify(db)).toMatchObject({ ok: false, problem: 'leaf hash mismatch at seq 7', seq: 7 });
    // The next checkpoint refuses to sign over the edit (it checks every event it has not checked before).
    await appendOne(db);
    await expect(createCheckpoint(db, countyKey, new FakeClock(at(70)))).rejects.toThrow('leaf hash mismatch at seq 7');
  });

  it('T3: seq 7 edited and every leaf/chain hash recomputed (no signing key) → root mismatch against the signed checkpoint', async () => {
    const db = await copy();
    await dropGuards(db);
    await rewriteLog(db, editedSeq7());
    expect(await verify(db)).toMatchObject({ ok: false, problem: expect.stringMatching(/^root mismatch at tree size 40 \(history rewritten/), treeSize: 40, source: 'stored' });
    await appendOne(db);
    await expect(createCheckpoint(db, countyKey, new FakeClock(at(70)))).rejects.toThrow(/root mismatch at tree size 50/);
  });

  it('T4: seq 20 deleted, later events renumbered, hashes recomputed → fails', async () => {
    const db = await copy();
    await dropGuards(db);
    const rest = records()
      .filter((r) => r.seq !== 20)
      .map((r) => (r.seq > 20 ? { ...r, seq: r.seq - 1 } : r));
    await rewriteLog(db, rest);
    const verdict = await verify(db, [external50]);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem).toMatch(/^root mismatch at tree size 40/);
  });

  it('T5: tail cut off (seq > 45) → log truncated or rolled back', async () => {
    const db = await copy();
    await dropGuards(db);
    await db.deleteFrom('ledger_event').where('seq', '>', 45).execute();
    expect(await verify(db)).toMatchObject({ ok: false, problem: expect.stringMatching(/^log truncated or rolled back: checkpoint covers 50 events, database has 45/) });
  });

  it('T6: two rows swapped, hashes recomputed → fails', async () => {
    const db = await copy();
    await dropGuards(db);
    const rs = records();
    const swapped = rs.map((r) => (r.seq === 10 ? { ...rs[29]!, seq: 10 } : r.seq === 30 ? { ...rs[9]!, seq: 30 } : r));
    await rewriteLog(db, swapped);
    expect(await verify(db)).toMatchObject({ ok: false, problem: expect.stringMatching(/^root mismatch at tree size 40/) });
  });

  it("T7: history rewritten and the stored checkpoints re-signed with the attacker's own key → bad signature (public key pinned)", async () => {
    const db = await copy();
    await dropGuards(db);
    await rewriteLog(db, editedSeq7());
    await resign(db, attackerKey);
    expect(await verify(db)).toMatchObject({ ok: false, problem: expect.stringMatching(/^bad signature on stored checkpoint at tree size 40/), source: 'stored' });
    // An exported checkpoint whose fields were edited no longer matches its signature either.
    const forged = { ...external50, treeSize: 49 };
    expect(await verify(await copy(49), [forged])).toMatchObject({ ok: false, problem: expect.stringMatching(/^bad signature on external checkpoint at tree size 49/) });
  });

  it('T8: an older backup restored (40 events) while the discipline office holds the checkpoint of 50 → rolled back', async () => {
    const db = await copy(40);
    // Without an outside copy the old backup is self-consistent: the rollback cannot be seen from the database alone.
    expect(await verify(db)).toMatchObject({ ok: true, size: 40 });
    expect(await verify(db, [external50])).toMatchObject({ ok: false, problem: expect.stringMatching(/^log truncated or rolled back: checkpoint covers 50 events, database has 40/), source: 'external' });
  });

  it('T9a: an insider holding the database AND the signing key rewrites history and re-signs — passes: undetectable without external checkpoints (documented limit)', async () => {
    const db = await copy();
    await dropGuards(db);
    await rewriteLog(db, editedSeq7());
    await resign(db, countyKey);
    const verdict = await verify(db);
    expect(verdict.ok).toBe(true);
    expect(verdict.warnings.join('\n')).toMatch(/no external checkpoint given/);
  });

  it('T9b: the same insider rewrite, but the verifier is given the checkpoint exported earlier → root mismatch', async () => {
    const db = await copy();
    await dropGuards(db);
    await rewriteLog(db, editedSeq7());
    await resign(db, countyKey);
    expect(await verify(db, [external50])).toMatchObject({ ok: false, problem: expect.stringMatching(/^root mismatch at tree size 50 \(history rewritten; external/), source: 'external' });
    expect(await verify(db, [external40])).toMatchObject({ ok: false, problem: expect.stringMatching(/^root mismatch at tree size 40/), source: 'external' });
  });

  it('T10: the server clock set back (an event dated 2001) → OK with a "timestamp regresses" warning', async () => {
    const db = await copy();
    await inTransaction(db, (trx) => appendLedgerEvent(trx, { userId: 'user-1', role: 'ORG_HEAD' }, { action: 'cadre.update', objectType: 'cadre', objectId: 'cadre-1', orgPath: '/1/2/' }, new Date('2001-01-01T00:00:00.000Z')));
    const verdict = await verify(db, [external50]);
    expect(verdict.ok).toBe(true);
    expect(verdict.warnings.some((w) => w.startsWith('timestamp regresses at seq 51'))).toBe(true);
  });

  it('T11: inclusion proof for seq 13 and consistency proof 40→50 verify from hashes alone', async () => {
    const db = await copy();
    const proof = await proveInclusion(db, 13);
    expect(proof).toMatchObject({ seq: 13, leafIndex: 12, treeSize: 50, root: external50.root, checkpoint: external50 });
    expect(verifyInclusion({ leafIndex: proof.leafIndex, treeSize: proof.treeSize, leafHash: b64(proof.leafHash), proof: proof.auditPath.map(b64), root: b64(external50.root) })).toEqual({ ok: true });
    expect(checkProofDocument(JSON.parse(JSON.stringify(proof)), { publicKeyPem: countyKey.publicKeyPem })).toMatchObject({ ok: true, notes: [] });
    expect(checkProofDocument(proof, { publicKeyPem: attackerKey.publicKeyPem })).toMatchObject({ ok: false, error: expect.stringMatching(/bad signature/) });
    const tampered = { ...proof, event: { ...proof.event, payload: '{"step":13}' } };
    expect(checkProofDocument(tampered)).toMatchObject({ ok: false, error: 'the event does not hash to leafHash' });
    const shortened = { ...proof, auditPath: proof.auditPath.slice(1) };
    expect(checkProofDocument(shortened).ok).toBe(false);

    const at40 = await proveInclusion(db, 13, { size: 40 });
    expect(at40).toMatchObject({ treeSize: 40, root: external40.root, checkpoint: external40 });

    const consistency = await proveConsistency(db, 40, 50);
    expect(consistency).toMatchObject({ size1: 40, size2: 50, root1: external40.root, root2: external50.root, checkpoint1: external40, checkpoint2: external50 });
    expect(verifyConsistency({ size1: 40, size2: 50, root1: b64(external40.root), root2: b64(external50.root), proof: consistency.proof.map(b64) })).toEqual({ ok: true });
    expect(checkProofDocument(consistency, { publicKeyPem: countyKey.publicKeyPem })).toMatchObject({ ok: true });
  });

  it('checkpoints: one per size, never re-signed; a new one extends the log and stays consistent with the old', async () => {
    const db = await copy();
    const clock = new FakeClock(at(80));
    const again = await createCheckpoint(db, countyKey, clock);
    expect(exportCheckpoint(again)).toEqual(external50);
    await inTransaction(db, (trx) => appendLedgerEvent(trx, { userId: 'user-2', role: 'ORG_HEAD' }, { action: 'dossier.view', objectType: 'cadre', objectId: 'cadre-2', orgPath: '/1/2/' }, at(81)));
    const next = await createCheckpoint(db, countyKey, clock);
    expect(next.treeSize).toBe(51);
    expect((await listCheckpoints(db)).map((c) => c.treeSize)).toEqual([40, 50, 51]);
    const c = await proveConsistency(db, 50, 51);
    expect(verifyConsistency({ size1: 50, size2: 51, root1: b64(external50.root), root2: next.root, proof: c.proof.map(b64) })).toEqual({ ok: true });
    expect(await verify(db, [external40, external50])).toMatchObject({ ok: true, size: 51, checkpoints: { stored: 3, external: 2 } });
  });
});
