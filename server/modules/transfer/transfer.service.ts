/**
 * Excel import and export use cases (issue 3, deliverables 6 and 7).
 *
 * Import (SECURITY.md §6.3): the file is checked (inspectXlsx), parsed and EVERY row validated before anything
 * is written; any error → nothing is written and the caller gets the full per-row report. Otherwise ONE
 * transaction writes the batch row (file SHA-256 UNIQUE: the same file twice is refused), every person with
 * cadre record and post, one `person.created` ledger event per person and one `import.committed` event; the
 * caller answers "committed" only after COMMIT returned.
 *
 * Export: the people list the caller can see, with the same filters, masked fields only, after a fresh login
 * (SECURITY.md item 11), recorded as one `people.exported` ledger event before the file leaves the server.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { RankLevel } from '../../../contracts/enums.ts';
import { IMPORT_LIMITS, type ExportPeopleQuery, type ImportBatch, type ImportResult } from '../../../contracts/transfer.ts';
import { inTransaction } from '../../db/database.ts';
import type { NewPostRow } from '../../db/schema.ts';
import { maskPhone } from '../../platform/crypto.ts';
import { ledgerActor, type AppDeps, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { inspectXlsx, readSheetTable, writeXlsx, type HeaderProblem, type XlsxColumn } from '../../platform/excel/index.ts';
import { makeIdNumber, maskIdNumber } from '../../platform/id-number.ts';
import { appendLedgerEvent, appendLedgerEvents } from '../../platform/ledger/index.ts';
import { toPinyinKeys } from '../../platform/pinyin.ts';
import { hasPermission, scopePaths, type Actor } from '../../platform/scope.ts';
import { buildActor, requireFreshLogin } from '../auth/auth.service.ts';
import { findRegisteredIdNumberIndexes, insertPeopleRows, listPeopleForExport, type NewPersonBundle } from '../people/index.ts';
import { IGNORED_HEADERS, RANK_NAMES, ROSTER_COLUMNS, templateHeader } from './roster-columns.ts';
import { validateRosterRows, type CodeCatalogue, type RowError, type ValidRosterRow } from './roster-validate.ts';
import { presentBatch } from './transfer.presenter.ts';
import * as repo from './transfer.repository.ts';
import { UnitDirectory, type DirectoryUnit } from './unit-directory.ts';

export type ImportFile = { fileName: string; buffer: Buffer };

export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; message: Text; errors: RowError[] };

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` in China Standard Time. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function chinaDateTime(iso: string): string {
  return new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The file's base name without directories or control characters (never used as a path). */
export function safeFileName(name: string | undefined): string {
  const base = path.posix.basename((name ?? '').replace(/\\/g, '/'));
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload.xlsx' : cleaned;
}

/** Lowest common ancestor of materialised paths ('/' when they share nothing). */
export function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let common = paths[0]!.split('/').filter(Boolean);
  for (const p of paths) {
    const parts = p.split('/').filter(Boolean);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
    if (common.length === 0) break;
  }
  return common.length ? `/${common.join('/')}/` : '/';
}

const alreadyImported = (batch: { created_at: string; row_count: number }) =>
  new AppError('ALREADY_IMPORTED', {
    zh: `该文件已于 ${chinaDateTime(batch.created_at)} 导入（${batch.row_count} 人），请勿重复导入`,
    en: `This file was already imported on ${chinaDateTime(batch.created_at)} (UTC+8, ${batch.row_count} people)`,
  });

function headerErrors(problem: HeaderProblem): { message: Text; errors: RowError[] } {
  const expected = ROSTER_COLUMNS.map(templateHeader).join('、');
  const errors: RowError[] = [
    ...problem.missing.map((h) => ({ row: problem.headerRow, column: h, message: { zh: `缺少必填列“${h}”`, en: `Required column "${h}" is missing` } })),
    ...problem.unknown.map((h) => ({ row: problem.headerRow, column: h, message: { zh: `无法识别的列名“${h}”；可用的列名：${expected}`, en: `Unknown column "${h}"; the columns are: ${expected}` } })),
    ...problem.duplicated.map((h) => ({ row: problem.headerRow, column: h, message: { zh: `列名“${h}”出现了多次`, en: `Column "${h}" appears more than once` } })),
  ];
  const parts: string[] = [];
  if (problem.missing.length) parts.push(`缺少 ${problem.missing.join('、')}`);
  if (problem.unknown.length) parts.push(`无法识别 ${problem.unknown.join('、')}`);
  if (problem.duplicated.length) parts.push(`重复 ${problem.duplicated.join('、')}`);
  return {
    message: {
      zh: `表头与导入模板不符（${parts.join('；')}），未导入任何数据。应有的列：${expected}（带 * 的为必填，顺序不限）`,
      en: `The header row does not match the template (missing: ${problem.missing.join(', ') || '-'}; unknown: ${problem.unknown.join(', ') || '-'}); nothing was imported. Columns: ${expected}`,
    },
    errors,
  };
}

function catalogue(rows: { code: string; name_zh: string }[]): CodeCatalogue {
  return { byName: new Map(rows.map((r) => [r.name_zh.normalize('NFKC'), r.code])), codes: new Set(rows.map((r) => r.code)) };
}

/** The units an importer may name: the people.write subtrees plus the ancestors of their roots. */
async function loadUnitDirectory(ctx: ServiceCtx): Promise<UnitDirectory> {
  const roots = scopePaths(ctx.actor, 'people.write');
  const inScope = await repo.listUnitsUnder(ctx.db, roots);
  const loaded = new Set(inScope.map((u) => u.id));
  const ancestorIds = [...new Set(roots.flatMap((p) => p.split('/').filter(Boolean)))].filter((id) => !loaded.has(id));
  const ancestors = await repo.listUnitsByIds(ctx.db, ancestorIds);
  const toUnit = (u: repo.UnitLookupRow, writable: boolean): DirectoryUnit => ({ id: u.id, code: u.code, name: u.name, shortName: u.short_name, path: u.path, validTo: u.valid_to, writable });
  return new UnitDirectory([...inScope.map((u) => toUnit(u, true)), ...ancestors.map((u) => toUnit(u, false))]);
}

/** Rows written (and their ledger events appended) per step of the import's one transaction. */
const IMPORT_WRITE_SLICE = 2000;
const isCadreRow = (row: ValidRosterRow): boolean => Boolean(row.cadre);
const postCountOf = (row: ValidRosterRow): number => (row.post ? 1 : 0);

function bundleOf(ctx: ServiceCtx, row: ValidRosterRow, idNumberIndex: string | null, now: string): NewPersonBundle {
  const id = uuidv7();
  const py = toPinyinKeys(row.name, { isPersonName: true });
  const rank: RankLevel | null = row.cadre?.rankLevel ?? null;
  const posts: NewPostRow[] = row.post
    ? [
        {
          id: uuidv7(),
          person_id: id,
          org_unit_id: row.unit.id,
          org_path: row.unit.path,
          title: row.post.title,
          rank_level: rank,
          is_leadership: row.post.isLeadership ? 1 : 0,
          is_principal: row.post.isPrincipal ? 1 : 0,
          start_date: row.post.startDate,
          end_date: null,
          appointment_id: null,
          created_at: now,
          updated_at: now,
        },
      ]
    : [];
  return {
    person: {
      id,
      name: row.name,
      name_pinyin: py.full,
      name_initials: py.initials,
      gender: row.gender,
      birth_date: row.birthDate,
      ethnicity_code: row.ethnicityCode,
      id_number_enc: row.idNumber ? ctx.cipher.encrypt(row.idNumber) : null,
      id_number_bidx: idNumberIndex,
      id_number_masked: row.idNumber ? maskIdNumber(row.idNumber) : null,
      phone_enc: row.phone ? ctx.cipher.encrypt(row.phone) : null,
      phone_masked: row.phone ? maskPhone(row.phone) : null,
      hometown_org_unit_id: null,
      is_party_member: row.isPartyMember ? 1 : 0,
      party_join_date: row.partyJoinDate,
      party_org_id: null,
      org_unit_id: row.unit.id,
      org_path: row.unit.path,
      created_at: now,
      updated_at: now,
    },
    cadre: row.cadre
      ? {
          person_id: id,
          rank_level: row.cadre.rankLevel,
          management_authority_org_id: row.cadre.authority.id,
          work_start_date: null,
          education_code: row.cadre.educationCode,
          degree_code: null,
          specialty: null,
          is_section_level: row.cadre.rankLevel === 'SECTION' || row.cadre.rankLevel === 'DEPUTY_SECTION' ? 1 : 0,
          created_at: now,
          updated_at: now,
        }
      : null,
    posts,
  };
}

/** The request field names of the values a row provided (the same vocabulary as POST /api/people). */
function providedFields(row: ValidRosterRow): string[] {
  const fields = ['birthDate', 'ethnicityCode', 'gender', 'isPartyMember', 'name', 'orgUnitId'];
  if (row.idNumber) fields.push('idNumber');
  if (row.phone) fields.push('phone');
  if (row.partyJoinDate) fields.push('partyJoinDate');
  if (row.cadre) fields.push('cadre');
  if (row.post) fields.push('post');
  return fields.sort();
}

function rejection(errors: RowError[]): ImportOutcome {
  const rows = new Set(errors.map((e) => e.row)).size;
  return {
    ok: false,
    message: {
      zh: `发现 ${errors.length} 处错误（涉及 ${rows} 行），未导入任何数据；请按错误报告逐条修改后重新上传`,
      en: `${errors.length} problems in ${rows} rows; nothing was imported. Fix them using the error report and upload again`,
    },
    errors,
  };
}

/**
 * Inspects, streams and validates the roster. A function of its own so that the sheet table (every cell of every
 * row) is garbage as soon as the validated rows exist: it is never alive during the write transaction.
 */
async function parseAndValidate(ctx: ServiceCtx, buffer: Buffer): Promise<{ ok: true; valid: ValidRosterRow[]; errors: RowError[] } | { ok: false; outcome: ImportOutcome }> {
  const inspection = await inspectXlsx(buffer);
  const read = await readSheetTable(buffer, inspection, {
    columns: ROSTER_COLUMNS,
    ignored: IGNORED_HEADERS,
    maxRows: IMPORT_LIMITS.maxRows,
    maxColumns: IMPORT_LIMITS.maxColumns,
  });
  if (!read.ok) {
    const { message, errors } = headerErrors(read.problem);
    return { ok: false, outcome: { ok: false, message, errors } };
  }
  const { table } = read;
  if (table.rows.length === 0) {
    return { ok: false, outcome: rejection([{ row: table.headerRow + 1, column: '', message: { zh: '表格中没有数据行', en: 'The sheet has no data rows' } }]) };
  }
  const [units, ethnicity, education] = await Promise.all([loadUnitDirectory(ctx), repo.listCatalogue(ctx.db, 'ETHNICITY'), repo.listCatalogue(ctx.db, 'EDUCATION')]);
  const { valid, errors } = validateRosterRows(table.rows, {
    units,
    ethnicity: catalogue(ethnicity),
    education: catalogue(education),
    today: chinaDate(ctx.clock.now()),
    date1904: table.date1904,
  });
  return { ok: true, valid, errors };
}

/**
 * Imports a people roster (人员花名册) all-or-nothing. Validation problems are returned (not thrown) with every
 * row error; file-level problems (type, macros, zip bomb, size, rows) and "already imported" are thrown.
 */
export async function importPeopleRoster(ctx: ServiceCtx, file: ImportFile): Promise<ImportOutcome> {
  if (!hasPermission(ctx.actor, 'people.write')) throw forbidden();
  const started = Date.now();
  const fileName = safeFileName(file.fileName);
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  const previous = await repo.findBatchBySha(ctx.db, sha256);
  if (previous) throw alreadyImported(previous);

  const parsed = await parseAndValidate(ctx, file.buffer);
  if (!parsed.ok) return parsed.outcome;
  const { valid, errors } = parsed;

  // Duplicates against the database, by blind index (ID numbers are unique county-wide).
  const blindIndexes = valid.map((r) => (r.idNumber ? ctx.cipher.blindIndex('id_number', r.idNumber) : null));
  const indexOfRow = new Map<string, number>();
  valid.forEach((r, i) => {
    const bidx = blindIndexes[i];
    if (bidx) indexOfRow.set(bidx, r.row);
  });
  const registered = await findRegisteredIdNumberIndexes(ctx.db, [...indexOfRow.keys()]);
  for (const bidx of registered) {
    errors.push({ row: indexOfRow.get(bidx)!, column: '身份证号', message: { zh: '该身份证号已登记在系统中，请勿重复导入', en: 'This ID number is already registered' } });
  }
  if (errors.length > 0) return rejection(errors.sort((a, b) => a.row - b.row));

  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const batchId = uuidv7();
  const orgPath = commonPath(valid.map((r) => r.unit.path));
  const cadres = valid.filter((r) => isCadreRow(r)).length;
  const posts = valid.reduce((n, r) => n + postCountOf(r), 0);
  const actor = ledgerActor(ctx.actor);

  // One transaction, written in slices: each slice's bundles (encrypted fields, rows) and ledger entries exist only
  // while that slice is written, so peak memory does not grow with the whole file (issue 3: 20,000 rows < 300 MB).
  try {
    await inTransaction(ctx.db, async (trx) => {
      const again = await repo.findBatchBySha(trx, sha256);
      if (again) throw alreadyImported(again);
      await repo.insertBatch(trx, { id: batchId, file_sha256: sha256, file_name: fileName, kind: 'people', row_count: valid.length, status: 'committed', created_by: ctx.actor.userId, created_at: now, org_path: orgPath });
      await appendLedgerEvents(trx, actor, [{ action: 'import.committed', objectType: 'import_batch', objectId: batchId, orgPath, payload: { kind: 'people', fileSha256: sha256, rows: valid.length, cadres, posts } }], nowDate);
      for (let start = 0; start < valid.length; start += IMPORT_WRITE_SLICE) {
        const slice = valid.slice(start, start + IMPORT_WRITE_SLICE);
        const bundles = slice.map((r, i) => bundleOf(ctx, r, blindIndexes[start + i] ?? null, now));
        await insertPeopleRows(trx, bundles);
        await appendLedgerEvents(
          trx,
          actor,
          bundles.map((b, i) => ({
            action: 'person.created',
            objectType: 'person',
            objectId: b.person.id,
            orgPath: b.person.org_path,
            payload: { via: 'import', batchId, row: slice[i]!.row, fields: providedFields(slice[i]!), idNumberMasked: b.person.id_number_masked ?? null, phoneMasked: b.person.phone_masked ?? null, isCadre: b.cadre !== null },
          })),
          nowDate,
        );
      }
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A concurrent import of the same file, or of the same ID numbers, won the race: the UNIQUE constraints held.
    const raced = await repo.findBatchBySha(ctx.db, sha256);
    if (raced) throw alreadyImported(raced);
    const taken = await findRegisteredIdNumberIndexes(ctx.db, [...indexOfRow.keys()]);
    if (taken.size > 0) {
      throw new AppError('CONFLICT', { zh: '部分身份证号刚刚被登记，未导入任何数据；请重新上传以查看明细', en: 'Some ID numbers were registered meanwhile; nothing was imported. Upload again to see which' });
    }
    throw error;
  }
  return { ok: true, result: { batchId, fileName, created: valid.length, cadres, posts, durationMs: Date.now() - started } };
}

/** The caller's own imports, newest first. */
export async function listImportBatches(ctx: ServiceCtx): Promise<ImportBatch[]> {
  if (!hasPermission(ctx.actor, 'people.write')) throw forbidden();
  const rows = await repo.listBatchesOfUser(ctx.db, ctx.actor.userId, 100);
  return rows.map(presentBatch);
}

const BATCH_COLUMNS: XlsxColumn[] = [
  { key: 'createdAt', header: '导入时间' },
  { key: 'fileName', header: '文件名' },
  { key: 'kind', header: '类型' },
  { key: 'rowCount', header: '导入人数' },
  { key: 'status', header: '状态' },
];

/**
 * GET /api/imports/export.xlsx: the list of GET /api/imports (the caller's own imports, newest first) as .xlsx.
 * One `imports.exported` ledger event, committed before the file is handed out; file names are formula-escaped
 * by writeXlsx like every cell.
 */
export async function exportImportBatchesXlsx(ctx: ServiceCtx): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  const batches = await listImportBatches(ctx);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, (trx) =>
    appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      { action: 'imports.exported', objectType: 'export', objectId: uuidv7(), orgPath: commonPath(scopePaths(ctx.actor, 'people.write')), payload: { filters: {}, rowCount: batches.length, format: 'xlsx' } },
      now,
    ),
  );
  const buffer = await writeXlsx(
    '导入记录',
    BATCH_COLUMNS,
    batches.map((b) => ({
      createdAt: chinaDateTime(b.createdAt),
      fileName: b.fileName,
      kind: b.kind === 'people' ? '人员花名册' : b.kind,
      rowCount: b.rowCount,
      status: b.status === 'committed' ? '已导入' : b.status,
    })),
  );
  return { fileName: `导入记录-${chinaDate(now)}.xlsx`, asciiName: `imports-${chinaDate(now)}.xlsx`, buffer, rowCount: batches.length };
}

/** One of the caller's imports; anybody else's answers 404. */
export async function getImportBatch(ctx: ServiceCtx, id: string): Promise<ImportBatch> {
  if (!hasPermission(ctx.actor, 'people.write')) throw forbidden();
  const row = await repo.findBatch(ctx.db, id);
  if (!row || row.created_by !== ctx.actor.userId) throw notFound({ zh: '导入批次', en: 'import' });
  return presentBatch(row);
}

export const REPORT_COLUMNS: XlsxColumn[] = [
  { key: 'row', header: '行号', width: 8 },
  { key: 'column', header: '列名', width: 18 },
  { key: 'message', header: '原因', width: 80 },
];

/** The error report of a rejected import as .xlsx (行号, 列名, 原因). */
export function writeErrorReport(errors: readonly RowError[], locale: 'zh-CN' | 'en'): Promise<Buffer> {
  return writeXlsx(
    '导入错误报告',
    REPORT_COLUMNS,
    errors.map((e) => ({ row: e.row, column: e.column, message: locale === 'en' ? e.message.en : e.message.zh })),
  );
}

/** The import template: header row with notes, drop-downs, text-formatted ID and date columns, two example rows. */
export async function buildRosterTemplate(ctx: ServiceCtx): Promise<Buffer> {
  if (!hasPermission(ctx.actor, 'people.write')) throw forbidden();
  const inScope = await repo.listUnitsUnder(ctx.db, scopePaths(ctx.actor, 'people.write'));
  const open = inScope.filter((u) => u.valid_to === null);
  const byId = new Map(open.map((u) => [u.id, u]));
  const village = open.find((u) => u.type === 'VILLAGE' && u.parent_id && byId.get(u.parent_id)?.type === 'TOWN');
  const town = village ? byId.get(village.parent_id!) : open.find((u) => u.type === 'TOWN');
  const villagePath = village && town ? `${town.name}/${village.name}` : '黄花镇/黄花村';
  const townName = town?.name ?? '黄花镇';
  const rootId = town?.path.split('/').filter(Boolean)[0];
  const root = rootId && rootId !== town?.id ? (await repo.listUnitsByIds(ctx.db, [rootId]))[0] : undefined;
  const authority = root?.name ?? '长沙县';
  const examples = [
    {
      name: '示例张伟',
      gender: '男',
      birthDate: '1985-06-15',
      ethnicity: '汉族',
      idNumber: makeIdNumber('430121', '1985-06-15', 131),
      phone: '13800000000',
      unit: villagePath,
      title: '村党总支书记',
      startDate: '2021-01-15',
      isLeadership: '是',
      isPrincipal: '是',
      isPartyMember: '是',
      partyJoinDate: '2008-07-01',
      rank: '',
      education: '',
      authority: '',
    },
    {
      name: '示例李娜',
      gender: '女',
      birthDate: '1990-03-08',
      ethnicity: '土家族',
      idNumber: makeIdNumber('430121', '1990-03-08', 242),
      phone: '13900000000',
      unit: townName,
      title: '党政综合办公室副主任',
      startDate: '2022-09-01',
      isLeadership: '是',
      isPrincipal: '否',
      isPartyMember: '是',
      partyJoinDate: '2012-06-20',
      rank: RANK_NAMES[1],
      education: '大学本科毕业',
      authority,
    },
  ];
  return writeXlsx(
    '人员花名册',
    ROSTER_COLUMNS.map((c) => ({ key: c.key, header: templateHeader(c), width: c.width, note: c.note, ...(c.text ? { numFmt: '@' } : {}), ...(c.list ? { list: c.list } : {}) })),
    examples,
  );
}

const RANK_LABEL: Record<RankLevel, string> = { CLERK: '科员', DEPUTY_SECTION: '副科', SECTION: '正科', DEPUTY_COUNTY: '副处', COUNTY: '正处' };

const EXPORT_COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '姓名' },
  { key: 'gender', header: '性别' },
  { key: 'birthDate', header: '出生日期' },
  { key: 'age', header: '年龄' },
  { key: 'orgName', header: '所在单位' },
  { key: 'titles', header: '现任职务' },
  { key: 'rank', header: '职级' },
  { key: 'isPartyMember', header: '是否党员' },
  { key: 'idNumberMasked', header: '身份证号（脱敏）' },
  { key: 'phoneMasked', header: '手机号码（脱敏）' },
];

/**
 * Exports the people list (same filters and scope as GET /api/people) as .xlsx. Needs a login within the
 * step-up window; one `people.exported` ledger event is committed before the file is returned.
 */
export async function exportPeopleXlsx(ctx: ServiceCtx, filters: ExportPeopleQuery): Promise<{ fileName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'people.read')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { items, unitPath } = await listPeopleForExport(ctx, filters, IMPORT_LIMITS.exportMaxRows);
  const exportId = uuidv7();
  const { q, ...rest } = filters;
  const recorded: Record<string, unknown> = { ...rest };
  // A name search is personal data: the ledger keeps a keyed hash of it, never the text.
  if (q !== undefined) recorded.qHash = ctx.cipher.blindIndex('ledger-search', q.trim());
  await inTransaction(ctx.db, async (trx) => {
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor),
      { action: 'people.exported', objectType: 'export', objectId: exportId, orgPath: unitPath ?? commonPath(scopePaths(ctx.actor, 'people.read')), payload: { filters: recorded, rowCount: items.length, format: 'xlsx' } },
      ctx.clock.now(),
    );
  });
  const buffer = await writeXlsx(
    '人员名单',
    EXPORT_COLUMNS,
    items.map((p) => ({
      name: p.name,
      gender: p.gender === 'M' ? '男' : '女',
      birthDate: p.birthDate,
      age: p.age,
      orgName: p.orgName,
      titles: p.currentTitles.join('；'),
      rank: p.rankLevel ? RANK_LABEL[p.rankLevel] : '',
      isPartyMember: p.isPartyMember ? '是' : '否',
      idNumberMasked: p.idNumberMasked,
      phoneMasked: p.phoneMasked,
    })),
  );
  return { fileName: `人员名单-${chinaDate(ctx.clock.now())}.xlsx`, buffer, rowCount: items.length };
}

/**
 * `bellwether import FILE --as USERNAME`: the same import as the web, acting as that account (its grants
 * define the scope). Returns the outcome for the terminal.
 */
export async function importPeopleFileAs(deps: AppDeps, input: { file: string; username: string }): Promise<ImportOutcome> {
  const user = await repo.findUserByUsername(deps.db, input.username);
  if (!user || user.is_disabled) throw notFound({ zh: '账户', en: 'account' });
  const actor: Actor = await buildActor(deps, user, 'cli', deps.clock.now());
  const stat = await fs.stat(input.file);
  if (stat.size > IMPORT_LIMITS.maxUploadBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', { zh: `文件超过 ${IMPORT_LIMITS.maxUploadBytes / 1024 / 1024} MB 上限`, en: 'The file is too large' });
  }
  const buffer = await fs.readFile(input.file);
  return importPeopleRoster({ ...deps, actor }, { fileName: path.basename(input.file), buffer });
}
