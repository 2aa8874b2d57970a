/**
 * Test helper process for concurrency.test.ts: opens its OWN connection to a SQLite file (WAL) and appends events
 * in separate transactions, every 10th of which is rolled back after its append.
 * Usage: node --import tsx append-worker.ts FILE NAME COUNT — prints "ready", waits for a line on stdin, appends,
 * prints "done N".
 */
import { createDatabase, inTransaction } from '../../../db/database.ts';
import { appendLedgerEvent } from '../ledger.ts';

const [file, name = 'worker', countRaw = '100'] = process.argv.slice(2);
if (!file) throw new Error('usage: append-worker.ts FILE NAME COUNT');
const count = Number(countRaw);
const { db, destroy } = createDatabase(`sqlite:${file}`);

class Rollback extends Error {}

process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const t0 = performance.now();
let committed = 0;
for (let i = 1; i <= count; i++) {
  try {
    await inTransaction(db, async (trx) => {
      await appendLedgerEvent(trx, { userId: name, role: 'TEST' }, { action: 'test.append', objectType: 'worker', objectId: name, orgPath: '/', payload: { i } }, new Date());
      if (i % 10 === 0) throw new Rollback();
    });
    committed++;
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  // Give the other writers a turn (on a busy machine one process could otherwise finish before the others start).
  await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
}
await destroy();
process.stdout.write(`done ${committed} in ${Math.round(performance.now() - t0)} ms\n`);
process.stdin.destroy();
