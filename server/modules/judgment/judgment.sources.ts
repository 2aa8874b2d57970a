/**
 * The judgment module's one door to data owned by other modules built in parallel (issue 4): analysis campaigns
 * and evidence (analysis module tables `analysis_campaign`, `evidence`), the integrity gate (integrity module) and
 * five-dimension results (evaluation module). Kept in one file so a change of those modules' surfaces touches
 * only this adapter. Other modules' tables are read through `Kysely<any>` here because their types are added to
 * db/schema.ts by those modules; the column names are the ones their migrations create.
 */
import type { FiveDimensionSummary, PromoteBar } from '../../../contracts/judgment.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { latestFiveDimensionByPerson } from '../evaluation/index.ts';
import { integrityGate } from '../integrity/index.ts';
import { accountabilityBar, weakGradeBar, WEAK_GRADES } from './judgment.policy.ts';


export type CampaignRef = { id: string; name: string; status: string; orgPath: string; scopeTownIds: string[]; startAt: string; endAt: string; refDate: string };

function parseIds(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

type CampaignDbRow = { id: string; name: string; status: string; org_path: string; scope_town_ids: string; start_at: string; end_at: string };

function toCampaign(r: CampaignDbRow): CampaignRef {
  const startAt = String(r.start_at).slice(0, 10);
  return { id: r.id, name: r.name, status: r.status, orgPath: r.org_path, scopeTownIds: parseIds(r.scope_town_ids), startAt, endAt: String(r.end_at).slice(0, 10), refDate: startAt };
}

/** The campaigns whose team (analysis_campaign_member) the user is on. */
export async function campaignsOnTeam(db: DbOrTrx, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('analysis_campaign_member').select('campaign_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((r) => r.campaign_id));
}

/** Whether the user is on the campaign's team. */
export async function isOnCampaignTeam(db: DbOrTrx, campaignId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('analysis_campaign_member').select('id').where('campaign_id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * A campaign by id (any scope; callers check). The reference date (ages, teams "before") is the campaign's start,
 * the date on which the analysis module counts the cadres in scope.
 */
export async function findCampaign(db: DbOrTrx, id: string): Promise<CampaignRef | undefined> {
  const r = (await db.selectFrom('analysis_campaign').select(['id', 'name', 'status', 'org_path', 'scope_town_ids', 'start_at', 'end_at']).where('id', '=', id).executeTakeFirst());
  return r ? toCampaign(r) : undefined;
}

export async function listCampaigns(db: DbOrTrx): Promise<CampaignRef[]> {
  const rows = (await db.selectFrom('analysis_campaign').select(['id', 'name', 'status', 'org_path', 'scope_town_ids', 'start_at', 'end_at']).orderBy('start_at', 'desc').orderBy('id').execute()) as CampaignDbRow[];
  return rows.map(toCampaign);
}

export type EvidenceRef = { id: string; cadrePersonId: string | null; campaignId: string | null; sourceType: string; date: string; summary: string; polarity: string; classification: string; grade: string | null; effectUntil: string | null };

type EvidenceDbRow = { id: string; cadre_person_id: string | null; campaign_id: string | null; source_type: string; date: string; summary: string; polarity: string; classification: string; grade: string | null; effect_until: string | null };

function toEvidence(r: EvidenceDbRow): EvidenceRef {
  return { id: r.id, cadrePersonId: r.cadre_person_id, campaignId: r.campaign_id, sourceType: r.source_type, date: String(r.date).slice(0, 10), summary: r.summary, polarity: r.polarity, classification: r.classification, grade: r.grade, effectUntil: r.effect_until ? String(r.effect_until).slice(0, 10) : null };
}

const EVIDENCE_COLUMNS = ['id', 'cadre_person_id', 'campaign_id', 'source_type', 'date', 'summary', 'polarity', 'classification', 'grade', 'effect_until'] as const;

export async function listEvidenceByIds(db: DbOrTrx, ids: readonly string[]): Promise<EvidenceRef[]> {
  if (ids.length === 0) return [];
  const rows = (await db.selectFrom('evidence').select([...EVIDENCE_COLUMNS]).where('id', 'in', [...ids]).orderBy('date', 'desc').orderBy('id').execute()) as EvidenceDbRow[];
  return rows.map(toEvidence);
}

export async function listEvidenceOfCadre(db: DbOrTrx, personId: string, campaignId?: string): Promise<EvidenceRef[]> {
  let q = db.selectFrom('evidence').select([...EVIDENCE_COLUMNS]).where('cadre_person_id', '=', personId);
  if (campaignId) q = q.where((eb) => eb.or([eb('campaign_id', '=', campaignId), eb('campaign_id', 'is', null)]));
  const rows = (await q.orderBy('date', 'desc').orderBy('id').limit(500).execute()) as EvidenceDbRow[];
  return rows.map(toEvidence);
}

/**
 * Integrity part of the PROMOTE bars (the integrity module's gate): conclusion missing, not ACCEPTED or NOT_SUITABLE;
 * an open specific-and-checkable petition.
 */
export async function integrityBars(db: DbOrTrx, personId: string, asOf: string): Promise<PromoteBar[]> {
  const gate = await integrityGate(db, personId, asOf);
  return gate.reasons.map((r) => ({ code: r.code, zh: r.zh, en: r.en }));
}

/** Accountability effects in force on `today` and weak annual grades in the last three years, from the evidence store. */
export async function evidenceBars(db: DbOrTrx, personId: string, today: string): Promise<PromoteBar[]> {
  const bars: PromoteBar[] = [];
  const acc = (await db
    .selectFrom('evidence')
    .select(['date', 'effect_until'])
    .where('cadre_person_id', '=', personId)
    .where('source_type', '=', 'ACCOUNTABILITY')
    .where('effect_until', '>=', today)
    .orderBy('date')
    .execute()) as { date: string; effect_until: string }[];
  if (acc.length > 0) bars.push({ code: 'ACCOUNTABILITY_IN_FORCE', ...accountabilityBar(acc.map((a) => ({ date: String(a.date).slice(0, 10), effectUntil: String(a.effect_until).slice(0, 10) }))) });
  const fromYear = Number(today.slice(0, 4)) - 3;
  const weak = (await db
    .selectFrom('evidence')
    .select(['date', 'grade'])
    .where('cadre_person_id', '=', personId)
    .where('source_type', '=', 'PERFORMANCE_ASSESSMENT')
    .where('grade', 'in', [...WEAK_GRADES])
    .where('date', '>=', `${fromYear}-01-01`)
    .orderBy('date')
    .execute()) as { date: string; grade: string }[];
  if (weak.length > 0) bars.push({ code: 'WEAK_ANNUAL_GRADE', ...weakGradeBar(weak.map((w) => ({ year: Number(String(w.date).slice(0, 4)), grade: w.grade }))) });
  return bars;
}

/** The cadre's latest five-dimension result (closed evaluations, suppression applied by the evaluation module). */
export async function fiveDimensionOf(db: DbOrTrx, personId: string): Promise<FiveDimensionSummary | null> {
  const r = (await latestFiveDimensionByPerson(db, [personId])).get(personId);
  if (!r) return null;
  return { ...r.scores, composite: r.composite, grade: r.grade, peerPercentile: r.peers?.percentile ?? null };
}
