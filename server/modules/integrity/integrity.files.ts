/**
 * Files of the integrity module (SPEC M6, issue 4 deliverable 7):
 *
 * - the conclusions list as .xlsx: the same filters and scope as `GET /api/integrity/conclusions` (read, sign or
 *   accept scope; never the caller or a relative), the same columns as the list (no conclusion text), formula-
 *   escaped by the shared writer; a bulk export, so a fresh login (≤ 5 min, SECURITY.md item 11) and one
 *   `integrity.exported` ledger event;
 * - one conclusion version as the 廉政意见 form (.docx): subject, unit, outcome, basis, content, both signatures with
 *   names and times and the content hash they are bound to. Only a version that carries both signatures can be
 *   issued; a confidential read, so one `integrity.document-downloaded` event.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { IntegrityBasis, IntegrityOutcome, IntegrityStatus, ListIntegrityConclusionsQuery, SignatureBasis, SignerRole } from '../../../contracts/integrity.ts';
import { inTransaction } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, fieldError, forbidden } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { hasPermission } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { STATUS_ZH } from './integrity.policy.ts';
import * as repo from './integrity.repository.ts';
import { listConclusions, loadVisible, roleFor } from './integrity.service.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const OUTCOME_ZH: Record<IntegrityOutcome, string> = { CLEAR: '未发现问题', MINOR_ISSUES_NOT_AFFECTING: '有问题但不影响使用', NOT_SUITABLE: '不宜使用' };
const BASIS_ZH: Record<IntegrityBasis, string> = { DAILY_SUPERVISION: '日常监督', PETITIONS: '信访举报', AUDIT: '审计', REVERSE_EVAL: '反向测评' };
const ROLE_ZH: Record<SignerRole, string> = { SECRETARY: '党组织书记', DISCIPLINE: '纪委书记（纪检组组长）' };
const SIG_BASIS_ZH: Record<SignatureBasis, string> = { DIRECT: '本单位任职', ESCALATED: '提级签署（结论对象为本单位签字人）' };

/** Rows above this are refused: narrow the filters (the list has the same filters). */
export const INTEGRITY_EXPORT_MAX = 5000;

const COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '姓名' },
  { key: 'unit', header: '所在单位' },
  { key: 'version', header: '版本' },
  { key: 'conclusion', header: '廉政结论' },
  { key: 'status', header: '状态' },
  { key: 'secretary', header: '党组织书记签字' },
  { key: 'discipline', header: '纪委书记签字' },
  { key: 'updatedAt', header: '更新时间' },
];

/** The conclusions list (same filters and scope as the page) as .xlsx; fresh login; one ledger event. */
export async function exportConclusionsXlsx(ctx: ServiceCtx, query: ListIntegrityConclusionsQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'integrity.read') && !hasPermission(ctx.actor, 'integrity.sign') && !hasPermission(ctx.actor, 'integrity.accept')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const rows: Record<string, string | number>[] = [];
  const pageSize = 200;
  for (let page = 1; ; page++) {
    const res = await listConclusions(ctx, { ...query, page, pageSize });
    if (res.total > INTEGRITY_EXPORT_MAX) {
      throw fieldError('q', `符合条件的廉政结论有 ${res.total} 条，超过单次导出上限 ${INTEGRITY_EXPORT_MAX} 条；请按状态、结论或姓名缩小范围后再导出`, `${res.total} conclusions exceed the ${INTEGRITY_EXPORT_MAX} row limit; narrow the filters`);
    }
    for (const c of res.items) {
      rows.push({
        name: c.subjectName,
        unit: c.unitName,
        version: c.version,
        conclusion: OUTCOME_ZH[c.conclusion],
        status: STATUS_ZH[c.status],
        secretary: c.signedRoles.includes('SECRETARY') ? '已签' : '未签',
        discipline: c.signedRoles.includes('DISCIPLINE') ? '已签' : '未签',
        updatedAt: chinaDateTimeText(c.updatedAt),
      });
    }
    if (page * pageSize >= res.total) break;
  }
  const root = ctx.actor.roots[0]?.path ?? '/';
  const filters = { status: query.status ?? null, conclusion: query.conclusion ?? null, subjectPersonId: query.subjectPersonId ?? null, q: query.q?.trim() || null, toSign: query.toSign ?? false };
  await inTransaction(ctx.db, (trx) =>
    appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.read') ?? roleFor(ctx.actor, 'integrity.sign') ?? roleFor(ctx.actor, 'integrity.accept')),
      { action: 'integrity.exported', objectType: 'integrity_conclusion', objectId: 'list', orgPath: root, payload: { filters, rows: rows.length, format: 'xlsx' } },
      ctx.clock.now(),
    ),
  );
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `廉政结论-${day}.xlsx`, asciiName: `integrity-conclusions-${day}.xlsx`, buffer: await writeXlsx('廉政结论', COLUMNS, rows), rowCount: rows.length };
}

const FONT = 'SimSun';
const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean; indent?: boolean; right?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: opts.indent ? { firstLine: 480 } : undefined,
    spacing: { after: 120, line: 360 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 24, font: FONT })],
  });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true, size: 28, font: 'SimHei' })] });
const cell = (text: string | number, opts: { bold?: boolean; size?: number; width?: number } = {}) =>
  new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text: String(text), bold: opts.bold, size: opts.size ?? 21, font: FONT })] })],
  });

/** The 廉政意见 form of one conclusion version that carries both signatures (409 otherwise); one ledger event. */
export async function downloadConclusionDocx(ctx: ServiceCtx, id: string): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  if (!hasPermission(ctx.actor, 'integrity.read') && !hasPermission(ctx.actor, 'integrity.sign') && !hasPermission(ctx.actor, 'integrity.accept')) throw forbidden();
  const { row, text, signatures } = await inTransaction(ctx.db, async (trx) => {
    const found = await loadVisible(trx, ctx, id);
    const sigs = (await repo.listSignatures(trx, [found.id])).filter((s) => s.version === found.version);
    const roles = new Set(sigs.map((s) => s.signer_role));
    if (!roles.has('SECRETARY') || !roles.has('DISCIPLINE')) {
      const missing = (['SECRETARY', 'DISCIPLINE'] as const).filter((r) => !roles.has(r)).map((r) => ROLE_ZH[r]);
      throw new AppError('ILLEGAL_TRANSITION', {
        zh: `第 ${found.version} 版廉政结论尚缺${missing.join('和')}签字（当前状态：${STATUS_ZH[found.status as IntegrityStatus]}），双签完成后才能出具廉政意见`,
        en: `Version ${found.version} still lacks a signature; the integrity opinion can be issued once both have signed`,
      });
    }
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.read') ?? roleFor(ctx.actor, 'integrity.sign') ?? roleFor(ctx.actor, 'integrity.accept')),
      { action: 'integrity.document-downloaded', objectType: 'integrity_conclusion', objectId: found.id, orgPath: found.org_path, payload: { personId: found.subject_person_id, version: found.version, contentHash: found.content_hash, format: 'docx' } },
      ctx.clock.now(),
    );
    return { row: found, text: ctx.cipher.decrypt(found.text_enc), signatures: sigs };
  });
  const basis = (JSON.parse(row.basis) as IntegrityBasis[]).map((b) => BASIS_ZH[b] ?? b).join('、');
  const ordered = (['SECRETARY', 'DISCIPLINE'] as const).map((r) => signatures.find((s) => s.signer_role === r)!);
  const cst = (iso: string | null) => (iso ? chinaDateTimeText(iso).slice(0, 16) : '—');
  const children: (Paragraph | Table)[] = [
    p('干部廉政意见', { bold: true, size: 36, center: true }),
    p(`（廉政结论 第 ${row.version} 版 · ${STATUS_ZH[row.status as IntegrityStatus]}）`, { center: true, size: 21 }),
    p('机密 ★ 仅限干部选拔任用工作使用', { center: true, size: 18 }),
    heading('一、基本情况'),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ children: [cell('姓名', { bold: true, width: 18 }), cell(row.subject_name, { width: 32 }), cell('所在单位', { bold: true, width: 18 }), cell(row.unit_name, { width: 32 })] }),
        new TableRow({ children: [cell('廉政结论', { bold: true }), cell(OUTCOME_ZH[row.conclusion as IntegrityOutcome] ?? row.conclusion), cell('结论依据', { bold: true }), cell(basis)] }),
        new TableRow({ children: [cell('报送组织部', { bold: true }), cell(cst(row.submitted_at)), cell(row.status === 'RETURNED' ? '退回时间' : '采纳时间', { bold: true }), cell(cst(row.decided_at))] }),
      ],
    }),
    heading('二、廉政意见'),
    ...text.split('\n').filter((line) => line.trim() !== '').map((line) => p(line.trim(), { indent: true })),
    ...(row.status === 'RETURNED' && row.return_reason ? [p(`干部监督科退回理由：${row.return_reason}`, { indent: true, bold: true })] : []),
    heading('三、签字'),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [cell('签字人', { bold: true, width: 26 }), cell('姓名', { bold: true, width: 16 }), cell('签字时间', { bold: true, width: 22 }), cell('签署依据', { bold: true, width: 36 })] }),
        ...ordered.map((s) => new TableRow({ children: [cell(ROLE_ZH[s.signer_role as SignerRole]), cell(s.signer_name), cell(cst(s.signed_at)), cell(SIG_BASIS_ZH[s.basis as SignatureBasis] ?? s.basis)] })),
      ],
    }),
    p(''),
    p(`内容摘要（SHA-256）：${row.content_hash}`, { size: 18 }),
    p(`两个签字均绑定上述内容摘要${ordered.every((s) => s.content_hash === row.content_hash) ? '，经核对一致' : '；有签字与本版内容摘要不一致，请核查'}。内容如有修改将生成新版本，须重新双签。`, { size: 18 }),
    p(''),
    p(`${row.unit_name}党组织（盖章）`, { right: true }),
    p(`本文书由系统按签字记录生成，生成时间 ${cst(ctx.clock.now().toISOString())}，生成人 ${ctx.actor.displayName}。`, { size: 18 }),
  ];
  const doc = new Document({ creator: 'Bellwether', title: `${row.subject_name}廉政意见`, sections: [{ children }] });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `${row.subject_name}-廉政意见-第${row.version}版.docx`, asciiName: `integrity-opinion-v${row.version}-${day}.docx`, buffer: await Packer.toBuffer(doc) };
}
