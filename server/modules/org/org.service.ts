/**
 * Use cases of the administrative tree (SPEC §2.1): browse and search within the caller's scope, "as of" a
 * date; create, rename, move and merge (并村) units. Every use case first resolves the caller's data scope
 * (SECURITY.md §7); ids outside it answer 404 exactly like ids that do not exist. Every write runs in one
 * transaction together with its ledger event(s): one event per changed unit.
 */
import { uuidv7 } from 'uuidv7';
import type { OrgUnitType } from '../../../contracts/enums.ts';
import type { CreateOrgUnitRequest, ListOrgUnitsQuery, MergeOrgUnitsRequest, OrgUnit, UpdateOrgUnitRequest } from '../../../contracts/org.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { OrgUnitRow, OrgUnitRowUpdate } from '../../db/schema.ts';
import { isoDate } from '../../platform/clock.ts';
import { ledgerActor, type AppDeps } from '../../platform/deps.ts';
import { AppError, fieldError, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { isLatinSearch, toPinyinKeys } from '../../platform/pinyin.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import {
  ALLOWED_PARENT_TYPES,
  canHaveParent,
  dateRuleOf,
  dayBefore,
  isMergeable,
  isOrgUnitType,
  isRealDate,
  isSelfOrDescendantPath,
  isUnitValidOn,
  ORG_UNIT_TYPE_LABELS,
  type DateRule,
} from './org.policy.ts';
import { ancestorIdsOf, ancestorsOf, presentOrgUnit } from './org.presenter.ts';
import * as repo from './org.repository.ts';

export const SEARCH_LIMIT = 50;
/** `type` without parent or search text lists every unit of that type in scope (e.g. all villages). */
export const TYPE_LIST_LIMIT = 500;

const UNIT: Text = { zh: '单位', en: 'unit' };

/** The role recorded in the ledger: the caller's first role that carries `permission`. */
export function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

export function todayOf(deps: AppDeps): string {
  return isoDate(deps.clock.now());
}

/** 400 naming the field when a YYYY-MM-DD value is not a real date (2016-02-30). */
export function assertRealDate(field: string, label: Text, value: string): void {
  if (!isRealDate(value)) throw fieldError(field, `${label.zh}：${value} 不是有效日期，请按 YYYY-MM-DD 填写`, `${label.en}: ${value} is not a real date; use YYYY-MM-DD`);
}

/** Trimmed non-empty name or 400 naming the field. */
export function cleanName(field: string, label: Text, value: string): string {
  const name = value.trim();
  if (!name) throw fieldError(field, `${label.zh}：不能为空`, `${label.en} must not be empty`);
  return name;
}

function typeLabel(type: string): Text {
  return isOrgUnitType(type) ? ORG_UNIT_TYPE_LABELS[type] : { zh: type, en: type };
}

/** Types that may sit directly under a unit of `parentType`. */
function childTypesOf(parentType: string): OrgUnitType[] {
  return (Object.keys(ALLOWED_PARENT_TYPES) as OrgUnitType[]).filter((child) => canHaveParent(child, parentType));
}

function typeMismatch(child: OrgUnitType, parent: OrgUnitRow, verb: { zh: string; en: string }): AppError {
  const p = typeLabel(parent.type);
  const c = ORG_UNIT_TYPE_LABELS[child];
  const allowed = childTypesOf(parent.type);
  const zhAllowed = allowed.length ? `${p.zh}下只能${verb.zh}${allowed.map((t) => ORG_UNIT_TYPE_LABELS[t].zh).join('、')}` : `${p.zh}下不能再设下级单位`;
  const enAllowed = allowed.length ? `allowed under a ${p.en}: ${allowed.map((t) => ORG_UNIT_TYPE_LABELS[t].en).join(', ')}` : `a ${p.en} has no sub-units`;
  return fieldError(
    'type',
    `类型：上级单位“${parent.name}”类型为${p.zh}，不能在其下${verb.zh}${c.zh}（${zhAllowed}）`,
    `Type: the parent "${parent.name}" is a ${p.en}; a ${c.en} cannot be ${verb.en} under it (${enAllowed})`,
  );
}

function codeConflict(code: string, holder: OrgUnitRow | undefined, visible: boolean): AppError {
  const zh = visible && holder ? `代码：${code} 已被现有单位“${holder.name}”使用，请核对后重新填写` : `代码：${code} 已被其他现有单位使用，请核对后重新填写`;
  const en = visible && holder ? `Code: ${code} is already used by the current unit "${holder.name}"; check the code` : `Code: ${code} is already used by another current unit; check the code`;
  return new AppError('CONFLICT', { zh, en }, [{ field: 'code', message: { zh, en } }]);
}

async function assertCodeFree(db: DbOrTrx, actor: Actor, code: string, today: string, exceptIds: string[]): Promise<void> {
  const holder = await repo.findOpenUnitByCode(db, code, today, exceptIds);
  if (holder) throw codeConflict(code, holder, isPathInScope(holder.path, scopePaths(actor, 'org.read')));
}

/** The unit if it lies in `paths`; 404 otherwise (no existence oracle). */
async function getUnitIn(db: DbOrTrx, paths: string[], id: string): Promise<OrgUnitRow> {
  const unit = await repo.findUnit(db, id);
  if (!unit || !isPathInScope(unit.path, paths)) throw notFound(UNIT);
  return unit;
}

async function presentRows(db: DbOrTrx, rows: repo.OrgUnitListRow[]): Promise<OrgUnit[]> {
  const ids = [...new Set(rows.flatMap((r) => ancestorIdsOf(r.path)))];
  const names = await repo.mapUnitNames(db, ids);
  return rows.map((r) => presentOrgUnit(r, ancestorsOf(r.path, names)));
}

async function presentOne(db: DbOrTrx, id: string, rule: DateRule): Promise<OrgUnit> {
  const row = await repo.findUnitWithChildCount(db, id, rule);
  if (!row) throw notFound(UNIT);
  const [unit] = await presentRows(db, [row]);
  return unit!;
}

/**
 * GET /api/org-units. Modes: `q` → search (name substring, pinyin or initials prefix; within `parentId`'s subtree
 * if given), `parentId` → its children, `type` alone → every unit of that type, otherwise the tops of the
 * caller's scope. Dates: `asOf` → units valid that day; else today unless `includeClosed`.
 */
export async function listOrgUnits(deps: AppDeps, actor: Actor, query: ListOrgUnitsQuery): Promise<OrgUnit[]> {
  const paths = scopePaths(actor, 'org.read');
  if (query.asOf) assertRealDate('asOf', { zh: '查询日期', en: 'As-of date' }, query.asOf);
  const { db } = deps;
  const rule = dateRuleOf(query, todayOf(deps));
  const parent = query.parentId ? await getUnitIn(db, paths, query.parentId) : undefined;
  let rows: repo.OrgUnitListRow[];
  if (query.q !== undefined) {
    const q = query.q.trim();
    if (!q) throw fieldError('q', '搜索词：不能为空', 'Search text must not be empty');
    rows = await repo.searchUnits(db, q, isLatinSearch(q), { paths: parent ? [parent.path] : paths, rule, type: query.type }, SEARCH_LIMIT);
  } else if (parent) {
    rows = await repo.listChildUnits(db, parent.id, { paths, rule, type: query.type });
  } else if (query.type) {
    rows = await repo.listUnitsByType(db, { paths, rule, type: query.type }, TYPE_LIST_LIMIT);
  } else {
    rows = await repo.listUnitsAtPaths(db, paths, { paths, rule });
  }
  return presentRows(db, rows);
}

/** GET /api/org-units/:id. Closed units stay readable (history); `asOf` only changes which children are counted. */
export async function getOrgUnit(deps: AppDeps, actor: Actor, id: string, asOf?: string): Promise<OrgUnit> {
  const paths = scopePaths(actor, 'org.read');
  if (asOf) assertRealDate('asOf', { zh: '查询日期', en: 'As-of date' }, asOf);
  await getUnitIn(deps.db, paths, id);
  return presentOne(deps.db, id, { kind: 'on', date: asOf ?? todayOf(deps) });
}

/** POST /api/org-units: a new unit under a current parent in the caller's write scope. */
export async function createOrgUnit(deps: AppDeps, actor: Actor, input: CreateOrgUnitRequest): Promise<OrgUnit> {
  const paths = scopePaths(actor, 'org.write');
  const name = cleanName('name', { zh: '名称', en: 'Name' }, input.name);
  const shortName = input.shortName?.trim() || null;
  assertRealDate('validFrom', { zh: '生效日期', en: 'Valid from' }, input.validFrom);
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const parent = await getUnitIn(trx, paths, input.parentId);
    if (!isUnitValidOn(parent, today)) {
      throw fieldError('parentId', `上级单位：“${parent.name}”已撤销或尚未生效，不能在其下新建单位`, `Parent: "${parent.name}" is closed or not yet valid; no new unit can be created under it`);
    }
    if (!canHaveParent(input.type, parent.type)) throw typeMismatch(input.type, parent, { zh: '新建', en: 'created' });
    if (input.validFrom < parent.valid_from) {
      throw fieldError('validFrom', `生效日期：不能早于上级单位“${parent.name}”的生效日期 ${parent.valid_from}`, `Valid from: may not precede the parent's valid-from date ${parent.valid_from}`);
    }
    if (input.code) await assertCodeFree(trx, actor, input.code, today, []);
    const id = uuidv7();
    const path = `${parent.path}${id}/`;
    const py = toPinyinKeys(name);
    await repo.insertUnit(trx, {
      id,
      code: input.code ?? null,
      name,
      short_name: shortName,
      type: input.type,
      parent_id: parent.id,
      path,
      depth: parent.depth + 1,
      sort_order: 0,
      pinyin: py.full,
      pinyin_initials: py.initials,
      valid_from: input.validFrom,
      valid_to: null,
      merged_into_id: null,
      created_at: at,
      updated_at: at,
    });
    await appendLedgerEvent(
      trx,
      ledgerActor(actor, roleFor(actor, 'org.write')),
      { action: 'org_unit.created', objectType: 'org_unit', objectId: id, orgPath: path, payload: { name, type: input.type, code: input.code ?? null, parentId: parent.id, validFrom: input.validFrom } },
      now,
    );
    return presentOne(trx, id, { kind: 'on', date: today });
  });
}

/** PATCH /api/org-units/:id: name (pinyin follows), short name, code. No change, no event. */
export async function updateOrgUnit(deps: AppDeps, actor: Actor, id: string, input: UpdateOrgUnitRequest): Promise<OrgUnit> {
  const paths = scopePaths(actor, 'org.write');
  const name = input.name === undefined ? undefined : cleanName('name', { zh: '名称', en: 'Name' }, input.name);
  const shortName = input.shortName === undefined ? undefined : input.shortName === null ? null : input.shortName.trim() || null;
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const unit = await getUnitIn(trx, paths, id);
    const changed: Record<string, { from: string | null; to: string | null }> = {};
    const values: OrgUnitRowUpdate = {};
    if (name !== undefined && name !== unit.name) {
      const py = toPinyinKeys(name);
      Object.assign(values, { name, pinyin: py.full, pinyin_initials: py.initials });
      changed.name = { from: unit.name, to: name };
    }
    if (shortName !== undefined && shortName !== unit.short_name) {
      values.short_name = shortName;
      changed.shortName = { from: unit.short_name, to: shortName };
    }
    if (input.code !== undefined && input.code !== unit.code) {
      if (input.code !== null) await assertCodeFree(trx, actor, input.code, today, [unit.id]);
      values.code = input.code;
      changed.code = { from: unit.code, to: input.code };
    }
    if (Object.keys(changed).length > 0) {
      await repo.updateUnit(trx, unit.id, { ...values, updated_at: at });
      await appendLedgerEvent(trx, ledgerActor(actor, roleFor(actor, 'org.write')), { action: 'org_unit.updated', objectType: 'org_unit', objectId: unit.id, orgPath: unit.path, payload: { changed } }, now);
    }
    return presentOne(trx, unit.id, { kind: 'on', date: today });
  });
}

/**
 * POST /api/org-units/:id/move: re-parent a current unit. Rewrites path/depth of the whole subtree and every
 * denormalised org_path under it (people, posts, Party organisations) in the same transaction, so scope
 * follows at once. Moving under the same parent is a no-op.
 */
export async function moveOrgUnit(deps: AppDeps, actor: Actor, id: string, parentId: string): Promise<OrgUnit> {
  const paths = scopePaths(actor, 'org.write');
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const unit = await getUnitIn(trx, paths, id);
    const parent = await getUnitIn(trx, paths, parentId);
    if (unit.parent_id === null) throw fieldError('parentId', `上级单位：“${unit.name}”是根单位，不能移动`, `Parent: "${unit.name}" is the root unit and cannot be moved`);
    if (isSelfOrDescendantPath(unit.path, parent.path)) {
      throw fieldError('parentId', `上级单位：不能把“${unit.name}”移动到它自己或它的下级单位“${parent.name}”之下`, `Parent: "${unit.name}" cannot be moved under itself or its own sub-unit "${parent.name}"`);
    }
    if (!isUnitValidOn(unit, today)) throw fieldError('parentId', `上级单位：“${unit.name}”已撤销，不能移动`, `Parent: "${unit.name}" is closed and cannot be moved`);
    if (!isUnitValidOn(parent, today)) throw fieldError('parentId', `上级单位：“${parent.name}”已撤销或尚未生效，不能移入`, `Parent: "${parent.name}" is closed or not yet valid`);
    if (!isOrgUnitType(unit.type)) throw new Error(`org_unit.type holds an unknown value: ${unit.type}`);
    if (!canHaveParent(unit.type, parent.type)) throw typeMismatch(unit.type, parent, { zh: '移入', en: 'moved' });
    if (unit.parent_id === parent.id) return presentOne(trx, unit.id, { kind: 'on', date: today });
    const counts = await moveSubtree(trx, unit, parent, at);
    await appendLedgerEvent(
      trx,
      ledgerActor(actor, roleFor(actor, 'org.write')),
      { action: 'org_unit.moved', objectType: 'org_unit', objectId: unit.id, orgPath: `${parent.path}${unit.id}/`, payload: { fromParentId: unit.parent_id, toParentId: parent.id, ...counts } },
      now,
    );
    return presentOne(trx, unit.id, { kind: 'on', date: today });
  });
}

async function moveSubtree(trx: DbOrTrx, unit: OrgUnitRow, parent: OrgUnitRow, at: string): Promise<repo.PathRewriteCounts> {
  await repo.updateUnit(trx, unit.id, { parent_id: parent.id, updated_at: at });
  return repo.rewriteSubtreePaths(trx, unit.path, `${parent.path}${unit.id}/`, parent.depth + 1 - unit.depth, at);
}

/**
 * POST /api/org-units/merge (并村). Every source is a current village or community in the caller's write scope,
 * all under one parent. The target is an existing current unit under that parent or a new unit created there
 * from `effectiveDate`. Each source closes on the day before `effectiveDate` with `merged_into_id`; its current
 * children (villager groups) move under the target; its people move to the target; its open posts end on the
 * closing day and reopen at the target from `effectiveDate` (old posts keep their unit: history stays true).
 */
export async function mergeOrgUnits(deps: AppDeps, actor: Actor, input: MergeOrgUnitsRequest): Promise<OrgUnit> {
  const paths = scopePaths(actor, 'org.write');
  const sourceIds = [...new Set(input.sourceIds)];
  assertRealDate('effectiveDate', { zh: '生效日期', en: 'Effective date' }, input.effectiveDate);
  if (input.targetId && input.newUnit) {
    throw fieldError('targetId', '合并目标：请选择已有单位或填写新单位，二者只能选其一', 'Merge target: choose an existing unit or describe a new one, not both');
  }
  if (!input.targetId && !input.newUnit) throw fieldError('targetId', '合并目标：请选择合并到的单位，或填写新单位名称', 'Merge target: choose the unit to merge into or name a new one');
  const newName = input.newUnit ? cleanName('newUnit', { zh: '新单位名称', en: 'New unit name' }, input.newUnit.name) : undefined;
  const now = deps.clock.now();
  const today = isoDate(now);
  const at = now.toISOString();
  if (input.effectiveDate > today) {
    throw fieldError('effectiveDate', `生效日期：不能晚于今天（${today}），请在合并生效当天或之后登记`, `Effective date may not be after today (${today}); record the merger once it takes effect`);
  }
  const closingDay = dayBefore(input.effectiveDate);
  const writer = ledgerActor(actor, roleFor(actor, 'org.write'));

  return inTransaction(deps.db, async (trx) => {
    const sources: OrgUnitRow[] = [];
    for (const sid of sourceIds) sources.push(await getUnitIn(trx, paths, sid));
    for (const s of sources) {
      if (!isMergeable(s.type)) {
        throw fieldError('sourceIds', `被合并单位：“${s.name}”类型为${typeLabel(s.type).zh}，只有村和社区可以合并`, `Units to merge: "${s.name}" is a ${typeLabel(s.type).en}; only villages and communities can be merged`);
      }
      if (!isUnitValidOn(s, today)) throw fieldError('sourceIds', `被合并单位：“${s.name}”已撤销或尚未生效`, `Units to merge: "${s.name}" is closed or not yet valid`);
      if (s.valid_from >= input.effectiveDate) {
        throw fieldError('effectiveDate', `生效日期：必须晚于“${s.name}”的生效日期 ${s.valid_from}`, `Effective date must be after "${s.name}" came into being (${s.valid_from})`);
      }
    }
    const parentIds = new Set(sources.map((s) => s.parent_id));
    const parentId = sources[0]?.parent_id;
    if (parentIds.size !== 1 || !parentId) {
      throw fieldError('sourceIds', '被合并单位：必须属于同一个上级单位（同一镇或街道）', 'Units to merge must all belong to the same parent (one town or sub-district)');
    }

    let target: OrgUnitRow;
    if (input.targetId) {
      target = await getUnitIn(trx, paths, input.targetId);
      if (sourceIds.includes(target.id)) throw fieldError('targetId', `合并目标：“${target.name}”不能同时是被合并单位`, `Merge target: "${target.name}" is also one of the units to merge`);
      if (target.parent_id !== parentId) throw fieldError('targetId', `合并目标：“${target.name}”必须与被合并单位属于同一个上级单位`, `Merge target: "${target.name}" must have the same parent as the units to merge`);
      if (!isMergeable(target.type)) throw fieldError('targetId', `合并目标：“${target.name}”类型为${typeLabel(target.type).zh}，只能合并到村或社区`, `Merge target: "${target.name}" is a ${typeLabel(target.type).en}; merge into a village or community`);
      if (!isUnitValidOn(target, today) || target.valid_from > input.effectiveDate) {
        throw fieldError('targetId', `合并目标：“${target.name}”在生效日期 ${input.effectiveDate} 前后必须一直有效`, `Merge target: "${target.name}" must be valid from the effective date ${input.effectiveDate} on`);
      }
    } else {
      const parent = await getUnitIn(trx, paths, parentId);
      if (!isUnitValidOn(parent, today)) throw fieldError('sourceIds', `被合并单位：上级单位“${parent.name}”已撤销`, `Units to merge: their parent "${parent.name}" is closed`);
      const types = [...new Set(sources.map((s) => s.type))];
      const type = types[0];
      if (types.length !== 1 || !type || !isOrgUnitType(type)) {
        throw fieldError('newUnit', '新单位：被合并单位中既有村又有社区，无法确定新单位类型；请先新建合并后的单位，再选作合并目标', 'New unit: the units to merge mix villages and communities; create the merged unit first and choose it as the target');
      }
      const code = input.newUnit?.code;
      if (code) await assertCodeFree(trx, actor, code, today, sourceIds);
      const id = uuidv7();
      const py = toPinyinKeys(newName!);
      target = {
        id,
        code: code ?? null,
        name: newName!,
        short_name: null,
        type,
        parent_id: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        sort_order: 0,
        pinyin: py.full,
        pinyin_initials: py.initials,
        valid_from: input.effectiveDate,
        valid_to: null,
        merged_into_id: null,
        created_at: at,
        updated_at: at,
      };
      await repo.insertUnit(trx, target);
      await appendLedgerEvent(
        trx,
        writer,
        { action: 'org_unit.created', objectType: 'org_unit', objectId: id, orgPath: target.path, payload: { name: target.name, type, code: target.code, parentId: parent.id, validFrom: input.effectiveDate, mergedFromIds: sourceIds } },
        now,
      );
    }

    for (const source of sources) {
      const children = await repo.listChildrenOpenOn(trx, source.id, input.effectiveDate);
      for (const child of children) {
        const counts = await moveSubtree(trx, child, target, at);
        await appendLedgerEvent(
          trx,
          writer,
          { action: 'org_unit.moved', objectType: 'org_unit', objectId: child.id, orgPath: `${target.path}${child.id}/`, payload: { fromParentId: source.id, toParentId: target.id, reason: 'merge', ...counts } },
          now,
        );
      }
      const people = await repo.reassignPeople(trx, [source.id], target, at);
      let postsReopened = 0;
      let postsMoved = 0;
      for (const post of await repo.listPostsOpenOn(trx, [source.id], input.effectiveDate)) {
        if (post.start_date >= input.effectiveDate) {
          // began after the merger took effect: it never existed at the old unit
          await repo.movePostToUnit(trx, post.id, target, at);
          postsMoved++;
          continue;
        }
        await repo.endPost(trx, post.id, closingDay, at);
        await repo.insertPost(trx, {
          id: uuidv7(),
          person_id: post.person_id,
          org_unit_id: target.id,
          org_path: target.path,
          title: post.title,
          rank_level: post.rank_level,
          is_leadership: post.is_leadership,
          is_principal: post.is_principal,
          start_date: input.effectiveDate,
          end_date: post.end_date,
          appointment_id: null,
          created_at: at,
          updated_at: at,
        });
        postsReopened++;
      }
      await repo.updateUnit(trx, source.id, { valid_to: closingDay, merged_into_id: target.id, updated_at: at });
      await appendLedgerEvent(
        trx,
        writer,
        {
          action: 'org_unit.merged',
          objectType: 'org_unit',
          objectId: source.id,
          orgPath: source.path,
          payload: { targetId: target.id, effectiveDate: input.effectiveDate, validTo: closingDay, movedChildIds: children.map((c) => c.id), people, postsReopened, postsMoved },
        },
        now,
      );
    }
    return presentOne(trx, target.id, { kind: 'on', date: today });
  });
}
