/**
 * The citizen side (no login): options for the form, follow a matter by code + secret check code, rate the reply.
 * Nothing here returns names, phones, handlers or internal notes; a routed report shows only "received".
 */
import { timingSafeEqual } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { MATTER_CATEGORIES, type PublicMatter, type PublicOptions, type PublicRateRequest, type PublicTrackRequest } from '../../../contracts/o2o.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { CitizenMatterRow } from '../../db/schema.ts';
import { cstDate } from '../../platform/calendar/index.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { checkHash, MATTER } from './o2o.service.ts';
import * as repo from './o2o.repository.ts';

export function publicStatusOf(status: string): string {
  switch (status) {
    case 'SUBMITTED':
    case 'ROUTED_DISCIPLINE':
      return 'RECEIVED';
    case 'REJECTED':
      return 'REJECTED';
    case 'ACCEPTED':
      return 'ACCEPTED';
    case 'REPLIED':
      return 'REPLIED';
    case 'ANSWERED_ON_SPOT':
    case 'CLOSED':
    case 'REVISITED':
    case 'ARCHIVED':
      return 'CLOSED';
    default:
      return 'IN_PROGRESS';
  }
}

/** Towns and their villages (current units only) under the installation's county roots. */
export async function getPublicOptions(deps: AppDeps): Promise<PublicOptions> {
  const units = await deps.db
    .selectFrom('org_unit')
    .select(['id', 'name', 'type', 'parent_id', 'path', 'sort_order'])
    .where('type', 'in', ['TOWN', 'STREET', 'VILLAGE', 'COMMUNITY'])
    .where('valid_to', 'is', null)
    .orderBy('sort_order')
    .orderBy('path')
    .execute();
  const towns = units.filter((u) => u.type === 'TOWN' || u.type === 'STREET');
  return {
    categories: [...MATTER_CATEGORIES],
    towns: towns.map((t) => ({ id: t.id, name: t.name, villages: units.filter((u) => u.parent_id === t.id && (u.type === 'VILLAGE' || u.type === 'COMMUNITY')).map((v) => ({ id: v.id, name: v.name })) })),
  };
}

const mismatch = () => notFound({ zh: '事项（请核对受理编号和查询码）', en: 'matter (check the code and the check code)' });

async function findByCodeAndCheck(deps: AppDeps, db: DbOrTrx, req: PublicTrackRequest): Promise<CitizenMatterRow> {
  const code = req.code.trim().toUpperCase();
  const row = await repo.findMatterByCode(db, code);
  // Compare in constant time; an unknown code and a wrong check code answer the same.
  const expected = Buffer.from(row?.check_hash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(checkHash(deps, code, req.checkCode), 'hex');
  if (!row || expected.length !== given.length || !timingSafeEqual(expected, given)) throw mismatch();
  return row;
}

function canRate(row: CitizenMatterRow): boolean {
  return !row.routed_to && ['REPLIED', 'CLOSED', 'ANSWERED_ON_SPOT'].includes(row.status) && row.citizen_satisfaction === null;
}

export async function trackMatter(deps: AppDeps, req: PublicTrackRequest): Promise<PublicMatter> {
  const row = await findByCodeAndCheck(deps, deps.db, req);
  const events = await repo.listEvents(deps.db, row.id);
  const routed = row.routed_to !== null;
  const timeline = (routed ? events.slice(0, 1) : events)
    .filter((e) => e.public_note !== null || e.action === 'submit')
    .map((e) => ({ at: e.at, publicStatus: publicStatusOf(e.to_status), note: e.public_note }));
  return {
    code: row.code,
    category: row.category as PublicMatter['category'],
    publicStatus: publicStatusOf(row.status),
    receivedAt: row.received_at,
    expectedDate: !routed && row.due_at ? cstDate(new Date(row.due_at)) : null,
    reply: routed ? null : row.public_reply,
    timeline,
    canRate: canRate(row),
    satisfaction: (row.citizen_satisfaction as PublicMatter['satisfaction']) ?? null,
  };
}

/** The requester's rating of the reply; DISSATISFIED puts the matter first in the O2O office's revisit queue. */
export async function rateMatter(deps: AppDeps, req: PublicRateRequest): Promise<PublicMatter> {
  await inTransaction(deps.db, async (trx) => {
    const row = await findByCodeAndCheck(deps, trx, req);
    if (!canRate(row)) throw new AppError('ILLEGAL_TRANSITION', row.citizen_satisfaction ? { zh: '您已评价过该事项', en: 'You have already rated this matter' } : { zh: '事项答复后才能评价', en: 'You can rate the matter once it has been replied to' });
    const now = deps.clock.now().toISOString();
    const comment = req.comment?.trim() || null;
    const r = await trx.updateTable('citizen_matter').set({ citizen_satisfaction: req.satisfaction, citizen_comment: comment, updated_at: now }).where('id', '=', row.id).where('citizen_satisfaction', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '您已评价过该事项', en: 'You have already rated this matter' });
    await repo.insertEvents(trx, [{ id: uuidv7(), matter_id: row.id, at: now, actor_user_id: null, actor_role: 'CITIZEN', action: 'rate', from_status: row.status, to_status: row.status, note: `${req.satisfaction}${comment ? `：${comment}` : ''}`, public_note: null }]);
    await appendLedgerEvent(trx, { userId: null, role: 'CITIZEN' }, { action: 'o2o.matter.rated', objectType: 'citizen_matter', objectId: row.id, orgPath: row.location_path, payload: { code: row.code, satisfaction: req.satisfaction, hasComment: comment !== null } }, deps.clock.now());
  });
  return trackMatter(deps, req);
}

export { MATTER };
