/**
 * Ledger coverage of M6 integrity (server/platform/ledger-coverage.test.ts): every write route and confidential read
 * appends an event. Setup inserts conclusions at the states each step needs, about deputy heads of 黄花镇.
 */
import { insertPerson } from '../../test/factories.ts';
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import type { TestApp } from '../../test/test-app.ts';
import { insertDraftConclusion } from './testdata/integrity-fixtures.ts';

async function hash(t: TestApp, id: string): Promise<string> {
  return (await t.db.selectFrom('integrity_conclusion').select('content_hash').where('id', '=', id).executeTakeFirstOrThrow()).content_hash;
}

async function signedAs(t: TestApp, id: string, status: 'DOUBLE_SIGNED' | 'SUBMITTED', signers: [string, string]): Promise<void> {
  const h = await hash(t, id);
  for (const [i, role] of (['SECRETARY', 'DISCIPLINE'] as const).entries()) {
    await t.db
      .insertInto('integrity_signature')
      .values({ id: crypto.randomUUID(), conclusion_id: id, version: 1, signer_role: role, signer_person_id: signers[i]!, signer_user_id: null, basis: 'DIRECT', content_hash: h, signed_at: '2026-11-26T07:00:00.000Z' })
      .execute();
  }
  await t.db.updateTable('integrity_conclusion').set({ status }).where('id', '=', id).execute();
}

export const integrityLedgerSteps: ModuleLedgerSteps = {
  module: 'integrity',
  async setup(t, ids) {
    const { huanghua, county } = t.world.units;
    const mk = (name: string) => insertPerson(t.db, t.cipher, { name, unit: huanghua, cadre: { rankLevel: 'DEPUTY_SECTION', authority: county }, posts: [{ unit: huanghua, title: '副镇长', isLeadership: true }] });
    const disc = await insertPerson(t.db, t.cipher, { name: '廉纪甲', unit: huanghua, posts: [{ unit: huanghua, title: '黄花镇纪委书记', isLeadership: true }] });
    const [a, b, c, d, e] = [await mk('廉甲'), await mk('廉乙'), await mk('廉丙'), await mk('廉丁'), await mk('廉戊')];
    ids['integrity.subjectNew'] = a.id;
    ids['integrity.edit'] = (await insertDraftConclusion(t.db, t.cipher, b, null)).id;
    ids['integrity.sign'] = (await insertDraftConclusion(t.db, t.cipher, c, null)).id;
    ids['integrity.submit'] = (await insertDraftConclusion(t.db, t.cipher, d, null)).id;
    await signedAs(t, ids['integrity.submit'], 'DOUBLE_SIGNED', [t.world.people.townSecretary.id, disc.id]);
    ids['integrity.accept'] = (await insertDraftConclusion(t.db, t.cipher, e, null)).id;
    await signedAs(t, ids['integrity.accept'], 'SUBMITTED', [t.world.people.townSecretary.id, disc.id]);
    const f = await mk('廉己');
    ids['integrity.return'] = (await insertDraftConclusion(t.db, t.cipher, f, null)).id;
    await signedAs(t, ids['integrity.return'], 'SUBMITTED', [t.world.people.townSecretary.id, disc.id]);
  },
  steps: [
    { route: 'GET /api/integrity/petitions/export.xlsx', as: 'DISCIPLINE_COMMISSION', run: (t) => t.get('DISCIPLINE_COMMISSION', '/api/integrity/petitions/export.xlsx') },
    { route: 'GET /api/integrity/reviews/export.xlsx', as: 'ORG_CADRE_SECTION', run: (t) => t.get('ORG_CADRE_SECTION', '/api/integrity/reviews/export.xlsx') },
    {
      route: 'POST /api/integrity/conclusions',
      as: 'TOWN_ORG_MEMBER',
      run: (t, ids) => t.post('TOWN_ORG_MEMBER', '/api/integrity/conclusions', { subjectPersonId: ids['integrity.subjectNew'], conclusion: 'CLEAR', text: '未发现违反廉洁纪律问题。', basis: ['DAILY_SUPERVISION'] }),
    },
    { route: 'GET /api/integrity/conclusions/:id', as: 'ORG_SUPERVISION_SECTION', run: (t, ids) => t.get('ORG_SUPERVISION_SECTION', `/api/integrity/conclusions/${ids['integrity.edit']}`) },
    {
      route: 'PUT /api/integrity/conclusions/:id',
      as: 'TOWN_ORG_MEMBER',
      run: async (t, ids) => t.put('TOWN_ORG_MEMBER', `/api/integrity/conclusions/${ids['integrity.edit']}`, { conclusion: 'CLEAR', text: '修改：未发现问题。', basis: ['AUDIT'], contentHash: await hash(t, ids['integrity.edit']!) }),
    },
    {
      route: 'POST /api/integrity/conclusions/:id/sign',
      as: 'TOWN_SECRETARY',
      run: async (t, ids) => t.post('TOWN_SECRETARY', `/api/integrity/conclusions/${ids['integrity.sign']}/sign`, { role: 'SECRETARY', contentHash: await hash(t, ids['integrity.sign']!) }),
    },
    { route: 'POST /api/integrity/conclusions/:id/submit', as: 'TOWN_ORG_MEMBER', run: (t, ids) => t.post('TOWN_ORG_MEMBER', `/api/integrity/conclusions/${ids['integrity.submit']}/submit`) },
    { route: 'POST /api/integrity/conclusions/:id/accept', as: 'ORG_SUPERVISION_SECTION', run: (t, ids) => t.post('ORG_SUPERVISION_SECTION', `/api/integrity/conclusions/${ids['integrity.accept']}/accept`) },
    { route: 'GET /api/integrity/conclusions/:id/opinion.docx', as: 'ORG_SUPERVISION_SECTION', run: (t, ids) => t.get('ORG_SUPERVISION_SECTION', `/api/integrity/conclusions/${ids['integrity.accept']}/opinion.docx`) },
    { route: 'GET /api/integrity/conclusions/export.xlsx', as: 'ORG_SUPERVISION_SECTION', run: (t) => t.get('ORG_SUPERVISION_SECTION', '/api/integrity/conclusions/export.xlsx?status=ACCEPTED') },
    {
      route: 'POST /api/integrity/conclusions/:id/return',
      as: 'ORG_SUPERVISION_SECTION',
      run: (t, ids) => t.post('ORG_SUPERVISION_SECTION', `/api/integrity/conclusions/${ids['integrity.return']}/return`, { reason: '请补充审计依据' }),
    },
    {
      route: 'POST /api/integrity/reviews',
      as: 'ORG_SUPERVISION_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_SUPERVISION_SECTION', '/api/integrity/reviews', { subjectPersonId: ids['integrity.subjectNew'] });
        if (res.statusCode === 200) ids['integrity.review'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'GET /api/integrity/reviews/:id', as: 'ORG_SUPERVISION_SECTION', run: (t, ids) => t.get('ORG_SUPERVISION_SECTION', `/api/integrity/reviews/${ids['integrity.review']}`) },
    {
      route: 'PUT /api/integrity/reviews/:id/checks/:type',
      as: 'ORG_CADRE_SECTION',
      run: (t, ids) => t.put('ORG_CADRE_SECTION', `/api/integrity/reviews/${ids['integrity.review']}/checks/FILE_AUDIT`, { result: 'PASS', detail: '档案审核无误' }),
    },
    {
      route: 'POST /api/integrity/petitions',
      as: 'DISCIPLINE_COMMISSION',
      run: async (t, ids) => {
        const res = await t.post('DISCIPLINE_COMMISSION', '/api/integrity/petitions', { receivedAt: '2026-11-20', channel: 'LETTER', realName: false, content: '反映其违规收受礼品。', subjectPersonIds: [ids['integrity.subjectNew']], specificAndCheckable: true });
        if (res.statusCode === 200) ids['integrity.petition'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'GET /api/integrity/petitions/:id', as: 'DISCIPLINE_COMMISSION', run: (t, ids) => t.get('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${ids['integrity.petition']}`) },
    { route: 'POST /api/integrity/petitions/:id/move', as: 'DISCIPLINE_COMMISSION', run: (t, ids) => t.post('DISCIPLINE_COMMISSION', `/api/integrity/petitions/${ids['integrity.petition']}/move`, { to: 'PRELIM_CHECK' }) },
  ],
};
