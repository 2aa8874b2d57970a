/**
 * Rows → contract types (contracts/org.ts). DB rows never leave the server.
 */
import type { OrgUnitType, PartyHostKind, PartyOrgType } from '../../../contracts/enums.ts';
import { PARTY_HOST_KINDS } from '../../../contracts/enums.ts';
import type { OrgUnit, PartyOrg } from '../../../contracts/org.ts';
import type { OrgUnitRow } from '../../db/schema.ts';
import { isOrgUnitType, isPartyOrgType } from './org.policy.ts';
import type { PartyOrgListRow } from './party-org.repository.ts';

export type Ancestor = { id: string; name: string };

/** Ids of the ancestors in a materialised path, root first, excluding the node itself. */
export function ancestorIdsOf(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

/** Ancestors (root first) of `path`, named from `names`; ids without a name are skipped. */
export function ancestorsOf(path: string, names: Map<string, string>): Ancestor[] {
  const out: Ancestor[] = [];
  for (const id of ancestorIdsOf(path)) {
    const name = names.get(id);
    if (name !== undefined) out.push({ id, name });
  }
  return out;
}

function orgUnitType(value: string): OrgUnitType {
  if (!isOrgUnitType(value)) throw new Error(`org_unit.type holds an unknown value: ${value}`);
  return value;
}

function partyOrgType(value: string): PartyOrgType {
  if (!isPartyOrgType(value)) throw new Error(`party_org.type holds an unknown value: ${value}`);
  return value;
}

function hostKind(value: string): PartyHostKind {
  const kind = PARTY_HOST_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`party_org.host_kind holds an unknown value: ${value}`);
  return kind;
}

export function presentOrgUnit(row: OrgUnitRow & { child_count: number }, ancestors: Ancestor[]): OrgUnit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    type: orgUnitType(row.type),
    parentId: row.parent_id,
    depth: Number(row.depth),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    mergedIntoId: row.merged_into_id,
    childCount: Number(row.child_count),
    ancestors,
  };
}

/** `secretaryName` is passed in: the service shows it only to callers who may read that person. */
export function presentPartyOrg(row: PartyOrgListRow, ancestors: Ancestor[], secretaryName: string | null): PartyOrg {
  return {
    id: row.id,
    name: row.name,
    type: partyOrgType(row.type),
    parentId: row.parent_id,
    hostKind: hostKind(row.host_kind),
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    secretaryPersonId: row.secretary_person_id,
    secretaryName,
    foundedAt: row.founded_at,
    dissolvedAt: row.dissolved_at,
    childCount: Number(row.child_count),
    memberCount: Number(row.member_count),
    ancestors,
  };
}
