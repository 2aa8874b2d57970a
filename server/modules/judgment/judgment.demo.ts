/**
 * Demo data of the five-category judgments (issue 4 deliverable 8): for the 2016 term-change campaign of the
 * analysis seeder, one ENDORSED judgment for every in-scope cadre (the campaign's own in-scope query), of which
 * exactly 22 PROMOTE, all young (age ≤ the configured young-cadre age on the campaign start), each passing every
 * PROMOTE bar on the meeting date (checked with the same function the endorsement uses, so a promoted cadre never
 * has a blocking integrity conclusion, open petition, accountability effect or weak grade); 37 EXCHANGE to another
 * town of the same kind, preferring long tenure; ADJUST only for cadres with an accountability effect in force or a
 * NOT_SUITABLE integrity conclusion (a weak annual grade bars promotion, not a post); some young cadres DEVELOP; the
 * rest RETAIN. The drafts and proposals are by the cadre section's account, which the analysis seeder puts on the
 * campaign team (the judgment service refuses drafters off the team). Every judgment links 1–3 evidence items of its cadre. A few DRAFT and
 * PROPOSED judgments (one PROMOTE that a bar blocks) give the workflow something live. Deterministic for a seed.
 */
import { uuidv7 } from 'uuidv7';
import type { JudgmentCategory } from '../../../contracts/judgment.ts';
import type { NewFiveCategoryJudgmentRow } from '../../db/schema.ts';
import { listCampaignCadreIds } from '../analysis/index.ts';
import { Rng } from '../demo/demo-county.generator.ts';
import type { DemoModuleContext, DemoModuleSeeder } from '../demo/demo-modules.ts';
import { promoteBarsFor } from './judgment.service.ts';
import { loadTeams } from './judgment.team.ts';
import type { TeamMember } from '../../../contracts/judgment.ts';

const SALT = 0x4a44; // 'JD'
export const DEMO_PROMOTED = 22;
export const DEMO_EXCHANGED = 37;
const DEVELOP = 6;
const MEETING_DATE = '2016-07-08';
const MEETING_REF = '县委组织部部务会〔2016〕第12次会议';
/** The demo's young-cadre age (config default BELLWETHER_YOUNG_CADRE_MAX_AGE). */
const YOUNG_MAX = 35;

type Ev = { id: string; cadre_person_id: string | null; source_type: string; summary: string; polarity: string; date: string };

function rationaleFor(category: JudgmentCategory, m: TeamMember, ev: Ev[], destination: string | null): string {
  const facts = ev.map((e) => e.summary).join('；');
  const who = `该同志${m.age}岁，现任${m.title}，任现职${m.tenureYears.toFixed(1)}年`;
  switch (category) {
    case 'PROMOTE':
      return `${who}。${facts}。政治素质好，工作实绩突出，群众公认度高，属优秀年轻干部，综合研判建议提拔重用。`;
    case 'EXCHANGE':
      return `${who}，在同一岗位任职时间较长。${facts}。为优化班子结构、促进干部多岗位锻炼，建议交流至${destination ?? '其他乡镇'}任职。`;
    case 'RETAIN':
      return `${who}。${facts}。履职情况良好，班子运行需要保持稳定，建议保留现职。`;
    case 'DEVELOP':
      return `${who}。${facts}。具有较好发展潜力，但岗位历练尚需加强，建议列入年轻干部储备库重点培养。`;
    case 'ADJUST':
      return `${who}。${facts}。存在影响履职的问题，建议结合换届予以调整，并做好思想工作。`;
  }
}

export async function seedJudgmentDemo(ctx: DemoModuleContext): Promise<Record<string, number>> {
  const { trx, now, county } = ctx;
  const rng = new Rng((ctx.seed ^ SALT) >>> 0);
  const campaign = await trx
    .selectFrom('analysis_campaign')
    .select(['id', 'name', 'scope_town_ids', 'start_at', 'org_path'])
    .where('name', 'like', '%2016%换届%')
    .orderBy('start_at')
    .executeTakeFirst();
  if (!campaign) return { judgmentEndorsed: 0 };
  const refDate = String(campaign.start_at).slice(0, 10);
  const cadreIds = new Set(await listCampaignCadreIds(trx, campaign));
  const townIds: string[] = JSON.parse(campaign.scope_town_ids) as string[];
  const towns = await trx.selectFrom('org_unit').select(['id', 'name', 'type']).where('id', 'in', townIds).orderBy('sort_order').orderBy('name').execute();
  const teams = await loadTeams(trx, towns.map((t) => t.id), refDate, YOUNG_MAX);
  const members: { m: TeamMember; townId: string }[] = [];
  const seen = new Set<string>();
  for (const t of towns) for (const m of teams.get(t.id) ?? []) if (cadreIds.has(m.personId) && !seen.has(m.personId)) {
    seen.add(m.personId);
    members.push({ m, townId: t.id });
  }
  // In-scope cadres whose team post is not in a scope town (none in the demo) still get a judgment below.
  const evidence = (await trx
    .selectFrom('evidence')
    .select(['id', 'cadre_person_id', 'source_type', 'summary', 'polarity', 'date'])
    .where('cadre_person_id', 'in', [...cadreIds])
    .orderBy('date', 'desc')
    .orderBy('id')
    .execute()) as Ev[];
  const evOf = new Map<string, Ev[]>();
  for (const e of evidence) evOf.set(e.cadre_person_id!, [...(evOf.get(e.cadre_person_id!) ?? []), e]);

  const bars = new Map<string, string[]>();
  for (const { m } of members) bars.set(m.personId, (await promoteBarsFor(trx, m.personId, MEETING_DATE, `${MEETING_DATE}T02:00:00.000Z`)).bars.map((b) => b.code));

  const category = new Map<string, JudgmentCategory>();
  const destination = new Map<string, string>();
  const order = rng.shuffle([...members]);
  // 22 PROMOTE: young, every bar passes, some positive evidence on file; principals are not promoted out of a town.
  const promotable = order.filter(({ m }) => m.isYoung && bars.get(m.personId)!.length === 0 && (evOf.get(m.personId) ?? []).some((e) => e.polarity === 'POSITIVE'));
  const promotableAny = order.filter((o) => o.m.isYoung && bars.get(o.m.personId)!.length === 0 && !promotable.includes(o));
  for (const { m } of [...promotable, ...promotableAny].slice(0, DEMO_PROMOTED)) category.set(m.personId, 'PROMOTE');
  // ADJUST (调整/问责) only for an accountability effect in force or a NOT_SUITABLE integrity conclusion: "问责…不在状态
  // 的干部". A weak annual grade bars promotion but is no reason to move a cadre out, so those are exchanged or retained
  // with the rest (the article: 22 promoted, 37 exchanged, "the rest retained").
  for (const { m } of order) {
    if (category.has(m.personId)) continue;
    const b = bars.get(m.personId)!;
    if (b.includes('ACCOUNTABILITY_IN_FORCE') || b.includes('INTEGRITY_NOT_SUITABLE')) category.set(m.personId, 'ADJUST');
  }
  // 37 EXCHANGE: longest tenure first, to a town of the same kind.
  const exchangeable = [...order].filter(({ m }) => !category.has(m.personId)).sort((a, b) => b.m.tenureYears - a.m.tenureYears || a.m.personId.localeCompare(b.m.personId));
  const typeOf = new Map(towns.map((t) => [t.id, t.type]));
  for (const { m, townId } of exchangeable.slice(0, DEMO_EXCHANGED)) {
    const options = towns.filter((t) => t.id !== townId && t.type === typeOf.get(townId));
    category.set(m.personId, 'EXCHANGE');
    destination.set(m.personId, rng.pick(options.length ? options : towns.filter((t) => t.id !== townId)).id);
  }
  let developed = 0;
  for (const { m } of order) {
    if (category.has(m.personId)) continue;
    if (developed < DEVELOP && m.isYoung) {
      category.set(m.personId, 'DEVELOP');
      developed++;
    } else category.set(m.personId, 'RETAIN');
  }

  const orgHead = county.accounts.find((a) => a.role === 'ORG_HEAD')!;
  const cadreSection = county.accounts.find((a) => a.role === 'ORG_CADRE_SECTION')!;
  const proposer = ctx.userId(cadreSection.username);
  const endorser = ctx.userId(orgHead.username);
  const paths = new Map((await trx.selectFrom('person').select(['id', 'org_path']).where('id', 'in', [...cadreIds]).execute()).map((r) => [r.id, r.org_path]));
  const townName = new Map(towns.map((t) => [t.id, t.name]));
  const rows: NewFiveCategoryJudgmentRow[] = [];
  const links: { judgment_id: string; evidence_id: string }[] = [];
  const pick = (personId: string, c: JudgmentCategory): Ev[] => {
    const list = evOf.get(personId) ?? [];
    const preferred = c === 'ADJUST' ? list.filter((e) => e.polarity === 'NEGATIVE') : c === 'PROMOTE' ? list.filter((e) => e.polarity === 'POSITIVE') : [];
    const grades = list.filter((e) => e.source_type === 'PERFORMANCE_ASSESSMENT');
    return [...new Map([...preferred, ...grades, ...list].map((e) => [e.id, e])).values()].slice(0, 3);
  };
  const add = (personId: string, m: TeamMember, c: JudgmentCategory, status: 'DRAFT' | 'PROPOSED' | 'ENDORSED', dest: string | null, when: string) => {
    const ev = pick(personId, c);
    if (ev.length === 0) return false;
    const id = uuidv7();
    rows.push({
      id, cadre_person_id: personId, campaign_id: campaign.id, category: c, destination_org_unit_id: dest, rationale: rationaleFor(c, m, ev, dest ? (townName.get(dest) ?? null) : null), status,
      created_by_user_id: proposer, proposed_by_user_id: status === 'DRAFT' ? null : proposer, proposed_at: status === 'DRAFT' ? null : `${when}T01:00:00.000Z`,
      endorsed_by_user_id: status === 'ENDORSED' ? endorser : null, endorsed_at: status === 'ENDORSED' ? `${MEETING_DATE}T07:00:00.000Z` : null,
      meeting_date: status === 'ENDORSED' ? MEETING_DATE : null, meeting_ref: status === 'ENDORSED' ? MEETING_REF : null, returned_note: null, superseded_by_id: null, superseded_at: null,
      org_path: paths.get(personId)!, created_at: now, updated_at: now,
    });
    for (const e of ev) links.push({ judgment_id: id, evidence_id: e.id });
    return true;
  };
  let missingEvidence = 0;
  for (const { m } of members) if (!add(m.personId, m, category.get(m.personId)!, 'ENDORSED', destination.get(m.personId) ?? null, '2016-07-01')) missingEvidence++;

  // Live workflow: a PROPOSED PROMOTE blocked by a bar, a PROPOSED EXCHANGE, two DRAFTs (RETAIN → DEVELOP / PROMOTE).
  const blocked = order.find(({ m }) => category.get(m.personId) !== 'PROMOTE' && bars.get(m.personId)!.length > 0 && (evOf.get(m.personId) ?? []).length > 0);
  if (blocked) add(blocked.m.personId, blocked.m, 'PROMOTE', 'PROPOSED', null, '2016-11-20');
  const retained = order.filter(({ m }) => category.get(m.personId) === 'RETAIN' && m.personId !== blocked?.m.personId);
  const ex = retained[0];
  if (ex) {
    const options = towns.filter((t) => t.id !== ex.townId && t.type === typeOf.get(ex.townId));
    add(ex.m.personId, ex.m, 'EXCHANGE', 'PROPOSED', rng.pick(options).id, '2016-11-20');
  }
  if (retained[1]) add(retained[1].m.personId, retained[1].m, 'DEVELOP', 'DRAFT', null, '2016-11-21');
  const youngRetained = retained.slice(2).find(({ m }) => m.isYoung && bars.get(m.personId)!.length === 0);
  if (youngRetained) add(youngRetained.m.personId, youngRetained.m, 'PROMOTE', 'DRAFT', null, '2016-11-21');

  await ctx.insertChunked(rows, (c) => trx.insertInto('five_category_judgment').values(c).execute());
  await ctx.insertChunked(links, (c) => trx.insertInto('judgment_evidence').values(c).execute());
  const count = (c: JudgmentCategory) => rows.filter((r) => r.status === 'ENDORSED' && r.category === c).length;
  return {
    judgmentEndorsed: rows.filter((r) => r.status === 'ENDORSED').length,
    judgmentPromote: count('PROMOTE'),
    judgmentExchange: count('EXCHANGE'),
    judgmentRetain: count('RETAIN'),
    judgmentDevelop: count('DEVELOP'),
    judgmentAdjust: count('ADJUST'),
    judgmentOpen: rows.filter((r) => r.status !== 'ENDORSED').length,
    judgmentMissingEvidence: missingEvidence,
    judgmentInScope: cadreIds.size,
  };
}

export const judgmentDemoSeeder: DemoModuleSeeder = { module: 'judgment', seed: seedJudgmentDemo };
