import fs from 'node:fs';
import { rosterXlsxStreamed, validRows } from './testdata/roster-fixtures.ts';
const t = Date.now();
for (let k = 0; k < 3; k++) fs.writeFileSync(`/tmp/bw/files/roster-${k}.xlsx`, await rosterXlsxStreamed(validRows(3000, { offset: 100_000 + k * 3000 })));
console.log('gen', Date.now() - t);
