/**
 * Scope probes of the service groups (server/test/scope-probes.ts): a group in the village or town just outside each
 * role's scope answers 404 to a role with the route's permission and 403 to one without, for reads and writes alike.
 */
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';
import { insertGroup, insertMembership } from './groups.test-fixtures.ts';

export const groupsScopeProbes: ModuleScopeProbes = {
  module: 'groups',
  setup: async (t, fixtures) => {
    const { units, people } = t.world;
    for (const [unit, level] of [[units.xintang, 'VILLAGE'], [units.jiangbeiVillage, 'VILLAGE'], [units.otherTown, 'TOWN']] as const) {
      const id = await insertGroup(t.db, unit, { level });
      fixtures[`groups.group.${unit.id}`] = id;
      fixtures[`groups.member.${unit.id}`] = await insertMembership(t.db, t.cipher, id, `wxid_probe_${unit.id.slice(-6)}`);
    }
    fixtures['groups.person'] = people.villageSecretary.id;
  },
  probes: (t, outside, fixtures) => {
    const g = (role: Parameters<typeof outside>[0]) => `/api/groups/${fixtures[`groups.group.${outside(role).village.id}`]!}`;
    const m = (role: Parameters<typeof outside>[0]) => fixtures[`groups.member.${outside(role).village.id}`]!;
    return [
      { name: 'GET /api/groups/:id', permission: 'o2o.read', send: (r) => t.get(r, g(r)) },
      { name: 'GET /api/groups/:id/members', permission: 'o2o.read', send: (r) => t.get(r, `${g(r)}/members`) },
      { name: 'GET /api/groups?orgUnitId', permission: 'o2o.read', send: (r) => t.get(r, `/api/groups?orgUnitId=${outside(r).village.id}`) },
      { name: 'GET /api/groups/coverage?orgUnitId', permission: 'o2o.read', send: (r) => t.get(r, `/api/groups/coverage?orgUnitId=${outside(r).village.id}`) },
      { name: 'POST /api/groups/:id/archive', permission: 'o2o.groups', send: (r) => t.post(r, `${g(r)}/archive`) },
      { name: 'PUT /api/groups/:id/staff', permission: 'o2o.groups', send: (r) => t.put(r, `${g(r)}/staff`, { ownerPersonId: fixtures['groups.person'], adminPersonIds: [] }) },
      { name: 'POST /api/groups/:id/members', permission: 'o2o.groups', send: (r) => t.post(r, `${g(r)}/members`, { wechatId: 'wxid_probe_new', isPartyMember: false }) },
      { name: 'POST /api/groups/:id/members/:memberId/remove', permission: 'o2o.groups', send: (r) => t.post(r, `${g(r)}/members/${m(r)}/remove`) },
      { name: 'POST /api/groups (unit outside)', permission: 'o2o.groups', send: (r) => t.post(r, '/api/groups', { level: 'VILLAGE', orgUnitId: outside(r).village.id, name: '范围测试群', ownerPersonId: fixtures['groups.person'] }) },
    ];
  },
};
