/**
 * M3 reports as live queries over the caller's visible rows (SPEC §6: 197 teams, 618 households), and the .xlsx
 * exports of teams, households and visits (masked ID numbers; each export is a ledger event).
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ExportKind, HouseholdCause, HouseholdStatus, PovertyReport, ReportQuery } from '../../../contracts/poverty.ts';
import { HOUSEHOLD_CAUSES, HOUSEHOLD_STATUSES } from '../../../contracts/poverty.ts';
import { inTransaction } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { isPathInScope } from '../../platform/scope.ts';
import { STATUS_TEXT } from './poverty.policy.ts';
import * as repo from './poverty.repository.ts';
import { visibilityOf } from './poverty.service.ts';

export const CAUSE_ZH: Record<HouseholdCause, string> = {
  ILLNESS: '因病', DISABILITY: '因残', EDUCATION: '因学', LACK_OF_LABOUR: '缺劳力', LACK_OF_SKILLS: '缺技术', DISASTER: '因灾', OTHER: '其他',
};
const TEAM_STATUS_ZH: Record<string, string> = { DRAFT: '组建中', ACTIVE: '已启用', DISSOLVED: '已解散' };
const EXPORT_MAX = 20_000;

async function scoped(ctx: ServiceCtx, orgUnitId: string | undefined): Promise<repo.Visibility> {
  const v = await visibilityOf(ctx.db, ctx);
  if (!orgUnitId) return v;
  const unit = await repo.findUnit(ctx.db, orgUnitId);
  if (!unit || !isPathInScope(unit.path, v.paths)) throw notFound({ zh: '单位', en: 'unit' });
  return { paths: [unit.path], teamIds: [] };
}

export async function report(ctx: ServiceCtx, query: ReportQuery): Promise<PovertyReport> {
  const v = await scoped(ctx, query.orgUnitId);
  const db = ctx.db;
  const en = ctx.actor.locale === 'en';
  const n = (x: unknown) => Number(x ?? 0);

  const teamRows = await db
    .selectFrom('service_team as t')
    .select(['t.status', sql<number>`count(*)`.as('n')])
    .where((eb) => repo.visible(eb, 't.org_path', 't.id', v))
    .groupBy('t.status')
    .execute();
  const teams = teamRows.filter((r) => r.status !== 'DISSOLVED').reduce((s, r) => s + n(r.n), 0);
  const activeTeams = n(teamRows.find((r) => r.status === 'ACTIVE')?.n);

  const statusRows = await db
    .selectFrom('poor_household as h')
    .select(['h.status', sql<number>`count(*)`.as('n')])
    .where((eb) => repo.visible(eb, 'h.org_path', 'h.team_id', v))
    .groupBy('h.status')
    .execute();
  const households = statusRows.reduce((s, r) => s + n(r.n), 0);

  const causeRows = await db
    .selectFrom('household_cause as c')
    .innerJoin('poor_household as h', 'h.id', 'c.household_id')
    .select(['c.cause', sql<number>`count(*)`.as('n')])
    .where((eb) => repo.visible(eb, 'h.org_path', 'h.team_id', v))
    .groupBy('c.cause')
    .execute();

  const yearOf = (status: string) =>
    db
      .selectFrom('household_event as e')
      .innerJoin('poor_household as h', 'h.id', 'e.household_id')
      .select([sql<string>`substr(e.occurred_on, 1, 4)`.as('y'), sql<number>`count(*)`.as('n')])
      .where('e.to_status', '=', status)
      .where((eb) => repo.visible(eb, 'h.org_path', 'h.team_id', v))
      .groupBy(sql`substr(e.occurred_on, 1, 4)`)
      .orderBy(sql`substr(e.occurred_on, 1, 4)`)
      .execute();
  const exits = await yearOf('EXITED');
  const returns = await yearOf('RETURNED_TO_POVERTY');

  const perHousehold = await db
    .selectFrom('poor_household as h')
    .leftJoin('assistance_visit as av', 'av.household_id', 'h.id')
    .select(['h.id', sql<number>`count(av.id)`.as('n')])
    .where((eb) => repo.visible(eb, 'h.org_path', 'h.team_id', v))
    .groupBy('h.id')
    .execute();
  const visits = perHousehold.reduce((s, r) => s + n(r.n), 0);
  const buckets = new Map<string, number>();
  const bucketOf = (k: number) => (k === 0 ? '0' : k <= 3 ? '1-3' : k <= 6 ? '4-6' : k <= 9 ? '7-9' : k <= 12 ? '10-12' : '13+');
  for (const k of ['0', '1-3', '4-6', '7-9', '10-12', '13+']) buckets.set(k, 0);
  for (const r of perHousehold) buckets.set(bucketOf(n(r.n)), buckets.get(bucketOf(n(r.n)))! + 1);

  const townHouseholds = await db
    .selectFrom('poor_household as h')
    .innerJoin('org_unit as vu', 'vu.id', 'h.village_org_unit_id')
    .innerJoin('org_unit as town', 'town.id', 'vu.parent_id')
    .select([
      'town.id as town_id', 'town.name as town_name', 'town.sort_order as sort_order', sql<number>`count(*)`.as('households'),
      sql<number>`sum(case when h.status = 'EXITED' then 1 else 0 end)`.as('exited'),
      sql<number>`sum((select count(*) from assistance_visit av where av.household_id = h.id))`.as('visits'),
    ])
    .where((eb) => repo.visible(eb, 'h.org_path', 'h.team_id', v))
    .groupBy(['town.id', 'town.name', 'town.sort_order'])
    .execute();
  const townTeams = await db
    .selectFrom('service_team as t')
    .innerJoin('org_unit as vu', 'vu.id', 't.village_org_unit_id')
    .select(['vu.parent_id as town_id', sql<number>`count(*)`.as('n')])
    .where('t.status', '!=', 'DISSOLVED')
    .where((eb) => repo.visible(eb, 't.org_path', 't.id', v))
    .groupBy('vu.parent_id')
    .execute();
  const teamsByTown = new Map(townTeams.map((r) => [r.town_id, n(r.n)]));

  const causeLabel = (c: HouseholdCause) => (en ? c.toLowerCase().replace(/_/g, ' ') : CAUSE_ZH[c]);
  return {
    teams,
    activeTeams,
    households,
    householdsPerTeam: teams === 0 ? 0 : Math.round((households / teams) * 100) / 100,
    visits,
    visitsPerHousehold: households === 0 ? 0 : Math.round((visits / households) * 100) / 100,
    byStatus: HOUSEHOLD_STATUSES.map((s) => ({ key: s, label: en ? STATUS_TEXT[s].en : STATUS_TEXT[s].zh, count: n(statusRows.find((r) => r.status === s)?.n) })),
    byCause: HOUSEHOLD_CAUSES.map((c) => ({ key: c, label: causeLabel(c), count: n(causeRows.find((r) => r.cause === c)?.n) })),
    exitsByYear: exits.map((r) => ({ key: r.y, label: r.y, count: n(r.n) })),
    returnsByYear: returns.map((r) => ({ key: r.y, label: r.y, count: n(r.n) })),
    byTown: townHouseholds
      .sort((a, b) => n(a.sort_order) - n(b.sort_order))
      .map((r) => ({ key: r.town_id, label: r.town_name, teams: teamsByTown.get(r.town_id) ?? 0, households: n(r.households), visits: n(r.visits), exited: n(r.exited) })),
    visitsPerHouseholdHistogram: [...buckets].map(([key, count]) => ({ key, label: key, count })),
  };
}

const COLUMNS: Record<ExportKind, XlsxColumn[]> = {
  teams: [
    { key: 'town', header: '镇（街道）' }, { key: 'village', header: '村（社区）' }, { key: 'name', header: '团队名称' }, { key: 'status', header: '状态' },
    { key: 'formedAt', header: '组建日期' }, { key: 'leader', header: '团长' }, { key: 'core', header: '核心成员' }, { key: 'flex', header: '机动成员' }, { key: 'households', header: '帮扶户数' },
  ],
  households: [
    { key: 'town', header: '镇（街道）' }, { key: 'village', header: '村（社区）' }, { key: 'head', header: '户主' }, { key: 'idMasked', header: '身份证号（脱敏）', numFmt: '@' },
    { key: 'members', header: '家庭人口' }, { key: 'causes', header: '致贫原因' }, { key: 'status', header: '状态' }, { key: 'year', header: '识别年度' },
    { key: 'team', header: '帮扶团队' }, { key: 'visits', header: '走访次数' }, { key: 'lastVisit', header: '最近走访' },
  ],
  visits: [
    { key: 'town', header: '镇（街道）' }, { key: 'village', header: '村（社区）' }, { key: 'head', header: '户主' }, { key: 'team', header: '帮扶团队' },
    { key: 'visitedOn', header: '走访日期' }, { key: 'members', header: '参加人员' }, { key: 'needs', header: '需求' }, { key: 'actions', header: '帮扶措施' }, { key: 'photos', header: '照片数' },
  ],
};
const SHEET: Record<ExportKind, string> = { teams: '帮扶团队', households: '贫困户', visits: '走访记录' };

export async function exportXlsx(ctx: ServiceCtx, kind: ExportKind, query: ReportQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const v = await scoped(ctx, query.orgUnitId);
  const rows = await inTransaction(ctx.db, async (trx) => {
    let out: Record<string, string | number | null>[] = [];
    if (kind === 'teams') {
      const teams = await trx
        .selectFrom('service_team as t')
        .innerJoin('org_unit as vu', 'vu.id', 't.village_org_unit_id')
        .leftJoin('org_unit as town', 'town.id', 'vu.parent_id')
        .select(['t.id', 't.name', 't.status', 't.formed_at', 'vu.name as village', 'town.name as town'])
        .where((eb) => repo.visible(eb, 't.org_path', 't.id', v))
        .orderBy('t.org_path')
        .limit(EXPORT_MAX + 1)
        .execute();
      if (teams.length > EXPORT_MAX) throw tooMany();
      const ids = teams.map((t) => t.id);
      const members = ids.length
        ? await trx.selectFrom('team_member as m').innerJoin('person as p', 'p.id', 'm.person_id').select(['m.team_id', 'm.slot', 'p.name']).where('m.to_date', 'is', null).where('m.team_id', 'in', ids).execute()
        : [];
      const counts = ids.length
        ? await trx.selectFrom('poor_household').select(['team_id', sql<number>`count(*)`.as('n')]).where('team_id', 'in', ids).where('status', 'in', ['ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED']).groupBy('team_id').execute()
        : [];
      out = teams.map((t) => {
        const of = (slot: string) => members.filter((m) => m.team_id === t.id && m.slot === slot).map((m) => m.name).join('、');
        return { town: t.town, village: t.village, name: t.name, status: TEAM_STATUS_ZH[t.status] ?? t.status, formedAt: t.formed_at, leader: of('LEADER'), core: of('CORE'), flex: of('FLEX'), households: Number(counts.find((c) => c.team_id === t.id)?.n ?? 0) };
      });
    } else if (kind === 'households') {
      const { rows: list, total } = await repo.listHouseholds(trx, v, { page: 1, pageSize: EXPORT_MAX, sort: 'villageName' });
      if (total > EXPORT_MAX) throw tooMany();
      const causes = await repo.causesOf(trx, list.map((r) => r.id));
      out = list.map((r) => ({
        town: r.town_name, village: r.village_name, head: r.head_name, idMasked: r.id_number_masked, members: r.member_count,
        causes: (causes.get(r.id) ?? []).map((c) => CAUSE_ZH[c as HouseholdCause] ?? c).join('、'), status: STATUS_TEXT[r.status as HouseholdStatus]?.zh ?? r.status,
        year: r.identified_year, team: r.team_name, visits: Number(r.visit_count ?? 0), lastVisit: r.last_visit_on,
      }));
    } else {
      const visits = await trx
        .selectFrom('assistance_visit as av')
        .innerJoin('poor_household as h', 'h.id', 'av.household_id')
        .innerJoin('person as p', 'p.id', 'h.head_person_id')
        .innerJoin('org_unit as vu', 'vu.id', 'h.village_org_unit_id')
        .leftJoin('org_unit as town', 'town.id', 'vu.parent_id')
        .innerJoin('service_team as t', 't.id', 'av.team_id')
        .select((eb) => [
          'av.id', 'av.visited_on', 'av.needs', 'av.actions_taken', 'p.name as head', 'vu.name as village', 'town.name as town', 't.name as team',
          eb.selectFrom('visit_photo as ph').select(sql<number>`count(*)`.as('n')).whereRef('ph.visit_id', '=', 'av.id').as('photos'),
        ])
        .where((eb) => repo.visible(eb, 'h.org_path', 'h.team_id', v))
        .orderBy('av.org_path')
        .orderBy('av.visited_on')
        .limit(EXPORT_MAX + 1)
        .execute();
      if (visits.length > EXPORT_MAX) throw tooMany();
      const names = new Map<string, string[]>();
      for (let i = 0; i < visits.length; i += 500) {
        for (const m of await repo.visitMembers(trx, visits.slice(i, i + 500).map((x) => x.id))) (names.get(m.visit_id) ?? names.set(m.visit_id, []).get(m.visit_id)!).push(m.name);
      }
      out = visits.map((x) => ({ town: x.town, village: x.village, head: x.head, team: x.team, visitedOn: x.visited_on, members: (names.get(x.id) ?? []).join('、'), needs: x.needs, actions: x.actions_taken, photos: Number(x.photos ?? 0) }));
    }
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, ctx.actor.roles.find((r) => roleHasPermission(r, 'poverty.read'))),
      { action: 'poverty.exported', objectType: 'export', objectId: uuidv7(), orgPath: v.paths[0] ?? '/', payload: { kind, orgUnitId: query.orgUnitId ?? null, rowCount: out.length, format: 'xlsx' } },
      ctx.clock.now(),
    );
    return out;
  });
  const buffer = await writeXlsx(SHEET[kind], COLUMNS[kind], rows);
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `${SHEET[kind]}-${day}.xlsx`, asciiName: `poverty-${kind}-${day}.xlsx`, buffer };
}

const tooMany = () => new AppError('PAYLOAD_TOO_LARGE', { zh: `超过单次导出 ${EXPORT_MAX} 行的上限，请按镇（街道）分批导出`, en: `More than ${EXPORT_MAX} rows; export one town at a time` });
