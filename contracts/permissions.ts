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
  /** the ledger viewer (issue 3 deliverable 4): AUDITOR ledger-wide, ORG_HEAD within their scope */
  'audit.read',
  /** ask for a cadre's full file (干部人事档案查阅, SECURITY.md §5.4) */
  'archive.request',
  /** approve file access per cadre-management authority */
  'archive.approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
