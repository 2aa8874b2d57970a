import { Type, type Static } from 'typebox';
import { ROLES } from './enums.ts';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';

export const RoleGrantSchema = Type.Object({
  id: Type.String(),
  role: StringEnum(ROLES),
  orgUnitId: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});
export type RoleGrant = Static<typeof RoleGrantSchema>;

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  isDisabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  grants: Type.Array(RoleGrantSchema),
});
export type User = Static<typeof UserSchema>;

export const ListUsersQuerySchema = Type.Object(
  { ...PageQueryFields, q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.searchMax })) },
  { additionalProperties: false },
);
export type ListUsersQuery = Static<typeof ListUsersQuerySchema>;

/** GET /api/users/export.xlsx: the list's search without paging. */
export const ExportUsersQuerySchema = Type.Object({ q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.searchMax })) }, { additionalProperties: false });
export type ExportUsersQuery = Static<typeof ExportUsersQuerySchema>;

export const CreateUserRequestSchema = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: LIMITS.usernameMax, pattern: '^[a-zA-Z0-9._-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    personId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type CreateUserRequest = Static<typeof CreateUserRequestSchema>;

export const GrantRoleRequestSchema = Type.Object(
  { role: StringEnum(ROLES), orgUnitId: Type.Optional(IdSchema), validFrom: DateSchema, validTo: Type.Optional(DateSchema) },
  { additionalProperties: false },
);
export type GrantRoleRequest = Static<typeof GrantRoleRequestSchema>;

export const SetDisabledRequestSchema = Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false });
export type SetDisabledRequest = Static<typeof SetDisabledRequestSchema>;
