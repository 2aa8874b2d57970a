/** Rows → contract types. */
import type { ImportBatch } from '../../../contracts/transfer.ts';
import type { ImportBatchRow } from '../../db/schema.ts';

export function presentBatch(row: ImportBatchRow): ImportBatch {
  return { id: row.id, kind: row.kind, fileName: row.file_name, rowCount: Number(row.row_count), status: row.status, createdAt: row.created_at };
}
