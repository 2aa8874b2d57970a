/**
 * The parallel verifier's second half (verify-range.ts) on both databases: the range pass in a child process (its own
 * read-only connection; PostgreSQL on the verifier's exported snapshot) reports the same chain heads and sub-tree roots
 * as the pass in this process, the composed root equals the one-pass root, and a tampered event in the second half is
 * named by the full verifier in parallel mode exactly as by one pass.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/database.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/test-db.ts';
import { appendLedgerEvents } from './ledger.ts';
import { hashChildren, merkleRoot } from './merkle.ts';
import { generateLedgerSigner } from './signing-key.ts';
import { verifyLedger } from './verify.ts';
import { verifyRange, verifyRangeInChild, type RangeTask } from './verify-range.ts';

const N = 300;
const K = 256;

describe.each(TEST_DIALECTS)('ledger verification in two halves on %s', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-verify-range-'));
  let t: TestDatabase;
  let url: string;
  const key = generateLedgerSigner();

  beforeAll(async () => {
    const file = path.join(dir, 'ledger.sqlite');
    t = await createTestDatabase(dialect, dialect === 'sqlite' ? { sqliteFile: file } : {});
    url = dialect === 'sqlite' ? `sqlite:${file}` : t.url!;
    const at = new Date('2026-11-26T08:00:00Z');
    await inTransaction(t.db, (trx) =>
      appendLedgerEvents(
        trx,
        { userId: 'u1', role: 'ORG_HEAD' },
        Array.from({ length: N }, (_, i) => ({ action: 'person.updated', objectType: 'person', objectId: `p${i % 17}`, orgPath: '/1/', payload: { i } })),
        at,
      ),
    );
  });
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const task = async (): Promise<RangeTask> => {
    const row = await t.db.selectFrom('ledger_event').select(['chain_hash', 'ts']).where('seq', '=', K).executeTakeFirstOrThrow();
    return { url, ...(t.schema ? { schema: t.schema } : {}), afterSeq: K, upTo: N, startChain: row.chain_hash, startTs: row.ts, sizes: [280, N], alg: 'sha256', maxClockRegressionMs: 300_000 };
  };

  it('the range pass gives MTH(D[k:s]) and the chain head at s, in this process and in a child process alike', async () => {
    const leaves = (await t.db.selectFrom('ledger_event').select(['leaf_hash', 'chain_hash']).orderBy('seq').execute()).map((r) => ({ leaf: Buffer.from(r.leaf_hash, 'hex'), chain: r.chain_hash }));
    const here = await verifyRange(t.db, await task());
    expect(here.problem).toBeNull();
    expect(here.checked).toBe(N - K);
    expect(here.at['280']).toEqual([leaves[279]!.chain, merkleRoot(leaves.slice(K, 280).map((l) => l.leaf)).toString('hex')]);
    // RFC 6962: the root of the whole log composes from the first 256 and the rest
    const composed = hashChildren(merkleRoot(leaves.slice(0, K).map((l) => l.leaf)), Buffer.from(here.at[String(N)]![1], 'hex'));
    expect(composed.equals(merkleRoot(leaves.map((l) => l.leaf)))).toBe(true);
    const child = await verifyRangeInChild(await task()).result;
    expect(child).toEqual(here);
  }, 60_000);

  it('verifyLedger in parallel mode (child process) gives the one-pass verdict, and names a tampered event of the second half', async () => {
    const parallel = { url, ...(t.schema ? { schema: t.schema } : {}), minEvents: 2 };
    const one = await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem });
    const two = await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem, parallel });
    expect(one.ok).toBe(true);
    expect(two).toEqual(one); // same verdict, root, chain head and warnings: no "second half checked in this process"
    expect(JSON.stringify(two.warnings)).not.toContain('second half');
    // an attacker edits seq 290 (guards dropped first)
    if (dialect === 'sqlite') await sql`drop trigger ledger_event_no_update`.execute(t.db);
    else await sql`drop trigger ledger_event_no_update on ledger_event`.execute(t.db);
    await sql`update ledger_event set payload = ${'{"i":0}'} where seq = 290`.execute(t.db);
    const tampered = await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem, parallel });
    expect(tampered).toMatchObject({ ok: false, problem: 'leaf hash mismatch at seq 290', seq: 290 });
    expect(tampered).toEqual(await verifyLedger({ db: t.db, publicKeyPem: key.publicKeyPem }));
  }, 60_000);
});
