/**
 * Test helpers of the org module (used by the *.test.ts files beside it only): an extra writer scoped to one
 * town, ledger inspection and Party organisation fixtures inserted directly (tests must not depend on the
 * services they test).
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { LedgerEventRow } from '../../db/schema.ts';
import { toPinyinKeys } from '../../platform/pinyin.ts';
import { insertUser, TEST_PASSWORD, type UnitRef } from '../../test/factories.ts';
import { TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';

type Method = 'GET' | 'POST' | 'PATCH';
export type Caller = (method: Method, url: string, payload?: unknown) => Promise<LightMyRequestResponse>;

/** A user holding `role` on `unit` only (e.g. a grassroots-section writer scoped to 黄花镇), logged in. */
export async function addScopedUser(t: TestApp, username: string, role: Role, unit: UnitRef): Promise<Caller> {
  await insertUser(t.db, { username, grants: [{ role, unit }] });
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username, password: TEST_PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'bw_sid');
  if (res.statusCode !== 200 || !cookie) throw new Error(`login as ${username} failed: ${res.statusCode}`);
  return (method, url, payload) =>
    t.app.inject({ method, url, headers: { origin: TEST_ORIGIN, cookie: `bw_sid=${cookie.value}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export async function lastLedgerSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('ledger_event').select(sql<number>`coalesce(max(seq), 0)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function ledgerEventsAfter(db: Db, seq: number): Promise<LedgerEventRow[]> {
  return db.selectFrom('ledger_event').selectAll().where('seq', '>', seq).orderBy('seq').execute();
}

export type PartyOrgRef = { id: string; path: string; name: string };

export async function insertPartyOrg(
  db: Db,
  input: { name: string; type: string; parent: PartyOrgRef | null; unit: UnitRef; foundedAt?: string; dissolvedAt?: string | null; secretaryPersonId?: string | null },
): Promise<PartyOrgRef> {
  const id = uuidv7();
  const path = `${input.parent?.path ?? '/'}${id}/`;
  const py = toPinyinKeys(input.name);
  const at = '2026-11-26T08:00:00.000Z';
  await db
    .insertInto('party_org')
    .values({
      id,
      name: input.name,
      type: input.type,
      parent_id: input.parent?.id ?? null,
      path,
      depth: path.split('/').length - 3,
      host_kind: 'ORG_UNIT',
      host_id: input.unit.id,
      org_unit_id: input.unit.id,
      org_path: input.unit.path,
      secretary_person_id: input.secretaryPersonId ?? null,
      pinyin: py.full,
      pinyin_initials: py.initials,
      founded_at: input.foundedAt ?? '2000-01-01',
      dissolved_at: input.dissolvedAt ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, path, name: input.name };
}
