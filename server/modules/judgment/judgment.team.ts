/**
 * Town leadership teams (乡镇领导班子) as the structure analysis sees them: the people holding a current leadership
 * post in the town unit on the reference date, with age, gender, education, specialty, front-line experience and
 * tenure in post; the same team after a set of moves (what-if or the campaign's endorsed judgments).
 */
import type { TeamMember, TeamTownType, TeamView } from '../../../contracts/judgment.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './judgment.repository.ts';
import { checkTargets, decimalYears, educationBand, specialtyGroup, structureOf, yearsBetween, type TargetValue } from './team-structure.ts';
import type { TeamMetric } from '../../../contracts/judgment.ts';

export type Move = { move: string; destinationId: string | null };

/** PROMOTE leaves for a higher post, EXCHANGE leaves for the destination town, ADJUST leaves; RETAIN and DEVELOP stay. */
export function leavesTeam(move: string | undefined): boolean {
  return move === 'PROMOTE' || move === 'EXCHANGE' || move === 'ADJUST';
}

function memberFrom(posts: repo.TeamPostRow[], frontLine: Set<string>, asOf: string, youngMax: number): TeamMember {
  const first = posts[0]!;
  const start = posts.reduce((min, p) => (p.start_date < min ? p.start_date : min), first.start_date);
  const titles = [...new Set(posts.map((p) => p.title))];
  const age = yearsBetween(first.birth_date, asOf);
  return {
    personId: first.person_id,
    name: first.name,
    gender: first.gender,
    age,
    isYoung: age <= youngMax,
    title: titles.join('、'),
    isPrincipal: posts.some((p) => p.is_principal === 1),
    educationCode: first.education_code,
    educationBand: educationBand(first.education_code),
    specialty: first.specialty,
    specialtyGroup: specialtyGroup(first.specialty),
    frontLine: frontLine.has(first.person_id),
    postStart: start,
    tenureYears: decimalYears(start, asOf),
    change: 'STAYS',
    move: null,
    destinationName: null,
  };
}

/** Team members per town id, principals first. */
export async function loadTeams(db: DbOrTrx, townIds: readonly string[], asOf: string, youngMax: number): Promise<Map<string, TeamMember[]>> {
  const posts = await repo.listTeamPosts(db, townIds, asOf);
  const frontLine = await repo.frontLinePeople(db, [...new Set(posts.map((p) => p.person_id))], asOf);
  const byTown = new Map<string, Map<string, repo.TeamPostRow[]>>();
  for (const p of posts) {
    const town = byTown.get(p.org_unit_id) ?? new Map<string, repo.TeamPostRow[]>();
    byTown.set(p.org_unit_id, town);
    const list = town.get(p.person_id) ?? [];
    list.push(p);
    town.set(p.person_id, list);
  }
  const out = new Map<string, TeamMember[]>();
  for (const id of townIds) {
    const people = byTown.get(id) ?? new Map<string, repo.TeamPostRow[]>();
    const members = [...people.values()].map((ps) => memberFrom(ps, frontLine, asOf, youngMax));
    members.sort((a, b) => Number(b.isPrincipal) - Number(a.isPrincipal) || a.postStart.localeCompare(b.postStart) || a.personId.localeCompare(b.personId));
    out.set(id, members);
  }
  return out;
}

/** Members of the given people (arriving by exchange), from their current leadership posts anywhere. */
export async function loadPeopleAsMembers(db: DbOrTrx, personIds: readonly string[], asOf: string, youngMax: number): Promise<Map<string, TeamMember>> {
  const posts = await repo.listPostsOfPeople(db, personIds, asOf);
  const frontLine = await repo.frontLinePeople(db, personIds, asOf);
  const byPerson = new Map<string, repo.TeamPostRow[]>();
  for (const p of posts) byPerson.set(p.person_id, [...(byPerson.get(p.person_id) ?? []), p]);
  const out = new Map<string, TeamMember>();
  for (const [id, ps] of byPerson) out.set(id, memberFrom(ps, frontLine, asOf, youngMax));
  return out;
}

export function viewOf(members: TeamMember[], targets: Record<TeamMetric, TargetValue>, youngMax: number): TeamView {
  const checks = checkTargets(members, targets, youngMax);
  return { members, structure: structureOf(members, youngMax), checks, shortcomings: checks.flatMap((c) => (c.shortcoming ? [c.shortcoming] : [])) };
}

export type AfterTeam = { before: TeamMember[]; after: TeamMember[]; leaving: number; arriving: number };

/**
 * The team of `townId` after `moves`: members who leave are marked in `before`; cadres exchanged into the town
 * (from `arrivals`, any town) join with tenure 0 and their current title.
 */
export function applyMoves(townId: string, members: TeamMember[], moves: Map<string, Move>, arrivals: Map<string, TeamMember>, names: Map<string, string>, asOf: string): AfterTeam {
  const before = members.map((m) => {
    const mv = moves.get(m.personId);
    if (!mv) return m;
    const leaves = leavesTeam(mv.move) && !(mv.move === 'EXCHANGE' && mv.destinationId === townId);
    return { ...m, change: leaves ? ('LEAVES' as const) : ('STAYS' as const), move: mv.move, destinationName: mv.destinationId ? (names.get(mv.destinationId) ?? null) : null };
  });
  const stays = before.filter((m) => m.change === 'STAYS');
  const present = new Set(members.map((m) => m.personId));
  const incoming: TeamMember[] = [];
  for (const [personId, mv] of moves) {
    if (mv.move !== 'EXCHANGE' || mv.destinationId !== townId || present.has(personId)) continue;
    const m = arrivals.get(personId);
    if (m) incoming.push({ ...m, change: 'ARRIVES', move: 'EXCHANGE', destinationName: names.get(townId) ?? null, tenureYears: 0, postStart: asOf });
  }
  incoming.sort((a, b) => a.personId.localeCompare(b.personId));
  return { before, after: [...stays, ...incoming], leaving: before.length - stays.length, arriving: incoming.length };
}

export function townTypeOf(type: string): TeamTownType {
  return type === 'STREET' ? 'STREET' : 'TOWN';
}
