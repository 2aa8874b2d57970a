/**
 * M6 integrity (SPEC §3 M6, SECURITY.md §5.6 双签字): integrity conclusions signed by the unit's Party secretary
 * and discipline secretary (either order, each signature bound to the content hash of one version), the
 * pre-appointment integrity review (任前廉政审查) and petition intake (信访举报; reporter identity for the
 * discipline-commission handler only, everyone else sees counts).
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const INTEGRITY_OUTCOMES = ['CLEAR', 'MINOR_ISSUES_NOT_AFFECTING', 'NOT_SUITABLE'] as const;
export type IntegrityOutcome = (typeof INTEGRITY_OUTCOMES)[number];

export const INTEGRITY_BASES = ['DAILY_SUPERVISION', 'PETITIONS', 'AUDIT', 'REVERSE_EVAL'] as const;
export type IntegrityBasis = (typeof INTEGRITY_BASES)[number];

export const INTEGRITY_STATUSES = ['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE', 'DOUBLE_SIGNED', 'SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type IntegrityStatus = (typeof INTEGRITY_STATUSES)[number];

/** SECRETARY: 党委（党组）书记; DISCIPLINE: 纪委书记 / 纪工委书记 / 派驻纪检组组长 */
export const SIGNER_ROLES = ['SECRETARY', 'DISCIPLINE'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** DIRECT: the holder of the post in the subject's unit; ESCALATED: the subject holds that post, so the next-higher
 * Party organisation's secretary or the county discipline commission signs (SPEC M6 [INF]). */
export const SIGNATURE_BASES = ['DIRECT', 'ESCALATED'] as const;
export type SignatureBasis = (typeof SIGNATURE_BASES)[number];

export const REVIEW_CHECK_TYPES = ['FILE_AUDIT', 'PERSONAL_MATTERS_VERIFY', 'DISCIPLINE_OPINION', 'PETITION_CHECK', 'AUDIT_FINDINGS'] as const;
export type ReviewCheckType = (typeof REVIEW_CHECK_TYPES)[number];

/** 凡提四必: the four "must" checks are the default mandatory set ([R]: configurable per review); audit is [INF]. */
export const DEFAULT_MANDATORY_CHECKS: readonly ReviewCheckType[] = ['FILE_AUDIT', 'PERSONAL_MATTERS_VERIFY', 'DISCIPLINE_OPINION', 'PETITION_CHECK'];

export const CHECK_RESULTS = ['PASS', 'ISSUE', 'PENDING'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const REVIEW_OVERALLS = ['PENDING', 'PASS', 'FAIL'] as const;
export type ReviewOverall = (typeof REVIEW_OVERALLS)[number];

export const PETITION_CHANNELS = ['LETTER', 'VISIT', 'PHONE', 'ONLINE', 'TRANSFERRED_IN'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

export const PETITION_STATUSES = ['RECEIVED', 'PRELIM_CHECK', 'VERIFIED_TRUE', 'PARTLY_TRUE', 'UNFOUNDED', 'TRANSFERRED'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** Statuses before a conclusion: a specific and checkable petition in one of them blocks the integrity gate. */
export const PETITION_OPEN_STATUSES: readonly PetitionStatus[] = ['RECEIVED', 'PRELIM_CHECK', 'TRANSFERRED'];

export const INTEGRITY_TEXT_MAX = 2000;

// ---- conclusions ----

export const IntegrityConclusionItemSchema = Type.Object({
  id: Type.String(),
  lineageId: Type.String(),
  version: Type.Integer(),
  subjectPersonId: Type.String(),
  subjectName: Type.String(),
  unitName: Type.String(),
  conclusion: StringEnum(INTEGRITY_OUTCOMES),
  status: StringEnum(INTEGRITY_STATUSES),
  signedRoles: Type.Array(StringEnum(SIGNER_ROLES)),
  updatedAt: Type.String(),
});
export type IntegrityConclusionItem = Static<typeof IntegrityConclusionItemSchema>;

export const IntegritySignatureSchema = Type.Object({
  role: StringEnum(SIGNER_ROLES),
  signerPersonId: Type.String(),
  signerName: Type.String(),
  basis: StringEnum(SIGNATURE_BASES),
  contentHash: Type.String(),
  signedAt: Type.String(),
});
export type IntegritySignature = Static<typeof IntegritySignatureSchema>;

/** One signature slot: who may sign it now (names and posts), whether it moved up, and the signature if any. */
export const SignatureSlotSchema = Type.Object({
  role: StringEnum(SIGNER_ROLES),
  escalated: Type.Boolean(),
  eligible: Type.Array(Type.Object({ personId: Type.String(), name: Type.String(), title: Type.String() })),
  signature: Nullable(IntegritySignatureSchema),
});
export type SignatureSlot = Static<typeof SignatureSlotSchema>;

export const IntegrityConclusionSchema = Type.Object({
  ...IntegrityConclusionItemSchema.properties,
  unitOrgId: Type.String(),
  text: Type.String(),
  basis: Type.Array(StringEnum(INTEGRITY_BASES)),
  contentHash: Type.String(),
  current: Type.Boolean(),
  returnReason: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  slots: Type.Array(SignatureSlotSchema),
  versions: Type.Array(
    Type.Object({ id: Type.String(), version: Type.Integer(), status: StringEnum(INTEGRITY_STATUSES), contentHash: Type.String(), returnReason: Nullable(Type.String()), createdAt: Type.String(), signedRoles: Type.Array(StringEnum(SIGNER_ROLES)) }),
  ),
  /** what the caller may do now (the server checks again) */
  can: Type.Object({ edit: Type.Boolean(), sign: Type.Array(StringEnum(SIGNER_ROLES)), submit: Type.Boolean(), accept: Type.Boolean(), return: Type.Boolean() }),
});
export type IntegrityConclusion = Static<typeof IntegrityConclusionSchema>;

const ConclusionContentFields = {
  conclusion: StringEnum(INTEGRITY_OUTCOMES),
  text: Type.String({ minLength: 4, maxLength: INTEGRITY_TEXT_MAX }),
  basis: Type.Array(StringEnum(INTEGRITY_BASES), { minItems: 1, maxItems: 4, uniqueItems: true }),
};

export const CreateIntegrityConclusionSchema = Type.Object({ subjectPersonId: IdSchema, ...ConclusionContentFields }, { additionalProperties: false });
export type CreateIntegrityConclusion = Static<typeof CreateIntegrityConclusionSchema>;

/** `contentHash`: the version the editor saw; a stale one is refused (409). */
export const EditIntegrityConclusionSchema = Type.Object({ ...ConclusionContentFields, contentHash: Type.String({ minLength: 64, maxLength: 64 }) }, { additionalProperties: false });
export type EditIntegrityConclusion = Static<typeof EditIntegrityConclusionSchema>;

/** The signer names the slot and the content hash of the exact version on screen. */
export const SignIntegrityConclusionSchema = Type.Object({ role: StringEnum(SIGNER_ROLES), contentHash: Type.String({ minLength: 64, maxLength: 64 }) }, { additionalProperties: false });
export type SignIntegrityConclusion = Static<typeof SignIntegrityConclusionSchema>;

export const ReturnIntegrityConclusionSchema = Type.Object({ reason: Type.String({ minLength: LIMITS.reasonMin, maxLength: LIMITS.reasonMax }) }, { additionalProperties: false });
export type ReturnIntegrityConclusion = Static<typeof ReturnIntegrityConclusionSchema>;

export const ListIntegrityConclusionsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    status: Type.Optional(StringEnum(INTEGRITY_STATUSES)),
    conclusion: Type.Optional(StringEnum(INTEGRITY_OUTCOMES)),
    subjectPersonId: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ maxLength: LIMITS.searchMax })),
    /** only conclusions the caller may sign now */
    toSign: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListIntegrityConclusionsQuery = Static<typeof ListIntegrityConclusionsQuerySchema>;

// ---- pre-appointment reviews ----

export const IntegrityReviewCheckSchema = Type.Object({
  type: StringEnum(REVIEW_CHECK_TYPES),
  mandatory: Type.Boolean(),
  result: StringEnum(CHECK_RESULTS),
  detail: Nullable(Type.String()),
  checkedByName: Nullable(Type.String()),
  checkedAt: Nullable(Type.String()),
  /** the caller's role may record this check */
  canRecord: Type.Boolean(),
});
export type IntegrityReviewCheck = Static<typeof IntegrityReviewCheckSchema>;

export const IntegrityReviewSchema = Type.Object({
  id: Type.String(),
  subjectPersonId: Type.String(),
  subjectName: Type.String(),
  unitName: Type.String(),
  batchId: Nullable(Type.String()),
  overall: StringEnum(REVIEW_OVERALLS),
  mandatoryChecks: Type.Array(StringEnum(REVIEW_CHECK_TYPES)),
  checks: Type.Array(IntegrityReviewCheckSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type IntegrityReview = Static<typeof IntegrityReviewSchema>;

export const IntegrityReviewItemSchema = Type.Object({
  id: Type.String(),
  subjectPersonId: Type.String(),
  subjectName: Type.String(),
  unitName: Type.String(),
  overall: StringEnum(REVIEW_OVERALLS),
  passed: Type.Integer(),
  mandatory: Type.Integer(),
  updatedAt: Type.String(),
});
export type IntegrityReviewItem = Static<typeof IntegrityReviewItemSchema>;

export const CreateIntegrityReviewSchema = Type.Object(
  {
    subjectPersonId: IdSchema,
    batchId: Type.Optional(IdSchema),
    /** defaults to DEFAULT_MANDATORY_CHECKS (凡提四必) */
    mandatoryChecks: Type.Optional(Type.Array(StringEnum(REVIEW_CHECK_TYPES), { minItems: 1, maxItems: 5, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateIntegrityReview = Static<typeof CreateIntegrityReviewSchema>;

export const RecordReviewCheckSchema = Type.Object({ result: StringEnum(CHECK_RESULTS), detail: Type.String({ minLength: 2, maxLength: INTEGRITY_TEXT_MAX }) }, { additionalProperties: false });
export type RecordReviewCheck = Static<typeof RecordReviewCheckSchema>;

export const ReviewCheckParamsSchema = Type.Object({ id: IdSchema, type: StringEnum(REVIEW_CHECK_TYPES) }, { additionalProperties: false });

export const ListIntegrityReviewsQuerySchema = Type.Object(
  { ...PageQueryFields, overall: Type.Optional(StringEnum(REVIEW_OVERALLS)), subjectPersonId: Type.Optional(IdSchema), q: Type.Optional(Type.String({ maxLength: LIMITS.searchMax })) },
  { additionalProperties: false },
);
export type ListIntegrityReviewsQuery = Static<typeof ListIntegrityReviewsQuerySchema>;

// ---- petitions ----

export const PetitionItemSchema = Type.Object({
  id: Type.String(),
  receivedAt: Type.String(),
  channel: StringEnum(PETITION_CHANNELS),
  realName: Type.Boolean(),
  specificAndCheckable: Type.Boolean(),
  status: StringEnum(PETITION_STATUSES),
  subjects: Type.Array(Type.Object({ personId: Type.String(), name: Type.String() })),
  handlerName: Type.String(),
});
export type PetitionItem = Static<typeof PetitionItemSchema>;

export const PetitionSchema = Type.Object({
  ...PetitionItemSchema.properties,
  content: Type.String(),
  conclusion: Nullable(Type.String()),
  /** only for the handler (the discipline-commission user who holds the petition) */
  reporterIdentity: Nullable(Type.String()),
  isHandler: Type.Boolean(),
  /** the statuses the caller may move it to now */
  next: Type.Array(StringEnum(PETITION_STATUSES)),
});
export type Petition = Static<typeof PetitionSchema>;

export const PetitionSummarySchema = Type.Object({
  total: Type.Integer(),
  byStatus: Type.Array(Type.Object({ status: StringEnum(PETITION_STATUSES), count: Type.Integer() })),
  openCheckable: Type.Integer(),
  realName: Type.Integer(),
});
export type PetitionSummary = Static<typeof PetitionSummarySchema>;

export const CreatePetitionSchema = Type.Object(
  {
    receivedAt: DateSchema,
    channel: StringEnum(PETITION_CHANNELS),
    realName: Type.Boolean(),
    reporterIdentity: Type.Optional(Type.String({ maxLength: LIMITS.reasonMax })),
    content: Type.String({ minLength: 4, maxLength: INTEGRITY_TEXT_MAX }),
    subjectPersonIds: Type.Array(IdSchema, { minItems: 1, maxItems: 20, uniqueItems: true }),
    specificAndCheckable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CreatePetition = Static<typeof CreatePetitionSchema>;

export const MovePetitionSchema = Type.Object(
  { to: StringEnum(PETITION_STATUSES), conclusion: Type.Optional(Type.String({ minLength: LIMITS.reasonMin, maxLength: INTEGRITY_TEXT_MAX })) },
  { additionalProperties: false },
);
export type MovePetition = Static<typeof MovePetitionSchema>;

export const ListPetitionsQuerySchema = Type.Object(
  { ...PageQueryFields, status: Type.Optional(StringEnum(PETITION_STATUSES)), subjectPersonId: Type.Optional(IdSchema), openCheckable: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ListPetitionsQuery = Static<typeof ListPetitionsQuerySchema>;

// ---- gate (read by M5 judgments and M7 selection) ----

export const IntegrityGateSchema = Type.Object({ ok: Type.Boolean(), reasons: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() })) });
export type IntegrityGate = Static<typeof IntegrityGateSchema>;

// ---- report (SPEC M6 Reports: conclusions by outcome; candidates stopped at the integrity gate) ----

export const IntegrityStatsSchema = Type.Object({
  /** current versions by status */
  byStatus: Type.Array(Type.Object({ status: StringEnum(INTEGRITY_STATUSES), count: Type.Integer() })),
  /** accepted conclusions by outcome */
  acceptedByOutcome: Type.Array(Type.Object({ conclusion: StringEnum(INTEGRITY_OUTCOMES), count: Type.Integer() })),
  reviewsByOverall: Type.Array(Type.Object({ overall: StringEnum(REVIEW_OVERALLS), count: Type.Integer() })),
  /** reviewed candidates whose integrity gate (with the review) is closed: 防止带病提拔 */
  candidatesStopped: Type.Integer(),
  candidatesReviewed: Type.Integer(),
});
export type IntegrityStats = Static<typeof IntegrityStatsSchema>;
