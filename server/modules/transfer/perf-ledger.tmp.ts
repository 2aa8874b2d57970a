import ExcelJS from 'exceljs';
import { createTestDatabase } from '../../test/test-db.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { rosterXlsxStreamed, validRows } from './testdata/roster-fixtures.ts';
const rows = validRows(20000);
const buf = await rosterXlsxStreamed(rows);
let t = Date.now();
const wb = new ExcelJS.Workbook(); await wb.xlsx.load(buf as never); console.log('exceljs load', Date.now() - t);
t = Date.now();
const rdr = new ExcelJS.stream.xlsx.WorkbookReader(Buffer.from(buf) as never, {});
let n = 0;
const { Readable } = await import('node:stream');
const r2 = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
for await (const ws of r2) { for await (const row of ws as AsyncIterable<ExcelJS.Row>) { n += row.cellCount; } }
console.log('exceljs stream', Date.now() - t, n); void rdr;
const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const db = await createTestDatabase(dialect);
t = Date.now();
await db.db.transaction().execute(async (trx) => {
  for (let i = 0; i < 20000; i++) await appendLedgerEvent(trx, { userId: 'u', role: 'R' }, { action: 'person.created', objectType: 'person', objectId: String(i), orgPath: '/a/b/', payload: { batchId: 'x', row: i, fields: ['a', 'b'], idNumberMasked: '430121********1234' } }, new Date());
});
console.log(dialect, 'ledger 20k', Date.now() - t);
await db.cleanup();
