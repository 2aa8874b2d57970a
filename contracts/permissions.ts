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
  // ---- M5 cadre big database and three-fives analysis (issue 4) ----
  /** the evidence store and cadre profiles (never the subject: services refuse self/relatives) */
  'evidence.read',
  'evidence.write',
  /** analysis campaigns: read, run (letters, outlines, talks, visits, documents, tips), approve (start / conclude) */
  'campaign.read',
  'campaign.manage',
  'campaign.approve',
  /** confidential talk notes: additionally only members of the campaign team (and the cadre section) */
  'talk.notes',
  /** five-category judgments: read, draft/propose, endorse (OrgDeptMeeting) */
  'judgment.read',
  'judgment.write',
  'judgment.endorse',
  // ---- M6 reverse evaluation and integrity (issue 4) ----
  /** create reverse evaluations, issue and print rater tokens, close */
  'evaluation.manage',
  /** aggregated results of closed evaluations (suppressed below the threshold) */
  'evaluation.results',
  /** ballot free text (cadre supervision section only, ≥ 10 respondents) */
  'evaluation.freetext',
  'integrity.read',
  /** draft and edit an integrity conclusion (the unit's Party organisation office) */
  'integrity.draft',
  /** sign as unit Party secretary or discipline secretary (the post is checked per unit) */
  'integrity.sign',
  /** accept or return submitted conclusions (cadre supervision section) */
  'integrity.accept',
  /** pre-appointment integrity review checks */
  'integrity.review',
  /** petitions and reports about cadres: summary read; intake and conclusions */
  'petition.read',
  'petition.write',
  // ---- M2 O2O citizen service and the working-day calendar (issue 5) ----
  /** statutory holidays and make-up working days */
  'calendar.manage',
  'o2o.read',
  /** accept, reject, answer on the spot, escalate, submit on a citizen's behalf */
  'o2o.accept',
  /** dispatch, approve extensions, close review, revisit, reopen */
  'o2o.dispatch',
  /** sign, return, handle, request extension, reply */
  'o2o.handle',
  /** the four-level service groups and memberships */
  'o2o.groups',
  /** Open311 client API keys */
  'open311.keys',
  // ---- M3 1+(3+X) teams and poor households (issue 5) ----
  'poverty.read',
  /** identify households, form teams, assign, propose/approve exits */
  'poverty.write',
  /** log visits and update plans (own team's households) */
  'poverty.visit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
