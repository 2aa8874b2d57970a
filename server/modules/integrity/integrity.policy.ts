/**
 * Pure rules of M6 integrity: the conclusion state machine as data, who holds which signing post (by post title),
 * who records which review check, how a review's overall result follows from its checks, and the petition
 * state machine. No database, no HTTP.
 */
import type { CheckResult, IntegrityStatus, PetitionStatus, ReviewCheckType, ReviewOverall, SignerRole } from '../../../contracts/integrity.ts';
import type { Role } from '../../../contracts/enums.ts';
import type { Text } from '../../platform/errors.ts';

export type ConclusionTransitionName = 'edit' | 'sign' | 'submit' | 'accept' | 'return';

/** SPEC M6 IntegrityConclusion state machine. `edit` of an unsigned DRAFT stays in place; after a signature it makes version n+1. */
export const CONCLUSION_TRANSITIONS: readonly { name: ConclusionTransitionName; from: readonly IntegrityStatus[]; to: IntegrityStatus | 'NEXT_SIGNED' | 'NEW_VERSION'; action: string }[] = [
  { name: 'edit', from: ['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE', 'DOUBLE_SIGNED'], to: 'NEW_VERSION', action: 'integrity.edited' },
  { name: 'sign', from: ['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE'], to: 'NEXT_SIGNED', action: 'integrity.signed' },
  { name: 'submit', from: ['DOUBLE_SIGNED'], to: 'SUBMITTED', action: 'integrity.submitted' },
  { name: 'accept', from: ['SUBMITTED'], to: 'ACCEPTED', action: 'integrity.accepted' },
  { name: 'return', from: ['SUBMITTED'], to: 'RETURNED', action: 'integrity.returned' },
];

export function transitionNamed(name: ConclusionTransitionName) {
  const t = CONCLUSION_TRANSITIONS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown transition ${name}`);
  return t;
}

export const STATUS_ZH: Record<IntegrityStatus, string> = {
  DRAFT: '草稿',
  SIGNED_BY_SECRETARY: '书记已签',
  SIGNED_BY_DISCIPLINE: '纪委书记已签',
  DOUBLE_SIGNED: '双签完成',
  SUBMITTED: '已报送',
  ACCEPTED: '已采纳',
  RETURNED: '已退回',
};

export function illegalTransitionText(name: ConclusionTransitionName, status: IntegrityStatus): Text {
  const zh: Record<ConclusionTransitionName, string> = {
    edit: '已报送或已采纳的廉政结论不能修改',
    sign: status === 'DOUBLE_SIGNED' ? '该结论已双签完成，无需再签' : '只有草稿或单签状态的结论可以签字',
    submit: '只有双签完成的结论才能报送组织部',
    accept: '只有已报送的结论才能采纳',
    return: '只有已报送的结论才能退回',
  };
  const en: Record<ConclusionTransitionName, string> = {
    edit: 'A submitted or accepted conclusion cannot be edited',
    sign: status === 'DOUBLE_SIGNED' ? 'Both signatures are already there' : 'Only a draft or a singly signed conclusion can be signed',
    submit: 'Only a double-signed conclusion can be submitted',
    accept: 'Only a submitted conclusion can be accepted',
    return: 'Only a submitted conclusion can be returned',
  };
  return { zh: `${zh[name]}（当前状态：${STATUS_ZH[status]}）`, en: `${en[name]} (status: ${status})` };
}

/** Status after one more signature; null when that slot is already signed. */
export function statusAfterSignature(status: IntegrityStatus, role: SignerRole): IntegrityStatus | null {
  if (status === 'DRAFT') return role === 'SECRETARY' ? 'SIGNED_BY_SECRETARY' : 'SIGNED_BY_DISCIPLINE';
  if (status === 'SIGNED_BY_SECRETARY') return role === 'DISCIPLINE' ? 'DOUBLE_SIGNED' : null;
  if (status === 'SIGNED_BY_DISCIPLINE') return role === 'SECRETARY' ? 'DOUBLE_SIGNED' : null;
  return null;
}

/**
 * 党委（党工委、党组）书记: a principal post whose title ends in 书记 and is not a deputy or discipline post.
 * Titles in the demo county: 党委书记, 党工委书记, 党组书记; test fixtures prefix the unit (黄花镇党委书记).
 */
export function isSecretaryTitle(title: string): boolean {
  return title.endsWith('书记') && !/副书记|纪委书记|纪工委书记|纪检/.test(title);
}

/** 纪委书记 (towns), 纪工委书记 (streets), 派驻纪检组组长 (county departments with a Party group). */
export function isDisciplineTitle(title: string): boolean {
  return /(纪委书记|纪工委书记|派驻纪检组组长|纪检组组长)$/.test(title) && !title.includes('副');
}

/** Who records each review check (SPEC §4): discipline commission, cadre section, supervision section. */
export const CHECK_RECORDERS: Record<ReviewCheckType, readonly Role[]> = {
  FILE_AUDIT: ['ORG_CADRE_SECTION'],
  PERSONAL_MATTERS_VERIFY: ['ORG_SUPERVISION_SECTION'],
  DISCIPLINE_OPINION: ['DISCIPLINE_COMMISSION'],
  PETITION_CHECK: ['DISCIPLINE_COMMISSION'],
  AUDIT_FINDINGS: ['ORG_SUPERVISION_SECTION'],
};

export function canRecordCheck(roles: readonly Role[], type: ReviewCheckType): boolean {
  return CHECK_RECORDERS[type].some((r) => roles.includes(r));
}

/** PASS only when every mandatory check passed; FAIL as soon as a mandatory check found an issue; else PENDING. */
export function overallOf(mandatory: readonly ReviewCheckType[], results: ReadonlyMap<ReviewCheckType, CheckResult>): ReviewOverall {
  const rs = mandatory.map((t) => results.get(t) ?? 'PENDING');
  if (rs.some((r) => r === 'ISSUE')) return 'FAIL';
  if (rs.every((r) => r === 'PASS')) return 'PASS';
  return 'PENDING';
}

/** Petition handling (SPEC M6 PetitionReport, conclusions by the discipline commission). */
export const PETITION_TRANSITIONS: Record<PetitionStatus, readonly PetitionStatus[]> = {
  RECEIVED: ['PRELIM_CHECK', 'TRANSFERRED', 'UNFOUNDED'],
  PRELIM_CHECK: ['VERIFIED_TRUE', 'PARTLY_TRUE', 'UNFOUNDED', 'TRANSFERRED'],
  TRANSFERRED: ['VERIFIED_TRUE', 'PARTLY_TRUE', 'UNFOUNDED'],
  VERIFIED_TRUE: [],
  PARTLY_TRUE: [],
  UNFOUNDED: [],
};

/** Statuses that end a petition and need a written conclusion. */
export const PETITION_CONCLUDED: readonly PetitionStatus[] = ['VERIFIED_TRUE', 'PARTLY_TRUE', 'UNFOUNDED'];
