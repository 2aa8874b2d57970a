/**
 * Issue 3 benchmark, part 3: import of a 20,000-row roster (人员花名册) through the product's import service, each
 * run in a fresh child process (import-child.ts) against a fresh copy of the seeded demo database, so wall time,
 * CPU and peak memory are the import's own. The roster is generated here with exceljs (streaming writer, shared
 * strings, like a workbook saved by Excel) from the template columns (roster-columns.ts) and units that exist in
 * the demo county (read from the database, written as name paths such as 黄花镇/黄花村, each checked to resolve to
 * exactly that unit).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../server/db/database.ts';
import { ROSTER_COLUMNS, templateHeader } from '../server/modules/transfer/index.ts';
import { UnitDirectory } from '../server/modules/transfer/unit-directory.ts';
import type { ImportChildParams, ImportChildResult } from './import-child.ts';
import { mulberry32, personName, uniqueIdNumber } from './ledger-writes.ts';
import { fmt, progress } from './lib.ts';

/** Regions of the roster's ID numbers: none is used by the demo county or by the service-write bench. */
const ROSTER_REGIONS = ['440305', '420106', '360102', '110108'] as const;

export type RosterFile = { file: string; rows: number; bytes: number; units: number; cadres: number; posts: number; partyMembers: number; ms: number };

type UnitRow = { id: string; code: string | null; name: string; short_name: string | null; path: string; type: string; valid_to: string | null };

async function rosterUnits(db: Db): Promise<{ village: string[]; town: string[]; dept: string[]; root: string }> {
  const units = (await db.selectFrom('org_unit').select(['id', 'code', 'name', 'short_name', 'path', 'type', 'valid_to']).execute()) as UnitRow[];
  const byId = new Map(units.map((u) => [u.id, u]));
  const dir = new UnitDirectory(units.map((u) => ({ id: u.id, code: u.code, name: u.name, shortName: u.short_name, path: u.path, validTo: u.valid_to, writable: true })));
  const root = units.reduce((a, b) => (a.path.length <= b.path.length ? a : b));
  const out = { village: [] as string[], town: [] as string[], dept: [] as string[], root: root.name };
  for (const u of units) {
    if (u.valid_to !== null) continue;
    const kind = u.type === 'VILLAGE' || u.type === 'COMMUNITY' ? 'village' : u.type === 'TOWN' || u.type === 'STREET' ? 'town' : u.type === 'COUNTY_DEPT' ? 'dept' : null;
    if (!kind) continue;
    const names = u.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id)?.name ?? '');
    // The shortest name path below the county that names exactly this unit.
    for (let from = 1; from >= 0; from--) {
      const text = names.slice(from).join('/');
      const res = dir.resolve(text, true);
      if (res.ok && res.unit.id === u.id) {
        out[kind].push(text);
        break;
      }
    }
  }
  if (out.village.length === 0 || out.town.length === 0) throw new Error('roster: no villages or towns found in the demo county');
  return out;
}

const VILLAGE_TITLES = ['村党总支书记', '村民委员会主任', '村民委员会委员', '村党总支委员', '村务监督委员会主任', '网格员'];
const TOWN_TITLES = ['党委委员', '副镇长', '党政综合办公室主任', '科员', '办事员', '组织委员'];
const DEPT_TITLES = ['科员', '副主任科员', '股长', '副局长', '办公室主任'];

/** Writes a valid roster of `rows` people to `file` (one sheet, the template's header row, text cells). */
export async function writeRoster(db: Db, file: string, rows: number, seed = 2026): Promise<RosterFile> {
  const started = Date.now();
  const units = await rosterUnits(db);
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('人员花名册');
  ws.columns = ROSTER_COLUMNS.map((c) => ({ key: c.key, width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  ws.addRow(ROSTER_COLUMNS.map(templateHeader)).commit();
  let cadres = 0;
  let posts = 0;
  let partyMembers = 0;
  for (let k = 0; k < rows; k++) {
    const male = rnd() < 0.55;
    const { idNumber, birthDate } = uniqueIdNumber(k, ROSTER_REGIONS, male);
    const where = rnd();
    const kind = where < 0.8 ? 'village' : where < 0.95 ? 'town' : 'dept';
    const unit = pick(units[kind]);
    const party = rnd() < 0.35;
    const row: Record<string, string> = {
      name: personName(rnd, male),
      gender: male ? '男' : '女',
      birthDate,
      ethnicity: rnd() < 0.95 ? '汉族' : pick(['土家族', '苗族', '回族']),
      idNumber,
      unit,
      isPartyMember: party ? '是' : '否',
    };
    if (rnd() < 0.9) row.phone = `13${String(700_000_000 + k * 13)}`.slice(0, 11);
    if (party) {
      partyMembers++;
      row.partyJoinDate = `${Math.min(Number(birthDate.slice(0, 4)) + 22 + Math.floor(rnd() * 10), 2024)}-07-01`;
    }
    if (rnd() < 0.6) {
      posts++;
      const title = pick(kind === 'village' ? VILLAGE_TITLES : kind === 'town' ? TOWN_TITLES : DEPT_TITLES);
      const leader = /书记|主任|镇长|局长|股长|委员/.test(title);
      row.title = title;
      row.startDate = `${2015 + Math.floor(rnd() * 9)}-0${1 + Math.floor(rnd() * 9)}-01`;
      row.isLeadership = leader ? '是' : '否';
      row.isPrincipal = leader && /书记|主任|局长/.test(title) && !/副/.test(title) ? '是' : '否';
    }
    if (kind !== 'village' && rnd() < 0.5) {
      cadres++;
      row.rank = pick(['科员', '科员', '副科', '正科']);
      row.education = pick(['大学本科毕业', '大学本科毕业', '硕士研究生毕业', '大学专科毕业']);
      row.authority = units.root;
    }
    ws.addRow(ROSTER_COLUMNS.map((c) => row[c.key] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
  const bytes = fs.statSync(file).size;
  return { file, rows, bytes, units: units.village.length + units.town.length + units.dept.length, cadres, posts, partyMembers, ms: Date.now() - started };
}

export type ImportRun = ImportChildResult & { childWallMs: number };

/** Runs the child on one fresh database; returns its measurements. */
export async function runImportChild(params: ImportChildParams, label: string): Promise<ImportRun> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'import-child.ts')], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, BENCH_IMPORT: JSON.stringify(params) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || !line) throw new Error(`${label}: import child exited with ${code}: ${err.trim().split('\n').slice(0, 6).join(' | ')}`);
  const result = JSON.parse(line.slice('RESULT '.length)) as ImportChildResult;
  progress(
    `${label}: import ${fmt(result.import.wallMs / 1000, 2)} s wall, ${fmt(result.import.cpuMs / 1000, 2)} s CPU, peak RSS ${fmt(result.import.peakMB ?? result.maxRssMB)} MB; ` +
      `exceljs load ${fmt(result.exceljs.wallMs / 1000, 2)} s (peak ${fmt(result.exceljs.peakMB ?? Number.NaN)} MB); raw insert ${fmt(result.raw.wallMs / 1000, 2)} s`,
  );
  return { ...result, childWallMs: Date.now() - started };
}
