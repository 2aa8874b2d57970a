/**
 * Suppression and the five-dimension scoring, as pure functions over per-group rollups. Every aggregate the
 * module shows (page, API, export, the stored five_dimension_evaluation row, the judgment helper) goes through
 * `scoreEvaluation`, so one piece of code decides what may be seen (SECURITY.md §3.2 item 4):
 *
 * 1. a group is shown only with n ≥ k (k = settings.minGroupSize, never below 5);
 * 2. complementary suppression: while the hidden pool (sum of hidden groups' n) is in 1..k−1, the next smallest
 *    shown group is hidden too, so no hidden group can be recovered as "all minus the shown groups";
 * 3. the hidden groups are merged into one OTHER cell only when that pool is ≥ k; otherwise they are dropped;
 * 4. any selection (filter) is a union of visible cells only (shown groups and OTHER as a whole), so the
 *    difference of two selections is again a union of cells of ≥ k ballots;
 * 5. the composite is Σ w(cell) × mean(cell) over visible cells with the weights renormalised (the weight of
 *    hidden groups is redistributed proportionally; OTHER carries the weight of its members);
 * 6. with fewer than k respondents in all, nothing is shown at all.
 */
import {
  DIMENSIONS,
  RATER_GROUPS,
  type Dimension,
  type DimensionScores,
  type EvaluationSettings,
  type FiveDimensionResult,
  type Grade,
  type GroupResult,
  type RaterGroup,
} from '../../../contracts/evaluation.ts';

export const METRICS = [...DIMENSIONS, 'overall'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * One evaluation × rater group: count, sums per metric, the sum of squares of the overall score (the spread shown
 * per group; no other spread is shown), integrity-question counts. Built from a rollup row or from a ballot aggregate.
 */
export type GroupCell = {
  group: string;
  n: number;
  sum: Record<Metric, number>;
  sqOverall: number;
  integrity: { NO_ISSUE: number; HEARD_CONCERNS: number; KNOWN_VIOLATION: number };
};

/** The metrics as an object literal (one hidden class, no per-call Object.fromEntries: scoring runs per evaluation in bulk). */
export function metricValues(virtue: number, ability: number, diligence: number, performance: number, integrity: number, overall: number): Record<Metric, number> {
  return { virtue, ability, diligence, performance, integrity, overall };
}

const RATER_GROUP_SET: ReadonlySet<string> = new Set(RATER_GROUPS);

export type Suppression = { shown: RaterGroup[]; hidden: RaterGroup[]; otherShown: boolean; hiddenPool: number };

/** Rules 1–3 over the group sizes (groups with n = 0 count as hidden with nothing in them). */
export function suppressGroups(sizes: Partial<Record<RaterGroup, number>>, k: number): Suppression {
  const present = RATER_GROUPS.filter((g) => sizes[g] !== undefined);
  const shown = present.filter((g) => (sizes[g] ?? 0) >= k);
  const hidden = present.filter((g) => (sizes[g] ?? 0) < k);
  let pool = hidden.reduce((s, g) => s + (sizes[g] ?? 0), 0);
  while (pool > 0 && pool < k && shown.length > 0) {
    // the next smallest shown group (ties: the later group in the fixed order, deterministic)
    let idx = 0;
    for (let i = 1; i < shown.length; i++) if ((sizes[shown[i]!] ?? 0) <= (sizes[shown[idx]!] ?? 0)) idx = i;
    const [g] = shown.splice(idx, 1);
    hidden.push(g!);
    pool += sizes[g!] ?? 0;
  }
  return { shown, hidden, otherShown: pool >= k, hiddenPool: pool };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  const s = round1(score);
  if (s >= 90) return 'EXCELLENT';
  if (s >= 70) return 'COMPETENT';
  if (s >= 60) return 'BASICALLY_COMPETENT';
  return 'INCOMPETENT';
}

function merge(cells: GroupCell[]): GroupCell {
  const sum = metricValues(0, 0, 0, 0, 0, 0);
  const out: GroupCell = { group: 'MERGED', n: 0, sum, sqOverall: 0, integrity: { NO_ISSUE: 0, HEARD_CONCERNS: 0, KNOWN_VIOLATION: 0 } };
  for (const c of cells) {
    out.n += c.n;
    sum.virtue += c.sum.virtue;
    sum.ability += c.sum.ability;
    sum.diligence += c.sum.diligence;
    sum.performance += c.sum.performance;
    sum.integrity += c.sum.integrity;
    sum.overall += c.sum.overall;
    out.sqOverall += c.sqOverall;
    out.integrity.NO_ISSUE += c.integrity.NO_ISSUE;
    out.integrity.HEARD_CONCERNS += c.integrity.HEARD_CONCERNS;
    out.integrity.KNOWN_VIOLATION += c.integrity.KNOWN_VIOLATION;
  }
  return out;
}

const meanOf = (c: GroupCell, m: Metric) => c.sum[m] / c.n;
/** Sample SD of the overall score. */
function sdOverall(c: GroupCell): number {
  if (c.n < 2) return 0;
  const v = (c.sqOverall - (c.sum.overall * c.sum.overall) / c.n) / (c.n - 1);
  return Math.sqrt(Math.max(0, v));
}
const dimensionMeans = (c: GroupCell): Record<Dimension, number> => ({
  virtue: round1(c.sum.virtue / c.n),
  ability: round1(c.sum.ability / c.n),
  diligence: round1(c.sum.diligence / c.n),
  performance: round1(c.sum.performance / c.n),
  integrity: round1(c.sum.integrity / c.n),
});

export type VisibleCell = { key: RaterGroup | 'OTHER'; members: RaterGroup[]; cell: GroupCell; weight: number };

/** The cells that may be seen: shown groups and, when its pool is ≥ k, OTHER. */
export function visibleCells(cells: GroupCell[], settings: EvaluationSettings): { suppression: Suppression; visible: VisibleCell[]; total: GroupCell } {
  const raters: GroupCell[] = [];
  const byGroup = new Map<RaterGroup, GroupCell>();
  const sizes: Partial<Record<RaterGroup, number>> = {};
  for (const c of cells) {
    if (!RATER_GROUP_SET.has(c.group)) continue;
    raters.push(c);
    byGroup.set(c.group as RaterGroup, c);
    sizes[c.group as RaterGroup] = c.n;
  }
  const suppression = suppressGroups(sizes, settings.minGroupSize);
  const visible: VisibleCell[] = suppression.shown.map((g) => ({ key: g, members: [g], cell: byGroup.get(g)!, weight: settings.groupWeights[g] }));
  if (suppression.otherShown) {
    const members = RATER_GROUPS.filter((g) => suppression.hidden.includes(g) && (byGroup.get(g)?.n ?? 0) > 0);
    visible.push({ key: 'OTHER', members, cell: merge(members.map((g) => byGroup.get(g)!)), weight: members.reduce((s, g) => s + settings.groupWeights[g], 0) });
  }
  return { suppression, visible, total: merge(raters) };
}

/** Weighted mean per metric over visible cells, weights renormalised; cells of weight 0 fall back to equal weights. */
function weightedScores(visible: VisibleCell[]): { scores: Record<Metric, number>; effective: Map<string, number> } | null {
  if (visible.length === 0) return null;
  let totalW = 0;
  for (const v of visible) totalW += v.weight;
  const scores = metricValues(0, 0, 0, 0, 0, 0);
  const effective = new Map<string, number>();
  for (const v of visible) {
    const w = totalW > 0 ? v.weight / totalW : 1 / visible.length;
    effective.set(v.key, w);
    const c = v.cell;
    scores.virtue += w * (c.sum.virtue / c.n);
    scores.ability += w * (c.sum.ability / c.n);
    scores.diligence += w * (c.sum.diligence / c.n);
    scores.performance += w * (c.sum.performance / c.n);
    scores.integrity += w * (c.sum.integrity / c.n);
    scores.overall += w * (c.sum.overall / c.n);
  }
  return { scores, effective };
}

const dims = (f: (d: Dimension) => number | null): DimensionScores => ({ virtue: f('virtue'), ability: f('ability'), diligence: f('diligence'), performance: f('performance'), integrity: f('integrity') });

/** Outliers: a visible group whose mean is ≥ outlierPoints from the others' mean, or > outlierSd SD of the group means. */
export function findOutliers(visible: VisibleCell[], settings: EvaluationSettings): RaterGroup[] {
  const groups = visible.filter((v) => v.key !== 'OTHER');
  if (groups.length < 3) return [];
  const means = groups.map((v) => meanOf(v.cell, 'overall'));
  const mu = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((s, x) => s + (x - mu) ** 2, 0) / (means.length - 1));
  const out: RaterGroup[] = [];
  groups.forEach((v, i) => {
    const others = means.filter((_, j) => j !== i);
    const otherMean = others.reduce((a, b) => a + b, 0) / others.length;
    const diff = Math.abs(means[i]! - otherMean);
    if (diff >= settings.outlierPoints || (sd > 0 && Math.abs(means[i]! - mu) / sd > settings.outlierSd)) out.push(v.key as RaterGroup);
  });
  return out;
}

export type ScoreInput = {
  evaluationId: string;
  personId: string;
  campaignId: string | null;
  closedAt: string | null;
  cells: GroupCell[];
  settings: EvaluationSettings;
};

/** The whole result of one closed evaluation with suppression applied (peers are filled in by the service). */
export function scoreEvaluation(input: ScoreInput): FiveDimensionResult {
  const { settings } = input;
  const k = settings.minGroupSize;
  const { visible, total } = visibleCells(input.cells, settings);
  const enough = total.n >= k && visible.length > 0;
  const weighted = enough ? weightedScores(visible) : null;
  const outliers = enough ? findOutliers(visible, settings) : [];
  const present = new Set<string>();
  for (const c of input.cells) present.add(c.group);
  const groups: GroupResult[] = RATER_GROUPS.filter((g) => present.has(g)).map((g) => {
    const v = enough ? visible.find((x) => x.key === g) : undefined;
    if (!v) return { group: g, shown: false, n: null, weight: settings.groupWeights[g], effectiveWeight: 0, mean: null, sd: null, dimensions: null, integrity: null, outlier: false };
    return {
      group: g,
      shown: true,
      n: v.cell.n,
      weight: v.weight,
      effectiveWeight: round3(weighted!.effective.get(g) ?? 0),
      mean: round1(meanOf(v.cell, 'overall')),
      sd: round1(sdOverall(v.cell)),
      dimensions: dimensionMeans(v.cell),
      integrity: { ...v.cell.integrity },
      outlier: outliers.includes(g),
    };
  });
  const other = enough ? visible.find((x) => x.key === 'OTHER') : undefined;
  if (other) {
    groups.push({
      group: 'OTHER',
      shown: true,
      n: other.cell.n,
      weight: round3(other.weight),
      effectiveWeight: round3(weighted!.effective.get('OTHER') ?? 0),
      mean: round1(meanOf(other.cell, 'overall')),
      sd: round1(sdOverall(other.cell)),
      dimensions: dimensionMeans(other.cell),
      integrity: { ...other.cell.integrity },
      outlier: false,
      members: other.members,
    });
  }
  const composite = weighted ? round1(weighted.scores.overall) : null;
  const selfCell = input.cells.find((c) => c.group === 'SELF' && c.n > 0);
  const self = selfCell
    ? {
        scores: dims((d) => round1(meanOf(selfCell, d))),
        overall: round1(meanOf(selfCell, 'overall')),
        gap: composite === null ? null : round1(meanOf(selfCell, 'overall') - composite),
      }
    : null;
  return {
    evaluationId: input.evaluationId,
    personId: input.personId,
    campaignId: input.campaignId,
    closedAt: input.closedAt,
    respondents: enough ? total.n : null,
    minGroupSize: k,
    scores: dims((d) => (weighted ? round1(weighted.scores[d]) : null)),
    composite,
    grade: gradeOf(composite),
    groups,
    integrity: enough ? { ...total.integrity } : null,
    self,
    peers: null,
    outliers,
    // the hidden pool size is not reported: it would give away the size of hidden groups
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A filter over visible cells only (rule 4). Unknown or hidden group names are ignored, never an error: an error
 * would tell the caller which groups are hidden. Returns null when the selection is empty.
 */
export function selectCells(cells: GroupCell[], settings: EvaluationSettings, wanted: string[]): { groups: string[]; n: number; mean: number; dimensions: DimensionScores } | null {
  const { visible, total } = visibleCells(cells, settings);
  if (total.n < settings.minGroupSize) return null;
  const picked = visible.filter((v) => wanted.includes(v.key));
  if (picked.length === 0) return null;
  const m = merge(picked.map((v) => v.cell));
  return { groups: picked.map((v) => v.key), n: m.n, mean: round1(meanOf(m, 'overall')), dimensions: dims((d) => round1(meanOf(m, d))) };
}

/** Share of peers (same rank and unit type) whose composite is at or below `value`, in percent (ties count half). */
export function percentileOf(value: number, peers: number[]): number | null {
  if (peers.length === 0) return null;
  let below = 0;
  let equal = 0;
  for (const p of peers) {
    if (p < value) below++;
    else if (p === value) equal++;
  }
  return round1(((below + 0.5 * equal) / peers.length) * 100);
}

/**
 * `percentileOf` against one peer set for many values: sorts once, then two binary searches per value
 * (O((n + m) log n) instead of O(n × m) when every cadre of a class is ranked among the others).
 */
export function percentileRanker(peers: readonly number[]): (value: number) => number | null {
  const sorted = Float64Array.from(peers).sort();
  const n = sorted.length;
  const bound = (value: number, inclusive: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < value || (inclusive && sorted[mid] === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (value) => {
    if (n === 0) return null;
    const below = bound(value, false);
    const equal = bound(value, true) - below;
    return round1(((below + 0.5 * equal) / n) * 100);
  };
}
