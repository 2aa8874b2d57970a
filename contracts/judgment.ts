/**
 * Five-category judgments (五类研判), team (班子) structure analysis, what-if scenarios and the outcome board of the
 * term change (SPEC §3 M5, issue 4 deliverables 4 and 5). Judgments are CONFIDENTIAL: readable by `judgment.read`
 * roles within their scope, never by the subject or a registered relative.
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** 提拔重用、交流使用、保留稳定、培养储备、调整/问责 ([INF] SPEC M5) */
export const JUDGMENT_CATEGORIES = ['PROMOTE', 'EXCHANGE', 'RETAIN', 'DEVELOP', 'ADJUST'] as const;
export type JudgmentCategory = (typeof JUDGMENT_CATEGORIES)[number];

export const JUDGMENT_STATUSES = ['DRAFT', 'PROPOSED', 'ENDORSED', 'SUPERSEDED'] as const;
export type JudgmentStatus = (typeof JUDGMENT_STATUSES)[number];

export const JUDGMENT_SORT_FIELDS = ['name', 'category', 'status', 'updatedAt'] as const;

/** Moves of a what-if scenario: PROMOTE and ADJUST leave the team, EXCHANGE moves to the destination town. */
export const WHATIF_MOVES = ['PROMOTE', 'EXCHANGE', 'RETAIN', 'ADJUST'] as const;
export type WhatifMove = (typeof WHATIF_MOVES)[number];

export const TEAM_TOWN_TYPES = ['TOWN', 'STREET'] as const;
export type TeamTownType = (typeof TEAM_TOWN_TYPES)[number];

/**
 * Target-structure metrics of a town team ([INF], configurable per town type). Age bands use the configured
 * young-cadre age (BELLWETHER_YOUNG_CADRE_MAX_AGE) as the upper bound of the youngest band.
 */
export const TEAM_METRICS = [
  'AGE_YOUNG',
  'AGE_MIDDLE',
  'AGE_SENIOR',
  'FEMALE',
  'BACHELOR_PLUS',
  'SPECIALTY_ECONOMY',
  'SPECIALTY_LAW',
  'SPECIALTY_ENGINEERING',
  'SPECIALTY_AGRICULTURE',
  'FRONT_LINE',
  'TENURE_LONG',
] as const;
export type TeamMetric = (typeof TEAM_METRICS)[number];

export const AGE_BANDS = ['YOUNG', 'B36_45', 'B46_50', 'B51_PLUS'] as const;
export const EDUCATION_BANDS = ['POSTGRADUATE', 'BACHELOR', 'COLLEGE', 'SECONDARY'] as const;
export const SPECIALTY_GROUPS = ['ECONOMY', 'LAW', 'ENGINEERING', 'AGRICULTURE', 'HUMANITIES', 'OTHER', 'UNKNOWN'] as const;
export const TENURE_BANDS = ['UNDER_3', 'Y3_5', 'Y5_PLUS'] as const;

const TextSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const JudgmentEvidenceSchema = Type.Object({
  id: Type.String(),
  sourceType: Type.String(),
  date: Nullable(Type.String()),
  summary: Type.String(),
  polarity: Nullable(Type.String()),
});
export type JudgmentEvidence = Static<typeof JudgmentEvidenceSchema>;

export const JudgmentSchema = Type.Object({
  id: Type.String(),
  cadrePersonId: Type.String(),
  cadreName: Type.String(),
  gender: Type.String(),
  birthDate: Type.String(),
  /** age at the campaign's reference date */
  age: Type.Integer(),
  isYoung: Type.Boolean(),
  orgId: Type.String(),
  orgName: Nullable(Type.String()),
  postTitle: Nullable(Type.String()),
  campaignId: Type.String(),
  campaignName: Nullable(Type.String()),
  category: StringEnum(JUDGMENT_CATEGORIES),
  destinationOrgUnitId: Nullable(Type.String()),
  destinationName: Nullable(Type.String()),
  rationale: Type.String(),
  status: StringEnum(JUDGMENT_STATUSES),
  evidenceCount: Type.Integer(),
  proposedAt: Nullable(Type.String()),
  proposedByName: Nullable(Type.String()),
  endorsedAt: Nullable(Type.String()),
  endorsedByName: Nullable(Type.String()),
  meetingDate: Nullable(Type.String()),
  meetingRef: Nullable(Type.String()),
  returnedNote: Nullable(Type.String()),
  supersededById: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** what the caller may do now (the server checks again) */
  can: Type.Object({ edit: Type.Boolean(), propose: Type.Boolean(), endorse: Type.Boolean(), return: Type.Boolean() }),
});
export type Judgment = Static<typeof JudgmentSchema>;

export const PromoteBarSchema = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });
export type PromoteBar = Static<typeof PromoteBarSchema>;

export const PromoteBarsSchema = Type.Object({ ok: Type.Boolean(), bars: Type.Array(PromoteBarSchema), checkedAt: Type.String() });
export type PromoteBars = Static<typeof PromoteBarsSchema>;

export const FiveDimensionSummarySchema = Type.Object({
  virtue: Nullable(Type.Number()),
  ability: Nullable(Type.Number()),
  diligence: Nullable(Type.Number()),
  performance: Nullable(Type.Number()),
  integrity: Nullable(Type.Number()),
  composite: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  peerPercentile: Nullable(Type.Number()),
});
export type FiveDimensionSummary = Static<typeof FiveDimensionSummarySchema>;

export const JudgmentDetailSchema = Type.Object({
  judgment: JudgmentSchema,
  evidence: Type.Array(JudgmentEvidenceSchema),
  /** PROMOTE only: the bars that would refuse endorsement today */
  promoteBars: Nullable(PromoteBarsSchema),
  fiveDimension: Nullable(FiveDimensionSummarySchema),
  /** earlier and later judgments of the same cadre (ids, statuses, categories) */
  history: Type.Array(Type.Object({ id: Type.String(), category: StringEnum(JUDGMENT_CATEGORIES), status: StringEnum(JUDGMENT_STATUSES), campaignName: Nullable(Type.String()), updatedAt: Type.String() })),
});
export type JudgmentDetail = Static<typeof JudgmentDetailSchema>;

export const ListJudgmentsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    campaignId: Type.Optional(IdSchema),
    townId: Type.Optional(IdSchema),
    category: Type.Optional(StringEnum(JUDGMENT_CATEGORIES)),
    status: Type.Optional(StringEnum(JUDGMENT_STATUSES)),
    q: Type.Optional(Type.String({ maxLength: LIMITS.searchMax })),
    sort: Type.Optional(StringEnum(JUDGMENT_SORT_FIELDS)),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);
export type ListJudgmentsQuery = Static<typeof ListJudgmentsQuerySchema>;

export const JUDGMENT_RATIONALE_MIN = 10;
export const JUDGMENT_RATIONALE_MAX = 2000;
export const JUDGMENT_EVIDENCE_MAX = 50;

export const CreateJudgmentSchema = Type.Object(
  {
    cadrePersonId: IdSchema,
    campaignId: IdSchema,
    category: StringEnum(JUDGMENT_CATEGORIES),
    rationale: Type.String({ maxLength: JUDGMENT_RATIONALE_MAX }),
    evidenceIds: Type.Array(IdSchema, { maxItems: JUDGMENT_EVIDENCE_MAX }),
    destinationOrgUnitId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type CreateJudgment = Static<typeof CreateJudgmentSchema>;

export const UpdateJudgmentSchema = Type.Object(
  {
    category: Type.Optional(StringEnum(JUDGMENT_CATEGORIES)),
    rationale: Type.Optional(Type.String({ maxLength: JUDGMENT_RATIONALE_MAX })),
    evidenceIds: Type.Optional(Type.Array(IdSchema, { maxItems: JUDGMENT_EVIDENCE_MAX })),
    destinationOrgUnitId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type UpdateJudgment = Static<typeof UpdateJudgmentSchema>;

export const EndorseJudgmentSchema = Type.Object(
  { meetingDate: DateSchema, meetingRef: Type.String({ minLength: 2, maxLength: LIMITS.titleMax }) },
  { additionalProperties: false },
);
export type EndorseJudgment = Static<typeof EndorseJudgmentSchema>;

export const ReturnJudgmentSchema = Type.Object({ note: Type.String({ minLength: LIMITS.reasonMin, maxLength: LIMITS.reasonMax }) }, { additionalProperties: false });
export type ReturnJudgment = Static<typeof ReturnJudgmentSchema>;

export const EvidenceOptionsQuerySchema = Type.Object({ cadrePersonId: IdSchema, campaignId: Type.Optional(IdSchema) }, { additionalProperties: false });
export type EvidenceOptionsQuery = Static<typeof EvidenceOptionsQuerySchema>;

/** `onTeam`: the caller is on the campaign's team, so may draft, edit and propose its judgments. */
export const CampaignOptionSchema = Type.Object({ id: Type.String(), name: Type.String(), status: Type.String(), refDate: Type.String(), onTeam: Type.Boolean() });
export type CampaignOption = Static<typeof CampaignOptionSchema>;

// ---- team analysis ----

export const TeamMemberSchema = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  gender: Type.String(),
  age: Type.Integer(),
  isYoung: Type.Boolean(),
  title: Type.String(),
  isPrincipal: Type.Boolean(),
  educationCode: Nullable(Type.String()),
  educationBand: StringEnum(EDUCATION_BANDS),
  specialty: Nullable(Type.String()),
  specialtyGroup: StringEnum(SPECIALTY_GROUPS),
  frontLine: Type.Boolean(),
  postStart: Type.String(),
  tenureYears: Type.Number(),
  /** in an "after" view: how the member got here or where they go */
  change: Type.Union([Type.Literal('STAYS'), Type.Literal('ARRIVES'), Type.Literal('LEAVES')]),
  move: Nullable(Type.String()),
  destinationName: Nullable(Type.String()),
});
export type TeamMember = Static<typeof TeamMemberSchema>;

const CountSchema = Type.Object({ key: Type.String(), count: Type.Integer() });

export const TeamStructureSchema = Type.Object({
  size: Type.Integer(),
  averageAge: Nullable(Type.Number()),
  ageBands: Type.Array(CountSchema),
  gender: Type.Array(CountSchema),
  education: Type.Array(CountSchema),
  specialty: Type.Array(CountSchema),
  frontLine: Type.Integer(),
  tenure: Type.Array(CountSchema),
});
export type TeamStructure = Static<typeof TeamStructureSchema>;

export const TargetCheckSchema = Type.Object({
  metric: StringEnum(TEAM_METRICS),
  actual: Type.Number(),
  minCount: Nullable(Type.Integer()),
  maxCount: Nullable(Type.Integer()),
  minPercent: Nullable(Type.Integer()),
  ok: Type.Boolean(),
  /** the shortcoming in plain Chinese and English when not ok */
  shortcoming: Nullable(TextSchema),
});
export type TargetCheck = Static<typeof TargetCheckSchema>;

export const TeamViewSchema = Type.Object({
  members: Type.Array(TeamMemberSchema),
  structure: TeamStructureSchema,
  checks: Type.Array(TargetCheckSchema),
  shortcomings: Type.Array(TextSchema),
});
export type TeamView = Static<typeof TeamViewSchema>;

export const TeamAnalysisSchema = Type.Object({
  town: Type.Object({ id: Type.String(), name: Type.String(), type: StringEnum(TEAM_TOWN_TYPES) }),
  asOf: Type.String(),
  youngMaxAge: Type.Integer(),
  campaignId: Nullable(Type.String()),
  scenarioId: Nullable(Type.String()),
  /** where the "after" moves come from */
  source: Type.Union([Type.Literal('NONE'), Type.Literal('JUDGMENTS'), Type.Literal('SCENARIO')]),
  before: TeamViewSchema,
  after: Nullable(TeamViewSchema),
  /** leaving minus arriving: posts to fill after the moves */
  vacancies: Type.Integer(),
});
export type TeamAnalysis = Static<typeof TeamAnalysisSchema>;

export const TeamAnalysisQuerySchema = Type.Object(
  { campaignId: Type.Optional(IdSchema), scenarioId: Type.Optional(IdSchema), asOf: Type.Optional(DateSchema) },
  { additionalProperties: false },
);
export type TeamAnalysisQuery = Static<typeof TeamAnalysisQuerySchema>;

export const TeamTownSummarySchema = Type.Object({
  townId: Type.String(),
  name: Type.String(),
  type: StringEnum(TEAM_TOWN_TYPES),
  size: Type.Integer(),
  young: Type.Integer(),
  female: Type.Integer(),
  averageAge: Nullable(Type.Number()),
  shortcomings: Type.Integer(),
});
export type TeamTownSummary = Static<typeof TeamTownSummarySchema>;

export const TeamTargetSchema = Type.Object({
  townType: StringEnum(TEAM_TOWN_TYPES),
  metric: StringEnum(TEAM_METRICS),
  minCount: Nullable(Type.Integer({ minimum: 0, maximum: 50 })),
  maxCount: Nullable(Type.Integer({ minimum: 0, maximum: 50 })),
  minPercent: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
});
export type TeamTarget = Static<typeof TeamTargetSchema>;

export const TeamTargetsSchema = Type.Object({ items: Type.Array(Type.Intersect([TeamTargetSchema, Type.Object({ isDefault: Type.Boolean() })])) });
export type TeamTargets = Static<typeof TeamTargetsSchema>;

/** A target to set: an omitted bound means "no bound" (no nulls in requests: the server coerces types). */
export const PutTeamTargetItemSchema = Type.Object(
  {
    townType: StringEnum(TEAM_TOWN_TYPES),
    metric: StringEnum(TEAM_METRICS),
    minCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    maxCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    minPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type PutTeamTargetItem = Static<typeof PutTeamTargetItemSchema>;

export const PutTeamTargetsSchema = Type.Object({ items: Type.Array(PutTeamTargetItemSchema, { minItems: 1, maxItems: 40 }) }, { additionalProperties: false });
export type PutTeamTargets = Static<typeof PutTeamTargetsSchema>;

// ---- what-if scenarios ----

export const WhatifMoveSchema = Type.Object({
  cadrePersonId: Type.String(),
  cadreName: Type.String(),
  townId: Nullable(Type.String()),
  townName: Nullable(Type.String()),
  move: StringEnum(WHATIF_MOVES),
  destinationOrgUnitId: Nullable(Type.String()),
  destinationName: Nullable(Type.String()),
});
export type WhatifMoveItem = Static<typeof WhatifMoveSchema>;

export const WhatifScenarioSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  campaignId: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  moves: Type.Array(WhatifMoveSchema),
});
export type WhatifScenario = Static<typeof WhatifScenarioSchema>;

export const CreateWhatifScenarioSchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: LIMITS.titleMax }),
    campaignId: Type.Optional(IdSchema),
    note: Type.Optional(Type.String({ maxLength: LIMITS.reasonMax })),
    /** start from the campaign's endorsed judgments (DEVELOP counts as RETAIN) */
    copyJudgments: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateWhatifScenario = Static<typeof CreateWhatifScenarioSchema>;

export const PutWhatifMovesSchema = Type.Object(
  {
    moves: Type.Array(
      Type.Object({ cadrePersonId: IdSchema, move: StringEnum(WHATIF_MOVES), destinationOrgUnitId: Type.Optional(IdSchema) }, { additionalProperties: false }),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type PutWhatifMoves = Static<typeof PutWhatifMovesSchema>;

// ---- outcome board ----

const StructureDigestSchema = Type.Object({ size: Type.Integer(), young: Type.Integer(), female: Type.Integer(), bachelorPlus: Type.Integer(), frontLine: Type.Integer(), averageAge: Nullable(Type.Number()) });

export const OutcomeBoardSchema = Type.Object({
  campaignId: Type.String(),
  campaignName: Type.String(),
  asOf: Type.String(),
  youngMaxAge: Type.Integer(),
  /** ENDORSED judgments by category */
  counts: Type.Object({ PROMOTE: Type.Integer(), EXCHANGE: Type.Integer(), RETAIN: Type.Integer(), DEVELOP: Type.Integer(), ADJUST: Type.Integer(), total: Type.Integer() }),
  /** judgments not yet endorsed (DRAFT / PROPOSED), not counted above */
  pending: Type.Integer(),
  promotedYoung: Type.Integer(),
  allPromotedYoung: Type.Boolean(),
  promoted: Type.Array(Type.Object({ judgmentId: Type.String(), personId: Type.String(), name: Type.String(), age: Type.Integer(), isYoung: Type.Boolean(), townName: Nullable(Type.String()), title: Nullable(Type.String()) })),
  exchanged: Type.Array(Type.Object({ judgmentId: Type.String(), personId: Type.String(), name: Type.String(), fromName: Nullable(Type.String()), toName: Nullable(Type.String()) })),
  byTown: Type.Array(
    Type.Object({
      townId: Type.String(),
      townName: Type.String(),
      PROMOTE: Type.Integer(),
      EXCHANGE: Type.Integer(),
      RETAIN: Type.Integer(),
      DEVELOP: Type.Integer(),
      ADJUST: Type.Integer(),
      arriving: Type.Integer(),
      before: StructureDigestSchema,
      after: StructureDigestSchema,
    }),
  ),
});
export type OutcomeBoard = Static<typeof OutcomeBoardSchema>;

export const OutcomeQuerySchema = Type.Object({ campaignId: Type.Optional(IdSchema) }, { additionalProperties: false });
export type OutcomeQuery = Static<typeof OutcomeQuerySchema>;
