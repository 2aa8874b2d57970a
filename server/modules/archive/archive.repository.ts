/**
 * Kysely queries for archive_access_request. No HTTP, no rules: the service passes the approver scope, and the
 * inbox is an index range on authority_path.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ArchiveStatus } from '../../../contracts/archive.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { ArchiveAccessRequestRow, ArchiveAccessRequestRowUpdate, Database, NewArchiveAccessRequestRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

export type ArchiveRequestListRow = ArchiveAccessRequestRow & {
  person_name: string;
  org_name: string | null;
  authority_name: string | null;
  requester_name: string;
  approver_name: string | null;
};

export type ArchiveListFilter = { requesterUserId: string } | { authorityPaths: string[] };

type Eb = ExpressionBuilder<Database, 'archive_access_request'>;

function listWhere(eb: Eb, filter: ArchiveListFilter, status: ArchiveStatus | undefined, personId: string | undefined): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [
    'requesterUserId' in filter ? eb('archive_access_request.requester_user_id', '=', filter.requesterUserId) : inSubtrees(eb, 'archive_access_request.authority_path', filter.authorityPaths),
  ];
  if (status) parts.push(eb('archive_access_request.status', '=', status));
  if (personId) parts.push(eb('archive_access_request.person_id', '=', personId));
  return eb.and(parts);
}

function withNames(db: DbOrTrx) {
  return db
    .selectFrom('archive_access_request')
    .innerJoin('person', 'person.id', 'archive_access_request.person_id')
    .leftJoin('org_unit as unit', 'unit.id', 'person.org_unit_id')
    .leftJoin('org_unit as authority', 'authority.id', 'archive_access_request.authority_org_id')
    .innerJoin('app_user as requester', 'requester.id', 'archive_access_request.requester_user_id')
    .leftJoin('app_user as approver', 'approver.id', 'archive_access_request.approver_user_id')
    .selectAll('archive_access_request')
    .select(['person.name as person_name', 'unit.name as org_name', 'authority.name as authority_name', 'requester.display_name as requester_name', 'approver.display_name as approver_name']);
}

/** Newest first. */
export async function listRequests(
  db: DbOrTrx,
  filter: ArchiveListFilter,
  q: { status?: ArchiveStatus | undefined; personId?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: ArchiveRequestListRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    withNames(db)
      .where((eb) => listWhere(eb as unknown as Eb, filter, q.status, q.personId))
      .orderBy('archive_access_request.created_at', 'desc')
      .orderBy('archive_access_request.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    db
      .selectFrom('archive_access_request')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => listWhere(eb, filter, q.status, q.personId))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findRequest(db: DbOrTrx, id: string): Promise<ArchiveAccessRequestRow | undefined> {
  return db.selectFrom('archive_access_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRequestWithNames(db: DbOrTrx, id: string): Promise<ArchiveRequestListRow | undefined> {
  return withNames(db).where('archive_access_request.id', '=', id).executeTakeFirst();
}

/** An open request (pending, or approved and not yet expired) of this requester for this person. */
export function findOpenRequest(db: DbOrTrx, requesterUserId: string, personId: string, today: string) {
  return db
    .selectFrom('archive_access_request')
    .select(['id', 'status'])
    .where('requester_user_id', '=', requesterUserId)
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('status', '=', 'PENDING'), eb.and([eb('status', '=', 'APPROVED'), eb('valid_to', '>=', today)])]))
    .executeTakeFirst();
}

export async function insertRequest(db: DbOrTrx, row: NewArchiveAccessRequestRow): Promise<void> {
  await db.insertInto('archive_access_request').values(row).execute();
}

/** Applies a state change only if the row is still in `from` (a concurrent decision makes it a no-op: 0 rows). */
export async function updateRequestState(db: DbOrTrx, id: string, from: ArchiveStatus, values: ArchiveAccessRequestRowUpdate): Promise<number> {
  const result = await db.updateTable('archive_access_request').set(values).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
