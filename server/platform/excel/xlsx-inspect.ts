/**
 * Gatekeeper for uploaded workbooks (SECURITY.md items 24-25, §2 "Excel import", §9 cases 1-5 and 7), run before
 * any spreadsheet library sees the bytes:
 *
 * 1. size ≤ 10 MB and the magic bytes `PK\x03\x04` (an OLE file — password-protected workbook or legacy .xls —
 *    is named as such);
 * 2. the zip CENTRAL DIRECTORY only (yauzl, lazy entries, nothing inflated): ≤ 200 entries, declared
 *    uncompressed total ≤ 50 MB, no entry with a compression ratio above 100, no `vbaProject.bin` (macros), no
 *    encrypted entries or unknown compression methods, and the parts every .xlsx has;
 * 3. then every entry is inflated through yauzl with `validateEntrySizes`, so an entry that inflates beyond its
 *    declared size is cut off at that size and refused (a lying zip bomb never gets past the 50 MB budget);
 *    the pass also counts the row and cell elements of each worksheet, so a sheet with a million rows is refused
 *    before exceljs builds it in memory, and finds macro-enabled content types.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { IMPORT_LIMITS } from '../../../contracts/transfer.ts';
import { AppError } from '../errors.ts';

export type XlsxLimits = {
  maxUploadBytes: number;
  maxUncompressedBytes: number;
  maxZipEntries: number;
  maxCompressionRatio: number;
  maxRows: number;
  maxCells: number;
};

/** A sheet may carry styled blank rows and a few title rows; the exact data-row count is checked after parsing. */
const ROW_ELEMENT_SLACK = 1.5;

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxUploadBytes: IMPORT_LIMITS.maxUploadBytes,
  maxUncompressedBytes: IMPORT_LIMITS.maxUncompressedBytes,
  maxZipEntries: IMPORT_LIMITS.maxZipEntries,
  maxCompressionRatio: IMPORT_LIMITS.maxCompressionRatio,
  maxRows: IMPORT_LIMITS.maxRows,
  // 20,000 rows × 50 filled columns across all sheets: keeps exceljs' in-memory model within a few hundred MB.
  maxCells: 1_000_000,
};

export type XlsxInspection = {
  entryCount: number;
  uncompressedBytes: number;
  /** row elements per worksheet part (`xl/worksheets/sheet1.xml` → 1234) */
  worksheetRows: Map<string, number>;
  cells: number;
  /** the sheets of xl/workbook.xml in workbook order, each with its part (`xl/worksheets/sheet1.xml`) from the rels */
  sheets: WorkbookSheet[];
  /** workbookPr date1904: serial dates count from 1904-01-01 */
  date1904: boolean;
  /** merged ranges per worksheet part (`A1:C1`): a streaming reader sees them only after the rows */
  merges: Map<string, string[]>;
};

export type WorkbookSheet = { name: string; state: 'visible' | 'hidden' | 'veryHidden'; part: string | null };

const MB = 1024 * 1024;

export const xlsxErrors = {
  tooLarge: (limit: number) =>
    new AppError('PAYLOAD_TOO_LARGE', { zh: `文件超过 ${Math.round(limit / MB)} MB 上限，请拆分为多个文件分批导入`, en: `The file exceeds the ${Math.round(limit / MB)} MB limit; split it into several files` }),
  notXlsx: () =>
    new AppError('UNSUPPORTED_FILE', {
      zh: '只接受 Excel 工作簿（.xlsx）文件；该文件不是 .xlsx 格式（请勿直接修改扩展名）',
      en: 'Only Excel workbooks (.xlsx) are accepted; this file is not an .xlsx workbook',
    }),
  macro: () =>
    new AppError('UNSUPPORTED_FILE', {
      zh: '文件含有宏（VBA），出于安全原因不予接受；请在 Excel 中另存为“Excel 工作簿（*.xlsx）”后重试',
      en: 'The file contains macros (VBA) and is refused; save it as an Excel workbook (*.xlsx) and try again',
    }),
  encrypted: () =>
    new AppError('BAD_REQUEST', {
      zh: '无法读取该文件：文件设置了打开密码，或为旧版 Excel 97-2003（.xls）格式；请取消密码并另存为 .xlsx 后重试',
      en: 'Cannot read the file: it is password-protected or a legacy .xls workbook; remove the password and save it as .xlsx',
    }),
  unreadable: () =>
    new AppError('BAD_REQUEST', {
      zh: '无法读取该文件：文件已损坏或不完整；请在 Excel 中打开并重新保存为 .xlsx 后重试',
      en: 'Cannot read the file: it is damaged or incomplete; open it in Excel and save it again as .xlsx',
    }),
  bomb: () =>
    new AppError('PAYLOAD_TOO_LARGE', {
      zh: `文件解压后的内容异常庞大（超过 ${IMPORT_LIMITS.maxUncompressedBytes / MB} MB、压缩比超过 ${IMPORT_LIMITS.maxCompressionRatio} 或包含过多部件），疑似“压缩炸弹”，已拒绝`,
      en: 'The file expands to an abnormal size (zip bomb suspected) and is refused',
    }),
  tooManyRows: (limit: number) =>
    new AppError('PAYLOAD_TOO_LARGE', { zh: `表格超过 ${limit} 行数据上限，请拆分为多个文件分批导入`, en: `The sheet has more than ${limit} data rows; split it into several files` }),
  tooManyCells: (limit: number) =>
    new AppError('PAYLOAD_TOO_LARGE', { zh: `表格内容过多（超过 ${limit} 个单元格），请拆分为多个文件分批导入`, en: `The workbook has more than ${limit} cells; split it into several files` }),
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function checkMagic(buffer: Buffer): void {
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(OLE_MAGIC)) throw xlsxErrors.encrypted();
  if (buffer.length < 30 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) throw xlsxErrors.notXlsx();
}

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject/i;
const MERGE_TAG = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)["']/g;
const MAX_MERGES = 10_000;

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/**
 * Reads the entry through yauzl (sizes validated against the central directory) and hands the text on in
 * slices that end just before a `<`, so no tag is split between two slices and none is seen twice.
 */
async function inflateEntry(zip: ZipFile, entry: Entry, onText: ((text: string) => void) | null): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  const decoder = new TextDecoder('utf-8');
  let tail = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!onText) continue;
    const text = tail + decoder.decode(chunk, { stream: true });
    let cut = text.lastIndexOf('<');
    // A long run without '<' (a big text node) is passed on too, keeping the tail short (no quadratic copying).
    if (cut < 0 || text.length - cut > 256) cut = Math.max(0, text.length - 32);
    onText(text.slice(0, cut));
    tail = text.slice(cut);
  }
  if (onText) onText(tail + decoder.decode());
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e[0] !== '#') return XML_ENTITIES[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Attributes of one tag (any namespace prefix dropped: `r:id` → `id`), in a Map (never object keys from the file). */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const key = m[1]!.includes(':') ? m[1]!.slice(m[1]!.lastIndexOf(':') + 1) : m[1]!;
    if (!out.has(key)) out.set(key, xmlDecode(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** The sheets of xl/workbook.xml in order, their visibility and their parts (through xl/_rels/workbook.xml.rels). */
export function workbookMap(workbookXml: string, relsXml: string): { sheets: WorkbookSheet[]; date1904: boolean } {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id === undefined || target === undefined) continue;
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: WorkbookSheet[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const state = a.get('state');
    const rid = a.get('id');
    sheets.push({ name: a.get('name') ?? '', state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', part: rid !== undefined ? (targets.get(rid) ?? null) : null });
  }
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(workbookXml);
  const date1904 = pr ? ['1', 'true'].includes((attributes(pr[1]!).get('date1904') ?? '').toLowerCase()) : false;
  return { sheets, date1904 };
}

/**
 * Checks an uploaded workbook without trusting it (see the file comment). Throws AppError 413/415/400 with a
 * Chinese and English reason; returns the counts it saw.
 */
export async function inspectXlsx(buffer: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<XlsxInspection> {
  if (buffer.length > limits.maxUploadBytes) throw xlsxErrors.tooLarge(limits.maxUploadBytes);
  checkMagic(buffer);

  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw xlsxErrors.unreadable();
  }
  try {
    // Step 2: the central directory only.
    if (zip.entryCount > limits.maxZipEntries) throw xlsxErrors.bomb();
    const entries: Entry[] = [];
    const names = new Set<string>();
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName.replace(/^\/+/, '');
      const lower = name.toLowerCase();
      if (lower.endsWith('vbaproject.bin') || (lower.endsWith('.bin') && lower.includes('vba'))) throw xlsxErrors.macro();
      if (entry.isEncrypted()) throw xlsxErrors.encrypted();
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw xlsxErrors.unreadable();
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) throw xlsxErrors.bomb();
      if (entry.uncompressedSize > 0) {
        if (entry.compressedSize === 0) throw xlsxErrors.bomb();
        if (entry.uncompressedSize / entry.compressedSize > limits.maxCompressionRatio) throw xlsxErrors.bomb();
      }
      names.add(lower);
      entries.push(entry);
    }
    if (!names.has('[content_types].xml') || !names.has('xl/workbook.xml')) throw xlsxErrors.notXlsx();

    // Step 3: bounded inflation (never beyond the declared sizes) with the row and cell census.
    const worksheetRows = new Map<string, number>();
    const merges = new Map<string, string[]>();
    let cells = 0;
    let workbookXml = '';
    let relsXml = '';
    const rowBudget = Math.ceil(limits.maxRows * ROW_ELEMENT_SLACK) + 100;
    for (const entry of entries) {
      const name = entry.fileName.replace(/^\/+/, '');
      if (WORKSHEET_PART.test(name)) {
        let rows = 0;
        const merged: string[] = [];
        await inflateEntry(zip, entry, (text) => {
          rows += count(ROW_TAG, text);
          cells += count(CELL_TAG, text);
          for (const m of text.matchAll(MERGE_TAG)) merged.push(m[1]!);
          if (merged.length > MAX_MERGES) throw xlsxErrors.tooManyCells(limits.maxCells);
          if (rows > rowBudget) throw xlsxErrors.tooManyRows(limits.maxRows);
          if (cells > limits.maxCells) throw xlsxErrors.tooManyCells(limits.maxCells);
        });
        worksheetRows.set(name, rows);
        if (merged.length > 0) merges.set(name, merged);
      } else if (name.toLowerCase() === '[content_types].xml') {
        await inflateEntry(zip, entry, (text) => {
          if (MACRO_CONTENT_TYPE.test(text)) throw xlsxErrors.macro();
        });
      } else if (name.toLowerCase() === 'xl/workbook.xml' || name.toLowerCase() === 'xl/_rels/workbook.xml.rels') {
        // Small parts (bounded by the budget above): kept to find the sheets' order, visibility and parts.
        let text = '';
        await inflateEntry(zip, entry, (t) => {
          text += t;
        });
        if (name.toLowerCase() === 'xl/workbook.xml') workbookXml = text;
        else relsXml = text;
      } else {
        await inflateEntry(zip, entry, null);
      }
    }
    return { entryCount: entries.length, uncompressedBytes: declared, worksheetRows, cells, merges, ...workbookMap(workbookXml, relsXml) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // yauzl stops an entry that inflates beyond its declared size: a zip bomb lying about its sizes.
    if (error instanceof Error && /too many bytes/i.test(error.message)) throw xlsxErrors.bomb();
    throw xlsxErrors.unreadable();
  } finally {
    zip.close();
  }
}
