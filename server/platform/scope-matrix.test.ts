/**
 * The scope matrix (SECURITY.md item 14, case 21): every role × every id-taking endpoint × an object just outside
 * the role's scope answers 404 when the role has the permission (no existence oracle) and 403 when it has not.
 * Lists and searches never return the object. County-wide roles are tested against a second county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../contracts/enums.ts';
import type { Permission } from '../../contracts/permissions.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { TEST_DIALECTS } from '../test/test-db.ts';
import { roleHasPermission } from './policy.ts';
import { MODULE_SCOPE_PROBES, type ScopeOutside } from '../test/scope-probes.ts';

describe.each(TEST_DIALECTS)('scope matrix on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const m of MODULE_SCOPE_PROBES) await m.setup?.(t, fixtures);
  });
  /** Shared between module setups and probes (module-prefixed keys). */
  const fixtures: Record<string, string> = {};
  afterAll(async () => {
    await t?.close();
  });

  /** An outside person and unit for each role, and an inside unit to use as a legitimate argument. */
  function outside(role: Role): ScopeOutside {
    const { units, people } = t.world;
    switch (role) {
      case 'TOWN_SECRETARY':
      case 'TOWN_ORG_MEMBER':
      case 'CADRE_SELF':
      case 'TOWN_DISCIPLINE_SECRETARY':
      case 'O2O_DISPATCHER':
      case 'HANDLER':
        return { person: people.siblingTownPerson, unit: units.jiangbei, village: units.jiangbeiVillage, inside: units.huanghua };
      case 'COUNTY_DEPT_LEADER':
      case 'UNIT_DISCIPLINE_SECRETARY':
        return { person: people.siblingTownPerson, unit: units.jiangbei, village: units.jiangbeiVillage, inside: units.orgDept };
      case 'VILLAGE_SECRETARY':
      case 'VILLAGE_CADRE':
      case 'SERVICE_TEAM_MEMBER':
        return { person: people.villager, unit: units.xintang, village: units.xintang, inside: units.huanghuaVillage };
      default:
        return { person: people.otherCountyPerson, unit: units.otherTown, village: units.otherTown, inside: units.huanghua };
    }
  }

  type Probe = { name: string; permission: Permission; send: (role: Role) => Promise<{ statusCode: number; body: string }> };

  const probes: Probe[] = [
    { name: 'GET /api/people/:id', permission: 'people.read', send: (r) => t.get(r, `/api/people/${outside(r).person.id}`) },
    { name: 'GET /api/people?orgUnitId', permission: 'people.read', send: (r) => t.get(r, `/api/people?orgUnitId=${outside(r).unit.id}`) },
    { name: 'PATCH /api/people/:id', permission: 'people.write', send: (r) => t.patch(r, `/api/people/${outside(r).person.id}`, { name: '改名' }) },
    {
      name: 'POST /api/people/:id/posts',
      permission: 'people.write',
      send: (r) => t.post(r, `/api/people/${outside(r).person.id}/posts`, { orgUnitId: outside(r).inside.id, title: '职务', isLeadership: false, isPrincipal: false, startDate: '2016-01-01' }),
    },
    {
      name: 'POST /api/people (unit outside)',
      permission: 'people.write',
      send: (r) => t.post(r, '/api/people', { name: '新人', gender: 'M', birthDate: '1990-01-01', ethnicityCode: '01', orgUnitId: outside(r).unit.id, isPartyMember: false }),
    },
    { name: 'POST /api/people/:id/kinship', permission: 'people.write', send: (r) => t.post(r, `/api/people/${outside(r).person.id}/kinship`, { relativePersonId: t.world.people.townSecretary.id, relation: 'SPOUSE' }) },
    { name: 'POST /api/people/:id/reveal', permission: 'people.reveal', send: (r) => t.post(r, `/api/people/${outside(r).person.id}/reveal`, { field: 'idNumber', reason: '核对身份信息' }) },
    { name: 'GET /api/org-units/:id', permission: 'org.read', send: (r) => t.get(r, `/api/org-units/${outside(r).unit.id}`) },
    { name: 'GET /api/org-units?parentId', permission: 'org.read', send: (r) => t.get(r, `/api/org-units?parentId=${outside(r).unit.id}`) },
    { name: 'PATCH /api/org-units/:id', permission: 'org.write', send: (r) => t.patch(r, `/api/org-units/${outside(r).village.id}`, { name: '改名' }) },
    { name: 'POST /api/org-units/:id/move', permission: 'org.write', send: (r) => t.post(r, `/api/org-units/${outside(r).village.id}/move`, { parentId: outside(r).inside.id }) },
    {
      name: 'POST /api/org-units (parent outside)',
      permission: 'org.write',
      send: (r) => t.post(r, '/api/org-units', { name: '新村', type: 'VILLAGE', parentId: outside(r).unit.id, validFrom: '2016-01-01' }),
    },
  ];

  for (const role of ROLES) {
    it(`${role}: every id-taking endpoint answers 404 (or 403 without the permission) for an object outside the scope`, async () => {
      const results: string[] = [];
      for (const probe of [...probes, ...MODULE_SCOPE_PROBES.flatMap((m) => m.probes(t, outside, fixtures))]) {
        const res = await probe.send(role);
        const expected = roleHasPermission(role, probe.permission) ? 404 : 403;
        if (res.statusCode !== expected) results.push(`${probe.name}: ${res.statusCode} (expected ${expected}) ${res.body.slice(0, 120)}`);
      }
      expect(results).toEqual([]);
    });
  }

  for (const role of ROLES.filter((r) => roleHasPermission(r, 'people.read'))) {
    it(`${role}: lists and searches never contain the outside person`, async () => {
      const o = outside(role);
      const all = (await t.get(role, '/api/people?pageSize=200')).json();
      expect(all.items.map((p: { id: string }) => p.id)).not.toContain(o.person.id);
      const search = (await t.get(role, `/api/people?q=${encodeURIComponent(o.person.name)}`)).json();
      expect(search.total).toBe(0);
    });
  }

  for (const role of ROLES.filter((r) => roleHasPermission(r, 'org.read'))) {
    it(`${role}: org search never returns the outside unit`, async () => {
      const o = outside(role);
      const res = await t.get(role, `/api/org-units?q=${encodeURIComponent(o.unit.name)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((u: { id: string }) => u.id)).not.toContain(o.unit.id);
    });
  }
});
