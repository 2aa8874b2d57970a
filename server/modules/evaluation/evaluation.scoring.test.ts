/**
 * The suppression rules as a property test (SECURITY.md §3.2, "10 000 random partitions: hidden pool never in
 * 1..k−1") plus the scoring arithmetic: weights, redistribution, grade bands, outliers, percentiles.
 */
import { describe, expect, it } from 'vitest';
import { RATER_GROUPS, type EvaluationSettings, type RaterGroup } from '../../../contracts/evaluation.ts';
import { DEFAULT_SETTINGS } from './evaluation.defaults.ts';
import { gradeOf, METRICS, percentileOf, percentileRanker, scoreEvaluation, selectCells, suppressGroups, visibleCells, type GroupCell } from './evaluation.scoring.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A cell of n ballots all scoring `score` on every metric. */
function cell(group: string, n: number, score: number): GroupCell {
  const sum = Object.fromEntries(METRICS.map((m) => [m, n * score])) as GroupCell['sum'];
  return { group, n, sum, sqOverall: n * score * score, integrity: { NO_ISSUE: n, HEARD_CONCERNS: 0, KNOWN_VIOLATION: 0 } };
}

function subsets<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out;
}

describe('suppression (property test over random partitions)', () => {
  it('never exposes a pool of 1..k−1 ballots, directly or by subtracting any two visible aggregates', () => {
    const next = rng(20161031);
    for (let trial = 0; trial < 10_000; trial++) {
      const k = 5 + Math.floor(next() * 3);
      const settings: EvaluationSettings = { ...DEFAULT_SETTINGS, minGroupSize: k };
      const present = RATER_GROUPS.filter(() => next() < 0.85);
      if (present.length === 0) continue;
      const cells = present.map((g) => cell(g, Math.floor(next() * (next() < 0.5 ? 6 : 20)), 60 + next() * 40));
      const sizes = Object.fromEntries(cells.map((c) => [c.group, c.n])) as Partial<Record<RaterGroup, number>>;
      const s = suppressGroups(sizes, k);
      const pool = s.hidden.reduce((a, g) => a + (sizes[g] ?? 0), 0);
      // a pool of 1..k−1 is allowed only when nothing at all is shown (then the total is that pool, < k, and hidden)
      if (s.shown.length > 0) expect(pool === 0 || pool >= k, `trial ${trial}: hidden pool ${pool}`).toBe(true);
      else expect(pool === 0 || pool >= k || cells.reduce((a, c) => a + c.n, 0) < k, `trial ${trial}: hidden pool ${pool}`).toBe(true);
      for (const g of s.shown) expect(sizes[g]!).toBeGreaterThanOrEqual(k);

      const { visible, total } = visibleCells(cells, settings);
      // every aggregate a caller can obtain: each visible cell, every union of them (filters), and the total
      const aggregates: { keys: Set<string>; n: number }[] = total.n >= k ? subsets(visible).map((sel) => ({ keys: new Set<string>(sel.map((v) => v.key)), n: sel.reduce((a, v) => a + v.cell.n, 0) })) : [];
      aggregates.push({ keys: new Set<string>(['ALL']), n: total.n >= k ? total.n : 0 });
      for (const a of aggregates) expect(a.n === 0 || a.n >= k).toBe(true);
      // all − (any selection) and (selection ⊃ selection') differences
      if (total.n >= k) {
        for (const a of aggregates) {
          const rest = total.n - a.n;
          if (!a.keys.has('ALL')) expect(rest === 0 || rest >= k, `trial ${trial}: all − selection = ${rest}`).toBe(true);
        }
      }
      // the API-level filter agrees and refuses hidden groups
      for (const g of s.hidden) {
        const sel = selectCells(cells, settings, [g]);
        expect(sel).toBeNull();
      }
    }
  });

  it('hides the next smallest group and merges into OTHER only when the pool reaches k', () => {
    const k = 5;
    expect(suppressGroups({ COLLEAGUES: 3, GENERAL_STAFF: 6, SUPERVISING_LEADER: 9 }, k)).toMatchObject({ shown: ['SUPERVISING_LEADER'], otherShown: true, hiddenPool: 9 });
    expect(suppressGroups({ COLLEAGUES: 3, GENERAL_STAFF: 1 }, k)).toMatchObject({ shown: [], otherShown: false, hiddenPool: 4 });
    expect(suppressGroups({ COLLEAGUES: 5, GENERAL_STAFF: 7 }, k)).toMatchObject({ shown: ['COLLEAGUES', 'GENERAL_STAFF'], hidden: [], otherShown: false });
    expect(suppressGroups({ COLLEAGUES: 0, GENERAL_STAFF: 7 }, k)).toMatchObject({ shown: ['GENERAL_STAFF'], hiddenPool: 0 });
  });
});

describe('five-dimension scoring', () => {
  const base = { evaluationId: 'e', personId: 'p', campaignId: null, closedAt: null };

  it('weights groups by the SPEC defaults and redistributes the weight of hidden groups proportionally', () => {
    const cells = [cell('SUPERVISING_LEADER', 5, 90), cell('COLLEAGUES', 8, 80), cell('DISCIPLINE_ORGAN', 2, 20)];
    const r = scoreEvaluation({ ...base, cells, settings: DEFAULT_SETTINGS });
    // DISCIPLINE_ORGAN (2) is hidden and the pool 2 < 5 forces the smallest shown group (SUPERVISING_LEADER, 5) out too:
    // the pool is then 7 ≥ 5 and becomes OTHER with the weight 0.2 + 0.1
    const other = r.groups.find((g) => g.group === 'OTHER')!;
    expect(other).toMatchObject({ shown: true, n: 7, members: ['SUPERVISING_LEADER', 'DISCIPLINE_ORGAN'] });
    const expected = (0.2 * 80 + 0.3 * ((5 * 90 + 2 * 20) / 7)) / 0.5;
    expect(r.composite).toBeCloseTo(Math.round(expected * 10) / 10, 5);
    expect(r.groups.find((g) => g.group === 'DISCIPLINE_ORGAN')).toMatchObject({ shown: false, n: null, mean: null });
    expect(r.respondents).toBe(15);
  });

  it('shows nothing with fewer than k respondents in all', () => {
    const r = scoreEvaluation({ ...base, cells: [cell('COLLEAGUES', 2, 90), cell('GENERAL_STAFF', 2, 70)], settings: DEFAULT_SETTINGS });
    expect(r.composite).toBeNull();
    expect(r.respondents).toBeNull();
    expect(r.groups.every((g) => !g.shown && g.mean === null)).toBe(true);
  });

  it('keeps the self-assessment out of the composite and reports the gap', () => {
    const r = scoreEvaluation({ ...base, cells: [cell('COLLEAGUES', 6, 70), cell('SELF', 1, 95)], settings: DEFAULT_SETTINGS });
    expect(r.composite).toBe(70);
    expect(r.self).toMatchObject({ overall: 95, gap: 25 });
  });

  it('flags a group far from the others', () => {
    const cells = [cell('SUPERVISING_LEADER', 6, 88), cell('COLLEAGUES', 6, 86), cell('GENERAL_STAFF', 6, 87), cell('SERVICE_RECIPIENTS', 6, 62)];
    expect(scoreEvaluation({ ...base, cells, settings: DEFAULT_SETTINGS }).outliers).toEqual(['SERVICE_RECIPIENTS']);
    expect(scoreEvaluation({ ...base, cells: cells.slice(0, 3), settings: DEFAULT_SETTINGS }).outliers).toEqual([]);
  });

  it('maps scores onto the SPEC grade bands', () => {
    expect([gradeOf(90), gradeOf(89.94), gradeOf(70), gradeOf(69.9), gradeOf(60), gradeOf(59.9), gradeOf(null)]).toEqual(['EXCELLENT', 'COMPETENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT', null]);
  });

  it('computes percentiles among peers', () => {
    expect(percentileOf(80, [70, 75, 80, 90])).toBe(62.5);
    expect(percentileOf(80, [])).toBeNull();
    // the sorted ranker used in bulk agrees with percentileOf, ties included
    const next = rng(7);
    const peers = Array.from({ length: 200 }, () => Math.round(next() * 400) / 10 + 60);
    const rank = percentileRanker(peers);
    for (const v of [...peers.slice(0, 50), 59, 100, 75.5]) expect(rank(v)).toBe(percentileOf(v, peers));
    expect(percentileRanker([])(80)).toBeNull();
  });
});
