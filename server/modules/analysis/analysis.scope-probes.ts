/**
 * Scope probes of M5 (server/platform/scope-matrix.test.ts): a campaign (with a letter, a talk and a tip) owned by
 * 望城区 lies outside every county-wide role; the cadre profile probes the role's outside person. Roles holding the
 * route's permission must get 404, others 403.
 */
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../../contracts/enums.ts';
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';

const NOW = '2026-11-26T08:00:00.000Z';

export const analysisScopeProbes: ModuleScopeProbes = {
  module: 'analysis',
  async setup(t, fx) {
    const w = t.world;
    const campaign = uuidv7();
    await t.db
      .insertInto('analysis_campaign')
      .values({ id: campaign, name: '望城区换届考察', scope_town_ids: JSON.stringify([w.units.otherTown.id]), start_at: '2016-05-01', end_at: '2016-07-31', notice_published_at: null, notice_media: null, notice_text: null, status: 'COLLECTING', owner_org_unit_id: w.units.otherCounty.id, org_path: w.units.otherCounty.path, created_by: null, created_at: NOW, updated_at: NOW })
      .execute();
    // every user is on the team, so only scope can refuse them
    for (const [role, userId] of Object.entries(w.users)) {
      await t.db.insertInto('analysis_campaign_member').values({ id: uuidv7(), campaign_id: campaign, user_id: userId, person_id: null, display_name: role, team_role: 'MEMBER', created_at: NOW }).execute();
    }
    const letter = uuidv7();
    await t.db
      .insertInto('letter_inquiry')
      .values({ id: letter, campaign_id: campaign, to_org_unit_id: w.units.otherTown.id, org_path: w.units.otherTown.path, subject: '函', sent_at: '2016-05-01', due_at: '2016-05-10', replied_at: null, reply_text: null, reply_attachment_hashes: '[]', overdue_marked_at: null, created_by: null, created_at: NOW, updated_at: NOW })
      .execute();
    const talk = uuidv7();
    await t.db
      .insertInto('talk')
      .values({
        id: talk, campaign_id: campaign, mode: 'CASUAL', interviewee_person_id: w.people.otherCountyPerson.id, interviewee_level: 'L02', subject_cadre_ids: '[]', subject_team_org_unit_ids: '[]', outline_id: null,
        interviewer_person_ids: '[]', held_at: '2016-05-10', location: '乔口镇', notes_enc: t.cipher.encrypt('外县谈话'), key_findings_enc: t.cipher.encrypt('[]'), classification: 'CONFIDENTIAL', org_path: w.units.otherTown.path, created_by: null, created_at: NOW, updated_at: NOW,
      })
      .execute();
    const tip = uuidv7();
    await t.db
      .insertInto('public_tip')
      .values({ id: tip, campaign_id: campaign, received_at: '2016-05-10', channel: 'PHONE', real_name: 0, reporter_name_enc: null, content_enc: t.cipher.encrypt('外县来电'), routed_to: 'ORG_DEPT', subject_cadre_id: null, org_path: w.units.otherTown.path, created_by: null, created_at: NOW, updated_at: NOW })
      .execute();
    Object.assign(fx, { 'analysis.campaign': campaign, 'analysis.letter': letter, 'analysis.talk': talk, 'analysis.tip': tip });
  },
  probes: (t, outside, fx) => {
    const c = fx['analysis.campaign']!;
    const url = (suffix: string) => `/api/analysis/campaigns/${c}${suffix}`;
    const person = (role: Role) => outside(role).person.id;
    return [
      { name: 'GET /api/analysis/campaigns/:id', permission: 'campaign.read', send: (r) => t.get(r, url('')) },
      { name: 'GET /api/analysis/campaigns/:id/statistics', permission: 'campaign.read', send: (r) => t.get(r, url('/statistics')) },
      { name: 'GET /api/analysis/campaigns/:id/statistics.xlsx', permission: 'campaign.read', send: (r) => t.get(r, url('/statistics.xlsx')) },
      { name: 'GET /api/analysis/campaigns/:id/report.docx', permission: 'campaign.read', send: (r) => t.get(r, url('/report.docx')) },
      { name: 'GET /api/analysis/campaigns/:id/letters', permission: 'campaign.read', send: (r) => t.get(r, url('/letters')) },
      { name: 'GET /api/analysis/campaigns/:id/talks', permission: 'campaign.read', send: (r) => t.get(r, url('/talks')) },
      { name: 'GET /api/analysis/campaigns/:id/visits', permission: 'campaign.read', send: (r) => t.get(r, url('/visits')) },
      { name: 'GET /api/analysis/campaigns/:id/documents', permission: 'campaign.read', send: (r) => t.get(r, url('/documents')) },
      { name: 'GET /api/analysis/campaigns/:id/tips', permission: 'campaign.read', send: (r) => t.get(r, url('/tips')) },
      { name: 'GET /api/analysis/campaigns/:id/outlines', permission: 'campaign.manage', send: (r) => t.get(r, url('/outlines')) },
      { name: 'GET /api/analysis/campaigns/:id/member-candidates', permission: 'campaign.manage', send: (r) => t.get(r, url('/member-candidates')) },
      { name: 'POST /api/analysis/campaigns/:id/notice', permission: 'campaign.manage', send: (r) => t.post(r, url('/notice'), { publishedAt: '2016-05-01', media: '报纸', text: '公告内容' }) },
      { name: 'POST /api/analysis/campaigns/:id/start', permission: 'campaign.approve', send: (r) => t.post(r, url('/start')) },
      { name: 'POST /api/analysis/campaigns/:id/analyse', permission: 'campaign.manage', send: (r) => t.post(r, url('/analyse')) },
      { name: 'POST /api/analysis/campaigns/:id/conclude', permission: 'campaign.approve', send: (r) => t.post(r, url('/conclude')) },
      { name: 'POST /api/analysis/campaigns/:id/members', permission: 'campaign.manage', send: (r) => t.post(r, url('/members'), { userId: t.world.users.ORG_HEAD, teamRole: 'MEMBER' }) },
      { name: 'POST /api/analysis/campaigns/:id/letters', permission: 'campaign.manage', send: (r) => t.post(r, url('/letters'), { toOrgUnitId: outside(r).inside.id, subject: '征求意见函', sentAt: '2016-05-01', dueAt: '2016-05-10' }) },
      { name: 'POST /api/analysis/letters/:id/reply', permission: 'campaign.manage', send: (r) => t.post(r, `/api/analysis/letters/${fx['analysis.letter']}/reply`, { repliedAt: '2016-05-05', replyText: '回复' }) },
      { name: 'POST /api/analysis/letters/:id/mark-overdue', permission: 'campaign.manage', send: (r) => t.post(r, `/api/analysis/letters/${fx['analysis.letter']}/mark-overdue`) },
      { name: 'POST /api/analysis/campaigns/:id/talks', permission: 'campaign.manage', send: (r) => t.post(r, url('/talks'), { mode: 'CASUAL', intervieweePersonId: person(r), level: 'L02', interviewerPersonIds: [t.world.people.clerk.id, t.world.people.orgHeadPerson.id], heldAt: '2016-05-10', location: '某地', notes: '记录' }) },
      { name: 'GET /api/analysis/talks/:id/notes', permission: 'talk.notes', send: (r) => t.get(r, `/api/analysis/talks/${fx['analysis.talk']}/notes`) },
      { name: 'GET /api/analysis/tips/:id', permission: 'talk.notes', send: (r) => t.get(r, `/api/analysis/tips/${fx['analysis.tip']}`) },
      { name: 'POST /api/analysis/campaigns/:id/tips', permission: 'campaign.manage', send: (r) => t.post(r, url('/tips'), { receivedAt: '2016-05-10', channel: 'PHONE', realName: false, content: '来电', routedTo: 'ORG_DEPT' }) },
      { name: 'GET /api/analysis/cadres/:id/profile', permission: 'evidence.read', send: (r) => t.get(r, `/api/analysis/cadres/${person(r)}/profile`) },
      { name: 'GET /api/analysis/evidence?cadreId (outside)', permission: 'evidence.read', send: async (r) => {
        const res = await t.get(r, `/api/analysis/evidence?cadreId=${person(r)}`);
        // a list answers 200 with nothing from outside; report it as 404 so the matrix can check it
        return res.statusCode === 200 && res.json<{ total: number }>().total === 0 ? { statusCode: 404, body: '' } : res;
      } },
      { name: 'POST /api/analysis/evidence (cadre outside)', permission: 'evidence.write', send: (r) => t.post(r, '/api/analysis/evidence', { cadrePersonId: person(r), sourceType: 'AWARD', date: '2016-01-01', summary: '奖励', polarity: 'POSITIVE', classification: 'NORMAL' }) },
    ];
  },
};
