/**
 * 反向测评 (SPEC M6 ReverseEvaluation, SECURITY.md §3) and the five-dimension evaluation (SPEC M5
 * FiveDimensionEvaluation). Anonymity is a property of the server: tokens are per rater group (never per
 * person), ballots carry no time and no token reference, results exist only after close and only for groups of
 * at least `minGroupSize` ballots (complementary suppression), free text only for the cadre supervision section.
 */
import { Type, type Static } from 'typebox';
import { IdSchema, PageQueryFields, StringEnum } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The six stakeholder groups of the article (SPEC M6). */
export const RATER_GROUPS = ['SUPERVISING_LEADER', 'COLLEAGUES', 'GENERAL_STAFF', 'SUBORDINATE_UNITS', 'SERVICE_RECIPIENTS', 'DISCIPLINE_ORGAN'] as const;
export type RaterGroup = (typeof RATER_GROUPS)[number];
/** A token type for the subject's own self-assessment: shown as a self-versus-others gap, never in the composite. */
export const TOKEN_GROUPS = [...RATER_GROUPS, 'SELF'] as const;
export type TokenGroup = (typeof TOKEN_GROUPS)[number];

/** 德、能、勤、绩、廉 */
export const DIMENSIONS = ['virtue', 'ability', 'diligence', 'performance', 'integrity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const EVALUATION_PURPOSES = ['PRE_APPOINTMENT', 'ANNUAL', 'CAMPAIGN'] as const;
export type EvaluationPurpose = (typeof EVALUATION_PURPOSES)[number];

export const EVALUATION_STATUSES = ['DRAFT', 'OPEN', 'CLOSED'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const INTEGRITY_ANSWERS = ['NO_ISSUE', 'HEARD_CONCERNS', 'KNOWN_VIOLATION'] as const;
export type IntegrityAnswer = (typeof INTEGRITY_ANSWERS)[number];

/** SPEC M5 grade bands [S10]. */
export const GRADES = ['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT'] as const;
export type Grade = (typeof GRADES)[number];

/** SECURITY.md §2: k = 5, never below 5 for 反向测评 (the upper bound is ours). */
export const MIN_GROUP_SIZE_FLOOR = 5;
export const MIN_GROUP_SIZE_MAX = 10;
/** SECURITY.md §2: comments only with ≥ 10 respondents. */
export const FREE_TEXT_MIN_FLOOR = 10;
export const FREE_TEXT_MAX_CHARS = 500;

export const QuestionItemSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 20, pattern: '^[a-z0-9_]+$' }),
  text: Type.String({ minLength: 2, maxLength: 200 }),
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
});
export const QuestionDimensionSchema = Type.Object({
  key: StringEnum(DIMENSIONS),
  /** share of the overall score (the five are normalised to sum 1) */
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  items: Type.Array(QuestionItemSchema, { minItems: 1, maxItems: 10 }),
});
export const AnswerOptionSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 4, pattern: '^[A-Z]$' }),
  label: Type.String({ minLength: 1, maxLength: 20 }),
  /** points on the 0–100 scale */
  points: Type.Number({ minimum: 0, maximum: 100 }),
});
export const QuestionnaireSchema = Type.Object({
  dimensions: Type.Array(QuestionDimensionSchema, { minItems: 5, maxItems: 5 }),
  options: Type.Array(AnswerOptionSchema, { minItems: 2, maxItems: 6 }),
  /** ask the free-text question at all (SECURITY.md §2: "better: no free text") */
  freeText: Type.Boolean(),
});
export type Questionnaire = Static<typeof QuestionnaireSchema>;

export const GroupWeightsSchema = Type.Object(Object.fromEntries(RATER_GROUPS.map((g) => [g, Type.Number({ minimum: 0, maximum: 1 })])) as Record<RaterGroup, ReturnType<typeof Type.Number>>, {
  additionalProperties: false,
});
export type GroupWeights = Record<RaterGroup, number>;

/** [CFG]/[INF] settings of one evaluation. */
export const EvaluationSettingsSchema = Type.Object({
  groupWeights: GroupWeightsSchema,
  /** k: a group is shown only with at least k ballots */
  minGroupSize: Type.Integer({ minimum: MIN_GROUP_SIZE_FLOOR, maximum: MIN_GROUP_SIZE_MAX }),
  /** free text only with at least this many respondents */
  freeTextMin: Type.Integer({ minimum: FREE_TEXT_MIN_FLOOR, maximum: 100 }),
  /** a group is an outlier when its mean is this many points from the mean of the other groups… */
  outlierPoints: Type.Number({ minimum: 1, maximum: 50 }),
  /** …or this many standard deviations of the group means */
  outlierSd: Type.Number({ minimum: 0.5, maximum: 5 }),
});
export type EvaluationSettings = Static<typeof EvaluationSettingsSchema>;

export const RaterGroupPlanSchema = Type.Object({ group: StringEnum(TOKEN_GROUPS), tokenCount: Type.Integer({ minimum: 0, maximum: 500 }) }, { additionalProperties: false });
export type RaterGroupPlan = Static<typeof RaterGroupPlanSchema>;

export const CreateEvaluationRequestSchema = Type.Object(
  {
    subjectPersonId: IdSchema,
    purpose: StringEnum(EVALUATION_PURPOSES),
    campaignId: Type.Optional(Nullable(IdSchema)),
    openAt: Type.String({ format: 'date-time' }),
    closeAt: Type.String({ format: 'date-time' }),
    groups: Type.Array(RaterGroupPlanSchema, { minItems: 1, maxItems: TOKEN_GROUPS.length }),
    questionnaire: Type.Optional(QuestionnaireSchema),
    settings: Type.Optional(EvaluationSettingsSchema),
  },
  { additionalProperties: false },
);
export type CreateEvaluationRequest = Static<typeof CreateEvaluationRequestSchema>;

export const UpdateEvaluationRequestSchema = Type.Object(
  {
    openAt: Type.Optional(Type.String({ format: 'date-time' })),
    closeAt: Type.Optional(Type.String({ format: 'date-time' })),
    groups: Type.Optional(Type.Array(RaterGroupPlanSchema, { minItems: 1, maxItems: TOKEN_GROUPS.length })),
    questionnaire: Type.Optional(QuestionnaireSchema),
    settings: Type.Optional(EvaluationSettingsSchema),
  },
  { additionalProperties: false },
);
export type UpdateEvaluationRequest = Static<typeof UpdateEvaluationRequestSchema>;

export const EVALUATION_SORT_FIELDS = ['createdAt', 'openAt', 'closeAt', 'subjectName', 'status'] as const;

export const ListEvaluationsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    status: Type.Optional(StringEnum(EVALUATION_STATUSES)),
    purpose: Type.Optional(StringEnum(EVALUATION_PURPOSES)),
    subjectPersonId: Type.Optional(IdSchema),
    campaignId: Type.Optional(IdSchema),
    /** subject name, pinyin or initials */
    q: Type.Optional(Type.String({ maxLength: 50 })),
    sort: Type.Optional(StringEnum(EVALUATION_SORT_FIELDS)),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);
export type ListEvaluationsQuery = Static<typeof ListEvaluationsQuerySchema>;

export const EvaluationGroupStatusSchema = Type.Object({
  group: StringEnum(TOKEN_GROUPS),
  /** planned number of raters */
  tokenCount: Type.Integer(),
  /** tokens issued so far */
  issued: Type.Integer(),
  /** tokens used: a count of submissions, never which ones */
  used: Type.Integer(),
});

export const EvaluationSchema = Type.Object({
  id: Type.String(),
  subjectPersonId: Type.String(),
  subjectName: Type.String(),
  subjectPost: Nullable(Type.String()),
  subjectOrgName: Nullable(Type.String()),
  purpose: StringEnum(EVALUATION_PURPOSES),
  campaignId: Nullable(Type.String()),
  openAt: Type.String(),
  closeAt: Type.String(),
  status: StringEnum(EVALUATION_STATUSES),
  closedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  groups: Type.Array(EvaluationGroupStatusSchema),
  questionnaire: QuestionnaireSchema,
  settings: EvaluationSettingsSchema,
  can: Type.Object({ edit: Type.Boolean(), open: Type.Boolean(), close: Type.Boolean(), issueTokens: Type.Boolean(), viewResults: Type.Boolean(), viewFreeText: Type.Boolean() }),
});
export type Evaluation = Static<typeof EvaluationSchema>;

export const IssueTokensRequestSchema = Type.Object(
  { groups: Type.Array(Type.Object({ group: StringEnum(TOKEN_GROUPS), count: Type.Integer({ minimum: 1, maximum: 500 }) }, { additionalProperties: false }), { minItems: 1, maxItems: TOKEN_GROUPS.length }) },
  { additionalProperties: false },
);
export type IssueTokensRequest = Static<typeof IssueTokensRequestSchema>;

/** The plain tokens, shown once (only their SHA-256 is stored): print them now. */
export const IssuedTokensSchema = Type.Object({
  evaluationId: Type.String(),
  subjectName: Type.String(),
  closeAt: Type.String(),
  groups: Type.Array(Type.Object({ group: StringEnum(TOKEN_GROUPS), tokens: Type.Array(Type.String()) })),
});
export type IssuedTokens = Static<typeof IssuedTokensSchema>;

export const GroupResultSchema = Type.Object({
  /** a rater group, or OTHER (the merged pool of hidden groups, shown only when it reaches k) */
  group: Type.Union([StringEnum(RATER_GROUPS), Type.Literal('OTHER')]),
  /** hidden: 样本不足，不予显示 (no count, no mean) */
  shown: Type.Boolean(),
  n: Nullable(Type.Integer()),
  weight: Type.Number(),
  /** effective weight after redistribution of hidden groups' weight */
  effectiveWeight: Type.Number(),
  mean: Nullable(Type.Number()),
  sd: Nullable(Type.Number()),
  dimensions: Nullable(Type.Object({ virtue: Type.Number(), ability: Type.Number(), diligence: Type.Number(), performance: Type.Number(), integrity: Type.Number() })),
  integrity: Nullable(Type.Object({ NO_ISSUE: Type.Integer(), HEARD_CONCERNS: Type.Integer(), KNOWN_VIOLATION: Type.Integer() })),
  outlier: Type.Boolean(),
  /** for OTHER: the groups merged into it */
  members: Type.Optional(Type.Array(StringEnum(RATER_GROUPS))),
});
export type GroupResult = Static<typeof GroupResultSchema>;

const DimensionScoresSchema = Type.Object({
  virtue: Nullable(Type.Number()),
  ability: Nullable(Type.Number()),
  diligence: Nullable(Type.Number()),
  performance: Nullable(Type.Number()),
  integrity: Nullable(Type.Number()),
});
export type DimensionScores = Record<Dimension, number | null>;

export const FiveDimensionResultSchema = Type.Object({
  evaluationId: Type.String(),
  personId: Type.String(),
  campaignId: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  /** respondents excluding the self-assessment; null when fewer than k (then nothing else is shown) */
  respondents: Nullable(Type.Integer()),
  minGroupSize: Type.Integer(),
  scores: DimensionScoresSchema,
  composite: Nullable(Type.Number()),
  grade: Nullable(StringEnum(GRADES)),
  groups: Type.Array(GroupResultSchema),
  integrity: Nullable(Type.Object({ NO_ISSUE: Type.Integer(), HEARD_CONCERNS: Type.Integer(), KNOWN_VIOLATION: Type.Integer() })),
  self: Nullable(Type.Object({ scores: DimensionScoresSchema, overall: Type.Number(), gap: Nullable(Type.Number()) })),
  peers: Nullable(Type.Object({ rankLevel: Nullable(Type.String()), unitType: Nullable(Type.String()), count: Type.Integer(), percentile: Nullable(Type.Number()), mean: Nullable(Type.Number()) })),
  outliers: Type.Array(StringEnum(RATER_GROUPS)),
});
export type FiveDimensionResult = Static<typeof FiveDimensionResultSchema>;

export const ResultsQuerySchema = Type.Object(
  {
    /** combine shown cells only (comma-separated rater groups and/or OTHER); hidden groups are never selectable */
    groups: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ResultsQuery = Static<typeof ResultsQuerySchema>;

export const EvaluationResultsSchema = Type.Object({
  evaluation: EvaluationSchema,
  result: FiveDimensionResultSchema,
  selection: Nullable(Type.Object({ groups: Type.Array(Type.String()), n: Type.Integer(), mean: Type.Number(), dimensions: DimensionScoresSchema })),
  freeTextAvailable: Type.Boolean(),
});
export type EvaluationResults = Static<typeof EvaluationResultsSchema>;

export const FreeTextSchema = Type.Object({ evaluationId: Type.String(), respondents: Type.Integer(), comments: Type.Array(Type.String()) });
export type FreeText = Static<typeof FreeTextSchema>;

// ---- rater (public, no login) ----

export const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });

export const BALLOT_FORM_STATES = ['READY', 'USED', 'NOT_OPEN', 'CLOSED'] as const;
export type BallotFormState = (typeof BALLOT_FORM_STATES)[number];

export const BallotFormSchema = Type.Object({
  state: StringEnum(BALLOT_FORM_STATES),
  /** only for READY / NOT_OPEN: the subject's name and post, the questionnaire, the closing time */
  subjectName: Nullable(Type.String()),
  subjectPost: Nullable(Type.String()),
  closeAt: Nullable(Type.String()),
  openAt: Nullable(Type.String()),
  isSelf: Type.Boolean(),
  questionnaire: Nullable(QuestionnaireSchema),
});
export type BallotForm = Static<typeof BallotFormSchema>;

export const SubmitBallotRequestSchema = Type.Object(
  {
    token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    /** item id → option key */
    answers: Type.Record(Type.String({ pattern: '^[a-z0-9_]{1,20}$' }), Type.String({ pattern: '^[A-Z]$' }), { maxProperties: 60 }),
    integrity: StringEnum(INTEGRITY_ANSWERS),
    freeText: Type.Optional(Type.String({ maxLength: FREE_TEXT_MAX_CHARS })),
  },
  { additionalProperties: false },
);
export type SubmitBallotRequest = Static<typeof SubmitBallotRequestSchema>;

export const SubmitBallotResponseSchema = Type.Object({ ok: Type.Literal(true) });

// ---- defaults ([CFG]/[INF]; staff may change them per evaluation while it is a draft) ----

/** SPEC M5 default group weights [CFG, INF]. */
export const DEFAULT_GROUP_WEIGHTS = {
  SUPERVISING_LEADER: 0.2,
  COLLEAGUES: 0.2,
  GENERAL_STAFF: 0.2,
  SUBORDINATE_UNITS: 0.15,
  SERVICE_RECIPIENTS: 0.15,
  DISCIPLINE_ORGAN: 0.1,
} as const;

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  groupWeights: { ...DEFAULT_GROUP_WEIGHTS },
  minGroupSize: 5,
  freeTextMin: 10,
  outlierPoints: 10,
  outlierSd: 1.5,
};

/** 德能勤绩廉, two or three items each, four answer levels mapped onto the SPEC grade bands. */
export const DEFAULT_EVALUATION_QUESTIONNAIRE: Questionnaire = {
  dimensions: [
    {
      key: 'virtue',
      weight: 20,
      items: [
        { id: 'v1', text: '政治立场坚定，理想信念坚定，对党忠诚', weight: 1 },
        { id: 'v2', text: '坚持原则、敢于担当，作风正派', weight: 1 },
      ],
    },
    {
      key: 'ability',
      weight: 20,
      items: [
        { id: 'a1', text: '统筹谋划、推动发展的能力', weight: 1 },
        { id: 'a2', text: '处理复杂问题和群众工作的能力', weight: 1 },
      ],
    },
    {
      key: 'diligence',
      weight: 20,
      items: [
        { id: 'd1', text: '工作积极主动，精神状态饱满', weight: 1 },
        { id: 'd2', text: '深入基层、深入群众，服务意识强', weight: 1 },
      ],
    },
    {
      key: 'performance',
      weight: 20,
      items: [
        { id: 'p1', text: '完成年度目标任务情况', weight: 1 },
        { id: 'p2', text: '分管工作取得的实际成效和群众认可度', weight: 1 },
      ],
    },
    {
      key: 'integrity',
      weight: 20,
      items: [
        { id: 'i1', text: '遵守中央八项规定精神，廉洁自律', weight: 1 },
        { id: 'i2', text: '管好亲属和身边工作人员', weight: 1 },
      ],
    },
  ],
  options: [
    { key: 'A', label: '好', points: 95 },
    { key: 'B', label: '较好', points: 80 },
    { key: 'C', label: '一般', points: 65 },
    { key: 'D', label: '差', points: 45 },
  ],
  freeText: true,
};
