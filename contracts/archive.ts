/**
 * 干部人事档案查阅 (SECURITY.md §5.4): a full file is read only with an approved access request for a listed purpose,
 * approved per cadre-management authority, within a validity window, never by the subject or a registered
 * relative; every view is one ledger event.
 */
import { Type, type Static } from 'typebox';
import { DateSchema, PageQueryFields, IdSchema, StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';
import { PersonDossierSchema } from './people.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** 考察、任免、调动、政审、巡视/纪检办案、其他 */
export const ARCHIVE_PURPOSES = ['INSPECTION', 'APPOINTMENT', 'TRANSFER', 'POLITICAL_REVIEW', 'DISCIPLINE_CASE', 'OTHER'] as const;
export type ArchivePurpose = (typeof ARCHIVE_PURPOSES)[number];

/** Stored states. Expiry is not a state: it is derived from valid_to (see ARCHIVE_DISPLAY_STATUSES). */
export const ARCHIVE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'REVOKED'] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

/** What the lists show: APPROVED splits into SCHEDULED (before valid_from), ACTIVE and EXPIRED (after valid_to). */
export const ARCHIVE_DISPLAY_STATUSES = ['PENDING', 'SCHEDULED', 'ACTIVE', 'EXPIRED', 'REJECTED', 'REVOKED'] as const;
export type ArchiveDisplayStatus = (typeof ARCHIVE_DISPLAY_STATUSES)[number];

export const ARCHIVE_BOXES = ['mine', 'toApprove'] as const;
export type ArchiveBox = (typeof ARCHIVE_BOXES)[number];

/** Longest approval window, in days (validTo − validFrom). */
export const ARCHIVE_MAX_VALID_DAYS = 30;

export const ArchiveRequestSchema = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  orgName: Nullable(Type.String()),
  /** the unit whose approval is needed: the cadre's management authority, else the subject's unit */
  authorityOrgId: Type.String(),
  authorityName: Nullable(Type.String()),
  requesterUserId: Type.String(),
  requesterName: Type.String(),
  purpose: StringEnum(ARCHIVE_PURPOSES),
  reason: Type.String(),
  status: StringEnum(ARCHIVE_STATUSES),
  displayStatus: StringEnum(ARCHIVE_DISPLAY_STATUSES),
  approverUserId: Nullable(Type.String()),
  approverName: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** what the caller may do now (the server checks again) */
  can: Type.Object({ approve: Type.Boolean(), reject: Type.Boolean(), revoke: Type.Boolean(), view: Type.Boolean() }),
});
export type ArchiveRequest = Static<typeof ArchiveRequestSchema>;

export const CreateArchiveRequestSchema = Type.Object(
  {
    personId: IdSchema,
    purpose: StringEnum(ARCHIVE_PURPOSES),
    reason: Type.String({ minLength: LIMITS.reasonMin, maxLength: LIMITS.reasonMax }),
  },
  { additionalProperties: false },
);
export type CreateArchiveRequest = Static<typeof CreateArchiveRequestSchema>;

export const ListArchiveRequestsQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    box: Type.Optional(StringEnum(ARCHIVE_BOXES)),
    status: Type.Optional(StringEnum(ARCHIVE_STATUSES)),
    personId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type ListArchiveRequestsQuery = Static<typeof ListArchiveRequestsQuerySchema>;

export const ApproveArchiveRequestSchema = Type.Object(
  {
    validFrom: DateSchema,
    validTo: DateSchema,
    note: Type.Optional(Type.String({ maxLength: LIMITS.reasonMax })),
  },
  { additionalProperties: false },
);
export type ApproveArchiveRequest = Static<typeof ApproveArchiveRequestSchema>;

export const RejectArchiveRequestSchema = Type.Object({ note: Type.String({ minLength: LIMITS.reasonMin, maxLength: LIMITS.reasonMax }) }, { additionalProperties: false });
export type RejectArchiveRequest = Static<typeof RejectArchiveRequestSchema>;

export const RevokeArchiveRequestSchema = Type.Object({ note: Type.Optional(Type.String({ maxLength: LIMITS.reasonMax })) }, { additionalProperties: false });
export type RevokeArchiveRequest = Static<typeof RevokeArchiveRequestSchema>;

/** The full file: the dossier plus the unmasked ID number and mobile. Shown with a watermark (viewer, time). */
export const ArchiveDossierSchema = Type.Object({
  request: ArchiveRequestSchema,
  dossier: PersonDossierSchema,
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  viewedAt: Type.String(),
  viewerName: Type.String(),
  /** the ledger event of this view */
  ledgerSeq: Type.Integer(),
});
export type ArchiveDossier = Static<typeof ArchiveDossierSchema>;
