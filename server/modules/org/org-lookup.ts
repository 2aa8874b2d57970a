/**
 * Lookups other modules need (through org/index.ts): a unit inside the caller's scope, or 404.
 */
import type { Permission } from '../../../contracts/permissions.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';

export type OrgUnitRef = { id: string; path: string; name: string; type: string; validTo: string | null };

export async function findOrgUnitRef(db: DbOrTrx, id: string): Promise<OrgUnitRef | undefined> {
  const row = await db.selectFrom('org_unit').select(['id', 'path', 'name', 'type', 'valid_to']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, path: row.path, name: row.name, type: row.type, validTo: row.valid_to } : undefined;
}

/** The unit if it lies in the actor's scope for `permission`; otherwise 404 (no existence oracle). */
export async function getOrgUnitInScope(db: DbOrTrx, actor: Actor, permission: Permission, id: string): Promise<OrgUnitRef> {
  const unit = await findOrgUnitRef(db, id);
  if (!unit || !isPathInScope(unit.path, scopePaths(actor, permission))) throw notFound({ zh: '单位', en: 'unit' });
  return unit;
}

/** Names of the ancestors of a path (root first, excluding the unit itself). */
export async function listAncestorNames(db: DbOrTrx, path: string): Promise<{ id: string; name: string }[]> {
  const ids = path.split('/').filter(Boolean).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.filter((id) => byId.has(id)).map((id) => ({ id, name: byId.get(id)! }));
}
