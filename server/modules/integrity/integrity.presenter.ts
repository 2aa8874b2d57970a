/** Rows → contract shapes for M6 integrity. Database rows never leave the server. */
import type {
  CheckResult,
  IntegrityBasis,
  IntegrityConclusion,
  IntegrityConclusionItem,
  IntegrityOutcome,
  IntegrityReview,
  IntegrityReviewItem,
  IntegrityStatus,
  PetitionChannel,
  PetitionItem,
  PetitionStatus,
  ReviewCheckType,
  ReviewOverall,
  SignatureBasis,
  SignerRole,
} from '../../../contracts/integrity.ts';
import { REVIEW_CHECK_TYPES } from '../../../contracts/integrity.ts';
import type { IntegrityConclusionRow, IntegrityReviewCheckRow, IntegritySignatureRow } from '../../db/schema.ts';
import type { ConclusionRowWithNames, PetitionRowWithNames, ReviewRowWithNames } from './integrity.repository.ts';
import type { SlotPlan } from './integrity.signers.ts';

type SigWithName = IntegritySignatureRow & { signer_name: string };

export function presentConclusionItem(row: ConclusionRowWithNames, signedRoles: SignerRole[]): IntegrityConclusionItem {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    version: row.version,
    subjectPersonId: row.subject_person_id,
    subjectName: row.subject_name,
    unitName: row.unit_name,
    conclusion: row.conclusion as IntegrityOutcome,
    status: row.status as IntegrityStatus,
    signedRoles: [...signedRoles].sort(),
    updatedAt: row.updated_at,
  };
}

export function presentConclusion(
  row: ConclusionRowWithNames,
  text: string,
  lineage: IntegrityConclusionRow[],
  signatures: SigWithName[],
  slots: SlotPlan[],
  can: IntegrityConclusion['can'],
): IntegrityConclusion {
  const of = (id: string, version: number) => signatures.filter((s) => s.conclusion_id === id && s.version === version);
  const mine = of(row.id, row.version);
  return {
    ...presentConclusionItem(
      row,
      mine.map((s) => s.signer_role as SignerRole),
    ),
    unitOrgId: row.unit_org_id,
    text,
    basis: JSON.parse(row.basis) as IntegrityBasis[],
    contentHash: row.content_hash,
    current: row.superseded_by_id === null,
    returnReason: row.return_reason,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    slots: slots.map((s) => {
      const sig = mine.find((x) => x.signer_role === s.role);
      return {
        role: s.role,
        escalated: s.escalated,
        eligible: s.eligible,
        signature: sig ? { role: s.role, signerPersonId: sig.signer_person_id, signerName: sig.signer_name, basis: sig.basis as SignatureBasis, contentHash: sig.content_hash, signedAt: sig.signed_at } : null,
      };
    }),
    versions: lineage.map((l) => ({
      id: l.id,
      version: l.version,
      status: l.status as IntegrityStatus,
      contentHash: l.content_hash,
      returnReason: l.return_reason,
      createdAt: l.created_at,
      signedRoles: of(l.id, l.version)
        .map((s) => s.signer_role as SignerRole)
        .sort(),
    })),
    can,
  };
}

export function presentReview(
  row: ReviewRowWithNames,
  checks: (IntegrityReviewCheckRow & { checked_by_name: string | null })[],
  decrypt: (env: string) => string,
  canRecord: (type: ReviewCheckType) => boolean,
): IntegrityReview {
  const mandatory = JSON.parse(row.mandatory_checks) as ReviewCheckType[];
  return {
    id: row.id,
    subjectPersonId: row.subject_person_id,
    subjectName: row.subject_name,
    unitName: row.unit_name,
    batchId: row.batch_id,
    overall: row.overall as ReviewOverall,
    mandatoryChecks: mandatory,
    checks: REVIEW_CHECK_TYPES.map((type) => {
      const c = checks.find((x) => x.type === type);
      return {
        type,
        mandatory: mandatory.includes(type),
        result: (c?.result ?? 'PENDING') as CheckResult,
        detail: c?.detail_enc ? decrypt(c.detail_enc) : null,
        checkedByName: c?.checked_by_name ?? null,
        checkedAt: c?.checked_at ?? null,
        canRecord: canRecord(type),
      };
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentReviewItem(row: ReviewRowWithNames, checks: IntegrityReviewCheckRow[]): IntegrityReviewItem {
  const mandatory = JSON.parse(row.mandatory_checks) as ReviewCheckType[];
  return {
    id: row.id,
    subjectPersonId: row.subject_person_id,
    subjectName: row.subject_name,
    unitName: row.unit_name,
    overall: row.overall as ReviewOverall,
    passed: checks.filter((c) => mandatory.includes(c.type as ReviewCheckType) && c.result === 'PASS').length,
    mandatory: mandatory.length,
    updatedAt: row.updated_at,
  };
}

export function presentPetitionItem(row: PetitionRowWithNames, subjects: { person_id: string; name: string }[]): PetitionItem {
  return {
    id: row.id,
    receivedAt: row.received_at,
    channel: row.channel as PetitionChannel,
    realName: row.real_name === 1,
    specificAndCheckable: row.specific_and_checkable === 1,
    status: row.status as PetitionStatus,
    subjects: subjects.map((s) => ({ personId: s.person_id, name: s.name })),
    handlerName: row.handler_name,
  };
}
