/**
 * M3 1+(3+X) cluster service teams and poor households (SPEC §3 M3). A team has exactly one Party-member LEADER,
 * three CORE members and X ≥ 0 FLEX members once ACTIVE (a DRAFT team is being formed and may be incomplete); a
 * household has one active team and follows IDENTIFIED → ASSISTED → EXIT_PROPOSED → EXIT_PUBLICIZED → EXITED
 * (→ RETURNED_TO_POVERTY → ASSISTED).
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';
import { SORT_ORDERS } from './enums.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TEAM_STATUSES = ['DRAFT', 'ACTIVE', 'DISSOLVED'] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

export const TEAM_SLOTS = ['LEADER', 'CORE', 'FLEX'] as const;
export type TeamSlot = (typeof TEAM_SLOTS)[number];

/** Seeded defaults of the configurable member-type list (table poverty_member_type). */
export const DEFAULT_MEMBER_TYPES = ['COUNTY_CADRE', 'TOWN_CADRE', 'VILLAGE_CADRE', 'DOCTOR', 'TEACHER', 'AGRI_TECHNICIAN', 'VOLUNTEER', 'ENTERPRISE_REP', 'SOCIAL_ORG_REP'] as const;

export const HOUSEHOLD_CAUSES = ['ILLNESS', 'DISABILITY', 'EDUCATION', 'LACK_OF_LABOUR', 'LACK_OF_SKILLS', 'DISASTER', 'OTHER'] as const;
export type HouseholdCause = (typeof HOUSEHOLD_CAUSES)[number];

export const HOUSEHOLD_STATUSES = ['IDENTIFIED', 'ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED', 'EXITED', 'RETURNED_TO_POVERTY'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
/** statuses in which the household has an active team and is due monthly visits */
export const ASSISTED_STATUSES: readonly HouseholdStatus[] = ['ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED'];

export const HOUSEHOLD_TRANSITIONS = ['assign', 'proposeExit', 'publicize', 'approveExit', 'returnToPoverty', 'reassist'] as const;
export type HouseholdTransition = (typeof HOUSEHOLD_TRANSITIONS)[number];

export const MEASURE_TYPES = ['INDUSTRY', 'EMPLOYMENT', 'EDUCATION', 'HEALTH', 'HOUSING', 'SOCIAL_SECURITY', 'OTHER'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const OBJECTION_STATUSES = ['OPEN', 'UPHELD', 'DISMISSED'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_PER_VISIT = 6;
export const TEXT_MAX = 1000;

export const TeamMemberSchema = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  name: Type.String(),
  orgName: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  slot: StringEnum(TEAM_SLOTS),
  memberType: Type.String(),
  from: Type.String(),
  to: Nullable(Type.String()),
});
export type TeamMember = Static<typeof TeamMemberSchema>;

export const TeamSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  villageId: Type.String(),
  villageName: Type.String(),
  townName: Nullable(Type.String()),
  leaderName: Nullable(Type.String()),
  status: StringEnum(TEAM_STATUSES),
  formedAt: Type.String(),
  memberCount: Type.Integer(),
  householdCount: Type.Integer(),
});
export type TeamSummary = Static<typeof TeamSummarySchema>;

export const ReminderSchema = Type.Object({
  householdId: Type.String(),
  headName: Type.String(),
  villageName: Type.String(),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  status: StringEnum(HOUSEHOLD_STATUSES),
  lastVisitOn: Nullable(Type.String()),
  periodStart: Type.String(),
});
export type Reminder = Static<typeof ReminderSchema>;

export const TeamDetailSchema = Type.Object({
  team: TeamSummarySchema,
  members: Type.Array(TeamMemberSchema),
  /** what is missing for ACTIVE (empty when complete) */
  compositionProblems: Type.Array(Type.String()),
  households: Type.Array(Type.Object({ id: Type.String(), headName: Type.String(), status: StringEnum(HOUSEHOLD_STATUSES), lastVisitOn: Nullable(Type.String()) })),
  reminders: Type.Array(ReminderSchema),
  can: Type.Object({ manage: Type.Boolean(), activate: Type.Boolean(), dissolve: Type.Boolean() }),
});
export type TeamDetail = Static<typeof TeamDetailSchema>;

export const ListTeamsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    status: Type.Optional(StringEnum(TEAM_STATUSES)),
    orgUnitId: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    mine: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListTeamsQuery = Static<typeof ListTeamsQuerySchema>;

export const CreateTeamSchema = Type.Object(
  { name: Type.String({ minLength: 2, maxLength: 100 }), villageOrgUnitId: IdSchema, formedAt: DateSchema },
  { additionalProperties: false },
);
export type CreateTeam = Static<typeof CreateTeamSchema>;

export const AddMemberSchema = Type.Object(
  { personId: IdSchema, slot: StringEnum(TEAM_SLOTS), memberType: Type.String({ minLength: 2, maxLength: 40 }), from: Type.Optional(DateSchema) },
  { additionalProperties: false },
);
export type AddMember = Static<typeof AddMemberSchema>;

/** Ends a membership. For a LEADER/CORE member of an ACTIVE team a replacement is required (same slot). */
export const EndMemberSchema = Type.Object(
  {
    to: Type.Optional(DateSchema),
    replacement: Type.Optional(Type.Object({ personId: IdSchema, memberType: Type.String({ minLength: 2, maxLength: 40 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type EndMember = Static<typeof EndMemberSchema>;

export const MemberParamsSchema = Type.Object({ id: IdSchema, memberId: IdSchema }, { additionalProperties: false });

export const HouseholdSummarySchema = Type.Object({
  id: Type.String(),
  headPersonId: Type.String(),
  headName: Type.String(),
  /** masked (e.g. 4301**********123X); full values only through the people module's audited reveal */
  headIdNumberMasked: Nullable(Type.String()),
  villageId: Type.String(),
  villageName: Type.String(),
  townName: Nullable(Type.String()),
  memberCount: Type.Integer(),
  causes: Type.Array(StringEnum(HOUSEHOLD_CAUSES)),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  status: StringEnum(HOUSEHOLD_STATUSES),
  identifiedYear: Type.Integer(),
  lastVisitOn: Nullable(Type.String()),
  visitCount: Type.Integer(),
});
export type HouseholdSummary = Static<typeof HouseholdSummarySchema>;

export const MeasureSchema = Type.Object({
  type: StringEnum(MEASURE_TYPES),
  description: Type.String({ minLength: 1, maxLength: 500 }),
  fundingYuan: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
  ownerMemberId: Type.Optional(Nullable(IdSchema)),
});
export type Measure = Static<typeof MeasureSchema>;

export const PlanSchema = Type.Object({ year: Type.Integer(), measures: Type.Array(MeasureSchema), updatedAt: Type.String() });
export type Plan = Static<typeof PlanSchema>;

export const PutPlanSchema = Type.Object({ measures: Type.Array(MeasureSchema, { maxItems: 20 }) }, { additionalProperties: false });
export type PutPlan = Static<typeof PutPlanSchema>;

export const VisitSchema = Type.Object({
  id: Type.String(),
  teamId: Type.String(),
  householdId: Type.String(),
  visitedOn: Type.String(),
  members: Type.Array(Type.Object({ personId: Type.String(), name: Type.String() })),
  needs: Type.String(),
  actionsTaken: Type.String(),
  photos: Type.Array(Type.Object({ id: Type.String(), sha256: Type.String(), mime: Type.String(), sizeBytes: Type.Integer() })),
  createdAt: Type.String(),
});
export type Visit = Static<typeof VisitSchema>;

export const CreateVisitSchema = Type.Object(
  {
    visitedOn: DateSchema,
    memberIds: Type.Array(IdSchema, { minItems: 1, maxItems: 30 }),
    needs: Type.String({ minLength: 1, maxLength: TEXT_MAX }),
    actionsTaken: Type.String({ minLength: 1, maxLength: TEXT_MAX }),
  },
  { additionalProperties: false },
);
export type CreateVisit = Static<typeof CreateVisitSchema>;

export const ObjectionSchema = Type.Object({
  id: Type.String(),
  receivedOn: Type.String(),
  content: Type.String(),
  status: StringEnum(OBJECTION_STATUSES),
  resolutionNote: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
});
export type Objection = Static<typeof ObjectionSchema>;

export const HouseholdEventSchema = Type.Object({
  id: Type.String(),
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  teamName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  occurredOn: Type.String(),
});
export type HouseholdEvent = Static<typeof HouseholdEventSchema>;

export const HouseholdDetailSchema = Type.Object({
  household: HouseholdSummarySchema,
  headPhoneMasked: Nullable(Type.String()),
  noticeStart: Nullable(Type.String()),
  noticeEnd: Nullable(Type.String()),
  exitedOn: Nullable(Type.String()),
  teamMembers: Type.Array(TeamMemberSchema),
  plans: Type.Array(PlanSchema),
  visits: Type.Array(VisitSchema),
  objections: Type.Array(ObjectionSchema),
  timeline: Type.Array(HouseholdEventSchema),
  /** what the caller may do now (the server checks again); transitions with the reason when refused */
  can: Type.Object({
    transitions: Type.Array(Type.Object({ name: StringEnum(HOUSEHOLD_TRANSITIONS), allowed: Type.Boolean(), reason: Nullable(Type.String()) })),
    visit: Type.Boolean(),
    plan: Type.Boolean(),
    objection: Type.Boolean(),
    resolveObjection: Type.Boolean(),
  }),
});
export type HouseholdDetail = Static<typeof HouseholdDetailSchema>;

export const HOUSEHOLD_SORT_FIELDS = ['headName', 'villageName', 'status', 'identifiedYear', 'lastVisitOn'] as const;

export const ListHouseholdsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    status: Type.Optional(StringEnum(HOUSEHOLD_STATUSES)),
    cause: Type.Optional(StringEnum(HOUSEHOLD_CAUSES)),
    orgUnitId: Type.Optional(IdSchema),
    teamId: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    sort: Type.Optional(StringEnum(HOUSEHOLD_SORT_FIELDS)),
    order: Type.Optional(StringEnum(SORT_ORDERS)),
  },
  { additionalProperties: false },
);
export type ListHouseholdsQuery = Static<typeof ListHouseholdsQuerySchema>;

export const CreateHouseholdSchema = Type.Object(
  {
    headPersonId: IdSchema,
    villageOrgUnitId: IdSchema,
    memberCount: Type.Integer({ minimum: 1, maximum: 30 }),
    causes: Type.Array(StringEnum(HOUSEHOLD_CAUSES), { minItems: 1, maxItems: HOUSEHOLD_CAUSES.length }),
    identifiedYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
    /** the villagers' review (民主评议) the identification follows */
    reviewNote: Type.String({ minLength: 4, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type CreateHousehold = Static<typeof CreateHouseholdSchema>;

export const TransitionSchema = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })), teamId: Type.Optional(IdSchema) },
  { additionalProperties: false },
);
export type TransitionInput = Static<typeof TransitionSchema>;
export const TransitionParamsSchema = Type.Object({ id: IdSchema, transition: StringEnum(HOUSEHOLD_TRANSITIONS) }, { additionalProperties: false });

export const CreateObjectionSchema = Type.Object({ receivedOn: DateSchema, content: Type.String({ minLength: 4, maxLength: TEXT_MAX }) }, { additionalProperties: false });
export type CreateObjection = Static<typeof CreateObjectionSchema>;
export const ResolveObjectionSchema = Type.Object(
  { decision: StringEnum(['UPHELD', 'DISMISSED'] as const), note: Type.String({ minLength: 4, maxLength: 500 }) },
  { additionalProperties: false },
);
export type ResolveObjection = Static<typeof ResolveObjectionSchema>;
export const ObjectionParamsSchema = Type.Object({ id: IdSchema, objectionId: IdSchema }, { additionalProperties: false });

export const RemindersQuerySchema = Type.Object(
  {
    /** the month to check, YYYY-MM (default: the current month in China time) */
    month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
    teamId: Type.Optional(IdSchema),
    orgUnitId: Type.Optional(IdSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type RemindersQuery = Static<typeof RemindersQuerySchema>;
export const RemindersSchema = Type.Object({ periodStart: Type.String(), periodEnd: Type.String(), everyMonths: Type.Integer(), total: Type.Integer(), items: Type.Array(ReminderSchema) });
export type Reminders = Static<typeof RemindersSchema>;

export const ReportQuerySchema = Type.Object({ orgUnitId: Type.Optional(IdSchema) }, { additionalProperties: false });
export type ReportQuery = Static<typeof ReportQuerySchema>;

const Count = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() });
export const PovertyReportSchema = Type.Object({
  teams: Type.Integer(),
  activeTeams: Type.Integer(),
  households: Type.Integer(),
  householdsPerTeam: Type.Number(),
  visits: Type.Integer(),
  visitsPerHousehold: Type.Number(),
  byStatus: Type.Array(Count),
  byCause: Type.Array(Count),
  exitsByYear: Type.Array(Count),
  returnsByYear: Type.Array(Count),
  byTown: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), teams: Type.Integer(), households: Type.Integer(), visits: Type.Integer(), exited: Type.Integer() })),
  visitsPerHouseholdHistogram: Type.Array(Count),
});
export type PovertyReport = Static<typeof PovertyReportSchema>;

export const PovertySettingsSchema = Type.Object({ noticeDays: Type.Integer({ minimum: 1, maximum: 60 }), visitEveryMonths: Type.Integer({ minimum: 1, maximum: 12 }) }, { additionalProperties: false });
export type PovertySettings = Static<typeof PovertySettingsSchema>;

export const MemberTypeSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
export type MemberType = Static<typeof MemberTypeSchema>;

export const EXPORT_KINDS = ['teams', 'households', 'visits'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const ExportParamsSchema = Type.Object({ kind: StringEnum(EXPORT_KINDS) }, { additionalProperties: false });

/** Candidate people for a team or a household head, in the caller's scope. */
export const PersonOptionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orgName: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  /** the village or community the person belongs to (directly or through a villager group), if any */
  villageId: Nullable(Type.String()),
});
export type PersonOption = Static<typeof PersonOptionSchema>;
