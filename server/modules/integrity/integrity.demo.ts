/**
 * Demo data of M6 integrity (issue 4 deliverable 8): for every town and street leadership team of the 2016 term
 * change, an integrity conclusion signed by the real holders of the two posts (the unit's Party secretary and its
 * 纪委书记 / 纪工委书记; escalated to the county secretary or a county discipline-commission member when the
 * subject holds that post) and accepted by the supervision section. Most are CLEAR, some
 * MINOR_ISSUES_NOT_AFFECTING, two NOT_SUITABLE; a few are still DRAFT or singly signed (in 黄花镇 too, so the demo
 * town secretary and discipline secretary have something to sign). Petitions (all anonymous; two specific,
 * checkable and still open so they block a promotion) and pre-appointment reviews complete the picture.
 * Deterministic for a seed; a few hundred rows, inserted in chunks.
 */
import { uuidv7 } from 'uuidv7';
import type { IntegrityBasis, IntegrityOutcome, IntegrityStatus, ReviewCheckType } from '../../../contracts/integrity.ts';
import { DEFAULT_MANDATORY_CHECKS, REVIEW_CHECK_TYPES } from '../../../contracts/integrity.ts';
import { Rng, type DemoPerson } from '../demo/demo-county.generator.ts';
import type { DemoModuleContext, DemoModuleSeeder } from '../demo/demo-modules.ts';
import { conclusionContentHash } from './integrity.service.ts';

const SEED_OFFSET = 6_006;
const HUANGHUA = '430121105';

const TEXTS: Record<IntegrityOutcome, string[]> = {
  CLEAR: [
    '该同志能够严格遵守廉洁自律各项规定，经查阅日常监督记录、信访举报和审计情况，未发现违反廉洁纪律问题。',
    '经综合日常监督、信访件查核和反向测评情况，该同志廉洁自律情况良好，未发现影响使用的问题。',
    '该同志任职期间认真落实党风廉政建设责任制，未收到反映其廉洁问题的信访举报。',
  ],
  MINOR_ISSUES_NOT_AFFECTING: [
    '该同志曾因公务接待超标准问题受到提醒谈话，已按要求整改，不影响使用。',
    '经审计发现其分管领域存在票据管理不规范问题，已整改到位，不影响使用。',
  ],
  NOT_SUITABLE: ['经查，该同志存在违规收受礼金问题，已移送纪检机关处理，不宜提拔使用。'],
};

type Team = { unitKey: string; code: string; partyKey: string; members: DemoPerson[]; secretary: DemoPerson | null; discipline: DemoPerson | null };

function currentPostIn(p: DemoPerson, unitKey: string) {
  return p.posts.find((x) => x.orgUnitKey === unitKey && x.endDate === null && x.isLeadership);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export const integrityDemoSeeder: DemoModuleSeeder = {
  module: 'integrity',
  async seed(ctx: DemoModuleContext): Promise<Record<string, number>> {
    const rng = new Rng(ctx.seed + SEED_OFFSET);
    const { county } = ctx;
    const byKey = new Map(county.people.map((p) => [p.key, p]));
    const account = (role: string) => county.accounts.find((a) => a.role === role)!;
    const countySecretary = byKey.get(county.partyOrgs.find((o) => o.key === 'po:county')!.secretaryPersonKey!)!;
    const commissionPerson = byKey.get(account('DISCIPLINE_COMMISSION').personKey!)!;
    const townUnits = county.orgUnits.filter((u) => (u.type === 'TOWN' || u.type === 'STREET') && u.validTo === null);

    const teams: Team[] = townUnits.map((u) => {
      const party = county.partyOrgs.find((o) => o.orgUnitKey === u.key && o.parentKey === 'po:county' && o.hostKind === 'ORG_UNIT')!;
      const members = county.people.filter((p) => p.orgUnitKey === u.key && p.cadre?.isSectionLevel && currentPostIn(p, u.key));
      const discipline = members.find((p) => p.posts.some((x) => x.orgUnitKey === u.key && x.endDate === null && /^(纪委书记|纪工委书记)$/.test(x.title))) ?? null;
      return { unitKey: u.key, code: u.code ?? '', partyKey: party.key, members, secretary: party.secretaryPersonKey ? byKey.get(party.secretaryPersonKey)! : null, discipline };
    });

    const conclusions: Record<string, unknown>[] = [];
    const signatures: Record<string, unknown>[] = [];
    const counts: Record<IntegrityStatus, number> = { DRAFT: 0, SIGNED_BY_SECRETARY: 0, SIGNED_BY_DISCIPLINE: 0, DOUBLE_SIGNED: 0, SUBMITTED: 0, ACCEPTED: 0, RETURNED: 0 };
    const acceptedClear: { personKey: string; unitKey: string }[] = [];
    const supervisionUser = ctx.userId(account('ORG_SUPERVISION_SECTION').username);
    let notSuitable = 0;

    for (const team of teams) {
      const huanghua = team.code === HUANGHUA;
      let openHere = 0;
      team.members.forEach((subject, i) => {
        // Outcome and how far the workflow got; 黄花镇 keeps two open ones for the demo signers.
        let status: IntegrityStatus = 'ACCEPTED';
        const notSigner = subject !== team.secretary && subject !== team.discipline;
        if (huanghua && notSigner && i >= 6 && openHere < 2) status = openHere++ === 0 ? 'DRAFT' : 'SIGNED_BY_SECRETARY';
        else if (!huanghua && rng.chance(0.03)) status = rng.pick(['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE', 'SUBMITTED'] as const);
        let outcome: IntegrityOutcome = rng.chance(0.09) ? 'MINOR_ISSUES_NOT_AFFECTING' : 'CLEAR';
        if (notSuitable < 2 && notSigner && !huanghua && status === 'ACCEPTED' && i >= 8 && rng.chance(0.2)) {
          outcome = 'NOT_SUITABLE';
          notSuitable++;
        }
        const basis: IntegrityBasis[] = outcome === 'CLEAR' ? ['DAILY_SUPERVISION', 'PETITIONS', 'REVERSE_EVAL'] : ['AUDIT', 'DAILY_SUPERVISION', 'PETITIONS', 'REVERSE_EVAL'];
        const text = rng.pick(TEXTS[outcome]);
        const id = uuidv7();
        const unitId = ctx.unitId(team.unitKey);
        const contentHash = conclusionContentHash({ lineageId: id, version: 1, subjectPersonId: ctx.personId(subject.key), unitOrgId: unitId, conclusion: outcome, text, basis });
        const created = rng.date('2016-06-01', '2016-06-10');
        const secretarySigner = subject === team.secretary ? countySecretary : team.secretary;
        const disciplineSigner = subject === team.discipline ? commissionPerson : team.discipline;
        const sig = (role: 'SECRETARY' | 'DISCIPLINE', signer: DemoPerson | null, escalated: boolean, day: string) => {
          if (!signer) return;
          const post = signer.posts.find((x) => x.endDate === null);
          const at = maxDate(day, post?.startDate ?? day);
          const username = county.accounts.find((a) => a.personKey === signer.key)?.username;
          signatures.push({
            id: uuidv7(), conclusion_id: id, version: 1, signer_role: role, signer_person_id: ctx.personId(signer.key), signer_user_id: username ? ctx.userId(username) : null,
            basis: escalated ? 'ESCALATED' : 'DIRECT', content_hash: contentHash, signed_at: `${at}T02:${String(10 + (role === 'SECRETARY' ? 0 : 20)).padStart(2, '0')}:00.000Z`,
          });
        };
        const signDay = addDays(created, rng.int(1, 4));
        if (status !== 'DRAFT' && status !== 'SIGNED_BY_DISCIPLINE') sig('SECRETARY', secretarySigner, subject === team.secretary, signDay);
        if (status !== 'DRAFT' && status !== 'SIGNED_BY_SECRETARY') sig('DISCIPLINE', disciplineSigner, subject === team.discipline, addDays(signDay, rng.int(0, 2)));
        const submitted = status === 'SUBMITTED' || status === 'ACCEPTED' ? `${addDays(signDay, 3)}T06:00:00.000Z` : null;
        const decided = status === 'ACCEPTED' ? `${addDays(signDay, rng.int(5, 9))}T07:30:00.000Z` : null;
        conclusions.push({
          id, lineage_id: id, version: 1, previous_version_id: null, superseded_by_id: null, subject_person_id: ctx.personId(subject.key), unit_org_id: unitId,
          unit_party_org_id: ctx.partyId(team.partyKey), org_path: ctx.unitPath(team.unitKey), conclusion: outcome, text_enc: ctx.cipher.encrypt(text), basis: JSON.stringify([...basis].sort()),
          status, content_hash: contentHash, return_reason: null, created_by_user_id: null, submitted_at: submitted, decided_at: decided, decided_by_user_id: decided ? supervisionUser : null,
          created_at: `${created}T01:00:00.000Z`, updated_at: decided ?? submitted ?? `${signDay}T03:00:00.000Z`,
        });
        counts[status]++;
        if (status === 'ACCEPTED' && outcome === 'CLEAR' && notSigner && !subject.cadre!.rankLevel.startsWith('SECTION')) acceptedClear.push({ personKey: subject.key, unitKey: team.unitKey });
      });
    }
    await ctx.insertChunked(conclusions, (chunk) => ctx.trx.insertInto('integrity_conclusion').values(chunk as never).execute());
    await ctx.insertChunked(signatures, (chunk) => ctx.trx.insertInto('integrity_signature').values(chunk as never).execute());

    // Petitions: all anonymous (SPEC §6: 0 real-name petitions in the term change); two specific, checkable and open.
    const handler = ctx.userId(account('DISCIPLINE_COMMISSION').username);
    const picks = rng.shuffle(acceptedClear).slice(0, 8);
    const petitionPlan: { status: string; checkable: boolean; channel: string; content: string; conclusion: string | null }[] = [
      { status: 'PRELIM_CHECK', checkable: true, channel: 'LETTER', content: '反映其在征地拆迁补偿中为亲属多报面积，附有具体户名和面积数据。', conclusion: null },
      { status: 'RECEIVED', checkable: true, channel: 'ONLINE', content: '反映其在项目招标中指定施工单位，列出了项目名称和时间。', conclusion: null },
      { status: 'PRELIM_CHECK', checkable: false, channel: 'PHONE', content: '反映其工作作风简单粗暴，未提供具体事实。', conclusion: null },
      { status: 'UNFOUNDED', checkable: true, channel: 'LETTER', content: '反映其违规操办子女升学宴。', conclusion: '经核查，所反映问题不属实，予以了结澄清。' },
      { status: 'UNFOUNDED', checkable: true, channel: 'VISIT', content: '反映其收受辖区企业购物卡。', conclusion: '经调取相关账目并谈话核实，反映问题不属实。' },
      { status: 'PARTLY_TRUE', checkable: true, channel: 'ONLINE', content: '反映其公车私用、超标准接待。', conclusion: '公车私用问题属实，已批评教育并责令整改；超标准接待问题不属实。' },
    ];
    const petitions: Record<string, unknown>[] = [];
    const petitionSubjects: Record<string, unknown>[] = [];
    petitionPlan.forEach((plan, i) => {
      const subject = picks[i];
      if (!subject) return;
      const id = uuidv7();
      const received = rng.date('2016-05-20', '2016-06-25');
      petitions.push({
        id, received_at: received, channel: plan.channel, real_name: 0, reporter_identity_enc: null, content_enc: ctx.cipher.encrypt(plan.content), specific_and_checkable: plan.checkable ? 1 : 0,
        status: plan.status, conclusion_enc: plan.conclusion ? ctx.cipher.encrypt(plan.conclusion) : null, org_path: ctx.unitPath(subject.unitKey), handler_user_id: handler,
        created_at: `${received}T03:00:00.000Z`, updated_at: `${addDays(received, plan.conclusion ? 20 : 2)}T03:00:00.000Z`,
      });
      petitionSubjects.push({ petition_id: id, person_id: ctx.personId(subject.personKey) });
    });
    await ctx.insertChunked(petitions, (chunk) => ctx.trx.insertInto('petition_report').values(chunk as never).execute());
    await ctx.insertChunked(petitionSubjects, (chunk) => ctx.trx.insertInto('petition_subject').values(chunk as never).execute());

    // Pre-appointment reviews of the candidates after the petitioned ones: most PASS, one FAIL, one PENDING.
    const recorder: Record<ReviewCheckType, string> = {
      FILE_AUDIT: ctx.userId(account('ORG_CADRE_SECTION').username),
      PERSONAL_MATTERS_VERIFY: supervisionUser,
      AUDIT_FINDINGS: supervisionUser,
      DISCIPLINE_OPINION: handler,
      PETITION_CHECK: handler,
    };
    const DETAIL: Record<ReviewCheckType, string> = {
      FILE_AUDIT: '干部人事档案“三龄二历一身份”审核无误。',
      PERSONAL_MATTERS_VERIFY: '个人有关事项报告抽查核实一致。',
      DISCIPLINE_OPINION: '县纪委回复：未发现违纪违法问题。',
      PETITION_CHECK: '近三年无反映其问题的信访举报。',
      AUDIT_FINDINGS: '经济责任审计未发现需追责问题。',
    };
    const reviewRows: Record<string, unknown>[] = [];
    const checkRows: Record<string, unknown>[] = [];
    const reviewed = picks.slice(0, 2).concat(rng.shuffle(acceptedClear.filter((c) => !picks.includes(c))).slice(0, 8));
    const overallCounts = { PASS: 0, FAIL: 0, PENDING: 0 };
    reviewed.forEach((c, i) => {
      const id = uuidv7();
      const opened = rng.date('2016-06-20', '2016-06-28');
      // The two petitioned candidates: their PETITION_CHECK is still pending; one other finds an issue.
      const overall = i < 2 ? 'PENDING' : i === 2 ? 'FAIL' : 'PASS';
      overallCounts[overall]++;
      reviewRows.push({ id, subject_person_id: ctx.personId(c.personKey), org_path: ctx.unitPath(c.unitKey), batch_id: null, mandatory_checks: JSON.stringify(DEFAULT_MANDATORY_CHECKS), overall, created_by_user_id: supervisionUser, created_at: `${opened}T01:00:00.000Z`, updated_at: `${addDays(opened, 3)}T08:00:00.000Z` });
      for (const type of REVIEW_CHECK_TYPES) {
        const pending = (i < 2 && type === 'PETITION_CHECK') || (type === 'AUDIT_FINDINGS' && i % 3 === 0);
        const issue = i === 2 && type === 'PERSONAL_MATTERS_VERIFY';
        checkRows.push({
          review_id: id, type, result: pending ? 'PENDING' : issue ? 'ISSUE' : 'PASS',
          detail_enc: pending ? null : ctx.cipher.encrypt(issue ? '个人有关事项报告漏报房产一处，需说明情况。' : DETAIL[type]),
          checked_by_user_id: pending ? null : recorder[type], checked_at: pending ? null : `${addDays(opened, 2)}T06:00:00.000Z`,
        });
      }
    });
    await ctx.insertChunked(reviewRows, (chunk) => ctx.trx.insertInto('integrity_review').values(chunk as never).execute());
    await ctx.insertChunked(checkRows, (chunk) => ctx.trx.insertInto('integrity_review_check').values(chunk as never).execute());

    return {
      integrityConclusions: conclusions.length,
      integrityAccepted: counts.ACCEPTED,
      integrityOpen: counts.DRAFT + counts.SIGNED_BY_SECRETARY + counts.SIGNED_BY_DISCIPLINE + counts.SUBMITTED,
      integrityNotSuitable: notSuitable,
      integritySignatures: signatures.length,
      integrityPetitions: petitions.length,
      integrityPetitionsOpenCheckable: petitionPlan.filter((p, i) => picks[i] && p.checkable && (p.status === 'RECEIVED' || p.status === 'PRELIM_CHECK')).length,
      integrityReviews: reviewRows.length,
      integrityReviewsPassed: overallCounts.PASS,
    };
  },
};
