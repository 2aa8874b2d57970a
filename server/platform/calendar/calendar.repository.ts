/** Kysely queries for calendar_day / calendar_year. */
import type { DbOrTrx } from '../../db/database.ts';

export function listDaysBetween(db: DbOrTrx, from: string, to: string) {
  return db.selectFrom('calendar_day').selectAll().where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
}

export function listAllDays(db: DbOrTrx) {
  return db.selectFrom('calendar_day').select(['date', 'kind']).execute();
}

export function listYears(db: DbOrTrx) {
  return db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
}

export function findYear(db: DbOrTrx, year: number) {
  return db.selectFrom('calendar_year').selectAll().where('year', '=', year).executeTakeFirst();
}

export function findDay(db: DbOrTrx, date: string) {
  return db.selectFrom('calendar_day').selectAll().where('date', '=', date).executeTakeFirst();
}

export async function upsertDay(db: DbOrTrx, row: { date: string; kind: string; name: string; updated_by: string | null; updated_at: string }): Promise<void> {
  await db
    .insertInto('calendar_day')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

export async function deleteDay(db: DbOrTrx, date: string): Promise<number> {
  const r = await db.deleteFrom('calendar_day').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteDaysOfYear(db: DbOrTrx, year: number): Promise<void> {
  await db.deleteFrom('calendar_day').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
}

export async function upsertYear(db: DbOrTrx, row: { year: number; status: string; source: string; updated_at: string }): Promise<void> {
  await db
    .insertInto('calendar_year')
    .values(row)
    .onConflict((oc) => oc.column('year').doUpdateSet({ status: row.status, source: row.source, updated_at: row.updated_at }))
    .execute();
}
