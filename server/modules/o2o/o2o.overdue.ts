/**
 * Overdue detection (SPEC M2). An open matter past its `dueAt` becomes overdue: a supervision notice (督办) goes to
 * the handling unit's principal leader, the matter moves one level up (village → town → county) with an
 * escalation notice to that level, and it gets SUPERVISION_WORKING_DAYS more working days. Passing that second
 * deadline is the second overdue: the matter is flagged as an M10 candidate (有错无为) with its own notice.
 * Each round is one transaction with a matter_event and a ledger event (actor SYSTEM). Time comes from deps.clock.
 *
 * Response time: a matter still SUBMITTED when its `respond_by` (accept within N hours of the SLA rule) passes gets one
 * RESPONSE_OVERDUE notice (催办) to the principal leader of the unit that should accept it (the village, or the town
 * for a matter raised at town level), with a matter_event and a ledger event; accepting it late is still allowed
 * and recorded (`lateAcceptance` on the accept event). Same sweep, same look-back window.
 *
 * Look-back window: only deadlines that passed within `lookbackDays` (BELLWETHER_O2O_SWEEP_LOOKBACK_DAYS, default
 * 30) are acted on. The sweep runs every 10 minutes, so a live breach is caught within minutes; a deadline that
 * passed long before the sweep first saw it is history (the 2016 demo matters, records imported from an older
 * system) and is left as recorded instead of escalating hundreds of matters at once with today's date.
 */
import { uuidv7 } from 'uuidv7';
import type { MatterLevel } from '../../../contracts/o2o.ts';
import { inTransaction } from '../../db/database.ts';
import { cstDate, endOfCstDay, addWorkingDays, loadWorkCalendar } from '../../platform/calendar/index.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { LEVEL_ORDER, SUPERVISION_WORKING_DAYS } from './o2o.policy.ts';
import * as repo from './o2o.repository.ts';

export type SweepResult = { overdue: number; escalated: number; m10Candidates: number; responseOverdue: number };

/** Default look-back window of the sweep, in calendar days (config `o2oSweepLookbackDays`). */
export const SWEEP_LOOKBACK_DAYS = 30;

export async function runOverdueSweep(deps: Pick<AppDeps, 'db' | 'clock'>, options: { batch?: number; lookbackDays?: number | undefined } = {}): Promise<SweepResult> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const floorIso = new Date(now.getTime() - (options.lookbackDays ?? SWEEP_LOOKBACK_DAYS) * 86_400_000).toISOString();
  const cal = await loadWorkCalendar(deps.db);
  const result: SweepResult = { overdue: 0, escalated: 0, m10Candidates: 0, responseOverdue: 0 };
  result.responseOverdue = await sweepResponseDeadlines(deps, nowIso, floorIso, options.batch ?? 500);
  const due = await repo.listDueForSweep(deps.db, nowIso, floorIso, options.batch ?? 500);
  for (const { id } of due) {
    await inTransaction(deps.db, async (trx) => {
      const row = await repo.findMatter(trx, id);
      if (!row || !row.due_at || row.due_at >= nowIso || row.due_at < floorIso) return;
      const round = row.overdue_count + 1;
      const idx = LEVEL_ORDER.indexOf(row.current_level as MatterLevel);
      const next = idx < LEVEL_ORDER.length - 1 ? LEVEL_ORDER[idx + 1]! : null;
      const upper = next === 'TOWN' ? await repo.findUnit(trx, row.town_org_unit_id) : next === 'COUNTY' ? await repo.findUnit(trx, row.location_path.split('/')[1] ?? '') : undefined;
      const handlingUnitId = row.assigned_org_unit_id ?? row.level_org_unit_id;
      const handlingPath = row.assigned_path ?? row.level_path;
      const newDue = endOfCstDay(addWorkingDays(cstDate(now), SUPERVISION_WORKING_DAYS, cal)).toISOString();
      const m10 = round >= 2;
      const updated = await trx
        .updateTable('citizen_matter')
        .set({
          overdue: 1,
          was_overdue: 1,
          supervised: 1,
          overdue_count: round,
          due_at: newDue,
          ...(upper ? { current_level: next!, level_org_unit_id: upper.id, level_path: upper.path, escalation_count: row.escalation_count + 1 } : {}),
          ...(m10 ? { m10_candidate: 1 } : {}),
          updated_at: nowIso,
        })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .where('due_at', '=', row.due_at)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return;
      const notices: { kind: string; unitId: string; path: string; message: string }[] = [
        { kind: 'SUPERVISION', unitId: handlingUnitId, path: handlingPath, message: `督办：事项 ${row.code} 已超过办理时限（第 ${round} 次），请于 ${cstDate(new Date(newDue))} 前办结` },
      ];
      if (upper) notices.push({ kind: 'ESCALATION', unitId: upper.id, path: upper.path, message: `事项 ${row.code} 超期未办结，已自动提级至${upper.name}督办` });
      if (m10) notices.push({ kind: 'M10_CANDIDATE', unitId: upper?.id ?? row.level_org_unit_id, path: upper?.path ?? row.level_path, message: `事项 ${row.code} 第 ${round} 次超期，列为“有错无为”问责线索候选` });
      for (const n of notices) {
        await trx.insertInto('o2o_notice').values({ id: uuidv7(), matter_id: row.id, kind: n.kind, round, to_org_unit_id: n.unitId, to_path: n.path, leader_person_id: await repo.findUnitLeader(trx, n.unitId), message: n.message, created_at: nowIso, acknowledged_at: null, acknowledged_by: null }).execute();
      }
      await repo.insertEvents(trx, [{ id: uuidv7(), matter_id: row.id, at: nowIso, actor_user_id: null, actor_role: 'SYSTEM', action: 'overdue', from_status: row.status, to_status: row.status, note: notices.map((n) => n.message).join('；'), public_note: null }]);
      await appendLedgerEvent(trx, { userId: null, role: 'SYSTEM' }, { action: 'o2o.matter.overdue', objectType: 'citizen_matter', objectId: row.id, orgPath: row.location_path, payload: { code: row.code, round, dueAt: row.due_at, newDueAt: newDue, escalatedTo: upper ? next : null, m10Candidate: m10 } }, now);
      result.overdue++;
      if (upper) result.escalated++;
      if (m10) result.m10Candidates++;
    });
  }
  return result;
}

async function sweepResponseDeadlines(deps: Pick<AppDeps, 'db' | 'clock'>, nowIso: string, floorIso: string, batch: number): Promise<number> {
  let n = 0;
  const now = new Date(nowIso);
  for (const { id } of await repo.listResponseDueForSweep(deps.db, nowIso, floorIso, batch)) {
    await inTransaction(deps.db, async (trx) => {
      const row = await repo.findMatter(trx, id);
      if (!row || row.status !== 'SUBMITTED' || Number(row.response_overdue) !== 0 || row.respond_by >= nowIso || row.respond_by < floorIso) return;
      const updated = await trx.updateTable('citizen_matter').set({ response_overdue: 1, updated_at: nowIso }).where('id', '=', row.id).where('status', '=', 'SUBMITTED').where('response_overdue', '=', 0).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return;
      const hours = Math.round((Date.parse(row.respond_by) - Date.parse(row.received_at)) / 3_600_000);
      const message = `催办：事项 ${row.code} 提交后 ${hours} 小时内未受理（应于北京时间 ${new Date(Date.parse(row.respond_by) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} 前受理），请尽快受理或说明不予受理的理由`;
      await trx.insertInto('o2o_notice').values({ id: uuidv7(), matter_id: row.id, kind: 'RESPONSE_OVERDUE', round: 1, to_org_unit_id: row.level_org_unit_id, to_path: row.level_path, leader_person_id: await repo.findUnitLeader(trx, row.level_org_unit_id), message, created_at: nowIso, acknowledged_at: null, acknowledged_by: null }).execute();
      await repo.insertEvents(trx, [{ id: uuidv7(), matter_id: row.id, at: nowIso, actor_user_id: null, actor_role: 'SYSTEM', action: 'responseOverdue', from_status: row.status, to_status: row.status, note: message, public_note: null }]);
      await appendLedgerEvent(trx, { userId: null, role: 'SYSTEM' }, { action: 'o2o.matter.responseOverdue', objectType: 'citizen_matter', objectId: row.id, orgPath: row.location_path, payload: { code: row.code, respondBy: row.respond_by, noticeTo: row.level_org_unit_id } }, now);
      n++;
    });
  }
  return n;
}

export type O2oTimer = { stop: () => void; runNow: () => Promise<SweepResult> };

/** Runs the sweep at start and every `intervalMs` (default 10 minutes), like the ledger checkpoint timer. */
export function startO2oOverdueTimer(deps: Pick<AppDeps, 'db' | 'clock'>, options: { intervalMs?: number; lookbackDays?: number | undefined; log?: (line: string) => void } = {}): O2oTimer {
  const log = options.log ?? (() => undefined);
  let running: Promise<SweepResult> | null = null;
  let stopped = false;
  const runNow = (): Promise<SweepResult> => {
    running ??= runOverdueSweep(deps, { lookbackDays: options.lookbackDays }).finally(() => {
      running = null;
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    runNow()
      .then((r) => {
        if (r.overdue || r.responseOverdue) log(`O2O 超期督办 Overdue sweep: ${r.overdue} overdue, ${r.escalated} escalated, ${r.m10Candidates} M10 candidates, ${r.responseOverdue} not accepted in time`);
      })
      .catch((e: unknown) => log(`O2O 超期检查失败 Overdue sweep failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  const timer = setInterval(tick, options.intervalMs ?? 10 * 60_000);
  timer.unref();
  tick();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    runNow,
  };
}
