/**
 * What the archive module (干部人事档案查阅, SECURITY.md §5.4) needs from people: the subject of a file with the unit
 * whose approval is needed, the self/relative conflict test, and the full file (dossier plus the unmasked ID number
 * and mobile). These functions do no authorization and write no ledger event: the archive service does both,
 * under an approved request, in its own transaction.
 */
import type { PersonDossier } from '../../../contracts/people.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { ServiceCtx } from '../../platform/deps.ts';
import { findOrgUnitRef } from '../org/index.ts';
import { loadDossier } from './people.service.ts';
import * as repo from './people.repository.ts';

export type ArchiveSubject = {
  id: string;
  name: string;
  orgUnitId: string;
  orgPath: string;
  isCadre: boolean;
  /** 干部管理权限: the cadre's management authority, else the subject's own unit */
  authorityOrgId: string;
  authorityPath: string;
};

/** The subject of a file and the unit that approves access to it; undefined when unknown. */
export async function findArchiveSubject(db: DbOrTrx, personId: string): Promise<ArchiveSubject | undefined> {
  const person = await repo.findPerson(db, personId);
  if (!person) return undefined;
  const cadre = await repo.findCadre(db, person.id);
  const authority = cadre ? await findOrgUnitRef(db, cadre.management_authority_org_id) : undefined;
  return {
    id: person.id,
    name: person.name,
    orgUnitId: person.org_unit_id,
    orgPath: person.org_path,
    isCadre: cadre !== undefined,
    authorityOrgId: authority?.id ?? person.org_unit_id,
    authorityPath: authority?.path ?? person.org_path,
  };
}

/** The person ids registered as relatives of `personId`, in either direction of the kinship table. */
export async function listRegisteredRelativeIds(db: DbOrTrx, personId: string): Promise<Set<string>> {
  const rows = await repo.listKinshipEitherWay(db, personId);
  return new Set(rows.map((r) => (r.person_id === personId ? r.relative_person_id : r.person_id)));
}

/** 'self' / 'relative' when `viewerPersonId` is the subject or a registered relative (either direction); else null. */
export async function archiveConflict(db: DbOrTrx, subjectId: string, viewerPersonId: string | null): Promise<'self' | 'relative' | null> {
  if (!viewerPersonId) return null;
  if (viewerPersonId === subjectId) return 'self';
  return (await listRegisteredRelativeIds(db, viewerPersonId)).has(subjectId) ? 'relative' : null;
}

export type ArchiveFile = { dossier: PersonDossier; idNumber: string | null; phone: string | null; orgPath: string };

/**
 * The full file of a person: the dossier of GET /api/people/:id plus the decrypted ID number and mobile. Only for
 * the archive service, after it has checked an approved, current request; it writes the `archive.viewed` event.
 */
export async function getDossierForArchive(ctx: ServiceCtx, db: DbOrTrx, personId: string): Promise<ArchiveFile | undefined> {
  const person = await repo.findPerson(db, personId);
  if (!person) return undefined;
  const dossier = await loadDossier(ctx, db, person);
  return {
    dossier,
    idNumber: person.id_number_enc ? ctx.cipher.decrypt(person.id_number_enc) : null,
    phone: person.phone_enc ? ctx.cipher.decrypt(person.phone_enc) : null,
    orgPath: person.org_path,
  };
}
