/**
 * The audit viewer (issue 3 deliverable 4): the ledger as a filterable, server-paged list, the history of one
 * person's record, who viewed a dossier and why, "verify now" and the signed checkpoints. Every read of the audit
 * is itself a ledger event (`audit.viewed`).
 */
import { Type, type Static } from 'typebox';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Object types the viewer offers as a filter (any `[a-z_]+` is accepted; these get labels). */
export const AUDIT_OBJECT_TYPES = ['person', 'post', 'kinship', 'user', 'org_unit', 'party_org', 'import_batch', 'export', 'archive_access_request', 'audit', 'system'] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

/** Actions the viewer offers as a filter and labels (the ledger may hold others: they are shown as they are). */
export const AUDIT_KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.locked',
  'auth.reauth',
  'auth.password_changed',
  'user.created',
  'user.locale_set',
  'user.sessions_revoked',
  'role.granted',
  'role.revoked',
  'org_unit.created',
  'org_unit.updated',
  'org_unit.moved',
  'org_unit.merged',
  'party_org.created',
  'party_org.updated',
  'party_org.moved',
  'person.created',
  'person.updated',
  'person.dossier_viewed',
  'person.field_revealed',
  'post.started',
  'post.ended',
  'kinship.registered',
  'import.committed',
  'people.exported',
  'audit.exported',
  'users.exported',
  'archive.requested',
  'archive.approved',
  'archive.rejected',
  'archive.revoked',
  'archive.viewed',
  'audit.viewed',
  'demo.seeded',
] as const;
export type AuditKnownAction = (typeof AUDIT_KNOWN_ACTIONS)[number];

/** The views of a dossier (SECURITY.md §5.4: every view is one event, with its reason or purpose). */
export const DOSSIER_VIEW_ACTIONS = ['person.dossier_viewed', 'person.field_revealed', 'archive.viewed'] as const;
export type DossierViewAction = (typeof DOSSIER_VIEW_ACTIONS)[number];

export const AuditActorSchema = Type.Object({
  userId: Nullable(Type.String()),
  /** the account's display name; null for system events or a deleted account */
  displayName: Nullable(Type.String()),
  username: Nullable(Type.String()),
  role: Nullable(Type.String()),
});
export type AuditActor = Static<typeof AuditActorSchema>;

export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  ts: Type.String(),
  actor: AuditActorSchema,
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  /** a readable name for people, users and units (null when unknown) */
  objectLabel: Nullable(Type.String()),
  orgPath: Type.String(),
  /** name of the unit at the end of org_path; null for '/' (system events) */
  unitName: Nullable(Type.String()),
  /** the canonical JSON payload, parsed; it never holds raw personal data (masked values, ids, reasons) */
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEvent = Static<typeof AuditEventSchema>;

const ActionPattern = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$', description: 'an action (person.updated) or a family (person)' });
const ObjectTypePattern = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });

const auditEventFilters = {
  actorUserId: Type.Optional(IdSchema),
  objectType: Type.Optional(ObjectTypePattern),
  objectId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-zA-Z_.:-]+$' })),
  action: Type.Optional(ActionPattern),
  /** first day (YYYY-MM-DD, China Standard Time), inclusive */
  from: Type.Optional(DateSchema),
  /** last day (YYYY-MM-DD, China Standard Time), inclusive */
  to: Type.Optional(DateSchema),
};

export const ListAuditEventsQuerySchema = Type.Object({ ...PageQueryFields, ...auditEventFilters }, { additionalProperties: false });
export type ListAuditEventsQuery = Static<typeof ListAuditEventsQuerySchema>;

/** GET /api/audit/events/export.xlsx: the list's filters without paging (every matching event, capped). */
export const ExportAuditEventsQuerySchema = Type.Object(auditEventFilters, { additionalProperties: false });
export type ExportAuditEventsQuery = Static<typeof ExportAuditEventsQuerySchema>;

export const AuditPersonHeadSchema = Type.Object({ id: Type.String(), name: Type.String(), orgName: Nullable(Type.String()) });
export type AuditPersonHead = Static<typeof AuditPersonHeadSchema>;

export const AuditPageQuerySchema = Type.Object({ ...PageQueryFields }, { additionalProperties: false });
export type AuditPageQuery = Static<typeof AuditPageQuerySchema>;

export const PersonHistorySchema = Type.Object({
  person: AuditPersonHeadSchema,
  items: Type.Array(AuditEventSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type PersonHistory = Static<typeof PersonHistorySchema>;

export const DossierViewSchema = Type.Object({
  seq: Type.Integer(),
  ts: Type.String(),
  actor: AuditActorSchema,
  action: StringEnum(DOSSIER_VIEW_ACTIONS),
  /** 查看身份证号/手机: the field revealed */
  field: Nullable(Type.String()),
  /** the reason typed for a reveal */
  reason: Nullable(Type.String()),
  /** the purpose of the approved file access (archive.viewed) */
  purpose: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});
export type DossierView = Static<typeof DossierViewSchema>;

export const DossierViewsSchema = Type.Object({
  person: AuditPersonHeadSchema,
  items: Type.Array(DossierViewSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type DossierViews = Static<typeof DossierViewsSchema>;

export const AuditActorOptionSchema = Type.Object({ id: Type.String(), displayName: Type.String(), username: Type.String() });
export type AuditActorOption = Static<typeof AuditActorOptionSchema>;
export const ListAuditActorsQuerySchema = Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false });
export type ListAuditActorsQuery = Static<typeof ListAuditActorsQuerySchema>;

/** The verdict of `verifyLedger` as run by POST /api/audit/verify. */
export const VerifyVerdictSchema = Type.Object({
  ok: Type.Boolean(),
  /** events checked (up to the first problem) */
  size: Type.Integer(),
  alg: Nullable(Type.String()),
  /** RFC 6962 Merkle root of the whole ledger (hex); null on failure */
  root: Nullable(Type.String()),
  chainHead: Nullable(Type.String()),
  problem: Nullable(Type.String()),
  /** the seq of the first bad event, when the problem is one event */
  seq: Nullable(Type.Integer()),
  checkpoints: Type.Object({ stored: Type.Integer(), external: Type.Integer() }),
  warnings: Type.Array(Type.String()),
  durationMs: Type.Integer(),
  verifiedAt: Type.String(),
  /** fingerprint of the pinned public key the signatures were checked against */
  publicKeyFingerprint: Nullable(Type.String()),
});
export type VerifyVerdict = Static<typeof VerifyVerdictSchema>;

export const CheckpointSummarySchema = Type.Object({
  treeSize: Type.Integer(),
  alg: Type.String(),
  /** hex */
  root: Type.String(),
  chainHead: Type.String(),
  ts: Type.String(),
  keyId: Type.String(),
});
export type CheckpointSummary = Static<typeof CheckpointSummarySchema>;

export const TreeSizeParamsSchema = Type.Object({ treeSize: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
export type TreeSizeParams = Static<typeof TreeSizeParamsSchema>;
