/**
 * Organisation-subtree scoping (SECURITY.md §7). A user's scope for a permission is the union of the subtrees
 * of the grants whose role carries that permission; a grant without a fixed unit follows the user's active
 * posts, so concurrent posts and successions work without re-granting.
 *
 * Paths are byte-ordered (db/dialect.ts), so "path lies under P" is the index range `P <= path < P'`, where P'
 * is P with its trailing '/' replaced by '0' (the next byte). No LIKE, no escaping.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Role } from '../../contracts/enums.ts';
import type { Permission } from '../../contracts/permissions.ts';
import { roleHasPermission } from './policy.ts';

export type ScopeRoot = { role: Role; orgUnitId: string; path: string; name: string };

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  locale: string;
  roles: Role[];
  roots: ScopeRoot[];
  sessionId: string;
  authenticatedAt: Date;
};

export function upperBound(path: string): string {
  return path.slice(0, -1) + '0';
}

export function isUnder(path: string, root: string): boolean {
  return path.startsWith(root);
}

/** Minimal set of subtree roots (a root inside another root is dropped). */
export function minimalRoots(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((r) => p.startsWith(r))) out.push(p);
  return out;
}

export function scopePaths(actor: Actor, permission: Permission): string[] {
  return minimalRoots(actor.roots.filter((r) => roleHasPermission(r.role, permission)).map((r) => r.path));
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => roleHasPermission(r, permission));
}

export function isPathInScope(path: string, paths: string[]): boolean {
  return paths.some((p) => path.startsWith(p));
}

/** `column` lies in one of the subtrees. An empty scope matches nothing. */
export function inSubtrees<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, paths: string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = eb.ref(column as never);
  const ranges = paths.map((p) => eb.and([eb(ref, '>=', p as never), eb(ref, '<', upperBound(p) as never)]));
  return ranges.length === 1 ? ranges[0]! : eb.or(ranges);
}
