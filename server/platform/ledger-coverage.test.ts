/**
 * "A service that writes without an event is a bug caught by a test" (issue 3): every state-changing route of the
 * inventory and every read of confidential data is called here with valid input, and each call must add at least
 * one ledger event. A new state-changing route that is not listed below fails the inventory check at the end.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../test/test-app.ts';
import { TEST_DIALECTS } from '../test/test-db.ts';
import { TEST_PASSWORD } from '../test/factories.ts';
import { rosterXlsx, validRows } from '../modules/transfer/testdata/roster-fixtures.ts';
import { generateLedgerKeyFile, verifyLedgerChain } from './ledger/index.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { MODULE_LEDGER_STEPS, type LedgerStep as Step } from '../test/ledger-steps.ts';

function multipart(content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bw${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** In order: later steps use ids that earlier steps created (kept in `ids`). */
const STEPS: Step[] = [
  { route: 'POST /api/auth/login', as: 'ORG_HEAD', run: (t) => t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'orghead', password: TEST_PASSWORD } }) },
  { route: 'POST /api/auth/reauth', as: 'ORG_HEAD', run: (t) => t.post('ORG_HEAD', '/api/auth/reauth', { password: TEST_PASSWORD }) },
  { route: 'PUT /api/auth/locale', as: 'ORG_HEAD', run: (t) => t.put('ORG_HEAD', '/api/auth/locale', { locale: 'en' }) },
  {
    route: 'POST /api/org-units',
    as: 'ORG_HEAD',
    run: async (t, ids) => {
      const res = await t.post('ORG_HEAD', '/api/org-units', { name: '新建村', type: 'VILLAGE', parentId: t.world.units.huanghua.id, validFrom: '2016-01-01' });
      ids.unit = res.json().id;
      return res;
    },
  },
  { route: 'PATCH /api/org-units/:id', as: 'ORG_HEAD', run: (t, ids) => t.patch('ORG_HEAD', `/api/org-units/${ids.unit}`, { name: '新建村二' }) },
  { route: 'POST /api/org-units/:id/move', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/org-units/${ids.unit}/move`, { parentId: t.world.units.jiangbei.id }) },
  { route: 'POST /api/org-units/merge', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', '/api/org-units/merge', { sourceIds: [ids.unit], targetId: t.world.units.jiangbeiVillage.id, effectiveDate: '2016-07-01' }) },
  {
    route: 'POST /api/party-orgs',
    as: 'ORG_HEAD',
    run: async (t, ids) => {
      const root = await t.post('ORG_HEAD', '/api/party-orgs', { name: '黄花镇委员会', type: 'PARTY_COMMITTEE', parentId: ids.partyRoot!, hostKind: 'ORG_UNIT', orgUnitId: t.world.units.huanghua.id, foundedAt: '2000-01-01' });
      ids.party = root.json().id;
      return root;
    },
  },
  { route: 'PATCH /api/party-orgs/:id', as: 'ORG_HEAD', run: (t, ids) => t.patch('ORG_HEAD', `/api/party-orgs/${ids.party}`, { name: '中共黄花镇委员会' }) },
  { route: 'POST /api/party-orgs/:id/move', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/party-orgs/${ids.party}/move`, { parentId: ids.partyRoot2! }) },
  {
    route: 'POST /api/people',
    as: 'ORG_HEAD',
    run: async (t, ids) => {
      const res = await t.post('ORG_HEAD', '/api/people', { name: '新人', gender: 'M', birthDate: '1990-01-01', ethnicityCode: '01', orgUnitId: t.world.units.huanghua.id, isPartyMember: false });
      ids.person = res.json().id;
      return res;
    },
  },
  { route: 'PATCH /api/people/:id', as: 'ORG_HEAD', run: (t, ids) => t.patch('ORG_HEAD', `/api/people/${ids.person}`, { name: '新人甲' }) },
  {
    route: 'POST /api/people/:id/posts',
    as: 'ORG_HEAD',
    run: async (t, ids) => {
      const res = await t.post('ORG_HEAD', `/api/people/${ids.person}/posts`, { orgUnitId: t.world.units.huanghua.id, title: '科员', isLeadership: false, isPrincipal: false, startDate: '2016-01-01' });
      ids.post = res.json().posts[0].id;
      return res;
    },
  },
  { route: 'POST /api/people/:id/posts/:postId/end', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/people/${ids.person}/posts/${ids.post}/end`, { endDate: '2016-12-31' }) },
  { route: 'POST /api/people/:id/kinship', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/people/${ids.person}/kinship`, { relativePersonId: t.world.people.villager.id, relation: 'LINEAL_BLOOD' }) },
  { route: 'POST /api/people/:id/reveal', as: 'ORG_HEAD', run: (t) => t.post('ORG_HEAD', `/api/people/${t.world.people.townSecretary.id}/reveal`, { field: 'idNumber', reason: '核对身份信息' }) },
  { route: 'GET /api/people/:id', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', `/api/people/${t.world.people.townSecretary.id}`) },
  { route: 'GET /api/people/export.xlsx', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', '/api/people/export.xlsx') },
  {
    route: 'POST /api/imports/people',
    as: 'ORG_HEAD',
    run: async (t) => {
      const m = multipart(await rosterXlsx({ rows: validRows(2, { offset: 7000, units: ['黄花镇'] }) }));
      return t.call('ORG_HEAD', 'POST', '/api/imports/people', m.payload, m.headers);
    },
  },
  {
    route: 'POST /api/archive/requests',
    as: 'ORG_CADRE_SECTION',
    run: async (t, ids) => {
      const res = await t.post('ORG_CADRE_SECTION', '/api/archive/requests', { personId: t.world.people.siblingTownPerson.id, purpose: 'INSPECTION', reason: '换届考察需要查阅' });
      ids.request = res.json().id;
      return res;
    },
  },
  { route: 'POST /api/archive/requests/:id/approve', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/archive/requests/${ids.request}/approve`, { validFrom: '2026-11-26', validTo: '2026-12-10', note: '同意' }) },
  { route: 'GET /api/archive/requests/:id/dossier', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/archive/requests/${ids.request}/dossier`) },
  { route: 'POST /api/archive/requests/:id/revoke', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/archive/requests/${ids.request}/revoke`) },
  {
    route: 'POST /api/archive/requests/:id/reject',
    as: 'ORG_HEAD',
    run: async (t) => {
      const second = await t.post('ORG_CADRE_SECTION', '/api/archive/requests', { personId: t.world.people.siblingTownPerson.id, purpose: 'APPOINTMENT', reason: '任免需要查阅档案' });
      return t.post('ORG_HEAD', `/api/archive/requests/${second.json().id}/reject`, { note: '理由不足' });
    },
  },
  { route: 'GET /api/audit/events', as: 'AUDITOR', run: (t) => t.get('AUDITOR', '/api/audit/events') },
  { route: 'GET /api/audit/events/export.xlsx', as: 'AUDITOR', run: (t) => t.get('AUDITOR', '/api/audit/events/export.xlsx?action=person') },
  { route: 'POST /api/audit/verify', as: 'AUDITOR', run: (t) => t.post('AUDITOR', '/api/audit/verify') },
  {
    route: 'POST /api/users',
    as: 'SYS_ADMIN',
    run: async (t, ids) => {
      const res = await t.post('SYS_ADMIN', '/api/users', { username: 'ledger.check', displayName: '核对', password: 'copper-lantern-meadow-31' });
      ids.user = res.json().id;
      return res;
    },
  },
  {
    route: 'POST /api/users/:id/grants',
    as: 'SYS_ADMIN',
    run: async (t, ids) => {
      const res = await t.post('SYS_ADMIN', `/api/users/${ids.user}/grants`, { role: 'AUDITOR', orgUnitId: t.world.units.county.id, validFrom: '2016-01-01' });
      ids.grant = res.json().grants[0].id;
      return res;
    },
  },
  { route: 'GET /api/users/export.xlsx', as: 'SYS_ADMIN', run: (t) => t.get('SYS_ADMIN', '/api/users/export.xlsx') },
  { route: 'POST /api/users/:id/grants/:grantId/revoke', as: 'SYS_ADMIN', run: (t, ids) => t.post('SYS_ADMIN', `/api/users/${ids.user}/grants/${ids.grant}/revoke`) },
  { route: 'POST /api/users/:id/sessions/revoke', as: 'SYS_ADMIN', run: (t, ids) => t.post('SYS_ADMIN', `/api/users/${ids.user}/sessions/revoke`) },
  { route: 'POST /api/users/:id/disabled', as: 'SYS_ADMIN', run: (t, ids) => t.post('SYS_ADMIN', `/api/users/${ids.user}/disabled`, { disabled: true }) },
  {
    route: 'POST /api/auth/password',
    as: 'ORG_GRASSROOTS_SECTION',
    run: (t) => t.post('ORG_GRASSROOTS_SECTION', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'harbour-violet-lantern-58' }),
  },
  { route: 'POST /api/auth/logout', as: 'ORG_GRASSROOTS_SECTION', run: (t) => t.post('ORG_GRASSROOTS_SECTION', '/api/auth/logout') },
];

describe.each(TEST_DIALECTS)('ledger coverage on %s', (dialect) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bw-cov-')), 'ledger.pem');
    generateLedgerKeyFile(keyFile);
    t = await createTestApp(dialect, { config: { ledgerKeyFile: keyFile } });
    await t.db
      .insertInto('code_item')
      .values([
        { catalog: 'ETHNICITY', code: '01', name_zh: '汉族', name_en: 'Han', sort_order: 1, active: 1 },
        { catalog: 'EDUCATION', code: '21', name_zh: '大学本科毕业', name_en: "Bachelor's", sort_order: 1, active: 1 },
      ])
      .execute();
    // Two county-level Party organisations to create under and move between.
    for (const [key, name] of [['partyRoot', '中共长沙县委员会'], ['partyRoot2', '中共长沙县直属机关工作委员会']] as const) {
      ids[key] = `01900000-0000-7000-8000-00000000000${key === 'partyRoot' ? 1 : 2}`;
      const path = `/${ids[key]}/`;
      await t.db
        .insertInto('party_org')
        .values({ id: ids[key], name, type: key === 'partyRoot' ? 'PARTY_COMMITTEE' : 'WORKING_COMMITTEE', parent_id: null, path, depth: 0, host_kind: 'ORG_UNIT', host_id: null, org_unit_id: t.world.units.county.id, org_path: t.world.units.county.path, secretary_person_id: null, pinyin: 'x', pinyin_initials: 'x', founded_at: '1990-01-01', dissolved_at: null, created_at: '2016-01-01T00:00:00.000Z', updated_at: '2016-01-01T00:00:00.000Z' })
        .execute();
    }
    for (const role of ['ORG_HEAD', 'ORG_CADRE_SECTION', 'AUDITOR', 'SYS_ADMIN', 'ORG_GRASSROOTS_SECTION'] as const) await t.login(role);
    for (const m of MODULE_LEDGER_STEPS) await m.setup?.(t, ids);
  });
  afterAll(async () => {
    await t?.close();
  });

  const size = async () => Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  it('every state-changing route and every confidential read appends to the ledger', async () => {
    const missing: string[] = [];
    for (const step of [...STEPS, ...MODULE_LEDGER_STEPS.flatMap((m) => m.steps)]) {
      const before = await size();
      const res = await step.run(t, ids);
      const after = await size();
      if (res.statusCode >= 300) missing.push(`${step.route}: HTTP ${res.statusCode} ${res.body.slice(0, 160)}`);
      else if (after <= before) missing.push(`${step.route}: no ledger event`);
    }
    expect(missing).toEqual([]);
    expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
  });

  it('covers every state-changing route in the inventory', () => {
    const covered = new Set([...STEPS, ...MODULE_LEDGER_STEPS.flatMap((m) => m.steps)].map((s) => s.route));
    // Exemptions are reviewed: each names why the route must not (or cannot) write an event.
    for (const m of MODULE_LEDGER_STEPS) for (const e of m.exempt ?? []) {
      expect(e.why.length, e.route).toBeGreaterThan(20);
      covered.add(e.route);
    }
    const writes = t.app.routeInventory.filter((r) => r.method !== 'GET' && (r.url.startsWith('/api/') || r.url.startsWith('/open311/'))).map((r) => `${r.method} ${r.url}`);
    expect(writes.filter((w) => !covered.has(w))).toEqual([]);
  });
});
