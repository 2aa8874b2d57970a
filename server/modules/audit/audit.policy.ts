/**
 * Who reads which part of the ledger (issue 3 deliverable 4, SPEC §4): audit roles (AUDITOR) read the whole
 * ledger; every other holder of `audit.read` (ORG_HEAD) reads the events whose org_path lies in their scope, plus
 * system events (org_path '/'). A person's history needs the person in the caller's people.read scope, except
 * for audit roles.
 */
import type { Role } from '../../../contracts/enums.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { scopePaths, type Actor } from '../../platform/scope.ts';
import type { EventScope } from './audit.repository.ts';

/** Roles whose audit scope is the whole ledger. */
export const LEDGER_WIDE_ROLES: readonly Role[] = ['AUDITOR'];

export function isLedgerWide(actor: Actor): boolean {
  return actor.roles.some((r) => LEDGER_WIDE_ROLES.includes(r) && roleHasPermission(r, 'audit.read'));
}

/** null = every event; otherwise the subtrees of the caller's audit.read grants (and '/' events). */
export function eventScopeOf(actor: Actor): EventScope {
  return isLedgerWide(actor) ? null : scopePaths(actor, 'audit.read');
}

/** The role recorded on the caller's `audit.viewed` events. */
export function auditRoleOf(actor: Actor): Role | undefined {
  return actor.roles.find((r) => LEDGER_WIDE_ROLES.includes(r) && roleHasPermission(r, 'audit.read')) ?? actor.roles.find((r) => roleHasPermission(r, 'audit.read'));
}
