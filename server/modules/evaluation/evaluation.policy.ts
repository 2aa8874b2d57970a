/**
 * The reverse-evaluation state machine as data (STYLE §2):
 *
 *   DRAFT → OPEN     evaluation.manage (questionnaire, groups and times are frozen from here on)
 *   OPEN  → CLOSED   evaluation.manage (seals the rollups, stores the five-dimension result; results appear)
 *
 * There is no way back: a closed evaluation's results are final, and re-opening would allow response-arrival
 * differencing (SECURITY.md §3.2 item 3).
 */
import type { EvaluationStatus } from '../../../contracts/evaluation.ts';
import type { Text } from '../../platform/errors.ts';

export type EvaluationTransitionName = 'open' | 'close';
export type EvaluationTransition = { name: EvaluationTransitionName; from: EvaluationStatus; to: EvaluationStatus; action: string };

export const EVALUATION_TRANSITIONS: readonly EvaluationTransition[] = [
  { name: 'open', from: 'DRAFT', to: 'OPEN', action: 'evaluation.opened' },
  { name: 'close', from: 'OPEN', to: 'CLOSED', action: 'evaluation.closed' },
];

export function transitionNamed(name: EvaluationTransitionName): EvaluationTransition {
  const t = EVALUATION_TRANSITIONS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown evaluation transition ${name}`);
  return t;
}

export const STATUS_LABELS: Record<EvaluationStatus, Text> = {
  DRAFT: { zh: '草稿', en: 'draft' },
  OPEN: { zh: '测评中', en: 'open' },
  CLOSED: { zh: '已结束', en: 'closed' },
};

export function illegalTransitionReason(t: EvaluationTransition, status: EvaluationStatus): Text | null {
  if (status === t.from) return null;
  const verb = t.name === 'open' ? { zh: '开始', en: 'opened' } : { zh: '结束', en: 'closed' };
  return {
    zh: `该测评当前状态为"${STATUS_LABELS[status].zh}"，不能${verb.zh}（只有"${STATUS_LABELS[t.from].zh}"的测评可以${verb.zh}）`,
    en: `The evaluation is ${STATUS_LABELS[status].en}; only a ${STATUS_LABELS[t.from].en} evaluation can be ${verb.en}`,
  };
}
