/**
 * Scope probes of M3 (server/test/scope-probes.ts): a team, an assisted household, a visit and a photo outside each
 * role's scope (新塘村 for village roles, 江背村 for 黄花镇 roles, a village of 望城区 for county roles) must answer
 * 404 to a role with the route's permission and 403 to one without. SERVICE_TEAM_MEMBER of the shared world has no
 * person and so no team: everything is outside.
 */
import { insertOrgUnit } from '../../test/factories.ts';
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';
import { TINY_PNG, insertTeamWithHousehold, photoMultipart } from './poverty.test-fixtures.ts';

export const POVERTY_SCOPE_PROBES: ModuleScopeProbes = {
  module: 'poverty',
  setup: async (t, fixtures) => {
    const { units } = t.world;
    const otherVillage = await insertOrgUnit(t.db, { name: '望城村', type: 'VILLAGE', parent: units.otherTown });
    for (const [key, village, label] of [[units.xintang.id, units.xintang, '新塘'], [units.jiangbeiVillage.id, units.jiangbeiVillage, '江背'], [units.otherTown.id, otherVillage, '望城']] as const) {
      const f = await insertTeamWithHousehold(t.db, t.cipher, village, label);
      fixtures[`poverty.team.${key}`] = f.teamId;
      fixtures[`poverty.household.${key}`] = f.householdId;
      fixtures[`poverty.visit.${key}`] = f.visitId;
      fixtures[`poverty.photo.${key}`] = f.photoId;
      fixtures[`poverty.member.${key}`] = f.memberIds[1]!;
      fixtures[`poverty.person.${key}`] = f.personIds[0]!;
    }
  },
  probes: (t, outside, fixtures) => {
    const f = (kind: string, role: Parameters<typeof outside>[0]) => fixtures[`poverty.${kind}.${outside(role).village.id}`]!;
    const hh = (role: Parameters<typeof outside>[0]) => `/api/poverty/households/${f('household', role)}`;
    const team = (role: Parameters<typeof outside>[0]) => `/api/poverty/teams/${f('team', role)}`;
    return [
      { name: 'GET /api/poverty/households/:id', permission: 'poverty.read', send: (r) => t.get(r, hh(r)) },
      { name: 'GET /api/poverty/households?orgUnitId', permission: 'poverty.read', send: (r) => t.get(r, `/api/poverty/households?orgUnitId=${outside(r).village.id}`) },
      { name: 'GET /api/poverty/report?orgUnitId', permission: 'poverty.read', send: (r) => t.get(r, `/api/poverty/report?orgUnitId=${outside(r).village.id}`) },
      { name: 'POST /api/poverty/households/:id/transitions/proposeExit', permission: 'poverty.read', send: (r) => t.post(r, `${hh(r)}/transitions/proposeExit`, {}) },
      { name: 'POST /api/poverty/households/:id/transitions/assign', permission: 'poverty.read', send: (r) => t.post(r, `${hh(r)}/transitions/assign`, { teamId: f('team', r) }) },
      { name: 'PUT /api/poverty/households/:id/plans/:year', permission: 'poverty.read', send: (r) => t.put(r, `${hh(r)}/plans/2026`, { measures: [] }) },
      { name: 'POST /api/poverty/households/:id/visits', permission: 'poverty.visit', send: (r) => t.post(r, `${hh(r)}/visits`, { visitedOn: '2026-11-20', memberIds: [f('person', r)], needs: '需求', actionsTaken: '措施' }) },
      { name: 'POST /api/poverty/households/:id/objections', permission: 'poverty.write', send: (r) => t.post(r, `${hh(r)}/objections`, { receivedOn: '2026-11-26', content: '村民反映情况' }) },
      {
        name: 'POST /api/poverty/visits/:id/photos',
        permission: 'poverty.visit',
        send: (r) => {
          const m = photoMultipart(TINY_PNG);
          return t.call(r, 'POST', `/api/poverty/visits/${f('visit', r)}/photos`, m.payload, m.headers);
        },
      },
      { name: 'GET /api/poverty/photos/:id', permission: 'poverty.read', send: (r) => t.get(r, `/api/poverty/photos/${f('photo', r)}`) },
      { name: 'GET /api/poverty/teams/:id', permission: 'poverty.read', send: (r) => t.get(r, team(r)) },
      { name: 'POST /api/poverty/teams/:id/members', permission: 'poverty.write', send: (r) => t.post(r, `${team(r)}/members`, { personId: f('person', r), slot: 'FLEX', memberType: 'VOLUNTEER' }) },
      { name: 'POST /api/poverty/teams/:id/members/:memberId/end', permission: 'poverty.write', send: (r) => t.post(r, `${team(r)}/members/${f('member', r)}/end`, {}) },
      { name: 'POST /api/poverty/teams/:id/activate', permission: 'poverty.write', send: (r) => t.post(r, `${team(r)}/activate`) },
      { name: 'POST /api/poverty/teams/:id/dissolve', permission: 'poverty.write', send: (r) => t.post(r, `${team(r)}/dissolve`) },
      { name: 'GET /api/poverty/reminders?orgUnitId', permission: 'poverty.read', send: (r) => t.get(r, `/api/poverty/reminders?orgUnitId=${outside(r).village.id}`) },
    ];
  },
};
