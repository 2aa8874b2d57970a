import { Type, type Static } from 'typebox';
import { ROLES } from './enums.ts';
import { StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';

export const LoginRequestSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: LIMITS.usernameMax }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequestSchema>;

export const ReauthRequestSchema = Type.Object({ password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }) }, { additionalProperties: false });
export type ReauthRequest = Static<typeof ReauthRequestSchema>;

export const ChangePasswordRequestSchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
    newPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  { additionalProperties: false },
);
export type ChangePasswordRequest = Static<typeof ChangePasswordRequestSchema>;

export const LocaleRequestSchema = Type.Object({ locale: StringEnum(['zh-CN', 'en'] as const) }, { additionalProperties: false });
export type LocaleRequest = Static<typeof LocaleRequestSchema>;

export const ScopeRootSchema = Type.Object({ orgUnitId: Type.String(), name: Type.String(), role: StringEnum(ROLES) });

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  roles: Type.Array(StringEnum(ROLES)),
  /** names of the policies this user passes (server/platform/policy.ts); the web menu is built from them */
  permissions: Type.Array(Type.String()),
  scope: Type.Array(ScopeRootSchema),
  authenticatedAt: Type.String(),
  /** until when reveals/exports/sign-offs are allowed without logging in again */
  freshUntil: Type.String(),
  idleTimeoutMinutes: Type.Integer(),
});
export type Me = Static<typeof MeSchema>;
