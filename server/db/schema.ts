/**
 * THE table types. Conventions (see db/dialect.ts): ids are UUIDv7 text generated in the app; timestamps
 * ISO-8601 UTC text; dates `YYYY-MM-DD`; booleans 0/1; nullable columns are `T | null`.
 *
 * Classification tags (SECURITY.md 28a) are in the comment of each table: C1 = regulated personal data
 * (encrypted), C2 = personal, C3 = organisational.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** C3. The administrative tree (SPEC §2.1). */
export type OrgUnitTable = {
  id: string;
  code: string | null;
  name: string;
  short_name: string | null;
  type: string;
  parent_id: string | null;
  /** materialised path of ids: `/<root>/<child>/…/<id>/` */
  path: string;
  depth: number;
  sort_order: number;
  pinyin: string;
  pinyin_initials: string;
  valid_from: string;
  valid_to: string | null;
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
};

/** C3. The Party tree (SPEC §2.1). `org_path` is the path of the org unit it belongs to (scope). */
export type PartyOrgTable = {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
  path: string;
  depth: number;
  host_kind: string;
  host_id: string | null;
  org_unit_id: string;
  org_path: string;
  secretary_person_id: string | null;
  pinyin: string;
  pinyin_initials: string;
  founded_at: string;
  dissolved_at: string | null;
  created_at: string;
  updated_at: string;
};

/** C2 (name, dates) with C1 columns encrypted: id_number_enc, phone_enc. */
export type PersonTable = {
  id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: string;
  birth_date: string;
  ethnicity_code: string;
  /** AES-256-GCM envelope, never decrypted outside platform/crypto */
  id_number_enc: string | null;
  /** HMAC-SHA256 blind index for uniqueness and exact lookup */
  id_number_bidx: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  hometown_org_unit_id: string | null;
  is_party_member: number;
  party_join_date: string | null;
  party_org_id: string | null;
  /** the unit the person belongs to (人事关系所在单位); scope is decided by its path */
  org_unit_id: string;
  org_path: string;
  created_at: string;
  updated_at: string;
};

/** C2. Cadre attributes of a person (SPEC §2.2). */
export type CadreTable = {
  person_id: string;
  rank_level: string;
  management_authority_org_id: string;
  work_start_date: string | null;
  education_code: string;
  degree_code: string | null;
  specialty: string | null;
  is_section_level: number;
  created_at: string;
  updated_at: string;
};

/** C2. Time-bounded posts; a person may hold several at once. */
export type PostTable = {
  id: string;
  person_id: string;
  org_unit_id: string;
  org_path: string;
  title: string;
  rank_level: string | null;
  is_leadership: number;
  is_principal: number;
  start_date: string;
  end_date: string | null;
  appointment_id: string | null;
  created_at: string;
  updated_at: string;
};

/** C2. Registered relatives (GB/T 4761 relation codes grouped into SPEC relation classes). */
export type KinshipTable = {
  id: string;
  person_id: string;
  relative_person_id: string;
  relation: string;
  relation_code: string | null;
  created_at: string;
};

/** C2. Front-line experience (SPEC M8 flags, recorded from the start). */
export type FrontLineTable = {
  id: string;
  person_id: string;
  kind: string;
  org_unit_id: string | null;
  description: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
};

/** C3. Reference catalogues (education, ethnicity, kinship relation, rank, …): codes are data. */
export type CodeItemTable = {
  catalog: string;
  code: string;
  name_zh: string;
  name_en: string;
  sort_order: number;
  active: number;
};

/** C2. Accounts. */
export type AppUserTable = {
  id: string;
  username: string;
  password_hash: string;
  person_id: string | null;
  display_name: string;
  locale: string;
  is_disabled: number;
  failed_login_count: number;
  failed_window_started_at: string | null;
  locked_until: string | null;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};

/** C3. Role grants. `org_unit_id` null means "scope follows the user's active posts". */
export type RoleGrantTable = {
  id: string;
  user_id: string;
  role: string;
  org_unit_id: string | null;
  valid_from: string;
  valid_to: string | null;
  granted_by: string | null;
  created_at: string;
};

/** Server-side sessions; `id` is SHA-256 of the cookie token, so a database leak yields no usable token. */
export type UserSessionTable = {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  authenticated_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
};

/** Tamper-evident ledger (SECURITY.md §4). Append-only; payload holds masked values or keyed hashes only. */
export type LedgerEventTable = {
  seq: number;
  ts: string;
  actor_user_id: string | null;
  actor_role: string | null;
  org_path: string;
  action: string;
  object_type: string;
  object_id: string;
  payload: string;
  leaf_hash: string;
  chain_hash: string;
};

/** C3. One committed Excel import (issue 3 deliverable 6); `file_sha256` is UNIQUE (same file twice → 409). */
export type ImportBatchTable = {
  id: string;
  file_sha256: string;
  /** the uploaded file's base name (no directories), for the user's list of imports */
  file_name: string;
  /** what was imported: 'people' */
  kind: string;
  /** people created */
  row_count: number;
  status: string;
  created_by: string;
  created_at: string;
  /** lowest common unit of every row written, so the audit can be scoped */
  org_path: string;
};

/** C2. 干部人事档案查阅 requests (SECURITY.md §5.4). Status changes follow archive.policy.ts; expiry derives from valid_to. */
export type ArchiveAccessRequestTable = {
  id: string;
  person_id: string;
  /** the subject's unit path when the request was made */
  org_path: string;
  /** the unit whose approval is needed: the cadre's management authority, else the subject's unit */
  authority_org_id: string;
  authority_path: string;
  requester_user_id: string;
  purpose: string;
  reason: string;
  status: string;
  approver_user_id: string | null;
  decision_note: string | null;
  /** YYYY-MM-DD, China Standard Time, inclusive */
  valid_from: string | null;
  valid_to: string | null;
  decided_at: string | null;
  revoked_by_user_id: string | null;
  created_at: string;
  updated_at: string;
};

// ---- judgment (issue 4) ----
export type FiveCategoryJudgmentTable = {
  id: string;
  cadre_person_id: string;
  /** analysis_campaign.id (no foreign key) */
  campaign_id: string;
  category: string;
  /** EXCHANGE: the town (or unit) the cadre moves to */
  destination_org_unit_id: string | null;
  rationale: string;
  status: string;
  created_by_user_id: string | null;
  proposed_by_user_id: string | null;
  proposed_at: string | null;
  endorsed_by_user_id: string | null;
  endorsed_at: string | null;
  /** the OrgDeptMeeting that endorsed it */
  meeting_date: string | null;
  meeting_ref: string | null;
  returned_note: string | null;
  superseded_by_id: string | null;
  superseded_at: string | null;
  org_path: string;
  created_at: string;
  updated_at: string;
};

export type JudgmentEvidenceTable = {
  judgment_id: string;
  /** evidence.id (no foreign key) */
  evidence_id: string;
};

export type TeamTargetTable = {
  id: string;
  town_type: string;
  metric: string;
  min_count: number | null;
  max_count: number | null;
  min_percent: number | null;
  updated_by_user_id: string | null;
  created_at: string;
  updated_at: string;
};

export type WhatifScenarioTable = {
  id: string;
  name: string;
  campaign_id: string | null;
  note: string | null;
  created_by_user_id: string;
  org_path: string;
  created_at: string;
  updated_at: string;
};

export type WhatifMoveTable = {
  id: string;
  scenario_id: string;
  cadre_person_id: string;
  move: string;
  destination_org_unit_id: string | null;
  created_at: string;
};

// ---- integrity (issue 4) ----
/** C (integrity). One row per version of an integrity conclusion (廉政结论); text is an AES-256-GCM envelope. */
export type IntegrityConclusionTable = {
  id: string;
  /** id of version 1: the conclusion across its versions */
  lineage_id: string;
  version: number;
  previous_version_id: string | null;
  /** set when a newer version replaced this one (edit after a signature, or a return) */
  superseded_by_id: string | null;
  subject_person_id: string;
  unit_org_id: string;
  unit_party_org_id: string | null;
  /** the unit's path (scope) */
  org_path: string;
  conclusion: string;
  text_enc: string;
  /** JSON array of DAILY_SUPERVISION | PETITIONS | AUDIT | REVERSE_EVAL */
  basis: string;
  status: string;
  /** SHA-256 over the canonical content of this version; signatures are bound to it */
  content_hash: string;
  return_reason: string | null;
  created_by_user_id: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by_user_id: string | null;
  created_at: string;
  updated_at: string;
};

/** C3. UNIQUE(conclusion_id, version, signer_role) and UNIQUE(conclusion_id, version, signer_person_id). */
export type IntegritySignatureTable = {
  id: string;
  conclusion_id: string;
  version: number;
  signer_role: string;
  signer_person_id: string;
  /** null only for signatures transcribed from paper (demo 2016 records); the API always sets it */
  signer_user_id: string | null;
  basis: string;
  content_hash: string;
  signed_at: string;
};

/** C (integrity). 任前廉政审查 of one candidate. */
export type IntegrityReviewTable = {
  id: string;
  subject_person_id: string;
  org_path: string;
  batch_id: string | null;
  mandatory_checks: string;
  overall: string;
  created_by_user_id: string;
  created_at: string;
  updated_at: string;
};

export type IntegrityReviewCheckTable = {
  review_id: string;
  type: string;
  result: string;
  detail_enc: string | null;
  checked_by_user_id: string | null;
  checked_at: string | null;
};

/** C1 (reporter identity, content, conclusion encrypted). 信访举报 intake. */
export type PetitionReportTable = {
  id: string;
  received_at: string;
  channel: string;
  real_name: number;
  reporter_identity_enc: string | null;
  content_enc: string;
  specific_and_checkable: number;
  status: string;
  conclusion_enc: string | null;
  org_path: string;
  handler_user_id: string;
  created_at: string;
  updated_at: string;
};

export type PetitionSubjectTable = {
  petition_id: string;
  person_id: string;
};

// ---- poverty (issue 5) ----
/** M3 [CFG] values: notice_days (exit publicity, calendar days), visit_every_months (visit reminder period). */
export type PovertySettingTable = { key: string; value: number; updated_at: string };
/** M3 [INF] team member types, editable rows (code_item style). */
export type PovertyMemberTypeTable = { code: string; name_zh: string; name_en: string; sort_order: number; active: number };
/** M3 1+(3+X) team. DRAFT may be incomplete; ACTIVE has exactly 1 Party-member LEADER + 3 CORE (service-checked). */
export type ServiceTeamTable = {
  id: string;
  name: string;
  village_org_unit_id: string;
  /** the village's path: team scope */
  org_path: string;
  /** the current LEADER (denormalised from team_member) */
  leader_person_id: string | null;
  formed_at: string;
  status: string;
  dissolved_at: string | null;
  created_at: string;
  updated_at: string;
};
/** Membership history; to_date null = current. At most one current LEADER (partial unique index). */
export type TeamMemberTable = { id: string; team_id: string; person_id: string; slot: string; member_type: string; from_date: string; to_date: string | null; created_at: string };
/** A poor household; `team_id` is its one active team (CHECK ties it to the status). Head PII lives in person. */
export type PoorHouseholdTable = {
  id: string;
  head_person_id: string;
  village_org_unit_id: string;
  org_path: string;
  member_count: number;
  team_id: string | null;
  status: string;
  identified_year: number;
  /** exit publicity, China dates inclusive */
  notice_start: string | null;
  notice_end: string | null;
  exited_on: string | null;
  created_at: string;
  updated_at: string;
};
export type HouseholdCauseTable = { household_id: string; cause: string };
export type AssistancePlanTable = { id: string; household_id: string; year: number; updated_by_user_id: string | null; created_at: string; updated_at: string };
export type AssistanceMeasureTable = { id: string; plan_id: string; seq: number; type: string; description: string; funding_yuan: number | null; owner_member_id: string | null };
export type AssistanceVisitTable = {
  id: string;
  team_id: string;
  household_id: string;
  org_path: string;
  visited_on: string;
  needs: string;
  actions_taken: string;
  logged_by_user_id: string | null;
  created_at: string;
};
export type VisitMemberTable = { visit_id: string; person_id: string };
/** Photo files live under <data dir>/poverty-photos by SHA-256; the row holds the hash. */
export type VisitPhotoTable = { id: string; visit_id: string; sha256: string; mime: string; size_bytes: number; created_at: string };
/** C: publicity objections; content is an AES-256-GCM envelope. */
export type HouseholdObjectionTable = {
  id: string;
  household_id: string;
  received_on: string;
  content_enc: string;
  status: string;
  resolution_note: string | null;
  recorded_by_user_id: string | null;
  resolved_by_user_id: string | null;
  resolved_at: string | null;
  created_at: string;
};
/** Household status history (one row per transition). */
export type HouseholdEventTable = {
  id: string;
  household_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  team_id: string | null;
  note: string | null;
  actor_user_id: string | null;
  occurred_on: string;
  created_at: string;
};

// ---- analysis (issue 4) ----
/** C3. M5 analysis campaign (三五分析研判). Status changes follow analysis.policy.ts; `scope_town_ids` is a JSON array. */
export type AnalysisCampaignTable = {
  id: string;
  name: string;
  /** JSON array of org_unit ids (TOWN / STREET) */
  scope_town_ids: string;
  start_at: string;
  end_at: string;
  notice_published_at: string | null;
  notice_media: string | null;
  notice_text: string | null;
  status: string;
  owner_org_unit_id: string;
  org_path: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C3. Campaign team: the users (and people) who run the campaign; talk notes are readable by them only. */
export type AnalysisCampaignMemberTable = {
  id: string;
  campaign_id: string;
  user_id: string | null;
  person_id: string | null;
  display_name: string;
  team_role: string;
  created_at: string;
};

/** C2/C (per row `classification`). The evidence store (SPEC M5 Evidence); never shown to its subject or relatives. */
export type EvidenceTable = {
  id: string;
  cadre_person_id: string | null;
  team_org_unit_id: string | null;
  campaign_id: string | null;
  source_type: string;
  source_ref_id: string | null;
  date: string;
  summary: string;
  polarity: string;
  /** NORMAL | CONFIDENTIAL */
  classification: string;
  /** JSON array of SHA-256 hex digests */
  attachment_hashes: string;
  source_unit_id: string | null;
  /** PERFORMANCE_ASSESSMENT: EXCELLENT | COMPETENT | BASICALLY_COMPETENT | INCOMPETENT (year in `date`) */
  grade: string | null;
  /** ACCOUNTABILITY: effect in force until this date (inclusive) */
  effect_until: string | null;
  org_path: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C3. Letter of inquiry to a unit (函询); overdue = due_at passed without a reply (flag by the clock). */
export type LetterInquiryTable = {
  id: string;
  campaign_id: string;
  to_org_unit_id: string;
  org_path: string;
  subject: string;
  sent_at: string;
  due_at: string;
  replied_at: string | null;
  reply_text: string | null;
  reply_attachment_hashes: string;
  overdue_marked_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C3. The ten configurable interviewee levels (SPEC M5 "10个层面"). */
export type TalkLevelTable = {
  code: string;
  name_zh: string;
  name_en: string;
  sort_order: number;
  active: number;
};

/** C2. Targeted talk outline per interviewee. */
export type TalkOutlineTable = {
  id: string;
  campaign_id: string;
  interviewee_person_id: string;
  /** JSON array of strings */
  questions: string;
  org_path: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C. Talk (五式谈话); notes and key findings are AES-256-GCM envelopes. `org_path` is the interviewee's unit. */
export type TalkTable = {
  id: string;
  campaign_id: string | null;
  mode: string;
  interviewee_person_id: string;
  interviewee_level: string;
  subject_cadre_ids: string;
  subject_team_org_unit_ids: string;
  outline_id: string | null;
  interviewer_person_ids: string;
  held_at: string;
  location: string;
  notes_enc: string;
  key_findings_enc: string;
  classification: string;
  org_path: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C2. Field visit to a village (实地走访). */
export type FieldVisitTable = {
  id: string;
  campaign_id: string;
  village_org_unit_id: string;
  org_path: string;
  visited_at: string;
  visitor_person_ids: string;
  village_cadres_met_count: number;
  village_cadre_ids: string;
  notes_enc: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C2. Document review (查阅资料), last three years. */
export type DocumentReviewTable = {
  id: string;
  campaign_id: string;
  doc_type: string;
  title: string;
  period_from: string;
  period_to: string;
  subject_org_unit_id: string | null;
  subject_cadre_id: string | null;
  findings: string;
  reviewed_at: string;
  org_path: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** C. Public tip received after the campaign notice; reporter name and content encrypted. */
export type PublicTipTable = {
  id: string;
  campaign_id: string;
  received_at: string;
  channel: string;
  real_name: number;
  reporter_name_enc: string | null;
  content_enc: string;
  routed_to: string;
  subject_cadre_id: string | null;
  org_path: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

// ---- evaluation (issue 4) ----

/** C2. 反向测评 of one cadre (SPEC M6). `org_path` is the subject's unit path (scope). JSON: contracts/evaluation.ts. */
export type ReverseEvaluationTable = {
  id: string;
  subject_person_id: string;
  org_path: string;
  purpose: string;
  /** analysis_campaign.id (M5), no FK */
  campaign_id: string | null;
  open_at: string;
  close_at: string;
  status: string;
  questionnaire_json: string;
  settings_json: string;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** C3. Planned raters per group of an evaluation. */
export type ReverseEvaluationGroupTable = {
  evaluation_id: string;
  rater_group: string;
  token_count: number;
};

/** C3. Single-use rater tokens: SHA-256 of the token only, per group (never per person). */
export type EvaluationTokenTable = {
  token_hash: string;
  evaluation_id: string;
  rater_group: string;
  used: number;
  issued_at: string;
};

/** C1 (anonymous). One ballot: random UUIDv4 key, WITHOUT ROWID on SQLite, no time, no token reference, no FK. */
export type EvaluationBallotTable = {
  id: string;
  evaluation_id: string;
  rater_group: string;
  virtue: number;
  ability: number;
  diligence: number;
  performance: number;
  integrity: number;
  overall: number;
  integrity_answer: string;
  /** AES-256-GCM envelope */
  free_text_enc: string | null;
};

/** C1 (anonymous aggregate). Count, sums and sums of squares per evaluation × group (× dimension by column). */
export type EvaluationRollupTable = {
  evaluation_id: string;
  rater_group: string;
  n: number;
  sum_virtue: number;
  sq_virtue: number;
  sum_ability: number;
  sq_ability: number;
  sum_diligence: number;
  sq_diligence: number;
  sum_performance: number;
  sq_performance: number;
  sum_integrity: number;
  sq_integrity: number;
  sum_overall: number;
  sq_overall: number;
  no_issue: number;
  heard_concerns: number;
  known_violation: number;
  free_texts: number;
  /** 1 once closing began: late ballots are refused */
  sealed: number;
};

/** C2. SPEC M5 FiveDimensionEvaluation, written at close with suppression already applied (`result_json`). */
export type FiveDimensionEvaluationTable = {
  id: string;
  person_id: string;
  evaluation_id: string;
  /** analysis_campaign.id (M5), no FK */
  campaign_id: string | null;
  org_path: string;
  virtue: number | null;
  ability: number | null;
  diligence: number | null;
  performance: number | null;
  integrity: number | null;
  composite: number | null;
  grade: string | null;
  respondents: number | null;
  result_json: string;
  peer_rank: string | null;
  peer_unit_type: string | null;
  closed_at: string;
};

// ---- calendar + o2o (issue 5) ----
/** Working-day calendar (SPEC §2.3): statutory holidays and make-up working days (调休). */
export type CalendarDayTable = { date: string; kind: string; name: string; updated_by: string | null; updated_at: string };
/** Per-year status of the calendar: UNCONFIRMED until the State Council notice is entered. */
export type CalendarYearTable = { year: number; status: string; source: string; updated_at: string };
/** [CFG] SLA per urgency × category ('*' = any): response hours and handle-by working days (0 = same day). */
export type O2oSlaRuleTable = { id: string; urgency: string; category: string; respond_hours: number; handle_working_days: number; extension_working_days: number; updated_at: string };
/** [CFG] reply templates per state (and category, '*' = any); placeholders {code} {dueDate} {unit} {text} {reason}. */
export type O2oReplyTemplateTable = { id: string; status: string; category: string; title: string; body: string; active: number; sort_order: number; updated_at: string };
export type O2oCodeCounterTable = { year: number; last_seq: number };
/** C2 (requester identity C3, encrypted). A citizen matter (SPEC M2); status changes follow o2o.policy.ts. */
export type CitizenMatterTable = {
  id: string;
  code: string;
  check_hash: string;
  channel: string;
  source_group_id: string | null;
  open311_client_id: string | null;
  requester_key: string | null;
  requester_person_id: string | null;
  requester_name_enc: string | null;
  requester_name_masked: string | null;
  requester_phone_enc: string | null;
  requester_phone_masked: string | null;
  anonymous: number;
  category: string;
  urgency: string;
  names_cadre: number;
  title: string;
  description: string;
  location_org_unit_id: string;
  location_path: string;
  town_org_unit_id: string;
  current_level: string;
  level_org_unit_id: string;
  level_path: string;
  assigned_org_unit_id: string | null;
  assigned_path: string | null;
  assignee_user_id: string | null;
  accepted_by_user_id: string | null;
  dispatched_by_user_id: string | null;
  status: string;
  received_at: string;
  received_day: string;
  respond_by: string;
  accepted_at: string | null;
  due_at: string | null;
  first_reply_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  resolution_text: string | null;
  reject_reason: string | null;
  public_reply: string | null;
  satisfaction: string | null;
  citizen_satisfaction: string | null;
  citizen_comment: string | null;
  revisit_at: string | null;
  extension_count: number;
  overdue: number;
  overdue_count: number;
  was_overdue: number;
  supervised: number;
  escalation_count: number;
  return_count: number;
  reopen_count: number;
  m10_candidate: number;
  routed_to: string | null;
  /** the petition_report a routed misconduct report was handed to (integrity module); no FK */
  petition_id: Generated<string | null>;
  /** 1 once the "not accepted within respond_by" notice was sent */
  response_overdue: Generated<number>;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
};
export type MatterEventTable = { id: string; matter_id: string; at: string; actor_user_id: string | null; actor_role: string | null; action: string; from_status: string | null; to_status: string; note: string | null; public_note: string | null };
export type MatterPhotoTable = { id: string; matter_id: string; sha256: string; mime: string; size: number; data_base64: string; created_at: string };
/** Supervision notices (督办) to the handling unit's leader; escalations; M10 candidates (second overdue). */
export type O2oNoticeTable = { id: string; matter_id: string; kind: string; round: number; to_org_unit_id: string; to_path: string; leader_person_id: string | null; message: string; created_at: string; acknowledged_at: string | null; acknowledged_by: string | null };
/** Dashboard rollups, maintained in the transaction of every transition. */
export type O2oRollupTable = { day: string; town_org_unit_id: string; village_org_unit_id: string; village_path: string; category: string; metric: string; bucket: string; n: number };
/** Year ('Y', period YYYY) and month ('M', period YYYY-MM) sums of o2o_rollup: STATUS per location unit, RECEIVED / CLOSED_DAYS / ON_TIME / LATE / SATISFACTION per town (category '*'). */
export type O2oRollupTierTable = { tier: string; period: string; metric: string; town_org_unit_id: string; unit_org_unit_id: string; unit_path: string; category: string; bucket: string; n: number };
/** Open311 clients: SHA-256 of the API key only. */
export type Open311ClientTable = { id: string; name: string; key_prefix: string; key_sha256: string; created_by: string | null; created_at: string; revoked_at: string | null };

// ---- M2 service groups (issue 5 deliverable 2) ----
/** [INF] the four group levels and the org-unit types each may be tied to (comma-separated), editable. */
export type ServiceGroupLevelTable = { level: string; name_zh: string; name_en: string; unit_types: string; sort_order: number; updated_by: string | null; updated_at: string };
/** C3. A four-level WeChat service group; `org_path` is the tied unit's path (scope); chat id as blind index only. */
export type ServiceGroupTable = {
  id: string;
  level: string;
  name: string;
  org_unit_id: string;
  org_path: string;
  /** the town (镇/街道) above the unit; null for county-level groups */
  town_org_unit_id: string | null;
  wechat_chat_id_hash: string | null;
  owner_person_id: string | null;
  status: string;
  created_by_user_id: string | null;
  created_at: string;
  archived_at: string | null;
  updated_at: string;
};
export type ServiceGroupAdminTable = { group_id: string; person_id: string; created_at: string };
/** C2. Membership by `member_key` (HMAC blind index of the WeChat id, never the id); left_at null = current. */
export type GroupMembershipTable = { id: string; group_id: string; member_key: string; person_id: string | null; is_party_member: number; joined_at: string; left_at: string | null; created_at: string };

export type Database = {
  org_unit: OrgUnitTable;
  party_org: PartyOrgTable;
  person: PersonTable;
  cadre: CadreTable;
  post: PostTable;
  kinship: KinshipTable;
  front_line: FrontLineTable;
  code_item: CodeItemTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  ledger_event: LedgerEventTable;
  import_batch: ImportBatchTable;
  archive_access_request: ArchiveAccessRequestTable;
  five_category_judgment: FiveCategoryJudgmentTable;
  judgment_evidence: JudgmentEvidenceTable;
  team_target: TeamTargetTable;
  whatif_scenario: WhatifScenarioTable;
  whatif_move: WhatifMoveTable;
  integrity_conclusion: IntegrityConclusionTable;
  integrity_signature: IntegritySignatureTable;
  integrity_review: IntegrityReviewTable;
  integrity_review_check: IntegrityReviewCheckTable;
  petition_report: PetitionReportTable;
  petition_subject: PetitionSubjectTable;
  poverty_setting: PovertySettingTable;
  poverty_member_type: PovertyMemberTypeTable;
  service_team: ServiceTeamTable;
  team_member: TeamMemberTable;
  poor_household: PoorHouseholdTable;
  household_cause: HouseholdCauseTable;
  assistance_plan: AssistancePlanTable;
  assistance_measure: AssistanceMeasureTable;
  assistance_visit: AssistanceVisitTable;
  visit_member: VisitMemberTable;
  visit_photo: VisitPhotoTable;
  household_objection: HouseholdObjectionTable;
  household_event: HouseholdEventTable;
  analysis_campaign: AnalysisCampaignTable;
  analysis_campaign_member: AnalysisCampaignMemberTable;
  evidence: EvidenceTable;
  letter_inquiry: LetterInquiryTable;
  talk_level: TalkLevelTable;
  talk_outline: TalkOutlineTable;
  talk: TalkTable;
  field_visit: FieldVisitTable;
  document_review: DocumentReviewTable;
  public_tip: PublicTipTable;
  reverse_evaluation: ReverseEvaluationTable;
  reverse_evaluation_group: ReverseEvaluationGroupTable;
  evaluation_token: EvaluationTokenTable;
  evaluation_ballot: EvaluationBallotTable;
  evaluation_rollup: EvaluationRollupTable;
  five_dimension_evaluation: FiveDimensionEvaluationTable;
  calendar_day: CalendarDayTable;
  calendar_year: CalendarYearTable;
  o2o_sla_rule: O2oSlaRuleTable;
  o2o_reply_template: O2oReplyTemplateTable;
  o2o_code_counter: O2oCodeCounterTable;
  citizen_matter: CitizenMatterTable;
  matter_event: MatterEventTable;
  matter_photo: MatterPhotoTable;
  o2o_notice: O2oNoticeTable;
  o2o_rollup: O2oRollupTable;
  o2o_rollup_tier: O2oRollupTierTable;
  open311_client: Open311ClientTable;
  service_group_level: ServiceGroupLevelTable;
  service_group: ServiceGroupTable;
  service_group_admin: ServiceGroupAdminTable;
  group_membership: GroupMembershipTable;
};

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type NewOrgUnitRow = Insertable<OrgUnitTable>;
export type OrgUnitRowUpdate = Updateable<OrgUnitTable>;
export type PartyOrgRow = Selectable<PartyOrgTable>;
export type NewPartyOrgRow = Insertable<PartyOrgTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonRowUpdate = Updateable<PersonTable>;
export type CadreRow = Selectable<CadreTable>;
export type NewCadreRow = Insertable<CadreTable>;
export type PostRow = Selectable<PostTable>;
export type NewPostRow = Insertable<PostTable>;
export type KinshipRow = Selectable<KinshipTable>;
export type NewKinshipRow = Insertable<KinshipTable>;
export type FrontLineRow = Selectable<FrontLineTable>;
export type NewFrontLineRow = Insertable<FrontLineTable>;
export type CodeItemRow = Selectable<CodeItemTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type NewAppUserRow = Insertable<AppUserTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type NewRoleGrantRow = Insertable<RoleGrantTable>;
export type UserSessionRow = Selectable<UserSessionTable>;
export type LedgerEventRow = Selectable<LedgerEventTable>;
export type ImportBatchRow = Selectable<ImportBatchTable>;
export type NewImportBatchRow = Insertable<ImportBatchTable>;
export type ArchiveAccessRequestRow = Selectable<ArchiveAccessRequestTable>;
export type NewArchiveAccessRequestRow = Insertable<ArchiveAccessRequestTable>;
export type ArchiveAccessRequestRowUpdate = Updateable<ArchiveAccessRequestTable>;
export type FiveCategoryJudgmentRow = Selectable<FiveCategoryJudgmentTable>;
export type NewFiveCategoryJudgmentRow = Insertable<FiveCategoryJudgmentTable>;
export type FiveCategoryJudgmentRowUpdate = Updateable<FiveCategoryJudgmentTable>;
export type TeamTargetRow = Selectable<TeamTargetTable>;
export type WhatifScenarioRow = Selectable<WhatifScenarioTable>;
export type WhatifMoveRow = Selectable<WhatifMoveTable>;
export type IntegrityConclusionRow = Selectable<IntegrityConclusionTable>;
export type NewIntegrityConclusionRow = Insertable<IntegrityConclusionTable>;
export type IntegrityConclusionRowUpdate = Updateable<IntegrityConclusionTable>;
export type IntegritySignatureRow = Selectable<IntegritySignatureTable>;
export type IntegrityReviewRow = Selectable<IntegrityReviewTable>;
export type IntegrityReviewCheckRow = Selectable<IntegrityReviewCheckTable>;
export type PetitionReportRow = Selectable<PetitionReportTable>;
export type ServiceTeamRow = Selectable<ServiceTeamTable>;
export type TeamMemberRow = Selectable<TeamMemberTable>;
export type PoorHouseholdRow = Selectable<PoorHouseholdTable>;
export type NewPoorHouseholdRow = Insertable<PoorHouseholdTable>;
export type AssistanceVisitRow = Selectable<AssistanceVisitTable>;
export type HouseholdObjectionRow = Selectable<HouseholdObjectionTable>;
export type HouseholdEventRow = Selectable<HouseholdEventTable>;
export type AnalysisCampaignRow = Selectable<AnalysisCampaignTable>;
export type NewAnalysisCampaignRow = Insertable<AnalysisCampaignTable>;
export type AnalysisCampaignRowUpdate = Updateable<AnalysisCampaignTable>;
export type AnalysisCampaignMemberRow = Selectable<AnalysisCampaignMemberTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type NewEvidenceRow = Insertable<EvidenceTable>;
export type LetterInquiryRow = Selectable<LetterInquiryTable>;
export type NewLetterInquiryRow = Insertable<LetterInquiryTable>;
export type TalkLevelRow = Selectable<TalkLevelTable>;
export type TalkOutlineRow = Selectable<TalkOutlineTable>;
export type NewTalkOutlineRow = Insertable<TalkOutlineTable>;
export type TalkRow = Selectable<TalkTable>;
export type NewTalkRow = Insertable<TalkTable>;
export type FieldVisitRow = Selectable<FieldVisitTable>;
export type NewFieldVisitRow = Insertable<FieldVisitTable>;
export type DocumentReviewRow = Selectable<DocumentReviewTable>;
export type NewDocumentReviewRow = Insertable<DocumentReviewTable>;
export type PublicTipRow = Selectable<PublicTipTable>;
export type NewPublicTipRow = Insertable<PublicTipTable>;
export type ReverseEvaluationRow = Selectable<ReverseEvaluationTable>;
export type NewReverseEvaluationRow = Insertable<ReverseEvaluationTable>;
export type EvaluationRollupRow = Selectable<EvaluationRollupTable>;
export type NewEvaluationBallotRow = Insertable<EvaluationBallotTable>;
export type FiveDimensionEvaluationRow = Selectable<FiveDimensionEvaluationTable>;
export type CalendarDayRow = Selectable<CalendarDayTable>;
export type CitizenMatterRow = Selectable<CitizenMatterTable>;
export type NewCitizenMatterRow = Insertable<CitizenMatterTable>;
export type CitizenMatterRowUpdate = Updateable<CitizenMatterTable>;
export type MatterEventRow = Selectable<MatterEventTable>;
export type NewMatterEventRow = Insertable<MatterEventTable>;
export type O2oSlaRuleRow = Selectable<O2oSlaRuleTable>;
export type O2oReplyTemplateRow = Selectable<O2oReplyTemplateTable>;
export type O2oNoticeRow = Selectable<O2oNoticeTable>;
export type Open311ClientRow = Selectable<Open311ClientTable>;
export type ServiceGroupRow = Selectable<ServiceGroupTable>;
export type NewServiceGroupRow = Insertable<ServiceGroupTable>;
export type NewGroupMembershipRow = Insertable<GroupMembershipTable>;
export type ServiceGroupLevelRow = Selectable<ServiceGroupLevelTable>;
