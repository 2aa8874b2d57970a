/**
 * M5 cadre big database and three-fives analysis (SPEC §3 M5, issue 4 deliverables 1 and 2): the evidence store,
 * the cadre profile, analysis campaigns with letters, talk outlines, talks, field visits, document reviews and
 * public tips, and the campaign statistics that reproduce the article's figures.
 *
 * Confidential data (talk notes and findings, tip content, reporter names) never appears in list responses; it is
 * read through its own routes, each a ledger event.
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Sha256Schema = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of an attached file, lower-case hex' });

// ---------- value lists ----------

export const CAMPAIGN_STATUSES = ['PLANNING', 'COLLECTING', 'ANALYSING', 'CONCLUDED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The three campaign transitions (SPEC M5 campaign workflow). */
export const CAMPAIGN_TRANSITIONS = ['start', 'analyse', 'conclude'] as const;
export type CampaignTransitionName = (typeof CAMPAIGN_TRANSITIONS)[number];

export const EVIDENCE_SOURCE_TYPES = [
  'PERFORMANCE_ASSESSMENT', 'DAILY_INSPECTION', 'AWARD', 'TALK', 'LETTER_REPLY', 'FIELD_VISIT', 'AUDIT_REPORT', 'PETITION', 'STUDY_EDUCATION', 'TRAINING',
  'ACCOUNTABILITY', 'TOLERANCE', 'CLEARANCE', 'REMINDER_TALK', 'PUBLIC_TIP',
] as const;
export type EvidenceSourceType = (typeof EVIDENCE_SOURCE_TYPES)[number];

export const POLARITIES = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const EVIDENCE_CLASSIFICATIONS = ['NORMAL', 'CONFIDENTIAL'] as const;
export type EvidenceClassification = (typeof EVIDENCE_CLASSIFICATIONS)[number];

export const ANNUAL_GRADES = ['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT'] as const;
export type AnnualGrade = (typeof ANNUAL_GRADES)[number];

/** 五式谈话 (SPEC M5 table). */
export const TALK_MODES = ['OUTLINE', 'CASUAL', 'FULL_COVERAGE', 'INDIVIDUAL_INTERVIEW', 'FIELD_VISIT'] as const;
export type TalkMode = (typeof TALK_MODES)[number];

export const DOC_TYPES = ['ECONOMIC_AUDIT', 'PETITION', 'STUDY_EDUCATION', 'OTHER'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const TIP_CHANNELS = ['LETTER', 'PHONE', 'EMAIL', 'WECHAT', 'VISIT', 'ONLINE'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

export const TIP_ROUTES = ['ORG_DEPT', 'DISCIPLINE'] as const;
export type TipRoute = (typeof TIP_ROUTES)[number];

export const TEAM_ROLES = ['LEAD', 'MEMBER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A letter's display state: REPLIED, OVERDUE_MARKED, OVERDUE (due date passed, by the clock), PENDING. */
export const LETTER_STATES = ['PENDING', 'OVERDUE', 'OVERDUE_MARKED', 'REPLIED'] as const;
export type LetterState = (typeof LETTER_STATES)[number];

export const ANALYSIS_LIMITS = {
  nameMax: 100,
  summaryMax: 1000,
  notesMax: 20000,
  questionMax: 300,
  questionsMax: 40,
  findingsMax: 40,
  findingMax: 300,
  noticeMax: 4000,
  replyMax: 8000,
  attachmentsMax: 20,
  interviewersMin: 2,
  interviewersMax: 10,
  scopeTownsMax: 100,
} as const;

// ---------- shared pieces ----------

export const RefSchema = Type.Object({ id: Type.String(), name: Type.String() });
export type Ref = Static<typeof RefSchema>;

export const TalkLevelSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), sortOrder: Type.Integer(), active: Type.Boolean() });
export type TalkLevel = Static<typeof TalkLevelSchema>;
export const UpdateTalkLevelSchema = Type.Object({ nameZh: Text(50), nameEn: Text(80), active: Type.Boolean() }, { additionalProperties: false });
export type UpdateTalkLevel = Static<typeof UpdateTalkLevelSchema>;
export const TalkLevelParamsSchema = Type.Object({ code: Type.String({ pattern: '^L\\d{2}$' }) }, { additionalProperties: false });

// ---------- campaigns ----------

export const CampaignMemberSchema = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  personId: Nullable(Type.String()),
  displayName: Type.String(),
  teamRole: StringEnum(TEAM_ROLES),
});
export type CampaignMember = Static<typeof CampaignMemberSchema>;

export const CampaignSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopeTowns: Type.Array(RefSchema),
  startAt: Type.String(),
  endAt: Type.String(),
  notice: Nullable(Type.Object({ publishedAt: Type.String(), media: Type.String(), text: Type.String() })),
  status: StringEnum(CAMPAIGN_STATUSES),
  team: Type.Array(CampaignMemberSchema),
  /** what the caller may do now (buttons); the server checks again */
  allowed: Type.Object({ start: Type.Boolean(), analyse: Type.Boolean(), conclude: Type.Boolean(), manage: Type.Boolean(), readNotes: Type.Boolean() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Campaign = Static<typeof CampaignSchema>;

export const CreateCampaignSchema = Type.Object(
  { name: Text(ANALYSIS_LIMITS.nameMax, 2), scopeTownIds: Type.Array(IdSchema, { minItems: 1, maxItems: ANALYSIS_LIMITS.scopeTownsMax }), startAt: DateSchema, endAt: DateSchema },
  { additionalProperties: false },
);
export type CreateCampaign = Static<typeof CreateCampaignSchema>;

export const PublishNoticeSchema = Type.Object({ publishedAt: DateSchema, media: Text(100), text: Text(ANALYSIS_LIMITS.noticeMax, 4) }, { additionalProperties: false });
export type PublishNotice = Static<typeof PublishNoticeSchema>;

export const TransitionCampaignSchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type TransitionCampaign = Static<typeof TransitionCampaignSchema>;

export const AddMemberSchema = Type.Object({ userId: IdSchema, teamRole: StringEnum(TEAM_ROLES) }, { additionalProperties: false });
export type AddMember = Static<typeof AddMemberSchema>;
export const MemberParamsSchema = Type.Object({ id: IdSchema, memberId: IdSchema }, { additionalProperties: false });
/** Users who could join a campaign team: active, holding a role that records campaign material or drafts judgments over the campaign's unit. */
export const MemberCandidateSchema = Type.Object({ userId: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()) });
export type MemberCandidate = Static<typeof MemberCandidateSchema>;
export const MemberCandidatesQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false });
export type MemberCandidatesQuery = Static<typeof MemberCandidatesQuerySchema>;

export const CAMPAIGN_SORTS = ['startAt', 'name', 'status'] as const;
export const ListCampaignsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    status: Type.Optional(StringEnum(CAMPAIGN_STATUSES)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    sort: Type.Optional(StringEnum(CAMPAIGN_SORTS)),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);
export type ListCampaignsQuery = Static<typeof ListCampaignsQuerySchema>;

// ---------- letters ----------

export const LetterSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  toOrgUnit: RefSchema,
  subject: Type.String(),
  sentAt: Type.String(),
  dueAt: Type.String(),
  repliedAt: Nullable(Type.String()),
  replyText: Nullable(Type.String()),
  replyAttachmentHashes: Type.Array(Type.String()),
  overdueMarkedAt: Nullable(Type.String()),
  state: StringEnum(LETTER_STATES),
});
export type Letter = Static<typeof LetterSchema>;

export const CreateLetterSchema = Type.Object({ toOrgUnitId: IdSchema, subject: Text(200, 2), sentAt: DateSchema, dueAt: DateSchema }, { additionalProperties: false });
export type CreateLetter = Static<typeof CreateLetterSchema>;
export const ReplyLetterSchema = Type.Object(
  { repliedAt: DateSchema, replyText: Text(ANALYSIS_LIMITS.replyMax, 2), attachmentHashes: Type.Optional(Type.Array(Sha256Schema, { maxItems: ANALYSIS_LIMITS.attachmentsMax })) },
  { additionalProperties: false },
);
export type ReplyLetter = Static<typeof ReplyLetterSchema>;
export const ListLettersQuerySchema = Type.Object(
  { ...PageQueryFields, state: Type.Optional(StringEnum(LETTER_STATES)), q: Type.Optional(Type.String({ maxLength: 50 })), sort: Type.Optional(StringEnum(['dueAt', 'sentAt', 'unit'] as const)), order: Type.Optional(StringEnum(['asc', 'desc'] as const)) },
  { additionalProperties: false },
);
export type ListLettersQuery = Static<typeof ListLettersQuerySchema>;

// ---------- outlines and talks ----------

export const OutlineSchema = Type.Object({ id: Type.String(), campaignId: Type.String(), interviewee: RefSchema, questions: Type.Array(Type.String()), createdAt: Type.String() });
export type Outline = Static<typeof OutlineSchema>;
export const CreateOutlineSchema = Type.Object(
  { intervieweePersonId: IdSchema, questions: Type.Array(Text(ANALYSIS_LIMITS.questionMax, 2), { minItems: 1, maxItems: ANALYSIS_LIMITS.questionsMax }) },
  { additionalProperties: false },
);
export type CreateOutline = Static<typeof CreateOutlineSchema>;

/** A talk in lists: who, when, level and mode; never the notes. */
export const TalkSchema = Type.Object({
  id: Type.String(),
  campaignId: Nullable(Type.String()),
  mode: StringEnum(TALK_MODES),
  interviewee: RefSchema,
  intervieweeUnit: Nullable(Type.String()),
  level: Type.String(),
  subjectCadres: Type.Array(RefSchema),
  subjectTeams: Type.Array(RefSchema),
  interviewers: Type.Array(RefSchema),
  outlineId: Nullable(Type.String()),
  heldAt: Type.String(),
  location: Type.String(),
  classification: Type.Literal('CONFIDENTIAL'),
});
export type Talk = Static<typeof TalkSchema>;

export const TalkNotesSchema = Type.Object({ talkId: Type.String(), notes: Type.String(), keyFindings: Type.Array(Type.String()), ledgerSeq: Type.Integer() });
export type TalkNotes = Static<typeof TalkNotesSchema>;

export const CreateTalkSchema = Type.Object(
  {
    mode: StringEnum(TALK_MODES),
    intervieweePersonId: IdSchema,
    level: Type.String({ pattern: '^L\\d{2}$' }),
    subjectCadreIds: Type.Optional(Type.Array(IdSchema, { maxItems: 50 })),
    subjectTeamOrgUnitIds: Type.Optional(Type.Array(IdSchema, { maxItems: 20 })),
    outlineId: Type.Optional(IdSchema),
    interviewerPersonIds: Type.Array(IdSchema, { maxItems: ANALYSIS_LIMITS.interviewersMax }),
    heldAt: DateSchema,
    location: Text(100),
    notes: Text(ANALYSIS_LIMITS.notesMax, 2),
    keyFindings: Type.Optional(Type.Array(Text(ANALYSIS_LIMITS.findingMax), { maxItems: ANALYSIS_LIMITS.findingsMax })),
  },
  { additionalProperties: false },
);
export type CreateTalk = Static<typeof CreateTalkSchema>;

export const ListTalksQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    level: Type.Optional(Type.String({ pattern: '^L\\d{2}$' })),
    mode: Type.Optional(StringEnum(TALK_MODES)),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    sort: Type.Optional(StringEnum(['heldAt', 'level', 'interviewee'] as const)),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);
export type ListTalksQuery = Static<typeof ListTalksQuerySchema>;

// ---------- visits, documents, tips ----------

export const VisitSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  village: RefSchema,
  town: Nullable(Type.String()),
  visitedAt: Type.String(),
  visitors: Type.Array(RefSchema),
  villageCadresMetCount: Type.Integer(),
  villageCadres: Type.Array(RefSchema),
});
export type Visit = Static<typeof VisitSchema>;
export const CreateVisitSchema = Type.Object(
  {
    villageOrgUnitId: IdSchema,
    visitedAt: DateSchema,
    visitorPersonIds: Type.Array(IdSchema, { minItems: 1, maxItems: 10 }),
    villageCadresMetCount: Type.Integer({ minimum: 0, maximum: 200 }),
    villageCadreIds: Type.Optional(Type.Array(IdSchema, { maxItems: 200 })),
    notes: Type.Optional(Type.String({ maxLength: ANALYSIS_LIMITS.notesMax })),
  },
  { additionalProperties: false },
);
export type CreateVisit = Static<typeof CreateVisitSchema>;
export const ListVisitsQuerySchema = Type.Object(
  { ...PageQueryFields, townId: Type.Optional(IdSchema), sort: Type.Optional(StringEnum(['visitedAt', 'village', 'met'] as const)), order: Type.Optional(StringEnum(['asc', 'desc'] as const)) },
  { additionalProperties: false },
);
export type ListVisitsQuery = Static<typeof ListVisitsQuerySchema>;

export const DocumentReviewSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  docType: StringEnum(DOC_TYPES),
  title: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  subjectUnit: Nullable(RefSchema),
  subjectCadre: Nullable(RefSchema),
  findings: Type.String(),
  reviewedAt: Type.String(),
});
export type DocumentReview = Static<typeof DocumentReviewSchema>;
export const CreateDocumentReviewSchema = Type.Object(
  {
    docType: StringEnum(DOC_TYPES),
    title: Text(200, 2),
    periodFrom: DateSchema,
    periodTo: DateSchema,
    subjectOrgUnitId: Type.Optional(IdSchema),
    subjectCadreId: Type.Optional(IdSchema),
    findings: Text(ANALYSIS_LIMITS.summaryMax, 2),
    reviewedAt: DateSchema,
  },
  { additionalProperties: false },
);
export type CreateDocumentReview = Static<typeof CreateDocumentReviewSchema>;
export const ListDocumentsQuerySchema = Type.Object(
  { ...PageQueryFields, docType: Type.Optional(StringEnum(DOC_TYPES)), q: Type.Optional(Type.String({ maxLength: 50 })), sort: Type.Optional(StringEnum(['reviewedAt', 'periodFrom', 'docType'] as const)), order: Type.Optional(StringEnum(['asc', 'desc'] as const)) },
  { additionalProperties: false },
);
export type ListDocumentsQuery = Static<typeof ListDocumentsQuerySchema>;

/** A tip in lists: never the content or the reporter's name. */
export const TipSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  receivedAt: Type.String(),
  channel: StringEnum(TIP_CHANNELS),
  realName: Type.Boolean(),
  routedTo: StringEnum(TIP_ROUTES),
  subjectCadre: Nullable(RefSchema),
});
export type Tip = Static<typeof TipSchema>;
export const TipContentSchema = Type.Object({ tipId: Type.String(), content: Type.String(), reporterName: Nullable(Type.String()), ledgerSeq: Type.Integer() });
export type TipContent = Static<typeof TipContentSchema>;
export const CreateTipSchema = Type.Object(
  {
    receivedAt: DateSchema,
    channel: StringEnum(TIP_CHANNELS),
    realName: Type.Boolean(),
    reporterName: Type.Optional(Text(50)),
    content: Text(ANALYSIS_LIMITS.notesMax, 2),
    routedTo: StringEnum(TIP_ROUTES),
    subjectCadreId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type CreateTip = Static<typeof CreateTipSchema>;
export const ListTipsQuerySchema = Type.Object(
  { ...PageQueryFields, channel: Type.Optional(StringEnum(TIP_CHANNELS)), realName: Type.Optional(Type.Boolean()), order: Type.Optional(StringEnum(['asc', 'desc'] as const)) },
  { additionalProperties: false },
);
export type ListTipsQuery = Static<typeof ListTipsQuerySchema>;

// ---------- statistics ----------

const Coverage = Type.Object({ covered: Type.Integer(), total: Type.Integer(), percent: Type.Number() });
export const CampaignStatisticsSchema = Type.Object({
  campaignId: Type.String(),
  /** the date the coverage populations are taken at (the campaign's start) */
  asOf: Type.String(),
  letters: Type.Object({ total: Type.Integer(), replied: Type.Integer(), overdue: Type.Integer(), pending: Type.Integer(), units: Type.Integer() }),
  talks: Type.Object({
    total: Type.Integer(),
    /** distinct interviewees of INDIVIDUAL_INTERVIEW talks (个别访谈, the article's 310) */
    interviewees: Type.Integer(),
    levelsCovered: Type.Integer(),
    byLevel: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), interviewees: Type.Integer(), talks: Type.Integer() })),
    byMode: Type.Array(Type.Object({ mode: StringEnum(TALK_MODES), talks: Type.Integer() })),
  }),
  visits: Type.Object({
    visits: Type.Integer(),
    villages: Type.Integer(),
    villageCadresMet: Type.Integer(),
    byTown: Type.Array(Type.Object({ townId: Type.String(), townName: Type.String(), villages: Type.Integer(), villageCadresMet: Type.Integer() })),
  }),
  documents: Type.Object({ total: Type.Integer(), byType: Type.Array(Type.Object({ docType: StringEnum(DOC_TYPES), count: Type.Integer() })), periodFrom: Nullable(Type.String()), periodTo: Nullable(Type.String()) }),
  tips: Type.Object({ total: Type.Integer(), realName: Type.Integer(), anonymous: Type.Integer(), byChannel: Type.Array(Type.Object({ channel: StringEnum(TIP_CHANNELS), count: Type.Integer() })) }),
  /** real-name tips plus real-name petition reports received within the campaign window */
  realNamePetitions: Type.Integer(),
  coverage: Type.Object({ townOrganStaff: Coverage, stationHeads: Coverage, villagePrincipals: Coverage }),
  /** in-scope cadres (town leadership posts at the start) and how many have an ENDORSED judgment */
  cadres: Type.Object({ inScope: Type.Integer(), judged: Type.Integer() }),
});
export type CampaignStatistics = Static<typeof CampaignStatisticsSchema>;

// ---------- evidence ----------

export const EvidenceSchema = Type.Object({
  id: Type.String(),
  cadre: Nullable(RefSchema),
  team: Nullable(RefSchema),
  campaignId: Nullable(Type.String()),
  sourceType: StringEnum(EVIDENCE_SOURCE_TYPES),
  sourceRefId: Nullable(Type.String()),
  date: Type.String(),
  summary: Type.String(),
  polarity: StringEnum(POLARITIES),
  classification: StringEnum(EVIDENCE_CLASSIFICATIONS),
  attachmentHashes: Type.Array(Type.String()),
  sourceUnit: Nullable(RefSchema),
  grade: Nullable(StringEnum(ANNUAL_GRADES)),
  effectUntil: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Evidence = Static<typeof EvidenceSchema>;

export const CreateEvidenceSchema = Type.Object(
  {
    cadrePersonId: Type.Optional(IdSchema),
    teamOrgUnitId: Type.Optional(IdSchema),
    campaignId: Type.Optional(IdSchema),
    sourceType: StringEnum(EVIDENCE_SOURCE_TYPES),
    sourceRefId: Type.Optional(Type.String({ maxLength: 64 })),
    date: DateSchema,
    summary: Text(ANALYSIS_LIMITS.summaryMax, 2),
    polarity: StringEnum(POLARITIES),
    classification: StringEnum(EVIDENCE_CLASSIFICATIONS),
    attachmentHashes: Type.Optional(Type.Array(Sha256Schema, { maxItems: ANALYSIS_LIMITS.attachmentsMax })),
    sourceUnitId: Type.Optional(IdSchema),
    grade: Type.Optional(StringEnum(ANNUAL_GRADES)),
    effectUntil: Type.Optional(DateSchema),
  },
  { additionalProperties: false },
);
export type CreateEvidence = Static<typeof CreateEvidenceSchema>;

export const EVIDENCE_SORTS = ['date', 'sourceType', 'polarity', 'cadre'] as const;
export const ListEvidenceQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    cadreId: Type.Optional(IdSchema),
    teamOrgUnitId: Type.Optional(IdSchema),
    campaignId: Type.Optional(IdSchema),
    sourceType: Type.Optional(StringEnum(EVIDENCE_SOURCE_TYPES)),
    polarity: Type.Optional(StringEnum(POLARITIES)),
    classification: Type.Optional(StringEnum(EVIDENCE_CLASSIFICATIONS)),
    from: Type.Optional(DateSchema),
    to: Type.Optional(DateSchema),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    sort: Type.Optional(StringEnum(EVIDENCE_SORTS)),
    order: Type.Optional(StringEnum(['asc', 'desc'] as const)),
  },
  { additionalProperties: false },
);
export type ListEvidenceQuery = Static<typeof ListEvidenceQuerySchema>;

// ---------- cadre profile ----------

export const TimelineEntrySchema = Type.Object({
  date: Type.String(),
  kind: Type.Union([Type.Literal('POST_START'), Type.Literal('POST_END'), Type.Literal('FRONT_LINE'), Type.Literal('EVIDENCE')]),
  title: Type.String(),
  detail: Nullable(Type.String()),
  sourceType: Nullable(StringEnum(EVIDENCE_SOURCE_TYPES)),
  polarity: Nullable(StringEnum(POLARITIES)),
});
export type TimelineEntry = Static<typeof TimelineEntrySchema>;

export const CadreProfileSchema = Type.Object({
  person: Type.Object({ id: Type.String(), name: Type.String(), gender: Type.String(), birthDate: Type.String(), orgName: Nullable(Type.String()), rankLevel: Nullable(Type.String()), educationCode: Nullable(Type.String()), specialty: Nullable(Type.String()) }),
  posts: Type.Array(Type.Object({ orgName: Type.String(), title: Type.String(), isLeadership: Type.Boolean(), isPrincipal: Type.Boolean(), startDate: Type.String(), endDate: Nullable(Type.String()) })),
  frontLine: Type.Array(Type.Object({ kind: Type.String(), description: Type.String(), startDate: Type.String(), endDate: Nullable(Type.String()) })),
  /** annual assessment grades, newest first */
  assessments: Type.Array(Type.Object({ year: Type.String(), grade: StringEnum(ANNUAL_GRADES), evidenceId: Type.String() })),
  /** evidence grouped by source type (items the caller may see) */
  evidenceByType: Type.Array(Type.Object({ sourceType: StringEnum(EVIDENCE_SOURCE_TYPES), items: Type.Array(EvidenceSchema) })),
  /** accountability items whose effect is in force today */
  accountabilityInForce: Type.Array(Type.Object({ evidenceId: Type.String(), effectUntil: Type.String(), summary: Type.String() })),
  /** petitions: counts by status only (never content or reporters) */
  petitions: Type.Object({ source: Type.Union([Type.Literal('petition_report'), Type.Literal('evidence')]), byStatus: Type.Array(Type.Object({ status: Type.String(), count: Type.Integer() })), total: Type.Integer() }),
  talks: Type.Object({ asInterviewee: Type.Integer(), asSubject: Type.Integer() }),
  timeline: Type.Array(TimelineEntrySchema),
});
export type CadreProfile = Static<typeof CadreProfileSchema>;
