/** Permission names used by route policies (server/platform/policy.ts) and by the web menu. */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'people.read',
  'people.write',
  'people.reveal',
  'self.read',
  'users.manage',
  'codes.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
