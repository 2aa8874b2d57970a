/**
 * The judgment state machine as data (SPEC M5 "Judgment workflow") and pure predicates. ENDORSED → SUPERSEDED is
 * not a user transition: it happens inside the endorsement of a newer judgment of the same cadre.
 */
import type { JudgmentCategory, JudgmentStatus } from '../../../contracts/judgment.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import type { Text } from '../../platform/errors.ts';

export type JudgmentTransitionName = 'propose' | 'endorse' | 'return';

export type JudgmentTransition = { name: JudgmentTransitionName; from: JudgmentStatus; to: JudgmentStatus; permission: Permission; action: string };

export const JUDGMENT_TRANSITIONS: readonly JudgmentTransition[] = [
  { name: 'propose', from: 'DRAFT', to: 'PROPOSED', permission: 'judgment.write', action: 'judgment.proposed' },
  { name: 'endorse', from: 'PROPOSED', to: 'ENDORSED', permission: 'judgment.endorse', action: 'judgment.endorsed' },
  { name: 'return', from: 'PROPOSED', to: 'DRAFT', permission: 'judgment.endorse', action: 'judgment.returned' },
];

export function transitionNamed(name: JudgmentTransitionName): JudgmentTransition {
  const t = JUDGMENT_TRANSITIONS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown judgment transition ${name}`);
  return t;
}

/** SPEC M5 judgment workflow: the campaign team drafts and proposes (403 for anyone else holding judgment.write). */
export const NOT_ON_TEAM_TEXT: Text = {
  zh: '只有本次研判活动工作组成员可以起草、修改和提交研判意见，请先由工作组组长在“分析研判活动—工作组”中将您加入',
  en: "Only members of the campaign team may draft, edit and propose judgments; ask the team lead to add you on the campaign's Team tab",
};

export const CATEGORY_ZH: Record<JudgmentCategory, string> = { PROMOTE: '提拔重用', EXCHANGE: '交流使用', RETAIN: '保留稳定', DEVELOP: '培养储备', ADJUST: '调整/问责' };
export const STATUS_ZH: Record<JudgmentStatus, string> = { DRAFT: '草稿', PROPOSED: '已提交', ENDORSED: '已审定', SUPERSEDED: '已被替代' };

const ACTION_ZH: Record<JudgmentTransitionName, string> = { propose: '提交', endorse: '审定', return: '退回' };

export function illegalTransitionText(t: JudgmentTransition, status: JudgmentStatus): Text {
  return {
    zh: `该研判意见当前为“${STATUS_ZH[status]}”状态，不能${ACTION_ZH[t.name]}（只有“${STATUS_ZH[t.from]}”状态可以）`,
    en: `The judgment is ${status}; only a ${t.from} judgment can be ${t.name === 'return' ? 'returned' : `${t.name}d`}`,
  };
}

export const CONFLICT_TEXT: Text = { zh: '不能查看或处理本人及近亲属的研判意见', en: 'You may not see or handle judgments about yourself or a registered relative' };

/** PROMOTE bar codes (SPEC M5 rules, mirroring the selection bars of M7). */
export type PromoteBarCode = 'INTEGRITY' | 'ACCOUNTABILITY_IN_FORCE' | 'WEAK_ANNUAL_GRADE';

export const WEAK_GRADES = ['BASICALLY_COMPETENT', 'INCOMPETENT'] as const;
export const GRADE_ZH: Record<string, string> = { EXCELLENT: '优秀', COMPETENT: '称职', BASICALLY_COMPETENT: '基本称职', INCOMPETENT: '不称职' };

export function accountabilityBar(items: { date: string; effectUntil: string }[]): Text {
  const list = items.map((i) => `${i.date}（影响期至${i.effectUntil}）`).join('、');
  return { zh: `有问责影响期未满：${list}，影响期内不得提拔重用`, en: `An accountability effect is in force (${items.map((i) => `until ${i.effectUntil}`).join(', ')}); no promotion during it` };
}

export function weakGradeBar(items: { year: number; grade: string }[]): Text {
  const list = items.map((i) => `${i.year}年度“${GRADE_ZH[i.grade] ?? i.grade}”`).join('、');
  return { zh: `近三年年度考核有基本称职及以下等次：${list}`, en: `Annual grade at or below BASICALLY_COMPETENT in the last 3 years: ${items.map((i) => `${i.year} ${i.grade}`).join(', ')}` };
}
