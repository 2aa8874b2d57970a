/**
 * The verifier's bulk reader: the raw-driver paths (SQLite raw statement, PostgreSQL snapshot client with array rows)
 * return exactly what the query builder returns, in seq order, across batch boundaries and ranges; the PostgreSQL
 * view really is one read-only snapshot.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/database.ts';
import { rawDriverOf } from '../../db/dialect.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/test-db.ts';
import { eventTuples, type EventTuple } from './event-reader.ts';
import { appendLedgerEvent } from './ledger.ts';
import { readOnlyView } from './scan.ts';
import { generateLedgerSigner } from './signing-key.ts';
import { verifyLedger } from './verify.ts';

const T0 = Date.parse('2026-11-26T08:00:00.000Z');
const ACTORS = [
  { userId: 'u1', role: 'ORG_HEAD' },
  { userId: null, role: null },
  { userId: '引号"和\\反斜杠', role: 'R\n\t' },
];

async function collect(gen: AsyncGenerator<EventTuple[]>): Promise<{ rows: EventTuple[]; batches: number }> {
  const rows: EventTuple[] = [];
  let batches = 0;
  for await (const b of gen) {
    batches++;
    rows.push(...b);
  }
  return { rows, batches };
}

describe.each(TEST_DIALECTS)('ledger event reader on %s', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    for (let i = 0; i < 23; i++) {
      await inTransaction(t.db, (trx) =>
        appendLedgerEvent(trx, ACTORS[i % 3]!, { action: i % 2 ? '讨论决定' : 'person.updated', objectType: 'person', objectId: `p${i}`, orgPath: '/长沙县/星沙街道/', payload: { i, note: 'a"b\\c\u0001', 名: '张*' } }, new Date(T0 + i * 1000)),
      );
    }
  });
  afterAll(async () => t.cleanup());

  it('reads every column of every event in seq order, in batches and ranges, as the query builder does', async () => {
    const expected = (await t.db.selectFrom('ledger_event').selectAll().orderBy('seq').execute()).map(
      (r): EventTuple => [Number(r.seq), r.ts, r.actor_user_id, r.actor_role, r.org_path, r.action, r.object_type, r.object_id, r.payload, r.leaf_hash, r.chain_hash],
    );
    expect(expected).toHaveLength(23);
    await readOnlyView(t.db, async (view) => {
      // the raw path is the one taken
      expect(rawDriverOf(view)?.name).toBe(dialect === 'sqlite' ? 'sqlite' : 'postgres-snapshot');
      const all = await collect(eventTuples(view, { batchSize: 5 }));
      expect(all.rows).toEqual(expected);
      expect(all.batches).toBe(5);
      const exact = await collect(eventTuples(view, { batchSize: 23 }));
      expect(exact.rows).toEqual(expected);
      const range = await collect(eventTuples(view, { afterSeq: 4, upTo: 17, batchSize: 4 }));
      expect(range.rows).toEqual(expected.slice(4, 17));
    });
    // inside a transaction (PostgreSQL: the query-builder fallback on the transaction's own connection)
    await inTransaction(t.db, async (trx) => {
      expect((await collect(eventTuples(trx, { batchSize: 7 }))).rows).toEqual(expected);
      expect(await verifyLedger({ db: trx, publicKeyPem: generateLedgerSigner().publicKeyPem })).toMatchObject({ ok: true, size: 23 });
    });
  });

  it.runIf(dialect === 'postgres')('postgres: the view is one read-only snapshot (later commits are not seen, writes are refused)', async () => {
    await readOnlyView(t.db, async (view) => {
      const before = await collect(eventTuples(view));
      await inTransaction(t.db, (trx) => appendLedgerEvent(trx, ACTORS[0]!, { action: 'late', objectType: 'x', objectId: 'late', orgPath: '/' }, new Date(T0 + 99_000)));
      expect((await collect(eventTuples(view))).rows).toEqual(before.rows);
      const count = await view.selectFrom('ledger_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(before.rows.length);
      await expect(sql`insert into ledger_checkpoint (tree_size) values (-1)`.execute(view)).rejects.toThrow(/read-only/);
    });
    expect((await collect(eventTuples(t.db as never))).rows.at(-1)?.[7]).toBe('late');
  });
});
