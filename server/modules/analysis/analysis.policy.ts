/**
 * The analysis campaign state machine as data (STYLE §2, SPEC M5 campaign workflow) and the pure predicates of
 * SPEC §4 for M5:
 *
 *   PLANNING   → COLLECTING  start     campaign.approve (org dept head)
 *   COLLECTING → ANALYSING   analyse   campaign.manage (cadre section); every letter replied or marked overdue
 *   ANALYSING  → CONCLUDED   conclude  campaign.approve (OrgDeptMeeting); every in-scope cadre has an ENDORSED judgment
 *
 * Guards that need the database (letters, judgments) are evaluated by the service and passed in as `GuardFacts`.
 * Talk notes: `talk.notes` AND membership of the campaign team. Evidence: `evidence.read` in scope; confidential
 * petition items additionally need `petition.read`, confidential talk items `talk.notes`; never about the caller or
 * a registered relative.
 */
import type { CampaignStatus, CampaignTransitionName, EvidenceSourceType } from '../../../contracts/analysis.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import type { Text } from '../../platform/errors.ts';
import { hasPermission, type Actor } from '../../platform/scope.ts';

export type GuardFacts = { lettersOpen: number; cadresInScope: number; cadresJudged: number };

export type CampaignTransition = {
  name: CampaignTransitionName;
  from: CampaignStatus;
  to: CampaignStatus;
  permission: Permission;
  action: string;
  guard?: (facts: GuardFacts) => Text | null;
};

export const CAMPAIGN_TRANSITION_TABLE: readonly CampaignTransition[] = [
  { name: 'start', from: 'PLANNING', to: 'COLLECTING', permission: 'campaign.approve', action: 'campaign.started' },
  {
    name: 'analyse',
    from: 'COLLECTING',
    to: 'ANALYSING',
    permission: 'campaign.manage',
    action: 'campaign.analysing',
    guard: (f) =>
      f.lettersOpen > 0
        ? { zh: `还有 ${f.lettersOpen} 封函询既未回复也未标记为逾期，请先登记回复或标记逾期`, en: `${f.lettersOpen} letters of inquiry are neither replied nor marked overdue; record the replies or mark them overdue first` }
        : null,
  },
  {
    name: 'conclude',
    from: 'ANALYSING',
    to: 'CONCLUDED',
    permission: 'campaign.approve',
    action: 'campaign.concluded',
    guard: (f) =>
      f.cadresJudged < f.cadresInScope
        ? {
            zh: `范围内 ${f.cadresInScope} 名干部中还有 ${f.cadresInScope - f.cadresJudged} 名没有经部务会审定的研判结论（五类），不能结束研判`,
            en: `${f.cadresInScope - f.cadresJudged} of ${f.cadresInScope} in-scope cadres have no endorsed five-category judgment yet; the campaign cannot be concluded`,
          }
        : null,
  },
];

export function campaignTransition(name: CampaignTransitionName): CampaignTransition {
  const t = CAMPAIGN_TRANSITION_TABLE.find((x) => x.name === name);
  if (!t) throw new Error(`unknown campaign transition ${name}`);
  return t;
}

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, Text> = {
  PLANNING: { zh: '筹备中', en: 'planning' },
  COLLECTING: { zh: '收集中', en: 'collecting' },
  ANALYSING: { zh: '分析研判中', en: 'analysing' },
  CONCLUDED: { zh: '已结束', en: 'concluded' },
};

const VERB: Record<CampaignTransitionName, Text> = {
  start: { zh: '启动', en: 'start' },
  analyse: { zh: '转入分析研判', en: 'move to analysis' },
  conclude: { zh: '结束', en: 'conclude' },
};

/** Why the transition is illegal in the campaign's state (null when the state allows it; guards are separate). */
export function illegalStateReason(t: CampaignTransition, status: string): Text | null {
  if (status === t.from) return null;
  const label = CAMPAIGN_STATUS_LABELS[status as CampaignStatus] ?? { zh: status, en: status };
  return {
    zh: `该研判活动当前状态为"${label.zh}"，不能${VERB[t.name].zh}（只有"${CAMPAIGN_STATUS_LABELS[t.from].zh}"的活动可以${VERB[t.name].zh}）`,
    en: `The campaign is ${label.en}; only a ${CAMPAIGN_STATUS_LABELS[t.from].en} campaign can ${VERB[t.name].en}`,
  };
}

/** Campaign records (letters, talks, visits, documents, tips) may be added while the campaign is open. */
export function isOpenForRecords(status: string): boolean {
  return status === 'PLANNING' || status === 'COLLECTING' || status === 'ANALYSING';
}

export function canReadTalkNotes(actor: Actor, isTeamMember: boolean): boolean {
  return hasPermission(actor, 'talk.notes') && isTeamMember;
}

export function canManageCampaign(actor: Actor, isTeamMember: boolean): boolean {
  return hasPermission(actor, 'campaign.manage') && isTeamMember;
}

/** Source types whose CONFIDENTIAL items need one more permission than evidence.read (SPEC §4 grants). */
export const CONFIDENTIAL_EXTRA: Partial<Record<EvidenceSourceType, Permission>> = {
  PETITION: 'petition.read',
  TALK: 'talk.notes',
  PUBLIC_TIP: 'talk.notes',
};

/** The source types whose confidential items the actor may NOT see. */
export function hiddenConfidentialTypes(actor: Actor): EvidenceSourceType[] {
  return (Object.entries(CONFIDENTIAL_EXTRA) as [EvidenceSourceType, Permission][]).filter(([, p]) => !hasPermission(actor, p)).map(([t]) => t);
}

export const CONFLICT_TEXT: Record<'self' | 'relative', Text> = {
  self: { zh: '按规定干部本人不能查看本人的证据库和干部画像', en: 'You may not view the evidence store or profile about yourself' },
  relative: { zh: '该干部是您登记的亲属，按规定不能查看其证据库和干部画像', en: 'This cadre is your registered relative; you may not view their evidence or profile' },
};

/** Station and office heads (站所负责人): non-leadership town posts whose title ends in 站长, 所长 or 主任. */
export function isStationHeadTitle(title: string, isLeadership: boolean): boolean {
  return !isLeadership && /(站长|所长|主任)$/.test(title);
}
