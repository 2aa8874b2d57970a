/**
 * What protects ledger_event and ledger_checkpoint from UPDATE/DELETE on this database: triggers (both dialects)
 * and, on PostgreSQL, the privileges of the connected role.
 *
 * Triggers are defence in depth only: anyone who can run DDL (the table owner, a superuser, anyone with the SQLite
 * file) can drop them. On PostgreSQL the stronger setup needs a separate owner role, which the application cannot
 * create for itself without superuser rights, so it is documented rather than required:
 *
 *   -- as a superuser / DBA, once:
 *   CREATE ROLE bellwether_owner NOLOGIN;
 *   ALTER TABLE ledger_event OWNER TO bellwether_owner;
 *   ALTER TABLE ledger_checkpoint OWNER TO bellwether_owner;
 *   GRANT SELECT, INSERT ON ledger_event, ledger_checkpoint TO bellwether_app;
 *   REVOKE UPDATE, DELETE, TRUNCATE ON ledger_event, ledger_checkpoint FROM bellwether_app;
 *
 * (Later migrations that touch these tables then run as bellwether_owner.) A role that owns the table can always
 * grant itself the privileges back, so while the app role is the owner, REVOKE adds nothing; the verifier with
 * externally held checkpoints is the real check.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, type DialectName } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';

export const LEDGER_TABLES = ['ledger_event', 'ledger_checkpoint'] as const;

export type TableProtection = {
  table: string;
  /** names of the triggers on the table */
  triggers: string[];
  updateBlockedByTrigger: boolean;
  deleteBlockedByTrigger: boolean;
  /** PostgreSQL only */
  truncateBlockedByTrigger?: boolean;
  /** PostgreSQL only: the connected role owns the table (and so could drop the triggers or regrant itself rights) */
  roleIsOwner?: boolean;
  /** PostgreSQL only: what the connected role may do according to its privileges */
  roleMayUpdate?: boolean;
  roleMayDelete?: boolean;
  roleMayTruncate?: boolean;
};

export type LedgerProtection = { dialect: DialectName; tables: TableProtection[]; notes: string[] };

export async function describeLedgerProtection(db: Kysely<Database>): Promise<LedgerProtection> {
  const dialect = dialectOf(db);
  const tables: TableProtection[] = [];
  const notes: string[] = [];
  for (const table of LEDGER_TABLES) {
    if (dialect === 'sqlite') {
      const rows = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = ${table} order by name`.execute(db);
      const raises = (kind: string) => rows.rows.some((r) => new RegExp(`before\\s+${kind}\\s+on`, 'i').test(r.sql) && /raise\s*\(\s*abort/i.test(r.sql));
      tables.push({ table, triggers: rows.rows.map((r) => r.name), updateBlockedByTrigger: raises('update'), deleteBlockedByTrigger: raises('delete') });
    } else {
      const trig = await sql<{ name: string; tgtype: number }>`
        select t.tgname as name, t.tgtype as tgtype from pg_trigger t
        where t.tgrelid = to_regclass(${table}) and not t.tgisinternal and t.tgenabled <> 'D' order by t.tgname`.execute(db);
      // tgtype bits: 2 BEFORE, 8 DELETE, 16 UPDATE, 32 TRUNCATE
      const has = (bit: number) => trig.rows.some((r) => (Number(r.tgtype) & bit) !== 0 && (Number(r.tgtype) & 2) !== 0);
      const priv = await sql<{ owner: boolean; upd: boolean; del: boolean; trunc: boolean }>`
        select pg_get_userbyid(c.relowner) = current_user as owner,
               has_table_privilege(c.oid, 'UPDATE') as upd,
               has_table_privilege(c.oid, 'DELETE') as del,
               has_table_privilege(c.oid, 'TRUNCATE') as trunc
        from pg_class c where c.oid = to_regclass(${table})`.execute(db);
      const p = priv.rows[0];
      tables.push({
        table,
        triggers: trig.rows.map((r) => r.name),
        updateBlockedByTrigger: has(16),
        deleteBlockedByTrigger: has(8),
        truncateBlockedByTrigger: has(32),
        ...(p ? { roleIsOwner: p.owner, roleMayUpdate: p.upd, roleMayDelete: p.del, roleMayTruncate: p.trunc } : {}),
      });
      if (p?.owner) notes.push(`${table}: the connected role owns the table, so only the trigger stands in the way (see protection.ts for the owner-role setup)`);
      else if (p && (p.upd || p.del || p.trunc)) notes.push(`${table}: the connected role still holds UPDATE/DELETE/TRUNCATE privileges; REVOKE them`);
    }
  }
  for (const t of tables) if (!t.updateBlockedByTrigger || !t.deleteBlockedByTrigger) notes.push(`${t.table}: append-only trigger missing`);
  return { dialect, tables, notes };
}
