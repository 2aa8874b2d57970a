/**
 * The working-day calendar as data: a cached loader for the pure functions of working-days.ts, and the SYS_ADMIN
 * use cases (edit a day, set a year's status, import a year from .xlsx all-or-nothing). Every change is a ledger
 * event in its transaction and drops the cache.
 */
import type { CalendarDay, CalendarDayKind, CalendarYear, CalendarYearDetail, PutCalendarDay, PutCalendarYear } from '../../../contracts/calendar.ts';
import { inTransaction, type Db, type DbOrTrx } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../deps.ts';
import { AppError, fieldError, notFound, type Text } from '../errors.ts';
import { parseDateCell, parseTextCell } from '../excel/cell-values.ts';
import { inspectXlsx, readSheetTable } from '../excel/index.ts';
import { appendLedgerEvent } from '../ledger/index.ts';
import * as repo from './calendar.repository.ts';
import { isValidDate, isWorkingDay, type WorkCalendar } from './working-days.ts';

const CACHE_TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; cal: Promise<WorkCalendar> }>();

/** The whole calendar (a few hundred rows), cached per database for a minute and dropped on every change here. */
export function loadWorkCalendar(db: Db): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && performance.now() - hit.at < CACHE_TTL_MS) return hit.cal;
  const cal = (async () => {
    const [days, years] = await Promise.all([repo.listAllDays(db), repo.listYears(db)]);
    return {
      holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
      makeupWorkdays: new Set(days.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.date)),
      unconfirmedYears: new Set(years.filter((y) => y.status !== 'CONFIRMED').map((y) => Number(y.year))),
    } satisfies WorkCalendar;
  })();
  cache.set(db, { at: performance.now(), cal });
  cal.catch(() => cache.delete(db));
  return cal;
}

export function invalidateWorkCalendar(db: Db): void {
  cache.delete(db);
}

const present = (d: { date: string; kind: string; name: string; updated_at: string }): CalendarDay => ({ date: d.date, kind: d.kind as CalendarDayKind, name: d.name, updatedAt: d.updated_at });

async function yearSummary(db: DbOrTrx, year: number, cal: WorkCalendar): Promise<CalendarYear> {
  const row = await repo.findYear(db, year);
  const days = await repo.listDaysBetween(db, `${year}-01-01`, `${year}-12-31`);
  let working = 0;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) if (isWorkingDay(new Date(t).toISOString().slice(0, 10), cal)) working++;
  return {
    year,
    status: (row?.status ?? 'UNCONFIRMED') as CalendarYear['status'],
    source: row?.source ?? '',
    holidays: days.filter((d) => d.kind === 'HOLIDAY').length,
    makeupWorkdays: days.filter((d) => d.kind === 'MAKEUP_WORKDAY').length,
    workingDays: working,
  };
}

export async function listCalendarYears(ctx: ServiceCtx): Promise<CalendarYear[]> {
  const cal = await loadWorkCalendar(ctx.db);
  const years = await repo.listYears(ctx.db);
  return Promise.all(years.map((y) => yearSummary(ctx.db, Number(y.year), cal)));
}

export async function getCalendarYear(ctx: ServiceCtx, year: number): Promise<CalendarYearDetail> {
  const cal = await loadWorkCalendar(ctx.db);
  const days = await repo.listDaysBetween(ctx.db, `${year}-01-01`, `${year}-12-31`);
  return { year: await yearSummary(ctx.db, year, cal), days: days.map(present) };
}

function checkDate(date: string): void {
  if (!isValidDate(date)) throw fieldError('date', `${date} 不是有效日期`, `${date} is not a valid date`);
}

/** Marks one date as a holiday or a make-up working day. */
export async function putCalendarDay(ctx: ServiceCtx, date: string, input: PutCalendarDay): Promise<CalendarDay> {
  checkDate(date);
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (input.kind === 'MAKEUP_WORKDAY' && dow !== 0 && dow !== 6) {
    throw fieldError('kind', `${date} 是工作日（周一至周五），不能设为调休上班日`, `${date} is a weekday; only a Saturday or Sunday can be a make-up working day`);
  }
  const name = input.name.trim();
  if (!name) throw fieldError('name', '请填写节日名称', 'Give the holiday name');
  const result = await inTransaction(ctx.db, async (trx) => {
    const before = await repo.findDay(trx, date);
    const now = ctx.clock.now();
    await repo.upsertDay(trx, { date, kind: input.kind, name, updated_by: ctx.actor.userId, updated_at: now.toISOString() });
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'calendar.day.set', objectType: 'calendar_day', objectId: date, orgPath: '/', payload: { date, kind: input.kind, name, before: before ? { kind: before.kind, name: before.name } : null } }, now);
    return present({ date, kind: input.kind, name, updated_at: now.toISOString() });
  });
  invalidateWorkCalendar(ctx.db);
  return result;
}

/** Removes a date's entry: it becomes an ordinary day (working Monday to Friday). */
export async function deleteCalendarDay(ctx: ServiceCtx, date: string): Promise<{ ok: true }> {
  checkDate(date);
  await inTransaction(ctx.db, async (trx) => {
    const before = await repo.findDay(trx, date);
    if (!before) throw notFound({ zh: '日历条目', en: 'calendar entry' });
    await repo.deleteDay(trx, date);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'calendar.day.deleted', objectType: 'calendar_day', objectId: date, orgPath: '/', payload: { date, before: { kind: before.kind, name: before.name } } }, ctx.clock.now());
  });
  invalidateWorkCalendar(ctx.db);
  return { ok: true };
}

export async function putCalendarYear(ctx: ServiceCtx, year: number, input: PutCalendarYear): Promise<CalendarYear> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    await repo.upsertYear(trx, { year, status: input.status, source: input.source.trim(), updated_at: now.toISOString() });
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'calendar.year.set', objectType: 'calendar_year', objectId: String(year), orgPath: '/', payload: { year, ...input } }, now);
  });
  invalidateWorkCalendar(ctx.db);
  return yearSummary(ctx.db, year, await loadWorkCalendar(ctx.db));
}

export type CalendarImportError = { row: number; column: string; message: Text };
export type CalendarImportOutcome = { ok: true; imported: number; years: number[] } | { ok: false; message: Text; errors: CalendarImportError[] };

const KIND_WORDS: Record<string, CalendarDayKind> = {
  HOLIDAY: 'HOLIDAY', 放假: 'HOLIDAY', 假日: 'HOLIDAY', 节假日: 'HOLIDAY', 休: 'HOLIDAY',
  MAKEUP_WORKDAY: 'MAKEUP_WORKDAY', 调休上班: 'MAKEUP_WORKDAY', 上班: 'MAKEUP_WORKDAY', 补班: 'MAKEUP_WORKDAY', 班: 'MAKEUP_WORKDAY',
};

export const CALENDAR_IMPORT_COLUMNS = [
  { key: 'date', header: '日期', aliases: ['date'], required: true },
  { key: 'kind', header: '类型', aliases: ['kind', '类别'], required: true },
  { key: 'name', header: '名称', aliases: ['name', '节日', '节日名称'], required: true },
] as const;

/**
 * Imports holidays and make-up days from an .xlsx sheet (日期 | 类型 放假/调休上班 | 名称). Every row is checked first;
 * any error → nothing is written. Otherwise the years in the file are replaced entirely and marked CONFIRMED.
 */
export async function importCalendar(ctx: ServiceCtx, file: { fileName: string; buffer: Buffer }): Promise<CalendarImportOutcome> {
  const inspection = await inspectXlsx(file.buffer);
  const read = await readSheetTable(file.buffer, inspection, { columns: CALENDAR_IMPORT_COLUMNS, maxRows: 2000, maxColumns: 20 });
  if (!read.ok) {
    return { ok: false, message: { zh: `表头不符：缺少 ${read.problem.missing.join('、') || '—'}`, en: `Header mismatch: missing ${read.problem.missing.join(', ') || '—'}` }, errors: [{ row: read.problem.headerRow, column: '表头', message: { zh: '表头应为：日期、类型、名称', en: 'Headers must be: 日期, 类型, 名称' } }] };
  }
  const errors: CalendarImportError[] = [];
  const rows: { date: string; kind: CalendarDayKind; name: string }[] = [];
  const seen = new Map<string, number>();
  for (const r of read.table.rows) {
    const empty = { kind: 'empty' } as const;
    const d = parseDateCell(r.cells.get('date') ?? empty, read.table.date1904);
    const k = parseTextCell(r.cells.get('kind') ?? empty, 20);
    const n = parseTextCell(r.cells.get('name') ?? empty, 50);
    if (!d.ok) errors.push({ row: r.row, column: '日期', message: d.message });
    const kind = k.ok ? KIND_WORDS[k.value.trim().toUpperCase()] ?? KIND_WORDS[k.value.trim()] : undefined;
    if (!kind) errors.push({ row: r.row, column: '类型', message: { zh: '类型应为“放假”或“调休上班”', en: 'Kind must be 放假 (HOLIDAY) or 调休上班 (MAKEUP_WORKDAY)' } });
    if (!n.ok || !n.value.trim()) errors.push({ row: r.row, column: '名称', message: { zh: '请填写节日名称', en: 'Give the holiday name' } });
    if (d.ok && kind === 'MAKEUP_WORKDAY') {
      const dow = new Date(`${d.value}T00:00:00Z`).getUTCDay();
      if (dow !== 0 && dow !== 6) errors.push({ row: r.row, column: '类型', message: { zh: `${d.value} 是周一至周五，不能设为调休上班日`, en: `${d.value} is a weekday; it cannot be a make-up working day` } });
    }
    if (d.ok) {
      const first = seen.get(d.value);
      if (first !== undefined) errors.push({ row: r.row, column: '日期', message: { zh: `日期 ${d.value} 与第 ${first} 行重复`, en: `Date ${d.value} repeats row ${first}` } });
      else seen.set(d.value, r.row);
    }
    if (d.ok && kind && n.ok && n.value.trim()) rows.push({ date: d.value, kind, name: n.value.trim() });
  }
  if (read.table.rows.length === 0) errors.push({ row: read.table.headerRow + 1, column: '日期', message: { zh: '表中没有数据行', en: 'The sheet has no data rows' } });
  if (errors.length > 0) return { ok: false, message: { zh: `发现 ${errors.length} 处错误，未导入任何数据`, en: `${errors.length} errors found; nothing was imported` }, errors };

  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort();
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now().toISOString();
    for (const y of years) {
      await repo.deleteDaysOfYear(trx, y);
      await repo.upsertYear(trx, { year: y, status: 'CONFIRMED', source: `导入：${file.fileName}`.slice(0, 200), updated_at: now });
    }
    for (let i = 0; i < rows.length; i += 100) {
      await trx.insertInto('calendar_day').values(rows.slice(i, i + 100).map((r) => ({ ...r, updated_by: ctx.actor.userId, updated_at: now }))).execute();
    }
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'calendar.imported', objectType: 'calendar_year', objectId: years.join(','), orgPath: '/', payload: { years, rows: rows.length, fileName: file.fileName } }, ctx.clock.now());
  });
  invalidateWorkCalendar(ctx.db);
  return { ok: true, imported: rows.length, years };
}

export const calendarImportRejected = (message: Text) => new AppError('VALIDATION', message);
