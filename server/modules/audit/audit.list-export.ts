/**
 * GET /api/audit/checkpoints/export.xlsx (issue 3 deliverable 7): the signed-checkpoint list as .xlsx, newest first,
 * read with the list's own repository query (`listCheckpoints`, page by page; ledger-wide like the list) and the
 * list's presenter. Like the audit-event export: a fresh login and one `audit.exported` ledger event (instead of the
 * list's one `audit.viewed` per page). Hex roots and hashes only: no personal data.
 */
import type { AuditPageQuery } from '../../../contracts/audit.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText } from '../../platform/export-file.ts';
import { allPages, recordListExport } from '../../platform/list-export.ts';
import { hasPermission } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { auditRoleOf } from './audit.policy.ts';
import { presentCheckpoint } from './audit.presenter.ts';
import * as repo from './audit.repository.ts';

const COLUMNS: XlsxColumn[] = [
  { key: 'treeSize', header: '事件数（树大小）' },
  { key: 'ts', header: '签名时间' },
  { key: 'alg', header: '算法' },
  { key: 'root', header: 'Merkle 根（十六进制）' },
  { key: 'chainHead', header: '链头（十六进制）' },
  { key: 'keyId', header: '签名密钥' },
];

export async function exportCheckpointsXlsx(ctx: ServiceCtx, query: AuditPageQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'audit.read')) throw forbidden();
  requireFreshLogin(ctx, ctx.actor);
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages(
    async (q) => {
      const { rows, total } = await repo.listCheckpoints(ctx.db, { page: q.page, pageSize: q.pageSize });
      return { items: rows.map(presentCheckpoint), total };
    },
    filters,
    { what: '检查点', narrowBy: '时间' },
  );
  const rows = items.map((c) => ({ treeSize: c.treeSize, ts: chinaDateTimeText(c.ts), alg: c.alg, root: c.root, chainHead: c.chainHead, keyId: c.keyId }));
  await recordListExport(ctx, ledgerActor(ctx.actor, auditRoleOf(ctx.actor)), { action: 'audit.exported', orgPath: '/', query: { list: 'checkpoints', ...filters }, rowCount: rows.length });
  const day = chinaDateText(ctx.clock.now());
  return { fileName: `台账检查点-${day}.xlsx`, asciiName: `ledger-checkpoints-${day}.xlsx`, buffer: await writeXlsx('检查点', COLUMNS, rows), rowCount: rows.length };
}
