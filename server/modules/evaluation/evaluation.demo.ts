/**
 * Demo data of M6 reverse evaluation (issue 4 deliverable 8): one closed CAMPAIGN evaluation for every member of
 * the 18 town and street leadership teams at the 2016 term change (linked to the M5 campaign when it exists),
 * with 2–25 raters per group so that most groups show and some (typically the few supervising leaders or the
 * discipline organ) are suppressed; a self-assessment for about half. Rollups and the five-dimension rows are
 * computed by the same code as a real close (evaluation.scoring.ts). Plus one OPEN and one DRAFT evaluation
 * (pre-appointment) so the token pages have something to work on.
 *
 * Deterministic for a seed (the generator's Rng; ballot ids are UUIDv4 drawn from it), inserted in chunks.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { RATER_GROUPS, type IntegrityAnswer, type TokenGroup } from '../../../contracts/evaluation.ts';
import type { FiveDimensionEvaluationRow, NewEvaluationBallotRow, NewReverseEvaluationRow } from '../../db/schema.ts';
import { Rng } from '../demo/demo-county.generator.ts';
import type { DemoModuleContext, DemoModuleSeeder } from '../demo/demo-modules.ts';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_SETTINGS } from './evaluation.defaults.ts';
import { emptyRollup, rollupToCell } from './evaluation.repository.ts';
import { METRICS, scoreEvaluation, type Metric } from './evaluation.scoring.ts';

const SALT = 0x4d36; // 'M6'
const CAMPAIGN_NAME = '2016年乡镇党委换届考察分析';
const OPEN_AT = '2016-05-20T01:00:00.000Z';
const CLOSE_AT = '2016-06-05T09:00:00.000Z';

/** Raters per group [min, max]: supervising leaders and the discipline organ are few, so often suppressed. */
const GROUP_SIZES: Record<(typeof RATER_GROUPS)[number], [number, number]> = {
  SUPERVISING_LEADER: [2, 6],
  COLLEAGUES: [8, 20],
  GENERAL_STAFF: [10, 25],
  SUBORDINATE_UNITS: [6, 15],
  SERVICE_RECIPIENTS: [8, 25],
  DISCIPLINE_ORGAN: [3, 8],
};
const GROUP_BIAS: Record<string, number> = { SUPERVISING_LEADER: 2, COLLEAGUES: 1, GENERAL_STAFF: -1, SUBORDINATE_UNITS: 0, SERVICE_RECIPIENTS: -3, DISCIPLINE_ORGAN: 0, SELF: 8 };

const COMMENTS = [
  '工作作风扎实，经常深入村组，群众认可度高。',
  '抓经济发展有思路，但在征地拆迁中与群众沟通还可以更耐心。',
  '为人正派，敢于担当，建议进一步压实分管领域责任。',
  '开会较多，下基层调研的时间相对较少。',
  '对年轻干部传帮带做得好。',
  '分管工作推进有力，希望在民生实事上再加大力度。',
];

function uuid4(rng: Rng): string {
  const b = Array.from({ length: 16 }, () => rng.int(0, 255));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const OPTION_POINTS = DEFAULT_QUESTIONNAIRE.options.map((o) => o.points).sort((a, b) => b - a);
/** A latent score → the nearest answer option's points. */
function answerPoints(s: number): number {
  let best = OPTION_POINTS[0]!;
  for (const p of OPTION_POINTS) if (Math.abs(p - s) < Math.abs(best - s)) best = p;
  return best;
}

export const evaluationDemoSeeder: DemoModuleSeeder = {
  module: 'evaluation',
  seed: async (ctx: DemoModuleContext) => {
    const rng = new Rng(ctx.seed ^ SALT);
    const { county, trx } = ctx;
    const unitByKey = new Map(county.orgUnits.map((u) => [u.key, u]));
    const isTown = (key: string) => ['TOWN', 'STREET'].includes(unitByKey.get(key)?.type ?? '');
    const onDate = '2016-05-20';
    const teams = county.people.filter((p) => p.cadre && p.posts.some((post) => post.isLeadership && isTown(post.orgUnitKey) && post.startDate <= onDate && (post.endDate === null || post.endDate >= onDate)));
    const campaign = await trx.selectFrom('analysis_campaign').select('id').where('name', '=', CAMPAIGN_NAME).executeTakeFirst();
    const creator = ctx.userId(county.accounts.find((a) => a.role === 'ORG_CADRE_SECTION')?.username ?? county.accounts[0]!.username);
    const settingsJson = JSON.stringify(DEFAULT_SETTINGS);
    const questionnaireJson = JSON.stringify(DEFAULT_QUESTIONNAIRE);

    const evaluations: NewReverseEvaluationRow[] = [];
    const groupRows: { evaluation_id: string; rater_group: string; token_count: number }[] = [];
    const tokenRows: { token_hash: string; evaluation_id: string; rater_group: string; used: number; issued_at: string }[] = [];
    const ballots: NewEvaluationBallotRow[] = [];
    const rollups: ReturnType<typeof emptyRollup>[] = [];
    const fiveRows: FiveDimensionEvaluationRow[] = [];
    let shown = 0;
    let hidden = 0;

    for (const person of teams) {
      const id = uuidv7();
      const personId = ctx.personId(person.key);
      const unit = unitByKey.get(person.orgUnitKey);
      const orgPath = ctx.unitPath(person.orgUnitKey);
      const quality = rng.int(62, 94);
      const dimBias = Object.fromEntries(METRICS.map((m) => [m, rng.int(-4, 4)])) as Record<Metric, number>;
      evaluations.push({
        id, subject_person_id: personId, org_path: orgPath, purpose: 'CAMPAIGN', campaign_id: campaign?.id ?? null, open_at: OPEN_AT, close_at: CLOSE_AT, status: 'CLOSED',
        questionnaire_json: questionnaireJson, settings_json: settingsJson, closed_at: CLOSE_AT, created_by: creator, created_at: ctx.now, updated_at: ctx.now,
      });
      const groups: TokenGroup[] = [...RATER_GROUPS, ...(rng.chance(0.5) ? (['SELF'] as const) : [])];
      for (const group of groups) {
        const [lo, hi] = group === 'SELF' ? [1, 1] : GROUP_SIZES[group];
        const n = rng.int(lo, hi);
        const planned = group === 'SELF' ? 1 : n + rng.int(0, 3);
        groupRows.push({ evaluation_id: id, rater_group: group, token_count: planned });
        const rollup = emptyRollup(id, group);
        rollup.sealed = 1;
        for (let i = 0; i < planned; i++) {
          tokenRows.push({ token_hash: createHash('sha256').update(`${id}:${group}:${i}:${rng.next()}`).digest('hex'), evaluation_id: id, rater_group: group, used: i < n ? 1 : 0, issued_at: OPEN_AT });
        }
        for (let i = 0; i < n; i++) {
          const scores = {} as Record<Metric, number>;
          for (const d of DEFAULT_QUESTIONNAIRE.dimensions) {
            const items = d.items.map(() => answerPoints(quality + (GROUP_BIAS[group] ?? 0) + dimBias[d.key] + rng.int(-14, 12)));
            scores[d.key] = items.reduce((a, b) => a + b, 0) / items.length;
          }
          scores.overall = DEFAULT_QUESTIONNAIRE.dimensions.reduce((s, d) => s + scores[d.key] * 0.2, 0);
          const integrity: IntegrityAnswer = quality < 70 && rng.chance(0.15) ? 'HEARD_CONCERNS' : rng.chance(0.01) ? 'HEARD_CONCERNS' : 'NO_ISSUE';
          const text = group !== 'SELF' && rng.chance(0.08) ? rng.pick(COMMENTS) : null;
          ballots.push({ id: uuid4(rng), evaluation_id: id, rater_group: group, ...scores, integrity_answer: integrity, free_text_enc: text ? ctx.cipher.encrypt(text) : null });
          rollup.n += 1;
          const sums = rollup as unknown as Record<string, number>;
          for (const m of METRICS) {
            sums[`sum_${m}`] = (sums[`sum_${m}`] ?? 0) + scores[m];
            sums[`sq_${m}`] = (sums[`sq_${m}`] ?? 0) + scores[m] * scores[m];
          }
          if (integrity === 'NO_ISSUE') rollup.no_issue += 1;
          else rollup.heard_concerns += 1;
          if (text) rollup.free_texts += 1;
        }
        rollups.push(rollup);
      }
      const cells = rollups.filter((r) => r.evaluation_id === id).map(rollupToCell);
      const result = scoreEvaluation({ evaluationId: id, personId, campaignId: campaign?.id ?? null, closedAt: CLOSE_AT, cells, settings: DEFAULT_SETTINGS });
      for (const g of result.groups) {
        if (g.group === 'OTHER') continue;
        if (g.shown) shown++;
        else hidden++;
      }
      fiveRows.push({
        id: uuidv7(), person_id: personId, evaluation_id: id, campaign_id: campaign?.id ?? null, org_path: orgPath,
        virtue: result.scores.virtue, ability: result.scores.ability, diligence: result.scores.diligence, performance: result.scores.performance, integrity: result.scores.integrity,
        composite: result.composite, grade: result.grade, respondents: result.respondents, result_json: JSON.stringify(result),
        peer_rank: person.cadre?.rankLevel ?? null, peer_unit_type: unit?.type ?? null, closed_at: CLOSE_AT,
      });
    }

    // two pre-appointment evaluations of county-department cadres in progress, for the token pages
    const deptCadres = county.people.filter((p) => p.cadre && unitByKey.get(p.orgUnitKey)?.type === 'COUNTY_DEPT').slice(0, 2);
    const soon = new Date(Date.parse(ctx.now) + 30 * 86_400_000).toISOString();
    deptCadres.forEach((p, i) => {
      const id = uuidv7();
      evaluations.push({
        id, subject_person_id: ctx.personId(p.key), org_path: ctx.unitPath(p.orgUnitKey), purpose: 'PRE_APPOINTMENT', campaign_id: null, open_at: ctx.now, close_at: soon, status: i === 0 ? 'OPEN' : 'DRAFT',
        questionnaire_json: questionnaireJson, settings_json: settingsJson, closed_at: null, created_by: creator, created_at: ctx.now, updated_at: ctx.now,
      });
      for (const [group, n] of [['SUPERVISING_LEADER', 3], ['COLLEAGUES', 12], ['GENERAL_STAFF', 15], ['SUBORDINATE_UNITS', 8], ['SERVICE_RECIPIENTS', 10], ['DISCIPLINE_ORGAN', 5]] as const) {
        groupRows.push({ evaluation_id: id, rater_group: group, token_count: n });
        rollups.push(emptyRollup(id, group));
      }
    });

    await ctx.insertChunked(evaluations, (c) => trx.insertInto('reverse_evaluation').values(c).execute());
    await ctx.insertChunked(groupRows, (c) => trx.insertInto('reverse_evaluation_group').values(c).execute());
    await ctx.insertChunked(tokenRows, (c) => trx.insertInto('evaluation_token').values(c).execute());
    await ctx.insertChunked(ballots, (c) => trx.insertInto('evaluation_ballot').values(c).execute());
    await ctx.insertChunked(rollups, (c) => trx.insertInto('evaluation_rollup').values(c).execute());
    await ctx.insertChunked(fiveRows, (c) => trx.insertInto('five_dimension_evaluation').values(c).execute());
    return {
      'evaluation.evaluations': evaluations.length,
      'evaluation.closed': fiveRows.length,
      'evaluation.ballots': ballots.length,
      'evaluation.groupsShown': shown,
      'evaluation.groupsSuppressed': hidden,
    };
  },
};
