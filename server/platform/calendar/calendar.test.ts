import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { loadWorkCalendar } from './calendar.service.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween, workingDeadline, type WorkCalendar } from './working-days.ts';

function multipart(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----bw-calendar-test';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function sheet(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('节假日');
  ws.addRow(['日期', '类型', '名称']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('working-day arithmetic (pure)', () => {
  const cal: WorkCalendar = { holidays: new Set(['2016-10-03', '2016-10-04', '2016-10-05', '2016-10-06', '2016-10-07']), makeupWorkdays: new Set(['2016-10-08']) };
  it('counts weekdays, skips holidays, counts make-up Saturdays', () => {
    expect(isWorkingDay('2016-10-03', cal)).toBe(false); // Monday holiday
    expect(isWorkingDay('2016-10-08', cal)).toBe(true); // Saturday make-up
    expect(isWorkingDay('2016-10-15', cal)).toBe(false); // plain Saturday
    expect(isWorkingDay('2016-10-10', cal)).toBe(true);
    expect(addWorkingDays('2016-09-30', 1, cal)).toBe('2016-10-08');
    expect(addWorkingDays('2016-09-30', 2, cal)).toBe('2016-10-10');
    expect(addWorkingDays('2016-10-10', -2, cal)).toBe('2016-09-30');
    expect(addWorkingDays('2016-10-02', 0, cal)).toBe('2016-10-08');
    expect(workingDaysBetween('2016-09-30', '2016-10-10', cal)).toBe(2);
    expect(workingDaysBetween('2016-10-10', '2016-09-30', cal)).toBe(-2);
    expect(workingDaysBetween('2016-10-10', '2016-10-10', cal)).toBe(0);
  });
  it('refuses impossible dates', () => {
    expect(() => addWorkingDays('2016-02-30', 1, cal)).toThrow(RangeError);
    expect(() => isWorkingDay('2016/10/01', cal)).toThrow(RangeError);
  });
  it('puts deadlines at the end of the China Standard Time day', () => {
    // 2016-09-30 16:00 CST (08:00Z) + 2 working days → end of 2016-10-10 CST = 15:59:59.999Z
    expect(workingDeadline(new Date('2016-09-30T08:00:00Z'), 2, cal).toISOString()).toBe('2016-10-10T15:59:59.999Z');
    // 23:30 CST on 2016-09-30 is 15:30Z: still the 30th in China
    expect(workingDeadline(new Date('2016-09-30T15:30:00Z'), 0, cal).toISOString()).toBe('2016-09-30T15:59:59.999Z');
    // 00:30 CST on 2016-10-01 is 16:30Z on the 30th: already the 1st in China
    expect(workingDeadline(new Date('2016-09-30T16:30:00Z'), 0, cal).toISOString()).toBe('2016-10-01T15:59:59.999Z');
  });
});

describe.each(TEST_DIALECTS)('working-day calendar on %s', (dialect) => {
  let t: TestApp;
  let cal: WorkCalendar;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    cal = await loadWorkCalendar(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is seeded with the State Council schedules 2016-2026 and marks 2027 unconfirmed', async () => {
    const years = await t.db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
    expect(years.map((y) => Number(y.year))).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(years.filter((y) => y.status === 'UNCONFIRMED').map((y) => Number(y.year))).toEqual([2027]);
    expect(cal.unconfirmedYears?.has(2027)).toBe(true);
  });

  it('2016 National Day: 10-01..07 off, Saturday 10-08 and Sunday 10-09 worked', () => {
    for (const d of ['2016-10-03', '2016-10-04', '2016-10-05', '2016-10-06', '2016-10-07']) expect(isWorkingDay(d, cal), d).toBe(false);
    expect(isWorkingDay('2016-10-08', cal)).toBe(true);
    expect(isWorkingDay('2016-10-09', cal)).toBe(true);
    // accepted Friday 2016-09-30: 3 working days = Sat 10-08, Sun 10-09, Mon 10-10
    expect(addWorkingDays('2016-09-30', 3, cal)).toBe('2016-10-10');
    expect(workingDaysBetween('2016-09-30', '2016-10-10', cal)).toBe(3);
    // 10 working days (a complaint) from the same Friday
    expect(addWorkingDays('2016-09-30', 10, cal)).toBe('2016-10-19');
  });

  it('2016 Spring Festival: Saturday 02-06 and Sunday 02-14 worked, 02-08..12 off', () => {
    expect(addWorkingDays('2016-02-05', 1, cal)).toBe('2016-02-06');
    expect(addWorkingDays('2016-02-06', 1, cal)).toBe('2016-02-14');
    expect(addWorkingDays('2016-02-05', 3, cal)).toBe('2016-02-15');
    expect(workingDaysBetween('2016-02-05', '2016-02-15', cal)).toBe(3);
  });

  it('2020: the Spring Festival extension to 02-02 holds; 2026: nine-day Spring Festival with make-up Saturdays', () => {
    expect(addWorkingDays('2020-01-23', 1, cal)).toBe('2020-02-03');
    expect(isWorkingDay('2020-01-19', cal)).toBe(true);
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1, cal)).toBe('2026-02-24');
    expect(isWorkingDay('2026-02-28', cal)).toBe(true);
    expect(isWorkingDay('2026-01-04', cal)).toBe(true);
    expect(workingDaysBetween('2026-09-30', '2026-10-12', cal)).toBe(4); // Thu 10-08, Fri 10-09, make-up Sat 10-10, Mon 10-12
  });

  it('counts the working days of 2016 (366 days − 105 weekend days − 17 weekday holidays + 6 make-up days = 250)', async () => {
    let n = 0;
    for (let ms = Date.UTC(2016, 0, 1); ms < Date.UTC(2017, 0, 1); ms += 86_400_000) if (isWorkingDay(new Date(ms).toISOString().slice(0, 10), cal)) n++;
    expect(n).toBe(250);
    const res = await t.get('SYS_ADMIN', '/api/calendar/years/2016');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().year.workingDays).toBe(250);
    expect(res.json().year.makeupWorkdays).toBe(6);
  });

  it('answers working-day questions over HTTP (401 without a session)', async () => {
    expect((await t.get(null, '/api/calendar/working-days?from=2016-09-30&days=3')).statusCode).toBe(401);
    const res = await t.get('HANDLER', '/api/calendar/working-days?from=2016-09-30&days=3&to=2016-10-10');
    expect(res.json()).toEqual({ from: '2016-09-30', date: '2016-10-10', workingDays: 3, unconfirmed: false });
    expect((await t.get('HANDLER', '/api/calendar/working-days?from=2027-01-04&days=3')).json().unconfirmed).toBe(true);
    expect((await t.get('HANDLER', '/api/calendar/working-days?from=2016-13-01&days=3')).statusCode).toBe(400);
  });

  it('lets only SYS_ADMIN edit a day, with a ledger event, and the cache follows', async () => {
    expect((await t.put('O2O_DISPATCHER', '/api/calendar/days/2027-02-13', { kind: 'MAKEUP_WORKDAY', name: '春节' })).statusCode).toBe(403);
    const weekday = await t.put('SYS_ADMIN', '/api/calendar/days/2027-02-10', { kind: 'MAKEUP_WORKDAY', name: '春节' });
    expect(weekday.statusCode).toBe(400);
    const before = await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const ok = await t.put('SYS_ADMIN', '/api/calendar/days/2027-02-13', { kind: 'MAKEUP_WORKDAY', name: '春节' });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect(isWorkingDay('2027-02-13', await loadWorkCalendar(t.db))).toBe(true);
    expect((await t.call('SYS_ADMIN', 'DELETE', '/api/calendar/days/2027-02-13')).statusCode).toBe(200);
    expect(isWorkingDay('2027-02-13', await loadWorkCalendar(t.db))).toBe(false);
    const year = await t.put('SYS_ADMIN', '/api/calendar/years/2027', { status: 'CONFIRMED', source: '国务院办公厅关于2027年部分节假日安排的通知' });
    expect(year.json().status).toBe('CONFIRMED');
  });

  it('imports a year from .xlsx all-or-nothing with per-row errors', async () => {
    const bad = await sheet([
      ['2028-01-01', '放假', '元旦'],
      ['2028-02-30', '放假', '春节'],
      ['2028-01-05', '调休上班', '春节'], // a Wednesday
      ['2028-01-01', '放假', '元旦'],
      ['2028-01-29', '休息', '春节'],
    ]);
    const m = multipart('2028.xlsx', bad);
    const res = await t.call('SYS_ADMIN', 'POST', '/api/calendar/import', m.payload, m.headers);
    expect(res.statusCode, res.body).toBe(422);
    const rows = res.json().errors.map((e: { row: number }) => e.row);
    expect(rows).toEqual(expect.arrayContaining([3, 4, 5, 6]));
    expect(await t.db.selectFrom('calendar_day').select('date').where('date', '>=', '2028-01-01').execute()).toEqual([]);

    const good = multipart('2028.xlsx', await sheet([['2028-01-01', '放假', '元旦'], ['2028-01-29', '调休上班', '春节'], [new Date(Date.UTC(2028, 1, 1)), 'HOLIDAY', '春节']]));
    const ok = await t.call('SYS_ADMIN', 'POST', '/api/calendar/import', ok0(good.payload), good.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 3, years: [2028] });
    const c = await loadWorkCalendar(t.db);
    expect(isWorkingDay('2028-01-29', c)).toBe(true);
    expect(isWorkingDay('2028-02-01', c)).toBe(false);
    expect((await t.call('HANDLER', 'POST', '/api/calendar/import', good.payload, good.headers)).statusCode).toBe(403);
  });
});

const ok0 = (b: Buffer) => b;
