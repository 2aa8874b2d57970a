/**
 * The integrity gate read by M5 (PROMOTE bar) and M7 (leaving INSPECTING): SPEC M6 "Gate into selection".
 *
 * - the person's newest integrity conclusion must be ACCEPTED (on or before `asOf`) and not NOT_SUITABLE;
 * - with `requireReview`, the newest pre-appointment integrity review must have overall = PASS;
 * - no petition naming the person that is specific and checkable and still before a conclusion
 *   (RECEIVED, PRELIM_CHECK, TRANSFERRED) [INF].
 *
 * No actor and no ledger event: callers are services that already authorised their own request.
 */
import { PETITION_OPEN_STATUSES } from '../../../contracts/integrity.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './integrity.repository.ts';

export type IntegrityGateReason = { code: string; zh: string; en: string };
export type IntegrityGateResult = { ok: boolean; reasons: IntegrityGateReason[] };

/** `asOf`: YYYY-MM-DD or an ISO timestamp; a date counts to the end of that day (UTC). */
export async function integrityGate(db: DbOrTrx, personId: string, asOf: string, options: { requireReview?: boolean } = {}): Promise<IntegrityGateResult> {
  const until = asOf.length === 10 ? `${asOf}T23:59:59.999Z` : asOf;
  const day = until.slice(0, 10);
  const reasons: IntegrityGateReason[] = [];
  const c = await repo.findLatestCurrentConclusion(db, personId, until);
  if (!c) {
    reasons.push({ code: 'INTEGRITY_CONCLUSION_MISSING', zh: '没有单位党组织书记和纪委书记双签的廉政结论', en: 'No double-signed integrity conclusion exists' });
  } else if (c.status !== 'ACCEPTED' || (c.decided_at ?? '') > until) {
    reasons.push({ code: 'INTEGRITY_CONCLUSION_NOT_ACCEPTED', zh: `廉政结论尚未被干部监督科采纳（第 ${c.version} 版）`, en: `The integrity conclusion (version ${c.version}) has not been accepted` });
  } else if (c.conclusion === 'NOT_SUITABLE') {
    reasons.push({ code: 'INTEGRITY_NOT_SUITABLE', zh: '廉政结论为“不宜使用”', en: 'The integrity conclusion is NOT_SUITABLE' });
  }
  if (options.requireReview) {
    const r = await repo.findLatestReview(db, personId, until);
    if (!r) reasons.push({ code: 'INTEGRITY_REVIEW_MISSING', zh: '尚未开展任前廉政审查', en: 'No pre-appointment integrity review exists' });
    else if (r.overall !== 'PASS') reasons.push({ code: 'INTEGRITY_REVIEW_NOT_PASSED', zh: r.overall === 'FAIL' ? '任前廉政审查发现问题' : '任前廉政审查尚未完成', en: r.overall === 'FAIL' ? 'The integrity review found an issue' : 'The integrity review is not complete' });
  }
  const open = await repo.countOpenCheckablePetitions(db, personId, day, PETITION_OPEN_STATUSES);
  if (open > 0) reasons.push({ code: 'PETITION_OPEN_CHECKABLE', zh: `有 ${open} 件反映具体、可查的信访举报尚未办结`, en: `${open} specific, checkable petition(s) are still open` });
  return { ok: reasons.length === 0, reasons };
}
