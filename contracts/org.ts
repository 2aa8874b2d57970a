import { Type, type Static } from 'typebox';
import { ORG_UNIT_TYPES, PARTY_HOST_KINDS, PARTY_ORG_TYPES } from './enums.ts';
import { DateSchema, IdSchema, StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';

export const OrgUnitSchema = Type.Object({
  id: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  type: StringEnum(ORG_UNIT_TYPES),
  parentId: Type.Union([Type.String(), Type.Null()]),
  depth: Type.Integer(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  mergedIntoId: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Integer(),
  /** names from the root to the parent, for breadcrumbs and search results */
  ancestors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type OrgUnit = Static<typeof OrgUnitSchema>;

export const ListOrgUnitsQuerySchema = Type.Object(
  {
    parentId: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.searchMax })),
    type: Type.Optional(StringEnum(ORG_UNIT_TYPES)),
    asOf: Type.Optional(DateSchema),
    includeClosed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListOrgUnitsQuery = Static<typeof ListOrgUnitsQuerySchema>;

export const AsOfQuerySchema = Type.Object({ asOf: Type.Optional(DateSchema) }, { additionalProperties: false });
export type AsOfQuery = Static<typeof AsOfQuerySchema>;

export const CreateOrgUnitRequestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax }),
    shortName: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax })),
    code: Type.Optional(Type.String({ pattern: '^\\d{6,12}$' })),
    type: StringEnum(ORG_UNIT_TYPES),
    parentId: IdSchema,
    validFrom: DateSchema,
  },
  { additionalProperties: false },
);
export type CreateOrgUnitRequest = Static<typeof CreateOrgUnitRequestSchema>;

export const UpdateOrgUnitRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax })),
    shortName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax }), Type.Null()])),
    code: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{6,12}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateOrgUnitRequest = Static<typeof UpdateOrgUnitRequestSchema>;

export const MoveOrgUnitRequestSchema = Type.Object({ parentId: IdSchema }, { additionalProperties: false });
export type MoveOrgUnitRequest = Static<typeof MoveOrgUnitRequestSchema>;

/** 并村: close every source unit on `effectiveDate` and merge it into the target (an existing unit or a new one). */
export const MergeOrgUnitsRequestSchema = Type.Object(
  {
    sourceIds: Type.Array(IdSchema, { minItems: 1, maxItems: 20 }),
    targetId: Type.Optional(IdSchema),
    newUnit: Type.Optional(
      Type.Object({ name: Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax }), code: Type.Optional(Type.String({ pattern: '^\\d{6,12}$' })) }, { additionalProperties: false }),
    ),
    effectiveDate: DateSchema,
  },
  { additionalProperties: false },
);
export type MergeOrgUnitsRequest = Static<typeof MergeOrgUnitsRequestSchema>;

export const PartyOrgSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: StringEnum(PARTY_ORG_TYPES),
  parentId: Type.Union([Type.String(), Type.Null()]),
  hostKind: StringEnum(PARTY_HOST_KINDS),
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  secretaryPersonId: Type.Union([Type.String(), Type.Null()]),
  secretaryName: Type.Union([Type.String(), Type.Null()]),
  foundedAt: Type.String(),
  dissolvedAt: Type.Union([Type.String(), Type.Null()]),
  childCount: Type.Integer(),
  memberCount: Type.Integer(),
  ancestors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type PartyOrg = Static<typeof PartyOrgSchema>;

export const ListPartyOrgsQuerySchema = Type.Object(
  {
    parentId: Type.Optional(IdSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.searchMax })),
    asOf: Type.Optional(DateSchema),
    includeClosed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListPartyOrgsQuery = Static<typeof ListPartyOrgsQuerySchema>;

export const CreatePartyOrgRequestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax }),
    type: StringEnum(PARTY_ORG_TYPES),
    parentId: IdSchema,
    hostKind: StringEnum(PARTY_HOST_KINDS),
    orgUnitId: IdSchema,
    foundedAt: DateSchema,
  },
  { additionalProperties: false },
);
export type CreatePartyOrgRequest = Static<typeof CreatePartyOrgRequestSchema>;

export const UpdatePartyOrgRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.orgNameMax })),
    secretaryPersonId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    dissolvedAt: Type.Optional(Type.Union([DateSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdatePartyOrgRequest = Static<typeof UpdatePartyOrgRequestSchema>;

export const MovePartyOrgRequestSchema = Type.Object({ parentId: IdSchema }, { additionalProperties: false });
export type MovePartyOrgRequest = Static<typeof MovePartyOrgRequestSchema>;
