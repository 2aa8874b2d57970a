/**
 * Puts the parts of an already inspected workbook in the order exceljs' streaming reader needs, without inflating
 * anything: the raw (still compressed) entries are copied into a new archive whose first parts are
 * xl/_rels/workbook.xml.rels, xl/workbook.xml, xl/sharedStrings.xml and xl/styles.xml, then every other part in
 * its original order.
 *
 * Why: exceljs' WorkbookReader (4.4) handles parts in archive order. A worksheet met after the shared strings and
 * the workbook relationships but before xl/workbook.xml makes it read `this.model.sheets` of an undefined model
 * (TypeError, shown to the user as "文件已损坏或不完整"); a worksheet met before the shared strings is copied to a
 * temporary file and read back at the end (disk I/O and a temp directory the import then depends on). Excel and
 * exceljs happen to write orders that avoid the crash, other writers need not. In canonical order every worksheet
 * streams straight from memory with the model, relationships, strings and styles already known.
 */
import yauzl, { type Entry } from 'yauzl';

const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedstrings.xml', 'xl/styles.xml'];

function rank(name: string): number {
  const i = FIRST.indexOf(name.replace(/^\/+/, '').toLowerCase());
  return i < 0 ? FIRST.length : i;
}

/** True when the reader would meet the parts in an order it handles by streaming (no re-pack needed). */
export function isCanonicalOrder(names: readonly string[]): boolean {
  let last = -1;
  for (const n of names) {
    const r = rank(n);
    if (r < last) return false;
    last = r;
  }
  return true;
}

async function rawBytes(zip: yauzl.ZipFile, entry: Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry, { decompress: false });
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * The workbook with its parts in canonical order (the same buffer when already so). Sizes and CRCs come from the
 * central directory, which inspectXlsx has checked; a corrupt body still fails later, when exceljs inflates it.
 */
export async function canonicalZipOrder(buffer: Buffer): Promise<Buffer> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, strictFileNames: false });
  try {
    const entries: Entry[] = [];
    for await (const e of zip.eachEntry()) entries.push(e);
    if (isCanonicalOrder(entries.map((e) => e.fileName))) return buffer;
    const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.fileName) - rank(b.e.fileName) || a.i - b.i);
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const { e } of ordered) {
      const body = e.fileName.endsWith('/') ? Buffer.alloc(0) : await rawBytes(zip, e);
      const name = Buffer.from(e.fileName, 'utf8');
      const flags = 0x800; // UTF-8 names; no data descriptor (the sizes are in the header)
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(e.compressionMethod, 8);
      local.writeUInt16LE(e.lastModFileTime, 10);
      local.writeUInt16LE(e.lastModFileDate, 12);
      local.writeUInt32LE(e.crc32 >>> 0, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(e.uncompressedSize, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      locals.push(local, name, body);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(flags, 8);
      central.writeUInt16LE(e.compressionMethod, 10);
      central.writeUInt16LE(e.lastModFileTime, 12);
      central.writeUInt16LE(e.lastModFileDate, 14);
      central.writeUInt32LE(e.crc32 >>> 0, 16);
      central.writeUInt32LE(body.length, 20);
      central.writeUInt32LE(e.uncompressedSize, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
      offset += 30 + name.length + body.length;
    }
    const cd = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(ordered.length, 8);
    end.writeUInt16LE(ordered.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, cd, end]);
  } finally {
    zip.close();
  }
}
