import { describe, expect, it } from 'vitest';
import { cleanText, excelSerialToIsoDate, exceljsDateToIsoDate, parseDateCell, parseIdNumberCell, parseTextCell, parseYesNoCell, type SheetCell } from './cell-values.ts';

const text = (t: string): SheetCell => ({ kind: 'text', text: t });
const num = (value: number): SheetCell => ({ kind: 'number', value });
const ok = <T>(value: T) => ({ ok: true, value });

describe('Excel serial dates (1900 system with the Lotus leap-year bug)', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [45292, '2024-01-01'],
    [45292.75, '2024-01-01'],
    [2958465, '9999-12-31'],
  ])('serial %d is %s', (serial, iso) => {
    // 9999 is outside the accepted 1900-2100 range
    expect(excelSerialToIsoDate(serial)).toBe(iso.startsWith('9999') ? null : iso);
  });

  it('refuses serial 60, the fictitious 1900-02-29, and out-of-range serials', () => {
    expect(excelSerialToIsoDate(60)).toBeNull();
    expect(excelSerialToIsoDate(0)).toBeNull();
    expect(excelSerialToIsoDate(-5)).toBeNull();
    expect(excelSerialToIsoDate(Number.NaN)).toBeNull();
  });

  it('reads the 1904 system', () => {
    expect(excelSerialToIsoDate(0, true)).toBeNull();
    expect(excelSerialToIsoDate(1, true)).toBe('1904-01-02');
    expect(excelSerialToIsoDate(43830, true)).toBe('2024-01-01');
  });

  it('undoes exceljs’ off-by-one for Dates before 1900-03-01 and keeps later ones', () => {
    // exceljs: new Date((serial - 25569) * 86400000)
    const fromSerial = (s: number) => new Date(Math.round((s - 25569) * 86_400_000));
    expect(exceljsDateToIsoDate(fromSerial(45292))).toBe('2024-01-01');
    expect(exceljsDateToIsoDate(fromSerial(1))).toBe('1900-01-01');
    expect(exceljsDateToIsoDate(fromSerial(59))).toBe('1900-02-28');
    expect(exceljsDateToIsoDate(fromSerial(60))).toBeNull();
    expect(exceljsDateToIsoDate(fromSerial(61))).toBe('1900-03-01');
    expect(exceljsDateToIsoDate(new Date(Math.round((43830 - 25569 + 1462) * 86_400_000)), true)).toBe('2024-01-01');
  });
});

describe('parseDateCell', () => {
  it.each([
    ['2024-01-01', '2024-01-01'],
    ['2024/1/1', '2024-01-01'],
    ['2024.1.1', '2024-01-01'],
    ['2024年1月1日', '2024-01-01'],
    ['２０２４年１２月３１日', '2024-12-31'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['20240229', '2024-02-29'],
    ["'1985-06-15", '1985-06-15'],
    ['1985-06-15 00:00:00', '1985-06-15'],
    ['  1985/6/15\u3000', '1985-06-15'],
  ])('text %j → %s', (input, iso) => {
    expect(parseDateCell(text(input))).toEqual(ok(iso));
  });

  it.each(['2023-02-29', '2024-13-01', '2024/0/10', '1985.03', '85-6-15', '十月一日', '2024-1-1-1', '1899-12-31'])('refuses text %j', (input) => {
    const r = parseDateCell(text(input));
    expect(r.ok).toBe(false);
  });

  it('reads numbers as serials or as yyyymmdd, never shifted', () => {
    expect(parseDateCell(num(45292))).toEqual(ok('2024-01-01'));
    expect(parseDateCell(num(19850615))).toEqual(ok('1985-06-15'));
    expect(parseDateCell(num(60)).ok).toBe(false);
    expect(parseDateCell(num(19850231)).ok).toBe(false);
    expect(parseDateCell(num(-1)).ok).toBe(false);
  });

  it('reads Date cells and refuses booleans and errors', () => {
    expect(parseDateCell({ kind: 'date', date: new Date('2024-01-01T00:00:00Z') })).toEqual(ok('2024-01-01'));
    expect(parseDateCell({ kind: 'boolean', value: true }).ok).toBe(false);
    expect(parseDateCell({ kind: 'error', text: '#N/A' }).ok).toBe(false);
  });

  it('names the accepted formats in Chinese', () => {
    const r = parseDateCell(text('明天'));
    expect(r.ok ? '' : r.message.zh).toContain('2024年1月1日');
  });
});

describe('ID numbers in cells', () => {
  it('refuses numeric cells: the last digits are already lost', () => {
    const r = parseIdNumberCell(num(Number('430121198506151310')));
    expect(r).toEqual({ ok: false, message: { zh: '身份证号列为数字格式，末位已丢失，请将该列设为文本后重新填写', en: expect.any(String) } });
  });

  it("strips the leading ' and white space of text cells", () => {
    expect(parseIdNumberCell(text("'11010519491231002X"))).toEqual(ok('11010519491231002X'));
    expect(parseIdNumberCell(text(' 11010519491231002X\u00a0'))).toEqual(ok('11010519491231002X'));
  });
});

describe('text and yes/no cells', () => {
  it('cleans text, keeps formula-looking text as text, refuses control characters and long values', () => {
    expect(cleanText("  '=HYPERLINK(\"http://x\",\"y\")  ")).toBe('=HYPERLINK("http://x","y")');
    expect(parseTextCell(text('@SUM(1+1)'), 50)).toEqual(ok('@SUM(1+1)'));
    expect(parseTextCell(text('\t-2+3'), 50)).toEqual(ok('-2+3'));
    expect(parseTextCell(num(13812345678), 20)).toEqual(ok('13812345678'));
    expect(parseTextCell(text('a\u0000b'), 50).ok).toBe(false);
    expect(parseTextCell(text('x'.repeat(51)), 50).ok).toBe(false);
    expect(parseTextCell({ kind: 'error', text: '#REF!' }, 50).ok).toBe(false);
  });

  it('reads 是/否 and friends; empty is null', () => {
    for (const yes of ['是', 'Y', 'yes', 'TRUE', '1', '√']) expect(parseYesNoCell(text(yes))).toEqual(ok(true));
    for (const no of ['否', 'n', 'False', '0', '×']) expect(parseYesNoCell(text(no))).toEqual(ok(false));
    expect(parseYesNoCell({ kind: 'boolean', value: true })).toEqual(ok(true));
    expect(parseYesNoCell(num(0))).toEqual(ok(false));
    expect(parseYesNoCell({ kind: 'empty' })).toEqual(ok(null));
    expect(parseYesNoCell(text('可能')).ok).toBe(false);
  });
});
