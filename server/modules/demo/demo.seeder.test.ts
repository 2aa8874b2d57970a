/**
 * Seeds the demo county into a freshly migrated database, on SQLite and (when PG_URL is set, or always in CI)
 * on PostgreSQL in a throw-away schema (server/test/test-db.ts).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../../contracts/enums.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { checkPasswordPolicy, verifyPassword } from '../../platform/password.ts';
import { openDemoDatabase, type DemoDatabase } from '../../test/demo-fixture.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { CODE_ITEMS } from './catalogs.ts';
import divisions from './data/changsha-county-divisions.json' with { type: 'json' };
import { generateDemoCounty } from './demo-county.generator.ts';
import { type SeedResult } from './demo.seeder.ts';

const SEED = 20161031;
const expected = generateDemoCounty(SEED);
const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(TEST_DIALECTS)('seedDemoCounty on %s', (dialect) => {
  let t: DemoDatabase;
  let result: SeedResult;
  let cipher: FieldCipher;

  beforeAll(async () => {
    t = await openDemoDatabase(dialect);
    result = t.seeded;
    cipher = t.cipher;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const count = async (table: 'org_unit' | 'party_org' | 'person' | 'cadre' | 'post' | 'kinship' | 'front_line' | 'code_item' | 'app_user' | 'role_grant'): Promise<number> =>
    Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  it('inserts every generated row and reports the counts', async () => {
    const posts = expected.people.reduce((s, p) => s + p.posts.length, 0);
    const frontLine = expected.people.reduce((s, p) => s + p.frontLine.length, 0);
    const cadres = expected.people.filter((p) => p.cadre !== null).length;
    // Domain modules add their own (module-prefixed) counts after these.
    expect(result.counts).toMatchObject({
      orgUnits: expected.orgUnits.length, partyOrgs: expected.partyOrgs.length, people: expected.people.length, cadres, posts,
      frontLine, kinship: expected.kinship.length, codeItems: CODE_ITEMS.length, users: ROLES.length, roleGrants: ROLES.length,
    });
    expect(await count('org_unit')).toBe(expected.orgUnits.length);
    expect(await count('party_org')).toBe(expected.partyOrgs.length);
    expect(await count('person')).toBe(expected.people.length);
    expect(await count('cadre')).toBe(cadres);
    expect(await count('post')).toBe(posts);
    expect(await count('kinship')).toBe(expected.kinship.length);
    expect(await count('front_line')).toBe(frontLine);
    expect(await count('code_item')).toBe(CODE_ITEMS.length);
    expect(await count('app_user')).toBe(ROLES.length);
    expect(await count('role_grant')).toBe(ROLES.length);
  });

  it('stores no plaintext ID number or phone, only envelopes, masks and blind indexes', async () => {
    const rows = await t.db.selectFrom('person').selectAll().execute();
    const secrets = new Set(expected.people.flatMap((p) => (p.phone ? [p.idNumber, p.phone] : [p.idNumber])));
    for (const row of rows) {
      for (const value of Object.values(row)) {
        if (typeof value !== 'string') continue;
        // every 11- and 18-character window of every digit run (hashes and envelopes contain digit runs too)
        for (const run of value.match(/[\dX]{11,}/g) ?? []) {
          for (const len of [11, 18]) for (let i = 0; i + len <= run.length; i++) expect(secrets.has(run.slice(i, i + len))).toBe(false);
        }
      }
      expect(row.id_number_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const sample = expected.people[123]!;
    const row = await t.db.selectFrom('person').selectAll().where('id_number_bidx', '=', cipher.blindIndex('id_number', sample.idNumber)).executeTakeFirstOrThrow();
    expect(row.name).toBe(sample.name);
    expect(cipher.decrypt(row.id_number_enc!)).toBe(sample.idNumber);
    expect(row.phone_enc === null ? null : cipher.decrypt(row.phone_enc)).toBe(sample.phone);
  });

  it('materialises paths for both trees and the scope paths of people and posts', async () => {
    const units = await t.db.selectFrom('org_unit').select(['id', 'parent_id', 'path', 'depth']).execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      const parent = u.parent_id === null ? null : byId.get(u.parent_id)!;
      expect(u.path).toBe(`${parent ? parent.path : '/'}${u.id}/`);
      expect(u.depth).toBe(parent ? parent.depth + 1 : 0);
    }
    const parties = await t.db.selectFrom('party_org as o').innerJoin('org_unit as u', 'u.id', 'o.org_unit_id').select(['o.id', 'o.parent_id', 'o.path', 'o.depth', 'o.org_path', 'u.path as unit_path']).execute();
    const partyById = new Map(parties.map((o) => [o.id, o]));
    for (const o of parties) {
      const parent = o.parent_id === null ? null : partyById.get(o.parent_id)!;
      expect(o.path).toBe(`${parent ? parent.path : '/'}${o.id}/`);
      expect(o.depth).toBe(parent ? parent.depth + 1 : 0);
      expect(o.org_path).toBe(o.unit_path);
    }
    const people = await t.db.selectFrom('person as p').innerJoin('org_unit as u', 'u.id', 'p.org_unit_id').select(['p.org_path', 'u.path']).execute();
    for (const p of people) expect(p.org_path.startsWith(p.path)).toBe(true);
    const posts = await t.db.selectFrom('post as p').innerJoin('org_unit as u', 'u.id', 'p.org_unit_id').select(['p.org_path', 'u.path']).execute();
    for (const p of posts) expect(p.org_path).toBe(p.path);
  });

  it('answers a subtree range query for 黄花镇 with its villages and communities', async () => {
    const town = await t.db.selectFrom('org_unit').select(['id', 'path']).where('code', '=', '430121105').executeTakeFirstOrThrow();
    const upper = `${town.path.slice(0, -1)}0`;
    const subtree = await t.db.selectFrom('org_unit').select(['name', 'type', 'valid_to', 'merged_into_id']).where('path', '>=', town.path).where('path', '<', upper).execute();
    const current = subtree.filter((u) => (u.type === 'VILLAGE' || u.type === 'COMMUNITY') && u.valid_to === null).map((u) => u.name).sort();
    const fromJson = divisions.villages.filter((v) => v.town === '430121105').map((v) => v.name).sort();
    expect(current).toEqual(fromJson);
    expect(subtree.filter((u) => u.merged_into_id !== null).length).toBeGreaterThan(0);
    expect(subtree.every((u) => u.type !== 'TOWN' || u.name === '黄花镇')).toBe(true);
    const people = await t.db.selectFrom('person').select(sql<number>`count(*)`.as('n')).where('org_path', '>=', town.path).where('org_path', '<', upper).executeTakeFirstOrThrow();
    const townUnits = new Set(expected.orgUnits.filter((u) => u.key === 'ou:430121105' || u.parentKey === 'ou:430121105' || expected.orgUnits.find((p) => p.key === u.parentKey)?.parentKey === 'ou:430121105').map((u) => u.key));
    expect(Number(people.n)).toBe(expected.people.filter((p) => townUnits.has(p.orgUnitKey)).length);
  });

  it('creates one account per role with strong hashed passwords and scoped grants', async () => {
    expect(result.accounts.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    const users = await t.db.selectFrom('app_user').selectAll().execute();
    const grants = await t.db.selectFrom('role_grant').selectAll().execute();
    for (const a of result.accounts) {
      expect(checkPasswordPolicy(a.password)).toBeNull();
      const user = users.find((u) => u.username === a.username)!;
      expect(user).toMatchObject({ display_name: a.displayName, locale: 'zh-CN', failed_login_count: 0, is_disabled: 0, password_changed_at: NOW.toISOString() });
      expect(user.password_hash).not.toContain(a.password);
      const grant = grants.find((g) => g.user_id === user.id)!;
      expect(grant).toMatchObject({ role: a.role, valid_from: '2016-01-01', valid_to: null });
    }
    const admin = result.accounts.find((a) => a.role === 'SYS_ADMIN')!;
    const adminRow = users.find((u) => u.username === admin.username)!;
    expect(await verifyPassword(adminRow.password_hash, admin.password)).toBe(true);
    expect(adminRow.person_id).toBeNull();
    const jiangbei = await t.db.selectFrom('org_unit').select('id').where('code', '=', '430121104').executeTakeFirstOrThrow();
    const orgMember = users.find((u) => u.username === 'town.orgmember')!;
    expect(grants.find((g) => g.user_id === orgMember.id)!.org_unit_id).toBe(jiangbei.id);
    const townSecretary = users.find((u) => u.username === 'town.secretary')!;
    expect(grants.find((g) => g.user_id === townSecretary.id)!.org_unit_id).toBeNull();
    const posts = await t.db.selectFrom('post').select(['title', 'org_unit_id']).where('person_id', '=', townSecretary.person_id!).where('end_date', 'is', null).execute();
    const huanghua = await t.db.selectFrom('org_unit').select('id').where('code', '=', '430121105').executeTakeFirstOrThrow();
    expect(posts).toContainEqual({ title: '党委书记', org_unit_id: huanghua.id });
  });
});
