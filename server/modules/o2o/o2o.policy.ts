/**
 * The O2O state machine as data (SPEC §3 M2): one row per action with its from-states, to-state, the permission and
 * the party that may take it. `o2o.service.ts` applies a row in one function (scope → party → state → guard → write
 * → matter_event → ledger). Automatic steps (ANSWERED_ON_SPOT → CLOSED, REVISITED → ARCHIVED when satisfied,
 * overdue escalation) are written by the service as follow-up events of the same transaction.
 */
import type { MatterAction, MatterLevel, MatterStatus } from '../../../contracts/o2o.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import type { CitizenMatterRow } from '../../db/schema.ts';

/**
 * acceptor: o2o.accept over the matter's location (group admin / village cadre / O2O office);
 * dispatcher: o2o.dispatch over the unit holding the matter at its current level (town / county O2O office);
 * handler: o2o.handle over the unit the matter was dispatched to.
 */
export type MatterParty = 'acceptor' | 'dispatcher' | 'handler';

export type MatterTransition = { action: MatterAction; from: readonly MatterStatus[]; to: MatterStatus; permission: Permission; parties: readonly MatterParty[]; needs?: 'reason' | 'text' | 'target' | 'satisfaction' };

export const MATTER_TRANSITIONS: readonly MatterTransition[] = [
  { action: 'accept', from: ['SUBMITTED'], to: 'ACCEPTED', permission: 'o2o.accept', parties: ['acceptor'] },
  { action: 'reject', from: ['SUBMITTED'], to: 'REJECTED', permission: 'o2o.accept', parties: ['acceptor'], needs: 'reason' },
  { action: 'answer', from: ['ACCEPTED'], to: 'ANSWERED_ON_SPOT', permission: 'o2o.accept', parties: ['acceptor'], needs: 'text' },
  { action: 'escalate', from: ['ACCEPTED', 'ESCALATED', 'RETURNED'], to: 'ESCALATED', permission: 'o2o.accept', parties: ['acceptor', 'dispatcher'], needs: 'reason' },
  { action: 'dispatch', from: ['ACCEPTED', 'ESCALATED', 'RETURNED'], to: 'DISPATCHED', permission: 'o2o.dispatch', parties: ['dispatcher'], needs: 'target' },
  { action: 'sign', from: ['DISPATCHED'], to: 'SIGNED', permission: 'o2o.handle', parties: ['handler'] },
  { action: 'return', from: ['DISPATCHED'], to: 'RETURNED', permission: 'o2o.handle', parties: ['handler'], needs: 'reason' },
  { action: 'start', from: ['SIGNED'], to: 'IN_PROGRESS', permission: 'o2o.handle', parties: ['handler'] },
  { action: 'requestExtension', from: ['IN_PROGRESS'], to: 'EXTENSION_REQUESTED', permission: 'o2o.handle', parties: ['handler'], needs: 'reason' },
  { action: 'approveExtension', from: ['EXTENSION_REQUESTED'], to: 'IN_PROGRESS', permission: 'o2o.dispatch', parties: ['dispatcher'] },
  { action: 'denyExtension', from: ['EXTENSION_REQUESTED'], to: 'IN_PROGRESS', permission: 'o2o.dispatch', parties: ['dispatcher'], needs: 'reason' },
  { action: 'reply', from: ['IN_PROGRESS'], to: 'REPLIED', permission: 'o2o.handle', parties: ['handler'], needs: 'text' },
  { action: 'close', from: ['REPLIED'], to: 'CLOSED', permission: 'o2o.dispatch', parties: ['dispatcher'] },
  { action: 'revisit', from: ['CLOSED'], to: 'REVISITED', permission: 'o2o.dispatch', parties: ['dispatcher'], needs: 'satisfaction' },
  { action: 'reopen', from: ['REVISITED'], to: 'REOPENED', permission: 'o2o.dispatch', parties: ['dispatcher'], needs: 'reason' },
  { action: 'resume', from: ['REOPENED'], to: 'IN_PROGRESS', permission: 'o2o.handle', parties: ['handler'] },
  { action: 'archive', from: ['REVISITED'], to: 'ARCHIVED', permission: 'o2o.dispatch', parties: ['dispatcher'] },
];

export function transitionFor(action: MatterAction): MatterTransition {
  const t = MATTER_TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`unknown matter action ${action}`);
  return t;
}

/** Extensions allowed per matter [CFG 1]. */
export const MAX_EXTENSIONS = 1;
/** Working days given after a supervision notice before the next overdue round. */
export const SUPERVISION_WORKING_DAYS = 2;

export const LEVEL_ORDER: readonly MatterLevel[] = ['VILLAGE', 'TOWN', 'COUNTY'];

/** Roles that read matters by location (not only their own queue): everyone with o2o.read except pure handlers. */
function readerPaths(actor: Actor): string[] {
  return scopePaths(actor, 'o2o.read').filter((p) =>
    actor.roots.some((r) => r.path === p && roleHasPermission(r.role, 'o2o.read') && (roleHasPermission(r.role, 'o2o.accept') || roleHasPermission(r.role, 'o2o.dispatch') || !roleHasPermission(r.role, 'o2o.handle'))),
  );
}

export type MatterScopes = { read: string[]; accept: string[]; dispatch: string[]; handle: string[]; discipline: string[] };

export function matterScopes(actor: Actor): MatterScopes {
  return {
    read: readerPaths(actor),
    accept: scopePaths(actor, 'o2o.accept'),
    dispatch: scopePaths(actor, 'o2o.dispatch'),
    handle: scopePaths(actor, 'o2o.handle'),
    discipline: scopePaths(actor, 'petition.write'),
  };
}

type ScopedRow = Pick<CitizenMatterRow, 'location_path' | 'level_path' | 'assigned_path' | 'anonymous' | 'status' | 'routed_to'>;

export function partiesOf(s: MatterScopes, row: ScopedRow): Set<MatterParty> {
  const out = new Set<MatterParty>();
  if (row.routed_to) return out;
  if (isPathInScope(row.location_path, s.accept)) out.add('acceptor');
  if (isPathInScope(row.level_path, s.dispatch)) out.add('dispatcher');
  if (row.assigned_path && isPathInScope(row.assigned_path, s.handle)) out.add('handler');
  return out;
}

/** Visible: the discipline commission for routed reports; else readers by location, dispatchers by level, handlers by assignment. */
export function canSeeMatter(s: MatterScopes, row: ScopedRow): boolean {
  if (row.routed_to) return isPathInScope(row.location_path, s.discipline);
  return isPathInScope(row.location_path, s.read) || isPathInScope(row.location_path, s.accept) || isPathInScope(row.level_path, s.dispatch) || (row.assigned_path !== null && isPathInScope(row.assigned_path, s.handle));
}

/**
 * SPEC M2: requester identity only for the accepting and handling actors; anonymous matters hide it from handlers
 * too (the O2O office, which revisits, still sees it).
 */
export function canSeeRequester(s: MatterScopes, row: ScopedRow): boolean {
  if (row.routed_to) return false;
  if (isPathInScope(row.location_path, s.accept) || isPathInScope(row.level_path, s.dispatch)) return true;
  return row.anonymous === 0 && row.assigned_path !== null && isPathInScope(row.assigned_path, s.handle);
}
