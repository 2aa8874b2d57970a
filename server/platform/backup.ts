/**
 * Backup and restore of the embedded SQLite database (SECURITY.md §6, 28d). A backup is a consistent online copy
 * (`VACUUM INTO`, safe while the server writes), checked with `integrity_check`. A restore checks the file first,
 * keeps the current database aside, and hands back so the caller can verify the ledger on the restored data.
 * PostgreSQL uses pg_dump / pg_restore (README).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Writes a consistent copy of `dbFile` to `out` (which must not exist) and returns its integrity verdict. */
export function backupSqlite(dbFile: string, out: string): string {
  if (fs.existsSync(out)) throw new Error(`目标文件已存在，不会覆盖 / ${out} exists; not overwritten`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.prepare('vacuum into ?').run(path.resolve(out));
  } finally {
    db.close();
  }
  return integrityCheck(out);
}

/** Replaces `dbFile` by the backup `from` (server stopped). The old database is kept as `<file>.before-restore-<ts>`. */
export function restoreSqlite(from: string, dbFile: string, now: Date = new Date()): { keptAs: string | null } {
  const verdict = integrityCheck(from);
  if (verdict !== 'ok') throw new Error(`备份文件损坏 The backup fails integrity_check: ${verdict}`);
  let keptAs: string | null = null;
  if (fs.existsSync(dbFile)) {
    keptAs = `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dbFile, keptAs);
  }
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(dbFile + suffix)) fs.rmSync(dbFile + suffix);
  fs.copyFileSync(from, dbFile);
  return { keptAs };
}

/** Row counts of every table (for comparing a restore with its source). */
export function tableRowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
    // Table names come from sqlite_master itself, quoted.
    return Object.fromEntries(tables.map((t) => [t, Number(db.prepare(`select count(*) from "${t.replace(/"/g, '""')}"`).pluck().get())]));
  } finally {
    db.close();
  }
}
