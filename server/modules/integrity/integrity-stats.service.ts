/**
 * SPEC M6 Reports over the caller's scope: conclusions by status and accepted ones by outcome, reviews by result, and
 * how many reviewed candidates the integrity gate stops (防止带病提拔). Aggregates only: no names, no text.
 */
import { sql } from 'kysely';
import { INTEGRITY_OUTCOMES, INTEGRITY_STATUSES, REVIEW_OVERALLS, type IntegrityStats } from '../../../contracts/integrity.ts';
import type { ServiceCtx } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { hasPermission, inSubtrees } from '../../platform/scope.ts';
import { integrityGate } from './integrity.gate.ts';
import { conclusionReadPaths, todayCst } from './integrity.service.ts';

/** Reviewed candidates checked against the gate, newest first; beyond this the count is a floor. */
const GATE_SAMPLE = 1000;

export async function integrityStats(ctx: ServiceCtx): Promise<IntegrityStats> {
  if (!hasPermission(ctx.actor, 'integrity.read')) throw forbidden();
  const paths = conclusionReadPaths(ctx.actor);
  const [statusRows, outcomeRows, reviewRows, candidates] = await Promise.all([
    ctx.db
      .selectFrom('integrity_conclusion')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where((eb) => inSubtrees(eb, 'integrity_conclusion.org_path', paths))
      .where('superseded_by_id', 'is', null)
      .groupBy('status')
      .execute(),
    ctx.db
      .selectFrom('integrity_conclusion')
      .select(['conclusion', sql<number>`count(*)`.as('n')])
      .where((eb) => inSubtrees(eb, 'integrity_conclusion.org_path', paths))
      .where('superseded_by_id', 'is', null)
      .where('status', '=', 'ACCEPTED')
      .groupBy('conclusion')
      .execute(),
    ctx.db
      .selectFrom('integrity_review')
      .select(['overall', sql<number>`count(*)`.as('n')])
      .where((eb) => inSubtrees(eb, 'integrity_review.org_path', paths))
      .groupBy('overall')
      .execute(),
    ctx.db
      .selectFrom('integrity_review')
      .select('subject_person_id')
      .distinct()
      .where((eb) => inSubtrees(eb, 'integrity_review.org_path', paths))
      .limit(GATE_SAMPLE)
      .execute(),
  ]);
  const today = todayCst(ctx);
  let stopped = 0;
  for (const c of candidates) if (!(await integrityGate(ctx.db, c.subject_person_id, today, { requireReview: true })).ok) stopped++;
  const n = (rows: { n: number }[]) => rows.reduce((s, r) => s + Number(r.n), 0);
  return {
    byStatus: INTEGRITY_STATUSES.map((status) => ({ status, count: n(statusRows.filter((r) => r.status === status)) })),
    acceptedByOutcome: INTEGRITY_OUTCOMES.map((conclusion) => ({ conclusion, count: n(outcomeRows.filter((r) => r.conclusion === conclusion)) })),
    reviewsByOverall: REVIEW_OVERALLS.map((overall) => ({ overall, count: n(reviewRows.filter((r) => r.overall === overall)) })),
    candidatesStopped: stopped,
    candidatesReviewed: candidates.length,
  };
}
