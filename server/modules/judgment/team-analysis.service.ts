/**
 * Team (班子) analysis, target structure, what-if scenarios and the outcome board of the term change (SPEC §3 M5,
 * issue 4 deliverable 5). Everything is computed live from posts, people, front-line records and the campaign's
 * judgments; no figure is stored. Readable with `judgment.read` within scope.
 */
import { uuidv7 } from 'uuidv7';
import type {
  CreateWhatifScenario,
  OutcomeBoard,
  OutcomeQuery,
  PutTeamTargets,
  PutWhatifMoves,
  TeamAnalysis,
  TeamAnalysisQuery,
  TeamMember,
  TeamTargets,
  TeamTownSummary,
  WhatifScenario,
} from '../../../contracts/judgment.ts';
import { type JUDGMENT_CATEGORIES } from '../../../contracts/judgment.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { hasPermission, isPathInScope, scopePaths } from '../../platform/scope.ts';
import { conflictSet, todayCst } from './judgment.service.ts';
import * as repo from './judgment.repository.ts';
import * as sources from './judgment.sources.ts';
import { applyMoves, loadPeopleAsMembers, loadTeams, townTypeOf, viewOf, type Move } from './judgment.team.ts';
import { effectiveTargets, structureOf } from './team-structure.ts';

const TOWN = { zh: '乡镇（街道）', en: 'town' };
const SCENARIO = { zh: '模拟调整方案', en: 'scenario' };
const CAMPAIGN = { zh: '分析研判活动', en: 'analysis campaign' };

function readPaths(ctx: ServiceCtx): string[] {
  if (!hasPermission(ctx.actor, 'judgment.read')) throw forbidden();
  return scopePaths(ctx.actor, 'judgment.read');
}

async function campaignInScope(db: DbOrTrx, id: string, paths: string[]): Promise<sources.CampaignRef> {
  const c = await sources.findCampaign(db, id);
  if (!c || !isPathInScope(c.orgPath, paths)) throw notFound(CAMPAIGN);
  return c;
}

/** The latest campaign in scope (by start), for pages opened without one. */
async function defaultCampaign(db: DbOrTrx, paths: string[]): Promise<sources.CampaignRef | undefined> {
  return (await sources.listCampaigns(db)).find((c) => isPathInScope(c.orgPath, paths));
}

/** Moves from the campaign's ENDORSED judgments (the caller's scope, never about the caller or a relative). */
async function judgmentMoves(ctx: ServiceCtx, db: DbOrTrx, campaignId: string, paths: string[]): Promise<Map<string, Move>> {
  const conflicted = await conflictSet(db, ctx.actor);
  const rows = await repo.listCampaignJudgments(db, campaignId, ['ENDORSED'], paths, [...conflicted]);
  return new Map(rows.map((r) => [r.cadre_person_id, { move: r.category, destinationId: r.destination_org_unit_id }]));
}

async function scenarioMoves(db: DbOrTrx, scenarioId: string): Promise<Map<string, Move>> {
  const rows = await repo.listMoves(db, scenarioId);
  return new Map(rows.map((r) => [r.cadre_person_id, { move: r.move, destinationId: r.destination_org_unit_id }]));
}

export async function listTeamTowns(ctx: ServiceCtx, query: { campaignId?: string; asOf?: string }): Promise<{ asOf: string; items: TeamTownSummary[] }> {
  const paths = readPaths(ctx);
  const campaign = query.campaignId ? await campaignInScope(ctx.db, query.campaignId, paths) : await defaultCampaign(ctx.db, paths);
  const asOf = query.asOf ?? campaign?.refDate ?? todayCst(ctx);
  const youngMax = ctx.config.youngCadreMaxAge;
  const towns = await repo.listTowns(ctx.db, paths, asOf);
  const teams = await loadTeams(ctx.db, towns.map((t) => t.id), asOf, youngMax);
  const targets = effectiveTargets(await repo.listTargetOverrides(ctx.db));
  return {
    asOf,
    items: towns.map((t) => {
      const members = teams.get(t.id) ?? [];
      const view = viewOf(members, targets[townTypeOf(t.type)], youngMax);
      return { townId: t.id, name: t.name, type: townTypeOf(t.type), size: members.length, young: members.filter((m) => m.isYoung).length, female: members.filter((m) => m.gender === 'F').length, averageAge: view.structure.averageAge, shortcomings: view.shortcomings.length };
    }),
  };
}

/** One town's team: structure, target checks and shortcomings; "after" with a scenario's moves or the campaign's endorsed judgments. */
export async function getTeamAnalysis(ctx: ServiceCtx, townId: string, query: TeamAnalysisQuery): Promise<TeamAnalysis> {
  const paths = readPaths(ctx);
  const town = await repo.findUnit(ctx.db, townId);
  if (!town || (town.type !== 'TOWN' && town.type !== 'STREET') || !isPathInScope(town.path, paths)) throw notFound(TOWN);
  let scenario: Awaited<ReturnType<typeof repo.findScenario>>;
  if (query.scenarioId) {
    scenario = await repo.findScenario(ctx.db, query.scenarioId);
    if (!scenario || !isPathInScope(scenario.org_path, paths)) throw notFound(SCENARIO);
  }
  const campaignId = query.campaignId ?? scenario?.campaign_id ?? undefined;
  const campaign = campaignId ? await campaignInScope(ctx.db, campaignId, paths) : await defaultCampaign(ctx.db, paths);
  const asOf = query.asOf ?? campaign?.refDate ?? todayCst(ctx);
  const youngMax = ctx.config.youngCadreMaxAge;
  const targets = effectiveTargets(await repo.listTargetOverrides(ctx.db))[townTypeOf(town.type)];
  const members = (await loadTeams(ctx.db, [town.id], asOf, youngMax)).get(town.id) ?? [];

  let moves: Map<string, Move> | null = null;
  let source: TeamAnalysis['source'] = 'NONE';
  if (scenario) {
    moves = await scenarioMoves(ctx.db, scenario.id);
    source = 'SCENARIO';
  } else if (campaign) {
    moves = await judgmentMoves(ctx, ctx.db, campaign.id, paths);
    source = 'JUDGMENTS';
  }
  if (!moves) return { town: { id: town.id, name: town.name, type: townTypeOf(town.type) }, asOf, youngMaxAge: youngMax, campaignId: campaign?.id ?? null, scenarioId: null, source, before: viewOf(members, targets, youngMax), after: null, vacancies: 0 };

  const incomingIds = [...moves].filter(([, m]) => m.move === 'EXCHANGE' && m.destinationId === town.id).map(([id]) => id);
  const arrivals = await loadPeopleAsMembers(ctx.db, incomingIds, asOf, youngMax);
  const names = await repo.unitNames(ctx.db, [...moves.values()].flatMap((m) => (m.destinationId ? [m.destinationId] : [])).concat(town.id));
  const applied = applyMoves(town.id, members, moves, arrivals, names, asOf);
  return {
    town: { id: town.id, name: town.name, type: townTypeOf(town.type) },
    asOf,
    youngMaxAge: youngMax,
    campaignId: campaign?.id ?? null,
    scenarioId: scenario?.id ?? null,
    source,
    before: viewOf(applied.before, targets, youngMax),
    after: viewOf(applied.after, targets, youngMax),
    vacancies: Math.max(0, applied.leaving - applied.arriving),
  };
}

export async function getTeamTargets(ctx: ServiceCtx): Promise<TeamTargets> {
  readPaths(ctx);
  const eff = effectiveTargets(await repo.listTargetOverrides(ctx.db));
  return { items: (['TOWN', 'STREET'] as const).flatMap((townType) => Object.entries(eff[townType]).map(([metric, v]) => ({ townType, metric: metric as TeamTargets['items'][number]['metric'], minCount: v.minCount, maxCount: v.maxCount, minPercent: v.minPercent, isDefault: v.isDefault }))) };
}

/** Sets target values (judgment.write at county level: the whole county's teams are measured against them). */
export async function putTeamTargets(ctx: ServiceCtx, input: PutTeamTargets): Promise<TeamTargets> {
  if (!hasPermission(ctx.actor, 'judgment.write')) throw forbidden();
  const items = input.items.map((t) => ({ townType: t.townType, metric: t.metric, minCount: t.minCount ?? null, maxCount: t.maxCount ?? null, minPercent: t.minPercent ?? null }));
  for (const [i, t] of items.entries()) {
    if (t.minCount !== null && t.maxCount !== null && t.minCount > t.maxCount) throw fieldError(`items.${i}.maxCount`, '目标上限不能小于下限', 'The maximum may not be below the minimum');
  }
  const root = scopePaths(ctx.actor, 'judgment.write').sort((a, b) => a.length - b.length)[0];
  if (!root) throw forbidden();
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now().toISOString();
    for (const t of items) await repo.upsertTarget(trx, uuidv7(), t, ctx.actor.userId, now);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.targets-updated', objectType: 'team_target', objectId: 'team_target', orgPath: root, payload: { items } }, ctx.clock.now());
  });
  return getTeamTargets(ctx);
}

// ---- what-if scenarios ----

async function presentScenario(db: DbOrTrx, s: NonNullable<Awaited<ReturnType<typeof repo.findScenario>>>): Promise<WhatifScenario> {
  const moves = await repo.listMoves(db, s.id);
  const names = await repo.unitNames(db, moves.flatMap((m) => (m.destination_org_unit_id ? [m.destination_org_unit_id, m.org_unit_id] : [m.org_unit_id])));
  return {
    id: s.id, name: s.name, campaignId: s.campaign_id, note: s.note, createdByName: s.created_by_name, createdAt: s.created_at, updatedAt: s.updated_at,
    moves: moves.map((m) => ({ cadrePersonId: m.cadre_person_id, cadreName: m.cadre_name, townId: m.org_unit_id, townName: names.get(m.org_unit_id) ?? null, move: m.move as WhatifScenario['moves'][number]['move'], destinationOrgUnitId: m.destination_org_unit_id, destinationName: m.destination_org_unit_id ? (names.get(m.destination_org_unit_id) ?? null) : null })),
  };
}

export async function listScenarios(ctx: ServiceCtx): Promise<WhatifScenario[]> {
  const paths = readPaths(ctx);
  const rows = await repo.listScenarios(ctx.db, paths);
  return Promise.all(rows.map((r) => presentScenario(ctx.db, r)));
}

export async function getScenario(ctx: ServiceCtx, id: string): Promise<WhatifScenario> {
  const paths = readPaths(ctx);
  const s = await repo.findScenario(ctx.db, id);
  if (!s || !isPathInScope(s.org_path, paths)) throw notFound(SCENARIO);
  return presentScenario(ctx.db, s);
}

/** A new scenario, optionally starting from the campaign's endorsed judgments (DEVELOP becomes RETAIN). */
export async function createScenario(ctx: ServiceCtx, input: CreateWhatifScenario): Promise<WhatifScenario> {
  if (!hasPermission(ctx.actor, 'judgment.write')) throw forbidden();
  const paths = scopePaths(ctx.actor, 'judgment.write');
  const root = [...paths].sort((a, b) => a.length - b.length)[0];
  if (!root) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const campaign = input.campaignId ? await campaignInScope(trx, input.campaignId, paths) : undefined;
    if (input.copyJudgments && !campaign) throw fieldError('campaignId', '从研判意见生成方案时须选择分析研判活动', 'Choose the campaign to copy judgments from');
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    const name = input.name.trim();
    await repo.insertScenario(trx, { id, name, campaign_id: campaign?.id ?? null, note: input.note?.trim() || null, created_by_user_id: ctx.actor.userId, org_path: campaign?.orgPath ?? root, created_at: now, updated_at: now });
    let copied = 0;
    if (input.copyJudgments && campaign) {
      const moves = await judgmentMoves(ctx, trx, campaign.id, paths);
      const list = [...moves].map(([cadrePersonId, m]) => ({ id: uuidv7(), cadrePersonId, move: m.move === 'DEVELOP' ? 'RETAIN' : m.move, destinationOrgUnitId: m.destinationId }));
      await repo.replaceMoves(trx, id, list, now);
      copied = list.length;
    }
    await appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.scenario-created', objectType: 'whatif_scenario', objectId: id, orgPath: campaign?.orgPath ?? root, payload: { name, campaignId: campaign?.id ?? null, copied } }, ctx.clock.now());
    const s = await repo.findScenario(trx, id);
    return presentScenario(trx, s!);
  });
}

/** Replaces a scenario's moves. Every cadre must be in the caller's scope; EXCHANGE needs a destination town. */
export async function putScenarioMoves(ctx: ServiceCtx, id: string, input: PutWhatifMoves): Promise<WhatifScenario> {
  if (!hasPermission(ctx.actor, 'judgment.write')) throw forbidden();
  const paths = scopePaths(ctx.actor, 'judgment.write');
  return inTransaction(ctx.db, async (trx) => {
    const s = await repo.findScenario(trx, id);
    if (!s || !isPathInScope(s.org_path, scopePaths(ctx.actor, 'judgment.read')) || !isPathInScope(s.org_path, paths)) throw notFound(SCENARIO);
    const seen = new Set<string>();
    const people = await repo.peopleOrgPaths(trx, input.moves.map((m) => m.cadrePersonId));
    const destinations = new Map((await Promise.all([...new Set(input.moves.flatMap((m) => (m.destinationOrgUnitId ? [m.destinationOrgUnitId] : [])))].map((d) => repo.findUnit(trx, d)))).flatMap((u) => (u ? [[u.id, u] as const] : [])));
    const conflicted = await conflictSet(trx, ctx.actor);
    const list = input.moves.map((m, i) => {
      const p = people.get(m.cadrePersonId);
      if (!p || !isPathInScope(p.orgPath, paths) || conflicted.has(m.cadrePersonId)) throw fieldError(`moves.${i}.cadrePersonId`, '该干部不存在或不在您的管理范围内', 'The cadre does not exist or is outside your scope');
      if (seen.has(m.cadrePersonId)) throw fieldError(`moves.${i}.cadrePersonId`, '同一干部在方案中只能有一项调整', 'One move per cadre');
      seen.add(m.cadrePersonId);
      if (m.move !== 'EXCHANGE') return { id: uuidv7(), cadrePersonId: m.cadrePersonId, move: m.move, destinationOrgUnitId: null };
      const d = m.destinationOrgUnitId ? destinations.get(m.destinationOrgUnitId) : undefined;
      if (!d || (d.type !== 'TOWN' && d.type !== 'STREET')) throw fieldError(`moves.${i}.destinationOrgUnitId`, '交流使用须选择交流去向（乡镇或街道）', 'An exchange needs a destination town or street');
      if (d.id === p.orgUnitId) throw fieldError(`moves.${i}.destinationOrgUnitId`, '交流去向不能是干部现任职单位', "The destination may not be the cadre's current unit");
      return { id: uuidv7(), cadrePersonId: m.cadrePersonId, move: m.move, destinationOrgUnitId: d.id };
    });
    const now = ctx.clock.now().toISOString();
    await repo.replaceMoves(trx, id, list, now);
    await repo.touchScenario(trx, id, now);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.scenario-updated', objectType: 'whatif_scenario', objectId: id, orgPath: s.org_path, payload: { moves: list.map((m) => ({ personId: m.cadrePersonId, move: m.move, destinationOrgUnitId: m.destinationOrgUnitId })) } }, ctx.clock.now());
    const after = await repo.findScenario(trx, id);
    return presentScenario(trx, after!);
  });
}

// ---- outcome board ----

function digest(members: TeamMember[], youngMax: number) {
  const s = structureOf(members, youngMax);
  return {
    size: s.size,
    young: members.filter((m) => m.age <= youngMax).length,
    female: members.filter((m) => m.gender === 'F').length,
    bachelorPlus: members.filter((m) => m.educationBand === 'POSTGRADUATE' || m.educationBand === 'BACHELOR').length,
    frontLine: s.frontLine,
    averageAge: s.averageAge,
  };
}

/**
 * The term change's outcome over the campaign's ENDORSED judgments, computed live: counts by category, the promoted
 * (with age at the campaign's reference date and whether each is young), the exchanged (from → to), and per town
 * the counts and the structure before and after.
 */
export async function getOutcomeBoard(ctx: ServiceCtx, query: OutcomeQuery): Promise<OutcomeBoard> {
  const paths = readPaths(ctx);
  const campaign = query.campaignId ? await campaignInScope(ctx.db, query.campaignId, paths) : await defaultCampaign(ctx.db, paths);
  if (!campaign) throw notFound(CAMPAIGN);
  const youngMax = ctx.config.youngCadreMaxAge;
  const asOf = campaign.refDate;
  const conflicted = await conflictSet(ctx.db, ctx.actor);
  const all = await repo.listCampaignJudgments(ctx.db, campaign.id, ['DRAFT', 'PROPOSED', 'ENDORSED'], paths, [...conflicted]);
  const endorsed = all.filter((j) => j.status === 'ENDORSED');
  const moves = new Map(endorsed.map((r) => [r.cadre_person_id, { move: r.category, destinationId: r.destination_org_unit_id }]));

  const inScopeTowns = await repo.listTowns(ctx.db, paths, asOf);
  const wanted = campaign.scopeTownIds.length > 0 ? new Set(campaign.scopeTownIds) : null;
  const towns = inScopeTowns.filter((t) => !wanted || wanted.has(t.id));
  const teams = await loadTeams(ctx.db, towns.map((t) => t.id), asOf, youngMax);
  const townOf = new Map<string, string>();
  const memberOf = new Map<string, TeamMember>();
  for (const [townId, members] of teams) for (const m of members) if (!townOf.has(m.personId)) {
    townOf.set(m.personId, townId);
    memberOf.set(m.personId, m);
  }
  const people = await repo.peopleOrgPaths(ctx.db, endorsed.map((j) => j.cadre_person_id));
  const extra = await loadPeopleAsMembers(ctx.db, endorsed.map((j) => j.cadre_person_id).filter((id) => !memberOf.has(id)), asOf, youngMax);
  const names = await repo.unitNames(ctx.db, [...towns.map((t) => t.id), ...endorsed.flatMap((j) => [j.destination_org_unit_id ?? '', people.get(j.cadre_person_id)?.orgUnitId ?? ''].filter(Boolean))]);
  const arrivals = await loadPeopleAsMembers(ctx.db, endorsed.filter((j) => j.category === 'EXCHANGE').map((j) => j.cadre_person_id), asOf, youngMax);
  const nameRows = await repo.listPostsOfPeople(ctx.db, endorsed.map((j) => j.cadre_person_id), asOf);
  const personName = new Map(nameRows.map((r) => [r.person_id, r.name]));

  const counts = { PROMOTE: 0, EXCHANGE: 0, RETAIN: 0, DEVELOP: 0, ADJUST: 0, total: endorsed.length };
  for (const j of endorsed) counts[j.category as (typeof JUDGMENT_CATEGORIES)[number]] += 1;

  const promoted = endorsed
    .filter((j) => j.category === 'PROMOTE')
    .map((j) => {
      const m = memberOf.get(j.cadre_person_id) ?? extra.get(j.cadre_person_id);
      const town = townOf.get(j.cadre_person_id) ?? people.get(j.cadre_person_id)?.orgUnitId;
      return { judgmentId: j.id, personId: j.cadre_person_id, name: m?.name ?? personName.get(j.cadre_person_id) ?? '', age: m?.age ?? 0, isYoung: m?.isYoung ?? false, townName: town ? (names.get(town) ?? null) : null, title: m?.title ?? null };
    })
    .sort((a, b) => a.age - b.age || a.name.localeCompare(b.name, 'zh'));
  const exchanged = endorsed
    .filter((j) => j.category === 'EXCHANGE')
    .map((j) => {
      const from = townOf.get(j.cadre_person_id) ?? people.get(j.cadre_person_id)?.orgUnitId;
      return { judgmentId: j.id, personId: j.cadre_person_id, name: memberOf.get(j.cadre_person_id)?.name ?? personName.get(j.cadre_person_id) ?? '', fromName: from ? (names.get(from) ?? null) : null, toName: j.destination_org_unit_id ? (names.get(j.destination_org_unit_id) ?? null) : null };
    });

  const byTown = towns.map((t) => {
    const members = teams.get(t.id) ?? [];
    const applied = applyMoves(t.id, members, moves, arrivals, names, asOf);
    const c = { PROMOTE: 0, EXCHANGE: 0, RETAIN: 0, DEVELOP: 0, ADJUST: 0 };
    for (const m of members) {
      const mv = moves.get(m.personId);
      if (mv) c[mv.move as keyof typeof c] += 1;
    }
    return { townId: t.id, townName: t.name, ...c, arriving: applied.arriving, before: digest(members, youngMax), after: digest(applied.after, youngMax) };
  });

  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    asOf,
    youngMaxAge: youngMax,
    counts,
    pending: all.length - endorsed.length,
    promotedYoung: promoted.filter((p) => p.isYoung).length,
    allPromotedYoung: promoted.every((p) => p.isYoung),
    promoted,
    exchanged,
    byTown,
  };
}
