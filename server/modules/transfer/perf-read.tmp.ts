import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { rosterXlsxStreamed, rosterXlsx, validRows } from './testdata/roster-fixtures.ts';
const cpu = () => { const u = process.cpuUsage(); return Math.round((u.user + u.system) / 1000); };
const rows = validRows(20000);
for (const buf of [await rosterXlsxStreamed(rows), await rosterXlsx({ rows })]) {
  let c = cpu();
  const wb = new ExcelJS.Workbook(); await wb.xlsx.load(buf as never); console.log('load cpu', cpu() - c, buf.length);
  c = cpu();
  let n = 0;
  const r2 = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const ws of r2) { for await (const row of ws as AsyncIterable<ExcelJS.Row>) { n += row.cellCount; } }
  console.log('stream cpu', cpu() - c, n);
}
