/**
 * [CFG] SLA rules and reply templates: read by O2O staff, changed by SYS_ADMIN (calendar.manage: deadlines and
 * catalogues) or the county O2O office (o2o.dispatch over a whole county). Every change is a ledger event with the
 * values before and after.
 */
import type { ReplyTemplate, SlaRule } from '../../../contracts/o2o.ts';
import { inTransaction } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { hasPermission, scopePaths, type Actor } from '../../platform/scope.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import * as repo from './o2o.repository.ts';
import { uuidv7 } from 'uuidv7';

/** SYS_ADMIN, or an O2O office whose dispatch scope is a whole county (the rules apply county-wide). */
export function canConfigureO2o(actor: Actor): boolean {
  return hasPermission(actor, 'calendar.manage') || scopePaths(actor, 'o2o.dispatch').some((p) => p.split('/').filter(Boolean).length === 1);
}

function configRole(actor: Actor): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, 'calendar.manage')) ?? actor.roles.find((r) => roleHasPermission(r, 'o2o.dispatch'));
}

export async function listSlaRules(ctx: ServiceCtx): Promise<SlaRule[]> {
  return (await repo.listSlaRules(ctx.db)).map((r) => ({ id: r.id, urgency: r.urgency as SlaRule['urgency'], category: r.category, respondHours: r.respond_hours, handleWorkingDays: r.handle_working_days, extensionWorkingDays: r.extension_working_days }));
}

export async function putSlaRule(ctx: ServiceCtx, id: string, input: { respondHours: number; handleWorkingDays: number; extensionWorkingDays: number }): Promise<SlaRule[]> {
  if (!canConfigureO2o(ctx.actor)) throw forbidden();
  await inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('o2o_sla_rule').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound({ zh: '时限规则', en: 'SLA rule' });
    const now = ctx.clock.now();
    await trx.updateTable('o2o_sla_rule').set({ respond_hours: input.respondHours, handle_working_days: input.handleWorkingDays, extension_working_days: input.extensionWorkingDays, updated_at: now.toISOString() }).where('id', '=', id).execute();
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, configRole(ctx.actor)), { action: 'o2o.sla.updated', objectType: 'o2o_sla_rule', objectId: id, orgPath: '/', payload: { before: { respondHours: before.respond_hours, handleWorkingDays: before.handle_working_days, extensionWorkingDays: before.extension_working_days }, after: input } }, now);
  });
  return listSlaRules(ctx);
}

const presentTemplate = (r: { id: string; status: string; category: string; title: string; body: string; active: number }): ReplyTemplate => ({ id: r.id, status: r.status, category: r.category, title: r.title, body: r.body, active: Number(r.active) === 1 });

export async function listReplyTemplates(ctx: ServiceCtx, all: boolean): Promise<ReplyTemplate[]> {
  return (await repo.listTemplates(ctx.db, !all)).map(presentTemplate);
}

/** Creates (id = 'new') or updates a template. */
export async function putReplyTemplate(ctx: ServiceCtx, id: string, input: { status: string; category: string; title: string; body: string; active: boolean }): Promise<ReplyTemplate> {
  if (!canConfigureO2o(ctx.actor)) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const values = { status: input.status, category: input.category, title: input.title.trim(), body: input.body.trim(), active: input.active ? 1 : 0, updated_at: now.toISOString() };
    let tid = id;
    if (id === 'new') {
      tid = uuidv7();
      await trx.insertInto('o2o_reply_template').values({ id: tid, ...values, sort_order: 1000 }).execute();
    } else {
      const r = await trx.updateTable('o2o_reply_template').set(values).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw notFound({ zh: '答复模板', en: 'reply template' });
    }
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, configRole(ctx.actor)), { action: 'o2o.template.saved', objectType: 'o2o_reply_template', objectId: tid, orgPath: '/', payload: { status: input.status, category: input.category, title: values.title, active: input.active } }, now);
    const row = await trx.selectFrom('o2o_reply_template').selectAll().where('id', '=', tid).executeTakeFirstOrThrow();
    return presentTemplate(row);
  });
}
