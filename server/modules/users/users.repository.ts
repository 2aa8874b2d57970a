import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type { AppUserRow, NewAppUserRow, NewRoleGrantRow } from '../../db/schema.ts';

export async function listUsers(db: DbOrTrx, q: string | undefined, page: number, pageSize: number): Promise<{ rows: AppUserRow[]; total: number }> {
  const base = db.selectFrom('app_user').$if(q !== undefined, (qb) => qb.where((eb) => eb.or([likePattern('username', q!, 'contains'), likePattern('display_name', q!, 'contains')])));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('username').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function listGrants(db: DbOrTrx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grant')
    .leftJoin('org_unit', 'org_unit.id', 'role_grant.org_unit_id')
    .selectAll('role_grant')
    .select('org_unit.name as org_name')
    .where('role_grant.user_id', 'in', userIds)
    .orderBy('role_grant.created_at')
    .execute();
}

export function findUser(db: DbOrTrx, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: DbOrTrx, username: string) {
  return db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: DbOrTrx, row: NewAppUserRow): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

export async function insertGrant(db: DbOrTrx, row: NewRoleGrantRow): Promise<void> {
  await db.insertInto('role_grant').values(row).execute();
}

export function findGrant(db: DbOrTrx, userId: string, grantId: string) {
  return db.selectFrom('role_grant').selectAll().where('id', '=', grantId).where('user_id', '=', userId).executeTakeFirst();
}

export async function closeGrant(db: DbOrTrx, grantId: string, validTo: string): Promise<void> {
  await db.updateTable('role_grant').set({ valid_to: validTo }).where('id', '=', grantId).execute();
}

export async function setDisabled(db: DbOrTrx, id: string, disabled: boolean, at: string): Promise<void> {
  await db.updateTable('app_user').set({ is_disabled: disabled ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: DbOrTrx, today: string): Promise<number> {
  const row = await db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .select(sql<number>`count(distinct app_user.id)`.as('n'))
    .where('role_grant.role', '=', 'SYS_ADMIN')
    .where('app_user.is_disabled', '=', 0)
    .where('role_grant.valid_from', '<=', today)
    .where((eb) => eb.or([eb('role_grant.valid_to', 'is', null), eb('role_grant.valid_to', '>=', today)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
