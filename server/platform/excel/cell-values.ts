/**
 * Cells as read from a spreadsheet, and the column-independent parsers (text, dates, yes/no, ID-number text).
 *
 * Rules (SECURITY.md §9 case 8):
 * - a leading `'` (Excel's "store as text" marker, also produced by our own exports) is stripped once;
 * - ID numbers in NUMERIC cells are refused: Excel keeps 15 significant digits, so the last digits are already
 *   lost and cannot be recovered;
 * - dates come from Excel serials (1900 system with Lotus' fake 1900-02-29 = serial 60, or the 1904 system),
 *   from cells exceljs already turned into Dates, and from text `2024-01-01`, `2024/1/1`, `2024.1.1`,
 *   `2024年1月1日`, `20240101`; anything else, and impossible dates, are refused, never shifted.
 */
import type { Text } from '../errors.ts';

/** One cell, before column-specific parsing. `date` cells had a date number format (exceljs made them Dates). */
export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; text: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Text };

const EMPTY: SheetCell = { kind: 'empty' };
export const emptyCell = (): SheetCell => EMPTY;

const fail = (zh: string, en: string): { ok: false; message: Text } => ({ ok: false, message: { zh, en } });

const EDGE_SPACE = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g;
// C0 controls other than TAB/LF/CR, DEL, C1 controls, and the XML-forbidden U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** True when the cell holds nothing (or only white space). */
export function isBlank(cell: SheetCell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.replace(EDGE_SPACE, '').replace(/^'/, '') === '');
}

/** Strips white space at both ends (incl. NBSP and the ideographic space) and one leading `'`. */
export function cleanText(text: string): string {
  const trimmed = text.replace(EDGE_SPACE, '');
  return trimmed.startsWith("'") ? trimmed.slice(1).replace(EDGE_SPACE, '') : trimmed;
}

function isoFromParts(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** 1899-12-30: day 0 of the 1900 system for serials >= 61 (Excel counts a 1900-02-29 that never existed). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const MAX_SERIAL = 2_958_465; // 9999-12-31

/**
 * Excel serial day number → `YYYY-MM-DD`, or null. The fraction (time of day) is dropped. In the 1900 system
 * serials 1–59 are 1900-01-01..1900-02-28, 60 is Lotus 1-2-3's fictitious 1900-02-29 (refused), and from 61
 * on the count is off by one, which the 1899-12-30 epoch absorbs.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return null;
  const day = Math.floor(serial + 1e-9);
  let ms: number;
  if (date1904) ms = EPOCH_1904 + day * DAY_MS;
  else if (day === 60) return null;
  else if (day < 60) ms = EPOCH_1900 + (day + 1) * DAY_MS;
  else ms = EPOCH_1900 + day * DAY_MS;
  const d = new Date(ms);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * exceljs turns date-formatted serials into Dates with `(serial - 25569) days` since 1970 (the 1904 system adds
 * 1462), which is a day early for serials below 61. Recover the serial and convert it by Excel's own rules.
 */
export function exceljsDateToIsoDate(date: Date, date1904 = false): string | null {
  const t = date.getTime();
  if (Number.isNaN(t)) return null;
  const serial = t / DAY_MS + 25569 - (date1904 ? 1462 : 0);
  return excelSerialToIsoDate(serial + 1e-7, date1904);
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z)?)?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

const DATE_FORMATS_ZH = '2024-01-01、2024/1/1、2024.1.1 或 2024年1月1日';

/** A date cell → `YYYY-MM-DD`. */
export function parseDateCell(cell: SheetCell, date1904 = false): Parsed<string> {
  switch (cell.kind) {
    case 'date': {
      const iso = exceljsDateToIsoDate(cell.date, date1904);
      return iso ? { ok: true, value: iso } : fail('日期无效（Excel 中的 1900-02-29 等不存在的日期）', 'The date does not exist');
    }
    case 'number': {
      const v = cell.value;
      if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) {
        const iso = isoFromParts(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
        return iso ? { ok: true, value: iso } : fail(`日期 ${v} 不存在，请核对`, `The date ${v} does not exist`);
      }
      const iso = excelSerialToIsoDate(v, date1904);
      if (iso) return { ok: true, value: iso };
      return fail(`无法把数字 ${v} 识别为日期；请填写 ${DATE_FORMATS_ZH}`, `Cannot read the number ${v} as a date; use 2024-01-01`);
    }
    case 'text': {
      const text = cleanText(cell.text).normalize('NFKC');
      const m = DATE_TEXT.exec(text) ?? DATE_COMPACT.exec(text);
      if (!m) return fail(`无法识别的日期“${text.slice(0, 20)}”；请填写 ${DATE_FORMATS_ZH}`, `Unrecognised date "${text.slice(0, 20)}"; use 2024-01-01`);
      const iso = isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
      return iso ? { ok: true, value: iso } : fail(`日期“${text}”不存在（或早于 1900 年），请核对`, `The date "${text}" does not exist`);
    }
    case 'boolean':
    case 'error':
    case 'empty':
      return fail(`无法识别的日期；请填写 ${DATE_FORMATS_ZH}`, 'Unrecognised date; use 2024-01-01');
  }
}

/**
 * A text cell → trimmed text without the leading `'`. Numbers become their decimal text (a phone typed as a
 * number keeps its 11 digits); control characters and over-long values are refused.
 */
export function parseTextCell(cell: SheetCell, maxLength: number, date1904 = false): Parsed<string> {
  let text: string;
  switch (cell.kind) {
    case 'empty':
      return { ok: true, value: '' };
    case 'text':
      text = cleanText(cell.text);
      break;
    case 'number':
      text = String(cell.value);
      break;
    case 'boolean':
      text = cell.value ? '是' : '否';
      break;
    case 'date':
      text = exceljsDateToIsoDate(cell.date, date1904) ?? '';
      break;
    case 'error':
      return fail(`单元格为错误值 ${cell.text}，请修正或清空`, `The cell holds the error value ${cell.text}`);
  }
  if (CONTROL.test(text)) return fail('含有不可见的控制字符，请重新输入该单元格', 'Contains invisible control characters');
  if (text.length > maxLength) return fail(`内容过长：最多 ${maxLength} 个字符`, `Too long: at most ${maxLength} characters`);
  return { ok: true, value: text };
}

/**
 * An ID-number cell → its text. NUMERIC cells are refused: Excel stores 15 significant digits, so an 18-digit
 * number typed into a number cell has already lost its last digits (`4.30121E+17`).
 */
export function parseIdNumberCell(cell: SheetCell): Parsed<string> {
  if (cell.kind === 'number') {
    return fail('身份证号列为数字格式，末位已丢失，请将该列设为文本后重新填写', 'The ID number was typed into a number cell and its last digits are lost; format the column as text and re-enter it');
  }
  if (cell.kind === 'date' || cell.kind === 'boolean') return fail('身份证号应为文本', 'The ID number must be text');
  return parseTextCell(cell, 40);
}

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '✘']);

/** 是/否 (also Y/N, TRUE/FALSE, 1/0, √/×, boolean cells). Empty → null so the caller applies its default. */
export function parseYesNoCell(cell: SheetCell): Parsed<boolean | null> {
  if (cell.kind === 'empty') return { ok: true, value: null };
  if (cell.kind === 'boolean') return { ok: true, value: cell.value };
  if (cell.kind === 'number' && (cell.value === 0 || cell.value === 1)) return { ok: true, value: cell.value === 1 };
  if (cell.kind === 'text') {
    const t = cleanText(cell.text).normalize('NFKC').toUpperCase();
    if (t === '') return { ok: true, value: null };
    if (YES.has(t)) return { ok: true, value: true };
    if (NO.has(t)) return { ok: true, value: false };
  }
  return fail('应填写“是”或“否”', 'Must be 是 (yes) or 否 (no)');
}
