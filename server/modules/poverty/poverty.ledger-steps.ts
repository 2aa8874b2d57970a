/**
 * Ledger coverage of M3 (server/test/ledger-steps.ts): every state-changing route and every confidential read
 * (a household file, a photo, an export) must append at least one ledger event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_PASSWORD, insertPerson, insertUser } from '../../test/factories.ts';
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import { TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TINY_PNG, photoMultipart } from './poverty.test-fixtures.ts';

let grassrootsCookie = '';
/** The shared world's grassroots account changes its password and logs out in the core steps: use our own. */
async function asGrassroots(t: TestApp): Promise<string> {
  if (grassrootsCookie) return grassrootsCookie;
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'pov.grassroots', password: TEST_PASSWORD } });
  grassrootsCookie = `bw_sid=${res.cookies.find((c) => c.name === 'bw_sid')!.value}`;
  return grassrootsCookie;
}

type Json = { team: { id: string }; members: { id: string; slot: string }[]; household: { id: string }; id: string; photos?: { id: string }[]; objections?: { id: string }[] };
const json = (res: { json: () => unknown }) => res.json() as Json;

const team = (ids: Record<string, string>) => `/api/poverty/teams/${ids['poverty.team']}`;
const household = (ids: Record<string, string>) => `/api/poverty/households/${ids['poverty.household']}`;

export const POVERTY_LEDGER_STEPS: ModuleLedgerSteps = {
  module: 'poverty',
  setup: async (t, ids) => {
    grassrootsCookie = '';
    // photos go to <data dir>/poverty-photos: keep them out of the working tree
    t.deps.config.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-pov-ledger-'));
    await insertUser(t.db, { username: 'pov.grassroots', grants: [{ role: 'ORG_GRASSROOTS_SECTION', unit: t.world.units.county }] });
    const { units } = t.world;
    ids['poverty.head'] = (await insertPerson(t.db, t.cipher, { name: '台账户主', unit: units.huanghuaVillage })).id;
    for (const k of ['core1', 'core2', 'core3', 'flex']) ids[`poverty.${k}`] = (await insertPerson(t.db, t.cipher, { name: `台账${k}`, unit: units.huanghua })).id;
  },
  steps: [
    {
      route: 'PUT /api/poverty/settings',
      as: 'ORG_GRASSROOTS_SECTION',
      run: async (t) => t.app.inject({ method: 'PUT', url: '/api/poverty/settings', headers: { origin: TEST_ORIGIN, cookie: await asGrassroots(t) }, payload: { noticeDays: 7, visitEveryMonths: 1 } }),
    },
    {
      route: 'POST /api/poverty/teams',
      as: 'TOWN_ORG_MEMBER',
      run: async (t, ids) => {
        const res = await t.post('TOWN_ORG_MEMBER', '/api/poverty/teams', { name: '黄花村帮扶团队', villageOrgUnitId: t.world.units.huanghuaVillage.id, formedAt: '2026-11-01' });
        ids['poverty.team'] = json(res).team.id;
        return res;
      },
    },
    {
      route: 'POST /api/poverty/teams/:id/members',
      as: 'TOWN_ORG_MEMBER',
      run: async (t, ids) => {
        await t.post('TOWN_ORG_MEMBER', `${team(ids)}/members`, { personId: t.world.people.villageSecretary.id, slot: 'LEADER', memberType: 'VILLAGE_CADRE', from: '2026-11-01' });
        for (const k of ['core1', 'core2', 'core3']) await t.post('TOWN_ORG_MEMBER', `${team(ids)}/members`, { personId: ids[`poverty.${k}`], slot: 'CORE', memberType: 'TOWN_CADRE', from: '2026-11-01' });
        const res = await t.post('TOWN_ORG_MEMBER', `${team(ids)}/members`, { personId: ids['poverty.flex'], slot: 'FLEX', memberType: 'VOLUNTEER', from: '2026-11-01' });
        ids['poverty.flexMember'] = json(res).members.find((m) => m.slot === 'FLEX')!.id;
        return res;
      },
    },
    { route: 'POST /api/poverty/teams/:id/activate', as: 'TOWN_ORG_MEMBER', run: (t, ids) => t.post('TOWN_ORG_MEMBER', `${team(ids)}/activate`) },
    { route: 'POST /api/poverty/teams/:id/members/:memberId/end', as: 'TOWN_ORG_MEMBER', run: (t, ids) => t.post('TOWN_ORG_MEMBER', `${team(ids)}/members/${ids['poverty.flexMember']}/end`, {}) },
    {
      route: 'POST /api/poverty/teams/:id/dissolve',
      as: 'TOWN_ORG_MEMBER',
      run: async (t) => {
        const draft = await t.post('TOWN_ORG_MEMBER', '/api/poverty/teams', { name: '待解散团队', villageOrgUnitId: t.world.units.xintang.id, formedAt: '2026-11-01' });
        return t.post('TOWN_ORG_MEMBER', `/api/poverty/teams/${json(draft).team.id}/dissolve`);
      },
    },
    {
      route: 'POST /api/poverty/households',
      as: 'VILLAGE_CADRE',
      run: async (t, ids) => {
        const res = await t.post('VILLAGE_CADRE', '/api/poverty/households', { headPersonId: ids['poverty.head'], villageOrgUnitId: t.world.units.huanghuaVillage.id, memberCount: 2, causes: ['ILLNESS'], identifiedYear: 2026, reviewNote: '村民代表会议评议通过' });
        ids['poverty.household'] = json(res).household.id;
        return res;
      },
    },
    { route: 'POST /api/poverty/households/:id/transitions/:transition', as: 'TOWN_SECRETARY', run: (t, ids) => t.post('TOWN_SECRETARY', `${household(ids)}/transitions/assign`, { teamId: ids['poverty.team'] }) },
    { route: 'GET /api/poverty/households/:id', as: 'VILLAGE_CADRE', run: (t, ids) => t.get('VILLAGE_CADRE', household(ids)) },
    { route: 'PUT /api/poverty/households/:id/plans/:year', as: 'VILLAGE_SECRETARY', run: (t, ids) => t.put('VILLAGE_SECRETARY', `${household(ids)}/plans/2026`, { measures: [{ type: 'HEALTH', description: '家庭医生签约' }] }) },
    {
      route: 'POST /api/poverty/households/:id/visits',
      as: 'VILLAGE_SECRETARY',
      run: async (t, ids) => {
        const res = await t.post('VILLAGE_SECRETARY', `${household(ids)}/visits`, { visitedOn: '2026-11-20', memberIds: [t.world.people.villageSecretary.id], needs: '看病报销', actionsTaken: '代办材料' });
        ids['poverty.visit'] = json(res).id;
        return res;
      },
    },
    {
      route: 'POST /api/poverty/visits/:id/photos',
      as: 'VILLAGE_SECRETARY',
      run: async (t, ids) => {
        const m = photoMultipart(TINY_PNG);
        const res = await t.call('VILLAGE_SECRETARY', 'POST', `/api/poverty/visits/${ids['poverty.visit']}/photos`, m.payload, m.headers);
        ids['poverty.photo'] = json(res).photos?.[0]?.id ?? '';
        return res;
      },
    },
    { route: 'GET /api/poverty/photos/:id', as: 'VILLAGE_SECRETARY', run: (t, ids) => t.get('VILLAGE_SECRETARY', `/api/poverty/photos/${ids['poverty.photo']}`) },
    {
      route: 'POST /api/poverty/households/:id/transitions/:transition',
      as: 'VILLAGE_CADRE',
      run: async (t, ids) => {
        await t.post('VILLAGE_SECRETARY', `${household(ids)}/transitions/proposeExit`, {});
        return t.post('VILLAGE_CADRE', `${household(ids)}/transitions/publicize`, {});
      },
    },
    {
      route: 'POST /api/poverty/households/:id/objections',
      as: 'VILLAGE_CADRE',
      run: async (t, ids) => {
        const res = await t.post('VILLAGE_CADRE', `${household(ids)}/objections`, { receivedOn: '2026-11-26', content: '村民反映收入不稳定' });
        ids['poverty.objection'] = json(res).objections?.[0]?.id ?? '';
        return res;
      },
    },
    {
      route: 'POST /api/poverty/households/:id/objections/:objectionId/resolve',
      as: 'TOWN_SECRETARY',
      run: (t, ids) => t.post('TOWN_SECRETARY', `${household(ids)}/objections/${ids['poverty.objection']}/resolve`, { decision: 'UPHELD', note: '异议属实，暂缓脱贫' }),
    },
    { route: 'GET /api/poverty/export/:kind', as: 'TOWN_SECRETARY', run: (t) => t.get('TOWN_SECRETARY', '/api/poverty/export/households') },
    { route: 'GET /api/poverty/teams/export.xlsx', as: 'TOWN_SECRETARY', run: (t) => t.get('TOWN_SECRETARY', '/api/poverty/teams/export.xlsx?status=ACTIVE') },
    { route: 'GET /api/poverty/households/export.xlsx', as: 'TOWN_SECRETARY', run: (t) => t.get('TOWN_SECRETARY', `/api/poverty/households/export.xlsx?q=${encodeURIComponent('户主')}`) },
  ],
};
