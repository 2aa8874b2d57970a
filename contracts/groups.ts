/**
 * M2 four-level service groups (四级微信群, SPEC §3 M2 `ServiceGroup`, `GroupMembership`). A group is tied to an org
 * unit of its level (the level → unit-type mapping is [INF] and configurable), has an owner (群主) and administrators,
 * and members identified only by a keyed hash of their WeChat id (optionally linked to a known person). Coverage:
 * groups by level, distinct members and Party members among them, across ACTIVE groups (SPEC §6: ~700 groups, 20,770).
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const GROUP_LEVELS = ['COUNTY', 'TOWN', 'VILLAGE', 'GROUP'] as const;
export type GroupLevel = (typeof GROUP_LEVELS)[number];

export const GROUP_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** Org-unit types a level may be tied to (contracts/enums.ts ORG_UNIT_TYPES). */
const UnitTypeSchema = Type.String({ pattern: '^[A-Z_]{2,32}$' });

export const GroupLevelConfigSchema = Type.Object({
  level: StringEnum(GROUP_LEVELS),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unitTypes: Type.Array(UnitTypeSchema),
  /** the mapping is an inference (SPEC §7 item 3): always true until a domain owner confirms it */
  inferred: Type.Boolean(),
  updatedAt: Type.String(),
});
export type GroupLevelConfig = Static<typeof GroupLevelConfigSchema>;

export const PutGroupLevelSchema = Type.Object(
  {
    nameZh: Type.String({ minLength: 2, maxLength: 30 }),
    nameEn: Type.String({ minLength: 2, maxLength: 60 }),
    unitTypes: Type.Array(UnitTypeSchema, { minItems: 1, maxItems: 9, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type PutGroupLevel = Static<typeof PutGroupLevelSchema>;
export const LevelParamsSchema = Type.Object({ level: StringEnum(GROUP_LEVELS) }, { additionalProperties: false });

export const ListGroupsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    level: Type.Optional(StringEnum(GROUP_LEVELS)),
    status: Type.Optional(StringEnum(GROUP_STATUSES)),
    /** a town (or any unit): groups tied to units under it */
    orgUnitId: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type ListGroupsQuery = Static<typeof ListGroupsQuerySchema>;

export const PersonRefSchema = Type.Object({ id: Type.String(), name: Type.String(), orgName: Nullable(Type.String()) });
export type PersonRef = Static<typeof PersonRefSchema>;

export const GroupSummarySchema = Type.Object({
  id: Type.String(),
  level: StringEnum(GROUP_LEVELS),
  name: Type.String(),
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  townName: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  status: StringEnum(GROUP_STATUSES),
  memberCount: Type.Integer(),
  partyMemberCount: Type.Integer(),
  createdAt: Type.String(),
});
export type GroupSummary = Static<typeof GroupSummarySchema>;

export const GroupDetailSchema = Type.Object({
  group: GroupSummarySchema,
  owner: Nullable(PersonRefSchema),
  admins: Type.Array(PersonRefSchema),
  hasChatId: Type.Boolean(),
  archivedAt: Nullable(Type.String()),
  can: Type.Object({ manage: Type.Boolean() }),
});
export type GroupDetail = Static<typeof GroupDetailSchema>;

const WechatIdSchema = Type.String({ minLength: 1, maxLength: 64, description: 'WeChat id; hashed with the blind-index key, never stored' });

export const CreateGroupSchema = Type.Object(
  {
    level: StringEnum(GROUP_LEVELS),
    orgUnitId: IdSchema,
    name: Type.String({ minLength: 2, maxLength: 60 }),
    /** optional WeChat chat id of the group (stored as a keyed hash only) */
    wechatChatId: Type.Optional(WechatIdSchema),
    ownerPersonId: IdSchema,
    adminPersonIds: Type.Optional(Type.Array(IdSchema, { maxItems: 10, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateGroup = Static<typeof CreateGroupSchema>;

export const PutGroupStaffSchema = Type.Object(
  { ownerPersonId: IdSchema, adminPersonIds: Type.Array(IdSchema, { maxItems: 10, uniqueItems: true }) },
  { additionalProperties: false },
);
export type PutGroupStaff = Static<typeof PutGroupStaffSchema>;

export const ListMembersQuerySchema = Type.Object(
  { ...PageQueryFields, partyOnly: Type.Optional(Type.Boolean()), includeLeft: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ListMembersQuery = Static<typeof ListMembersQuerySchema>;

/** A member as shown: the key's first 8 hex digits, the linked person's masked name; never the WeChat id. */
export const GroupMemberSchema = Type.Object({
  id: Type.String(),
  keyPrefix: Type.String(),
  personId: Nullable(Type.String()),
  personNameMasked: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  joinedAt: Type.String(),
  leftAt: Nullable(Type.String()),
});
export type GroupMember = Static<typeof GroupMemberSchema>;

export const AddMemberSchema = Type.Object(
  { wechatId: WechatIdSchema, personId: Type.Optional(IdSchema), isPartyMember: Type.Boolean(), joinedAt: Type.Optional(DateSchema) },
  { additionalProperties: false },
);
export type AddGroupMember = Static<typeof AddMemberSchema>;
export const MemberParamsSchema = Type.Object({ id: IdSchema, memberId: IdSchema }, { additionalProperties: false });

export const ImportMembersResultSchema = Type.Object({
  added: Type.Integer(),
  alreadyMembers: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), message: Type.String() })),
});
export type ImportMembersResult = Static<typeof ImportMembersResultSchema>;

export const PersonOptionSchema = Type.Object({ id: Type.String(), name: Type.String(), orgName: Nullable(Type.String()), isPartyMember: Type.Boolean() });
export type GroupPersonOption = Static<typeof PersonOptionSchema>;

export const CoverageQuerySchema = Type.Object({ orgUnitId: Type.Optional(IdSchema) }, { additionalProperties: false });
export type CoverageQuery = Static<typeof CoverageQuerySchema>;

const LevelRow = Type.Object({ level: StringEnum(GROUP_LEVELS), label: Type.String(), groups: Type.Integer(), members: Type.Integer(), partyMembers: Type.Integer() });
const TownRow = Type.Object({
  /** null: county-level groups (tied to no town) */
  townId: Nullable(Type.String()),
  townName: Type.String(),
  groups: Type.Integer(),
  groupsByLevel: Type.Record(Type.String(), Type.Integer()),
  members: Type.Integer(),
  partyMembers: Type.Integer(),
});
export const CoverageReportSchema = Type.Object({
  /** ACTIVE groups in scope */
  groups: Type.Integer(),
  archivedGroups: Type.Integer(),
  /** distinct member keys across ACTIVE groups (current memberships) */
  members: Type.Integer(),
  /** distinct member keys flagged as Party members */
  partyMembers: Type.Integer(),
  memberships: Type.Integer(),
  byLevel: Type.Array(LevelRow),
  byTown: Type.Array(TownRow),
  levels: Type.Array(GroupLevelConfigSchema),
});
export type CoverageReport = Static<typeof CoverageReportSchema>;
