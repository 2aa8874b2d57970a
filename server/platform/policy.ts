/**
 * The one deny-by-default policy point (SECURITY.md item 13). Every route declares `config.policy`; a route
 * without one is refused at start-up (see app.ts) and by the route-inventory test. Roles map to permissions
 * here and nowhere else; data scope (which rows) is decided by platform/scope.ts inside the services.
 */
import type { Role } from '../../contracts/enums.ts';
import type { Permission } from '../../contracts/permissions.ts';

export type RoutePolicy =
  | { kind: 'public'; why: string }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: Permission };

export const policy = {
  /** no session needed; `why` documents the exception */
  public: (why: string): RoutePolicy => ({ kind: 'public', why }),
  authenticated: (): RoutePolicy => ({ kind: 'authenticated' }),
  permission: (permission: Permission): RoutePolicy => ({ kind: 'permission', permission }),
};

const PEOPLE_READERS: Role[] = [
  'COUNTY_SECRETARY',
  'ORG_HEAD',
  'ORG_CADRE_SECTION',
  'ORG_SUPERVISION_SECTION',
  'ORG_GRASSROOTS_SECTION',
  'DISCIPLINE_COMMISSION',
  'TOWN_SECRETARY',
  'TOWN_ORG_MEMBER',
  'VILLAGE_SECRETARY',
];

/** SPEC §4. SYS_ADMIN sees the structure (org trees) but no personal data; AUDITOR reads the ledger only. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  SYS_ADMIN: ['org.read', 'org.write', 'users.manage', 'codes.read'],
  COUNTY_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read'],
  ORG_HEAD: ['org.read', 'org.write', 'people.read', 'people.write', 'people.reveal', 'codes.read', 'self.read', 'audit.read', 'archive.request', 'archive.approve'],
  ORG_CADRE_SECTION: ['org.read', 'people.read', 'people.write', 'people.reveal', 'codes.read', 'self.read', 'archive.request'],
  ORG_SUPERVISION_SECTION: ['org.read', 'people.read', 'people.reveal', 'codes.read', 'self.read', 'archive.request'],
  ORG_GRASSROOTS_SECTION: ['org.read', 'org.write', 'people.read', 'codes.read', 'self.read'],
  DISCIPLINE_COMMISSION: ['org.read', 'people.read', 'people.reveal', 'codes.read', 'self.read', 'archive.request'],
  TOWN_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read', 'archive.request'],
  TOWN_ORG_MEMBER: ['org.read', 'people.read', 'people.write', 'codes.read', 'self.read', 'archive.request'],
  VILLAGE_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read'],
  AUDITOR: ['org.read', 'codes.read', 'audit.read'],
  CADRE_SELF: ['self.read', 'codes.read'],
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return [...out].sort();
}

export { PEOPLE_READERS };
