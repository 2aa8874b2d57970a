/**
 * Kysely queries of the audit viewer: ledger_event lists (scoped in one place, `eventScope`), name lookups for
 * actors, units and objects, and the signed checkpoints. No HTTP, no rules: the service passes the scope.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type { Database, LedgerEventRow } from '../../db/schema.ts';
import type { LedgerCheckpointTable } from '../../platform/ledger/index.ts';
import { inSubtrees } from '../../platform/scope.ts';

/** null = the whole ledger (audit roles); otherwise events in these subtrees plus system events ('/'). */
export type EventScope = string[] | null;

export type EventFilters = {
  actorUserId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  /** `person.updated` exactly, or a family `person` (every `person.*`) */
  action?: string | undefined;
  /** ISO-8601 UTC bounds on ts: fromTs ≤ ts < toTs */
  fromTs?: string | undefined;
  toTs?: string | undefined;
};

export type Paging = { page: number; pageSize: number };

type EventEb = ExpressionBuilder<Database, 'ledger_event'>;

/** The scope predicate of every ledger read in this module. */
function eventScope(eb: EventEb, scope: EventScope): Expression<SqlBool> {
  if (scope === null) return sql<SqlBool>`1 = 1`;
  return eb.or([eb('ledger_event.org_path', '=', '/'), inSubtrees(eb, 'ledger_event.org_path', scope)]);
}

function eventFilters(eb: EventEb, scope: EventScope, f: EventFilters): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eventScope(eb, scope)];
  if (f.actorUserId) parts.push(eb('ledger_event.actor_user_id', '=', f.actorUserId));
  if (f.objectType) parts.push(eb('ledger_event.object_type', '=', f.objectType));
  if (f.objectId) parts.push(eb('ledger_event.object_id', '=', f.objectId));
  if (f.action) parts.push(f.action.includes('.') ? eb('ledger_event.action', '=', f.action) : likePattern('ledger_event.action', `${f.action}.`, 'prefix'));
  if (f.fromTs) parts.push(eb('ledger_event.ts', '>=', f.fromTs));
  if (f.toTs) parts.push(eb('ledger_event.ts', '<', f.toTs));
  return eb.and(parts);
}

async function pageOf(db: DbOrTrx, where: (eb: EventEb) => Expression<SqlBool>, paging: Paging): Promise<{ rows: LedgerEventRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('ledger_event')
      .selectAll()
      .where(where)
      .orderBy('seq', 'desc')
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Newest first. */
export function listEvents(db: DbOrTrx, scope: EventScope, filters: EventFilters, paging: Paging) {
  return pageOf(db, (eb) => eventFilters(eb, scope, filters), paging);
}

/** Object types whose events name a person in their payload (`personId` / `relativePersonId`). */
const PERSON_LINKED_TYPES = ['post', 'kinship', 'archive_access_request'];

/**
 * The history of one person's record: events on the person itself, plus post, kinship and file-access events whose
 * payload names the person. The payload match is a LIKE over canonical JSON (no whitespace), with the id escaped;
 * it runs only over the rows of those object types (object index).
 */
export function listPersonHistory(db: DbOrTrx, scope: EventScope, personId: string, paging: Paging) {
  return pageOf(
    db,
    (eb) =>
      eb.and([
        eventScope(eb, scope),
        eb.or([
          eb.and([eb('ledger_event.object_type', '=', 'person'), eb('ledger_event.object_id', '=', personId)]),
          eb.and([
            eb('ledger_event.object_type', 'in', PERSON_LINKED_TYPES),
            eb.or([likePattern('ledger_event.payload', `"personId":"${personId}"`, 'contains'), likePattern('ledger_event.payload', `"relativePersonId":"${personId}"`, 'contains')]),
          ]),
        ]),
      ]),
    paging,
  );
}

/** Views of one person's dossier (actions given by the service), newest first. */
export function listDossierViews(db: DbOrTrx, scope: EventScope, personId: string, actions: readonly string[], paging: Paging) {
  return pageOf(
    db,
    (eb) => eb.and([eventScope(eb, scope), eb('ledger_event.object_type', '=', 'person'), eb('ledger_event.object_id', '=', personId), eb('ledger_event.action', 'in', [...actions])]),
    paging,
  );
}

export async function findUsers(db: DbOrTrx, ids: string[]): Promise<Map<string, { displayName: string; username: string }>> {
  const out = new Map<string, { displayName: string; username: string }>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('app_user').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute();
  for (const r of rows) out.set(r.id, { displayName: r.display_name, username: r.username });
  return out;
}

export async function findNames(db: DbOrTrx, table: 'org_unit' | 'party_org' | 'person', ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

export function findPerson(db: DbOrTrx, id: string) {
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['person.id', 'person.name', 'person.org_path', 'org_unit.name as org_name'])
    .where('person.id', '=', id)
    .executeTakeFirst();
}

/** Accounts by username prefix or display-name substring (the actor filter's picker). */
export function searchUsers(db: DbOrTrx, q: string, limit: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'username'])
    .where((eb) => eb.or([likePattern('username', q, 'prefix'), likePattern('display_name', q, 'contains')]))
    .orderBy('username')
    .limit(limit)
    .execute();
}

/** ledger_checkpoint belongs to the ledger platform (migration 2026-11-26T09-00); its row type comes from there. */
type CheckpointDatabase = Database & { ledger_checkpoint: LedgerCheckpointTable };
function checkpointDb(db: DbOrTrx): Kysely<CheckpointDatabase> {
  return db as unknown as Kysely<CheckpointDatabase>;
}

/** Newest first. */
export async function listCheckpoints(db: DbOrTrx, paging: Paging): Promise<{ rows: LedgerCheckpointTable[]; total: number }> {
  const cdb = checkpointDb(db);
  const [rows, count] = await Promise.all([
    cdb
      .selectFrom('ledger_checkpoint')
      .selectAll()
      .orderBy('tree_size', 'desc')
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    cdb.selectFrom('ledger_checkpoint').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findCheckpoint(db: DbOrTrx, treeSize: number): Promise<LedgerCheckpointTable | undefined> {
  return checkpointDb(db).selectFrom('ledger_checkpoint').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
}
