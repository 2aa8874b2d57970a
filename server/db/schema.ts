/**
 * THE table types. Conventions (see db/dialect.ts): ids are UUIDv7 text generated in the app; timestamps
 * ISO-8601 UTC text; dates `YYYY-MM-DD`; booleans 0/1; nullable columns are `T | null`.
 *
 * Classification tags (SECURITY.md 28a) are in the comment of each table: C1 = regulated personal data
 * (encrypted), C2 = personal, C3 = organisational.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

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
