/**
 * O2O citizen service (SPEC §3 M2): matters from the four-level WeChat groups, the H5 form and Open311, accepted,
 * dispatched, handled, replied, closed and revisited against working-day deadlines.
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const MATTER_CHANNELS = ['WECHAT_GROUP', 'OFFLINE_VISIT', 'PHONE', 'H5_FORM', 'OPEN311'] as const;
export type MatterChannel = (typeof MATTER_CHANNELS)[number];
/** the 12345-hotline classes */
export const MATTER_CATEGORIES = ['CONSULT', 'HELP', 'COMPLAINT', 'SUGGESTION', 'REPORT'] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];
export const MATTER_URGENCIES = ['URGENT', 'NORMAL', 'COMPLEX'] as const;
export type MatterUrgency = (typeof MATTER_URGENCIES)[number];
export const MATTER_LEVELS = ['VILLAGE', 'TOWN', 'COUNTY'] as const;
export type MatterLevel = (typeof MATTER_LEVELS)[number];
export const SATISFACTIONS = ['SATISFIED', 'BASIC', 'DISSATISFIED'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const MATTER_STATUSES = [
  'SUBMITTED',
  'REJECTED',
  'ACCEPTED',
  'ANSWERED_ON_SPOT',
  'ESCALATED',
  'DISPATCHED',
  'SIGNED',
  'RETURNED',
  'IN_PROGRESS',
  'EXTENSION_REQUESTED',
  'REPLIED',
  'CLOSED',
  'REVISITED',
  'REOPENED',
  'ARCHIVED',
  /** a REPORT naming a cadre's misconduct: out of the O2O flow, to the discipline commission */
  'ROUTED_DISCIPLINE',
] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];

/** Statuses in which a deadline runs (overdue detection). */
export const OPEN_MATTER_STATUSES: readonly MatterStatus[] = ['ACCEPTED', 'ESCALATED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'REOPENED'];
/** "Replied and closed" (SPEC §6: 10,336). */
export const CLOSED_MATTER_STATUSES: readonly MatterStatus[] = ['CLOSED', 'REVISITED', 'ARCHIVED'];

export const MATTER_ACTIONS = [
  'accept',
  'reject',
  'answer',
  'escalate',
  'dispatch',
  'sign',
  'return',
  'start',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'reply',
  'close',
  'revisit',
  'reopen',
  'resume',
  'archive',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

export const MatterEventSchema = Type.Object({
  at: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  actorName: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  note: Nullable(Type.String()),
  publicNote: Nullable(Type.String()),
});
export type MatterEvent = Static<typeof MatterEventSchema>;

export const MatterSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  channel: StringEnum(MATTER_CHANNELS),
  category: StringEnum(MATTER_CATEGORIES),
  urgency: StringEnum(MATTER_URGENCIES),
  title: Type.String(),
  description: Type.String(),
  status: StringEnum(MATTER_STATUSES),
  currentLevel: StringEnum(MATTER_LEVELS),
  locationOrgUnitId: Type.String(),
  locationName: Type.String(),
  townName: Type.String(),
  levelName: Type.String(),
  assignedOrgUnitId: Nullable(Type.String()),
  assignedName: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  receivedAt: Type.String(),
  respondBy: Type.String(),
  acceptedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  /** working days from today to the due date (negative when overdue); null without a due date or when finished */
  workingDaysLeft: Nullable(Type.Integer()),
  repliedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  resolutionText: Nullable(Type.String()),
  rejectReason: Nullable(Type.String()),
  satisfaction: Nullable(StringEnum(SATISFACTIONS)),
  citizenSatisfaction: Nullable(StringEnum(SATISFACTIONS)),
  citizenComment: Nullable(Type.String()),
  extensionCount: Type.Integer(),
  overdue: Type.Boolean(),
  overdueCount: Type.Integer(),
  supervised: Type.Boolean(),
  escalationCount: Type.Integer(),
  returnCount: Type.Integer(),
  reopenCount: Type.Integer(),
  m10Candidate: Type.Boolean(),
  anonymous: Type.Boolean(),
  /** masked name and phone; null when the caller may not see the requester (or the matter is anonymous) */
  requester: Nullable(Type.Object({ nameMasked: Nullable(Type.String()), phoneMasked: Nullable(Type.String()) })),
  photoCount: Type.Integer(),
  /** actions the caller may take now */
  allowed: Type.Array(StringEnum(MATTER_ACTIONS)),
  /** routed reports only: the discipline commission's petition (信访举报件) it was handed to; null until taken in */
  petitionId: Type.Optional(Nullable(Type.String())),
  /** true once the "not accepted within respondBy" notice was sent */
  responseOverdue: Type.Optional(Type.Boolean()),
});
export type Matter = Static<typeof MatterSchema>;

export const MatterDetailSchema = Type.Object({
  matter: MatterSchema,
  events: Type.Array(MatterEventSchema),
  photos: Type.Array(Type.Object({ id: Type.String(), mime: Type.String(), size: Type.Integer() })),
  notices: Type.Array(Type.Object({ kind: Type.String(), round: Type.Integer(), toName: Type.String(), message: Type.String(), createdAt: Type.String() })),
});
export type MatterDetail = Static<typeof MatterDetailSchema>;

export const MATTER_BOXES = ['all', 'accept', 'dispatch', 'handle', 'review', 'revisit', 'overdue', 'routed'] as const;
export type MatterBox = (typeof MATTER_BOXES)[number];
export const MATTER_SORTS = ['dueAt', '-dueAt', 'receivedAt', '-receivedAt'] as const;

export const ListMattersQuerySchema = Type.Object(
  {
    box: Type.Optional(StringEnum(MATTER_BOXES)),
    status: Type.Optional(StringEnum(MATTER_STATUSES)),
    category: Type.Optional(StringEnum(MATTER_CATEGORIES)),
    urgency: Type.Optional(StringEnum(MATTER_URGENCIES)),
    unitId: Type.Optional(IdSchema),
    code: Type.Optional(Type.String({ maxLength: 20, pattern: '^[A-Za-z0-9-]*$' })),
    from: Type.Optional(DateSchema),
    to: Type.Optional(DateSchema),
    sort: Type.Optional(StringEnum(MATTER_SORTS)),
    ...PageQueryFields,
  },
  { additionalProperties: false },
);
export type ListMattersQuery = Static<typeof ListMattersQuerySchema>;

export const TransitionRequestSchema = Type.Object(
  {
    action: StringEnum(MATTER_ACTIONS),
    /** reject, return, escalate, requestExtension, denyExtension, reopen */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    /** answer, reply: the text sent to the requester (no personal data) */
    text: Type.Optional(Type.String({ maxLength: 2000 })),
    /** dispatch */
    targetOrgUnitId: Type.Optional(IdSchema),
    /** revisit */
    satisfaction: Type.Optional(StringEnum(SATISFACTIONS)),
    /** reopen: the dissatisfaction is the handler's fault (主观原因) */
    handlerFault: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type TransitionRequest = Static<typeof TransitionRequestSchema>;

export const BulkTransitionRequestSchema = Type.Object(
  { ids: Type.Array(IdSchema, { minItems: 1, maxItems: 100 }), transition: TransitionRequestSchema },
  { additionalProperties: false },
);
export type BulkTransitionRequest = Static<typeof BulkTransitionRequestSchema>;
export const BulkTransitionResultSchema = Type.Object({
  done: Type.Array(Type.String()),
  failed: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), message: Type.String() })),
});

/** Staff entry on a citizen's behalf (village cadre, dispatcher). */
export const CreateMatterRequestSchema = Type.Object(
  {
    channel: StringEnum(['WECHAT_GROUP', 'OFFLINE_VISIT', 'PHONE'] as const),
    category: StringEnum(MATTER_CATEGORIES),
    urgency: Type.Optional(StringEnum(MATTER_URGENCIES)),
    title: Type.Optional(Type.String({ maxLength: 60 })),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    locationOrgUnitId: IdSchema,
    namesCadre: Type.Optional(Type.Boolean()),
    anonymous: Type.Optional(Type.Boolean()),
    requesterName: Type.Optional(Type.String({ maxLength: 50 })),
    requesterPhone: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type CreateMatterRequest = Static<typeof CreateMatterRequestSchema>;

export const SubmittedMatterSchema = Type.Object({
  code: Type.String(),
  /** the secret needed with the code to follow the matter; shown once */
  checkCode: Type.String(),
  /** the date by which the matter is expected to be handled, if accepted at once (CST) */
  expectedDate: Type.String(),
  status: Type.String(),
});
export type SubmittedMatter = Static<typeof SubmittedMatterSchema>;

export const RequesterRevealSchema = Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()) });

// ---- public (no login) ----

export const PUBLIC_PHOTO_LIMITS = { maxPhotos: 3, maxBytes: 5 * 1024 * 1024 } as const;

export const PublicOptionsSchema = Type.Object({
  categories: Type.Array(StringEnum(MATTER_CATEGORIES)),
  towns: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), villages: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) })),
});
export type PublicOptions = Static<typeof PublicOptionsSchema>;

export const PublicSubmitSchema = Type.Object(
  {
    category: StringEnum(MATTER_CATEGORIES),
    locationOrgUnitId: IdSchema,
    description: Type.String({ minLength: 5, maxLength: 2000 }),
    namesCadre: Type.Optional(Type.Boolean()),
    anonymous: Type.Boolean(),
    name: Type.Optional(Type.String({ maxLength: 50 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    /** base64 JPEG or PNG, at most 3, 5 MB each */
    photos: Type.Optional(Type.Array(Type.String({ maxLength: 7_000_000 }), { maxItems: 3 })),
  },
  { additionalProperties: false },
);
export type PublicSubmit = Static<typeof PublicSubmitSchema>;

export const PublicTrackRequestSchema = Type.Object(
  { code: Type.String({ minLength: 5, maxLength: 20, pattern: '^[A-Za-z0-9-]+$' }), checkCode: Type.String({ minLength: 4, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }) },
  { additionalProperties: false },
);
export type PublicTrackRequest = Static<typeof PublicTrackRequestSchema>;

export const PublicMatterSchema = Type.Object({
  code: Type.String(),
  category: StringEnum(MATTER_CATEGORIES),
  /** a citizen-facing status (RECEIVED, ACCEPTED, IN_PROGRESS, REPLIED, CLOSED, REJECTED) */
  publicStatus: Type.String(),
  receivedAt: Type.String(),
  expectedDate: Nullable(Type.String()),
  reply: Nullable(Type.String()),
  timeline: Type.Array(Type.Object({ at: Type.String(), publicStatus: Type.String(), note: Nullable(Type.String()) })),
  canRate: Type.Boolean(),
  satisfaction: Nullable(StringEnum(SATISFACTIONS)),
});
export type PublicMatter = Static<typeof PublicMatterSchema>;

export const PublicRateRequestSchema = Type.Object(
  {
    code: Type.String({ minLength: 5, maxLength: 20, pattern: '^[A-Za-z0-9-]+$' }),
    checkCode: Type.String({ minLength: 4, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }),
    satisfaction: StringEnum(SATISFACTIONS),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type PublicRateRequest = Static<typeof PublicRateRequestSchema>;

// ---- configuration ----

export const SlaRuleSchema = Type.Object({ id: Type.String(), urgency: StringEnum(MATTER_URGENCIES), category: Type.String(), respondHours: Type.Integer(), handleWorkingDays: Type.Integer(), extensionWorkingDays: Type.Integer() });
export type SlaRule = Static<typeof SlaRuleSchema>;
export const PutSlaRuleSchema = Type.Object(
  { respondHours: Type.Integer({ minimum: 1, maximum: 240 }), handleWorkingDays: Type.Integer({ minimum: 0, maximum: 60 }), extensionWorkingDays: Type.Integer({ minimum: 0, maximum: 60 }) },
  { additionalProperties: false },
);
export const ReplyTemplateSchema = Type.Object({ id: Type.String(), status: Type.String(), category: Type.String(), title: Type.String(), body: Type.String(), active: Type.Boolean() });
export type ReplyTemplate = Static<typeof ReplyTemplateSchema>;
export const PutReplyTemplateSchema = Type.Object(
  { status: StringEnum(MATTER_STATUSES), category: Type.String({ maxLength: 20, pattern: '^(\\*|CONSULT|HELP|COMPLAINT|SUGGESTION|REPORT)$' }), title: Type.String({ minLength: 1, maxLength: 30 }), body: Type.String({ minLength: 1, maxLength: 500 }), active: Type.Boolean() },
  { additionalProperties: false },
);

// ---- dashboard ----

export const DashboardQuerySchema = Type.Object({ from: Type.Optional(DateSchema), to: Type.Optional(DateSchema), townId: Type.Optional(IdSchema) }, { additionalProperties: false });
export type DashboardQuery = Static<typeof DashboardQuerySchema>;
const CountRow = Type.Object({ key: Type.String(), name: Type.String(), n: Type.Integer() });
export const DASHBOARD_VILLAGE_ROWS = 60;
export const DashboardSummarySchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  /** status ∈ {CLOSED, REVISITED, ARCHIVED} (SPEC §6) */
  repliedAndClosed: Type.Integer(),
  open: Type.Integer(),
  overdueOpen: Type.Integer(),
  byStatus: Type.Array(CountRow),
  byCategory: Type.Array(CountRow),
  /** overdue: open matters past their deadline now (not limited to the period) */
  byTown: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), total: Type.Integer(), closed: Type.Integer(), open: Type.Integer(), overdue: Type.Integer() })),
  /** villages (and town-level matters under the town's own name), most matters first, at most DASHBOARD_VILLAGE_ROWS */
  byVillage: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), townName: Type.String(), total: Type.Integer(), closed: Type.Integer(), open: Type.Integer(), overdue: Type.Integer() })),
  /** closed without ever going overdue / closed */
  onTimeRate: Nullable(Type.Number()),
  /** SATISFIED + BASIC / revisited */
  satisfactionRate: Nullable(Type.Number()),
  medianHandlingDays: Nullable(Type.Number()),
  closedInPeriod: Type.Integer(),
});
export type DashboardSummary = Static<typeof DashboardSummarySchema>;
export const DashboardTrendSchema = Type.Object({ months: Type.Array(Type.Object({ month: Type.String(), received: Type.Integer(), closed: Type.Integer(), onTime: Type.Integer() })) });
export type DashboardTrend = Static<typeof DashboardTrendSchema>;

// ---- Open311 keys ----
export const Open311ClientSchema = Type.Object({ id: Type.String(), name: Type.String(), keyPrefix: Type.String(), createdAt: Type.String(), revokedAt: Nullable(Type.String()) });
export const CreateOpen311ClientSchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });
export const CreatedOpen311ClientSchema = Type.Object({ client: Open311ClientSchema, apiKey: Type.String() });
