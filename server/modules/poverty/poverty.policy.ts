/**
 * The M3 rules as data (STYLE §2): who may move a household from which state to which, the team composition
 * rule, and the scope of each kind of actor.
 *
 *   —                 → IDENTIFIED           village (VILLAGE_SECRETARY, VILLAGE_CADRE; poverty.write), after a villagers' review
 *   IDENTIFIED        → ASSISTED   (assign)  town (TOWN_SECRETARY, TOWN_ORG_MEMBER; poverty.write), with an ACTIVE team of the village
 *   ASSISTED          → EXIT_PROPOSED        the current LEADER of the household's team (poverty.visit)
 *   EXIT_PROPOSED     → EXIT_PUBLICIZED      village (poverty.write): the public notice starts [CFG 7 calendar days]
 *   EXIT_PUBLICIZED   → EXITED               town (poverty.write), after the notice ended, no open or upheld objection
 *   EXIT_PUBLICIZED   → ASSISTED             automatically when the town upholds an objection (exit cancelled)
 *   EXITED            → RETURNED_TO_POVERTY  town (poverty.write)
 *   RETURNED_TO_POVERTY → ASSISTED (reassist) town (poverty.write), with an ACTIVE team of the village
 *
 * Teams are formed and changed by the town (or the county grassroots section) with poverty.write in scope.
 * SERVICE_TEAM_MEMBER sees only the households of the teams they currently belong to (by the account's person).
 */
import type { Role } from '../../../contracts/enums.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import type { HouseholdStatus, HouseholdTransition, TeamSlot } from '../../../contracts/poverty.ts';
import type { Text } from '../../platform/errors.ts';
import { minimalRoots, type Actor } from '../../platform/scope.ts';
import { roleHasPermission } from '../../platform/policy.ts';

export const VILLAGE_ROLES: readonly Role[] = ['VILLAGE_SECRETARY', 'VILLAGE_CADRE'];
export const TOWN_ROLES: readonly Role[] = ['TOWN_SECRETARY', 'TOWN_ORG_MEMBER'];
export const TEAM_MANAGER_ROLES: readonly Role[] = ['TOWN_SECRETARY', 'TOWN_ORG_MEMBER', 'ORG_GRASSROOTS_SECTION'];

export type Party = 'village' | 'town' | 'leader';

export type TransitionRule = {
  name: HouseholdTransition;
  from: HouseholdStatus;
  to: HouseholdStatus;
  party: Party;
  permission: Permission;
  action: string;
  needsTeam?: boolean;
};

export const TRANSITIONS: readonly TransitionRule[] = [
  { name: 'assign', from: 'IDENTIFIED', to: 'ASSISTED', party: 'town', permission: 'poverty.write', action: 'poverty.household.assigned', needsTeam: true },
  { name: 'proposeExit', from: 'ASSISTED', to: 'EXIT_PROPOSED', party: 'leader', permission: 'poverty.visit', action: 'poverty.household.exit_proposed' },
  { name: 'publicize', from: 'EXIT_PROPOSED', to: 'EXIT_PUBLICIZED', party: 'village', permission: 'poverty.write', action: 'poverty.household.exit_publicized' },
  { name: 'approveExit', from: 'EXIT_PUBLICIZED', to: 'EXITED', party: 'town', permission: 'poverty.write', action: 'poverty.household.exited' },
  { name: 'returnToPoverty', from: 'EXITED', to: 'RETURNED_TO_POVERTY', party: 'town', permission: 'poverty.write', action: 'poverty.household.returned' },
  { name: 'reassist', from: 'RETURNED_TO_POVERTY', to: 'ASSISTED', party: 'town', permission: 'poverty.write', action: 'poverty.household.reassisted', needsTeam: true },
];

export function transitionRule(name: HouseholdTransition): TransitionRule {
  const t = TRANSITIONS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown household transition ${name}`);
  return t;
}

export const STATUS_TEXT: Record<HouseholdStatus, Text> = {
  IDENTIFIED: { zh: '已识别', en: 'identified' },
  ASSISTED: { zh: '帮扶中', en: 'assisted' },
  EXIT_PROPOSED: { zh: '拟脱贫', en: 'exit proposed' },
  EXIT_PUBLICIZED: { zh: '脱贫公示中', en: 'exit under public notice' },
  EXITED: { zh: '已脱贫', en: 'exited' },
  RETURNED_TO_POVERTY: { zh: '返贫', en: 'returned to poverty' },
};

export const TRANSITION_TEXT: Record<HouseholdTransition, Text> = {
  assign: { zh: '分配帮扶团队', en: 'assign a team' },
  proposeExit: { zh: '提出脱贫', en: 'propose exit' },
  publicize: { zh: '脱贫公示', en: 'publicise the exit' },
  approveExit: { zh: '批准脱贫', en: 'approve the exit' },
  returnToPoverty: { zh: '认定返贫', en: 'record a return to poverty' },
  reassist: { zh: '重新帮扶', en: 're-assist' },
};

export const PARTY_TEXT: Record<Party, Text> = {
  village: { zh: '村（社区）党组织书记或“两委”成员', en: 'the village secretary or a village committee member' },
  town: { zh: '镇（街道）党（工）委书记或组织委员', en: 'the town secretary or the town organisation member' },
  leader: { zh: '该户帮扶团队的团长', en: "the leader of the household's team" },
};

export const SLOT_TEXT: Record<TeamSlot, Text> = { LEADER: { zh: '团长', en: 'leader' }, CORE: { zh: '核心成员', en: 'core member' }, FLEX: { zh: '机动成员', en: 'flexible member' } };

/** Why the transition cannot happen from this state (null when the state allows it). */
export function illegalStateReason(rule: TransitionRule, status: HouseholdStatus): Text | null {
  if (status === rule.from) return null;
  const now = STATUS_TEXT[status];
  return {
    zh: `该户当前状态为"${now.zh}"，不能${TRANSITION_TEXT[rule.name].zh}（只有"${STATUS_TEXT[rule.from].zh}"的户可以）`,
    en: `The household is ${now.en}; only a household that is ${STATUS_TEXT[rule.from].en} can ${TRANSITION_TEXT[rule.name].en}`,
  };
}

/** The subtrees where the actor acts with `permission` through one of `roles` (grants of other roles do not count). */
export function rolePaths(actor: Actor, roles: readonly Role[], permission: Permission): string[] {
  return minimalRoots(actor.roots.filter((r) => roles.includes(r.role) && roleHasPermission(r.role, permission)).map((r) => r.path));
}

/** Subtree read scope: every poverty.read role except SERVICE_TEAM_MEMBER (whose scope is team membership). */
export function subtreeReadPaths(actor: Actor): string[] {
  return minimalRoots(actor.roots.filter((r) => r.role !== 'SERVICE_TEAM_MEMBER' && roleHasPermission(r.role, 'poverty.read')).map((r) => r.path));
}

export function pathsForParty(actor: Actor, party: Exclude<Party, 'leader'>, permission: Permission): string[] {
  return rolePaths(actor, party === 'village' ? VILLAGE_ROLES : TOWN_ROLES, permission);
}

/** Composition of an ACTIVE team: exactly one Party-member LEADER, exactly three CORE, any FLEX. */
export function compositionProblems(members: readonly { slot: string; isPartyMember: boolean }[]): Text[] {
  const out: Text[] = [];
  const leaders = members.filter((m) => m.slot === 'LEADER');
  const core = members.filter((m) => m.slot === 'CORE').length;
  if (leaders.length !== 1) out.push({ zh: `团队须有且只有 1 名团长（现有 ${leaders.length} 名）`, en: `A team needs exactly 1 leader (it has ${leaders.length})` });
  else if (!leaders[0]!.isPartyMember) out.push({ zh: '团长必须是中共党员', en: 'The leader must be a Party member' });
  if (core !== 3) out.push({ zh: `团队须有且只有 3 名核心成员（现有 ${core} 名）`, en: `A team needs exactly 3 core members (it has ${core})` });
  return out;
}

/** The reminder period containing `date` (YYYY-MM-DD): windows of `everyMonths` months counted from January. */
export function reminderPeriod(month: string, everyMonths: number): { start: string; end: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const startMonth = Math.floor((m - 1) / everyMonths) * everyMonths + 1;
  const endMonthExclusive = startMonth + everyMonths;
  const start = `${y}-${String(startMonth).padStart(2, '0')}-01`;
  const endDate = new Date(Date.UTC(y, endMonthExclusive - 1, 1) - 86_400_000);
  return { start, end: endDate.toISOString().slice(0, 10) };
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
