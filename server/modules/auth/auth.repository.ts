import type { DbOrTrx } from '../../db/database.ts';
import type { AppUserRow, RoleGrantRow, UserSessionRow } from '../../db/schema.ts';

export function findUserByUsername(db: DbOrTrx, username: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: DbOrTrx, id: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUserLoginState(
  db: DbOrTrx,
  id: string,
  values: Partial<Pick<AppUserRow, 'failed_login_count' | 'failed_window_started_at' | 'locked_until' | 'last_login_at' | 'password_hash' | 'password_changed_at' | 'locale' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('app_user').set(values).where('id', '=', id).execute();
}

export async function insertSession(db: DbOrTrx, row: UserSessionRow): Promise<void> {
  await db.insertInto('user_session').values(row).execute();
}

export function findSession(db: DbOrTrx, id: string): Promise<(UserSessionRow & { username: string; is_disabled: number }) | undefined> {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('user_session')
    .select(['app_user.username', 'app_user.is_disabled'])
    .where('user_session.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTrx, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

export async function markSessionAuthenticated(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('user_session').set({ authenticated_at: at, last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeSession(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: DbOrTrx, userId: string, at: string): Promise<number> {
  const r = await db.updateTable('user_session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Grants active on `today` (YYYY-MM-DD), with the path and name of their fixed unit if any. */
export function listActiveGrants(db: DbOrTrx, userId: string, today: string): Promise<(RoleGrantRow & { path: string | null; org_name: string | null })[]> {
  return db
    .selectFrom('role_grant')
    .leftJoin('org_unit', 'org_unit.id', 'role_grant.org_unit_id')
    .selectAll('role_grant')
    .select(['org_unit.path as path', 'org_unit.name as org_name'])
    .where('role_grant.user_id', '=', userId)
    .where('role_grant.valid_from', '<=', today)
    .where((eb) => eb.or([eb('role_grant.valid_to', 'is', null), eb('role_grant.valid_to', '>=', today)]))
    .execute();
}

/** Units of a person's posts active on `today`: the scope of grants that follow posts. */
export function listActivePostUnits(db: DbOrTrx, personId: string, today: string): Promise<{ org_unit_id: string; path: string; name: string }[]> {
  return db
    .selectFrom('post')
    .innerJoin('org_unit', 'org_unit.id', 'post.org_unit_id')
    .select(['post.org_unit_id', 'org_unit.path', 'org_unit.name'])
    .where('post.person_id', '=', personId)
    .where('post.start_date', '<=', today)
    .where((eb) => eb.or([eb('post.end_date', 'is', null), eb('post.end_date', '>=', today)]))
    .execute();
}
