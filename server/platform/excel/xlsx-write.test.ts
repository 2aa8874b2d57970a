import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { escapeFormulaText, safeSheetName, writeXlsx } from './xlsx-write.ts';

async function load(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

describe('writeXlsx', () => {
  it('defuses every formula trigger with a leading apostrophe (SECURITY.md item 22)', async () => {
    const payloads = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1', '\u0000=1', '=cmd|\' /C calc\'!A0'];
    expect(payloads.map(escapeFormulaText).every((s) => s.startsWith("'"))).toBe(true);
    expect(escapeFormulaText('张三')).toBe('张三');
    expect(escapeFormulaText('a=b')).toBe('a=b');

    const buffer = await writeXlsx(
      '人员名单',
      [
        { key: 'text', header: '内容' },
        { key: 'n', header: '数字' },
      ],
      payloads.map((text, i) => ({ text, n: -i })),
    );
    const ws = await load(buffer);
    const written = payloads.map((_, i) => ws.getCell(i + 2, 1).value);
    for (const v of written) {
      expect(typeof v).toBe('string');
      expect((v as string).startsWith("'")).toBe(true);
    }
    expect(written[0]).toBe('\'=HYPERLINK("http://x","y")');
    // NUL is not allowed in XML: it is replaced, the file still opens
    expect(written[6]).toBe("'\ufffd=1");
    // numbers stay numbers (a negative number is not a formula)
    expect(ws.getCell(3, 2).value).toBe(-1);
    // no cell is a formula
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('writes a bold, frozen header, fitted widths, notes, drop-downs and a Chinese sheet name', async () => {
    const buffer = await writeXlsx(
      '导入错误报告',
      [
        { key: 'row', header: '行号' },
        { key: 'message', header: '原因', note: '说明 note', list: ['是', '否'] },
        { key: 'id', header: '身份证号', numFmt: '@', width: 22 },
      ],
      [{ row: 2, message: '身份证号校验位不正确，请核对最后一位', id: '11010519491231002X' }],
    );
    const ws = await load(buffer);
    expect(ws.name).toBe('导入错误报告');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(30);
    expect(ws.getColumn(3).width).toBe(22);
    expect(ws.getCell('B1').note).toBe('说明 note');
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getCell('C2').value).toBe('11010519491231002X');
  });

  it('makes any sheet name legal', () => {
    expect(safeSheetName('a/b:c*?[d]')).toBe('a_b_c___d_');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    expect(safeSheetName('')).toBe('Sheet1');
    expect(safeSheetName('History')).toBe('Sheet1');
  });
});
