/**
 * Scope probes of M2 (server/test/scope-probes.ts): a matter (and a routed report) in the village or town just outside
 * each role's scope answers 404 to a role with the route's permission and 403 to one without.
 */
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';
import { submitMatter } from './o2o.service.ts';

export const o2oScopeProbes: ModuleScopeProbes = {
  module: 'o2o',
  setup: async (t, fixtures) => {
    const { units } = t.world;
    for (const unit of [units.xintang, units.jiangbeiVillage, units.otherTown]) {
      const m = await submitMatter(t.deps, { channel: 'WECHAT_GROUP', category: 'HELP', description: '范围测试：道路破损', locationOrgUnitId: unit.id, anonymous: false, requesterName: '范围', by: { kind: 'citizen' } });
      fixtures[`o2o.matter.${unit.id}`] = m.id;
      const r = await submitMatter(t.deps, { channel: 'H5_FORM', category: 'REPORT', namesCadre: true, description: '范围测试：反映干部问题', locationOrgUnitId: unit.id, anonymous: true, by: { kind: 'citizen' } });
      fixtures[`o2o.routed.${unit.id}`] = r.id;
    }
  },
  probes: (t, outside, fixtures) => {
    const m = (role: Parameters<typeof outside>[0]) => `/api/o2o/matters/${fixtures[`o2o.matter.${outside(role).village.id}`]!}`;
    return [
      { name: 'GET /api/o2o/matters/:id', permission: 'o2o.read', send: (r) => t.get(r, m(r)) },
      { name: 'POST /api/o2o/matters/:id/transitions accept', permission: 'o2o.accept', send: (r) => t.post(r, `${m(r)}/transitions`, { action: 'accept' }) },
      { name: 'POST /api/o2o/matters/:id/transitions reject', permission: 'o2o.accept', send: (r) => t.post(r, `${m(r)}/transitions`, { action: 'reject', reason: '不属于受理范围' }) },
      { name: 'POST /api/o2o/matters/:id/requester', permission: 'o2o.read', send: (r) => t.post(r, `${m(r)}/requester`) },
      { name: 'GET /api/o2o/matters/:id/photos/:photoId', permission: 'o2o.read', send: (r) => t.get(r, `${m(r)}/photos/01900000-0000-7000-8000-000000000000`) },
      {
        // the bulk route answers 200 with a per-item result; the item's code is what the matrix checks
        name: 'POST /api/o2o/matters/bulk accept (per-item result)',
        permission: 'o2o.accept',
        send: async (r) => {
          const res = await t.post(r, '/api/o2o/matters/bulk', { ids: [fixtures[`o2o.matter.${outside(r).village.id}`]!], transition: { action: 'accept' } });
          if (res.statusCode !== 200) return res;
          const item = res.json<{ failed: { code: string }[] }>().failed[0];
          return { statusCode: item?.code === 'NOT_FOUND' ? 404 : item?.code === 'FORBIDDEN' ? 403 : 200, body: res.body };
        },
      },
      { name: 'GET /api/o2o/routed/:id', permission: 'petition.write', send: (r) => t.get(r, `/api/o2o/routed/${fixtures[`o2o.routed.${outside(r).village.id}`]!}`) },
      { name: 'POST /api/o2o/routed/:id/petition', permission: 'petition.write', send: (r) => t.post(r, `/api/o2o/routed/${fixtures[`o2o.routed.${outside(r).village.id}`]!}/petition`) },
    ];
  },
};
