/** Ledger rows → contract types. Payloads are parsed canonical JSON; they hold no raw personal data by design. */
import type { AuditEvent, CheckpointSummary, DossierView, DossierViewAction } from '../../../contracts/audit.ts';
import type { LedgerEventRow } from '../../db/schema.ts';
import type { LedgerCheckpointTable } from '../../platform/ledger/index.ts';

export type EventNames = {
  users: Map<string, { displayName: string; username: string }>;
  units: Map<string, string>;
  /** `<objectType>:<objectId>` → label */
  objects: Map<string, string>;
};

/** The unit at the end of a materialised path (`/a/b/c/` → `c`); null for '/'. */
export function lastUnitId(path: string): string | null {
  const ids = path.split('/').filter(Boolean);
  return ids[ids.length - 1] ?? null;
}

export function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { unparsed: text };
  }
}

function presentActor(row: LedgerEventRow, names: EventNames) {
  const user = row.actor_user_id ? names.users.get(row.actor_user_id) : undefined;
  return { userId: row.actor_user_id, displayName: user?.displayName ?? null, username: user?.username ?? null, role: row.actor_role };
}

export function presentEvent(row: LedgerEventRow, names: EventNames): AuditEvent {
  const unitId = lastUnitId(row.org_path);
  return {
    seq: Number(row.seq),
    ts: row.ts,
    actor: presentActor(row, names),
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    objectLabel: names.objects.get(`${row.object_type}:${row.object_id}`) ?? null,
    orgPath: row.org_path,
    unitName: unitId ? (names.units.get(unitId) ?? null) : null,
    payload: parsePayload(row.payload),
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function presentDossierView(row: LedgerEventRow, names: EventNames): DossierView {
  const p = parsePayload(row.payload);
  return {
    seq: Number(row.seq),
    ts: row.ts,
    actor: presentActor(row, names),
    action: row.action as DossierViewAction,
    field: str(p.field),
    reason: str(p.reason),
    purpose: str(p.purpose),
    requestId: str(p.requestId),
  };
}

export function presentCheckpoint(row: LedgerCheckpointTable): CheckpointSummary {
  return { treeSize: Number(row.tree_size), alg: row.alg, root: row.root, chainHead: row.chain_head, ts: row.ts, keyId: row.key_id };
}
