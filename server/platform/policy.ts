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
  'TOWN_DISCIPLINE_SECRETARY',
  'COUNTY_DEPT_LEADER',
  'VILLAGE_CADRE',
];

/** SPEC §4. SYS_ADMIN sees the structure (org trees) but no personal data; AUDITOR reads the ledger only. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  SYS_ADMIN: ['org.read', 'org.write', 'users.manage', 'codes.read', 'calendar.manage', 'open311.keys'],
  COUNTY_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read', 'campaign.read', 'judgment.read', 'evaluation.results', 'integrity.read' /* issue 4: to read the conclusions it signs when a town secretary is the subject */, 'integrity.sign', 'o2o.read', 'poverty.read'],
  ORG_HEAD: [
    'org.read', 'org.write', 'people.read', 'people.write', 'people.reveal', 'codes.read', 'self.read', 'audit.read', 'archive.request', 'archive.approve',
    'evidence.read', 'evidence.write', 'campaign.read', 'campaign.manage', 'campaign.approve', 'talk.notes', 'judgment.read', 'judgment.write', 'judgment.endorse',
    'evaluation.manage', 'evaluation.results', 'integrity.read', 'petition.read', 'o2o.read',
  ],
  ORG_CADRE_SECTION: [
    'org.read', 'people.read', 'people.write', 'people.reveal', 'codes.read', 'self.read', 'archive.request',
    'evidence.read', 'evidence.write', 'campaign.read', 'campaign.manage', 'talk.notes', 'judgment.read', 'judgment.write', 'evaluation.manage', 'evaluation.results', 'integrity.read', 'integrity.review',
  ],
  ORG_SUPERVISION_SECTION: [
    'org.read', 'people.read', 'people.reveal', 'codes.read', 'self.read', 'archive.request',
    'evidence.read', 'evidence.write', 'campaign.read', 'judgment.read', 'evaluation.manage', 'evaluation.results', 'evaluation.freetext', 'integrity.read', 'integrity.accept', 'integrity.review', 'petition.read',
  ],
  ORG_GRASSROOTS_SECTION: ['org.read', 'org.write', 'people.read', 'codes.read', 'self.read', 'o2o.read', 'o2o.groups', 'poverty.read', 'poverty.write'],
  DISCIPLINE_COMMISSION: ['org.read', 'people.read', 'people.reveal', 'codes.read', 'self.read', 'archive.request', 'integrity.read', 'integrity.sign', 'integrity.review', 'petition.read', 'petition.write'],
  TOWN_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read', 'archive.request', 'integrity.read', 'integrity.draft', 'integrity.sign', 'o2o.read', 'o2o.dispatch', 'poverty.read', 'poverty.write'],
  TOWN_ORG_MEMBER: ['org.read', 'people.read', 'people.write', 'codes.read', 'self.read', 'archive.request', 'integrity.read', 'integrity.draft', 'o2o.read', 'o2o.dispatch', 'o2o.groups', 'poverty.read', 'poverty.write'],
  VILLAGE_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read', 'o2o.read', 'o2o.accept', 'o2o.handle', 'o2o.groups', 'poverty.read', 'poverty.write', 'poverty.visit'],
  AUDITOR: ['org.read', 'codes.read', 'audit.read'],
  CADRE_SELF: ['self.read', 'codes.read'],
  TOWN_DISCIPLINE_SECRETARY: ['org.read', 'people.read', 'codes.read', 'self.read', 'integrity.read', 'integrity.draft', 'integrity.sign', 'petition.read'],
  COUNTY_DEPT_LEADER: ['org.read', 'people.read', 'codes.read', 'self.read', 'integrity.read', 'integrity.draft', 'integrity.sign', 'o2o.read', 'o2o.handle'],
  UNIT_DISCIPLINE_SECRETARY: ['org.read', 'codes.read', 'self.read', 'integrity.read', 'integrity.draft', 'integrity.sign'],
  O2O_DISPATCHER: ['org.read', 'codes.read', 'self.read', 'o2o.read', 'o2o.accept', 'o2o.dispatch', 'o2o.groups'],
  HANDLER: ['org.read', 'codes.read', 'self.read', 'o2o.read', 'o2o.handle'],
  VILLAGE_CADRE: ['org.read', 'people.read', 'codes.read', 'self.read', 'o2o.read', 'o2o.accept', 'o2o.handle', 'poverty.read', 'poverty.write', 'poverty.visit'],
  SERVICE_TEAM_MEMBER: ['codes.read', 'self.read', 'poverty.read', 'poverty.visit'],
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
