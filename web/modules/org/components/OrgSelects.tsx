import type { CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgUnit, PartyOrg } from '../../../../contracts/org.ts';
import { SearchSelect, type SearchOption } from '../../../ui/SearchSelect.tsx';
import { getOrgUnit, getPartyOrg, searchOrgUnits, searchPartyOrgs } from '../org.api.ts';

type Ancestored = { id: string; name: string; ancestors: { name: string }[] };

export function orgOption(unit: Ancestored): SearchOption {
  const parent = unit.ancestors.at(-1);
  const path = [...unit.ancestors.map((a) => a.name), unit.name].join(' / ');
  return { value: unit.id, label: parent ? `${unit.name}（${parent.name}）` : unit.name, title: path };
}

type SingleProps = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  'aria-label'?: string;
  id?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  /** ids that may not be chosen (a unit cannot become its own parent) */
  exclude?: string[];
  includeClosed?: boolean;
};

/** Search select over GET /api/org-units?q= (name, pinyin, initials). */
export function OrgUnitSelect({ value, onChange, exclude, includeClosed, ...rest }: SingleProps) {
  const { t } = useTranslation();
  const current = useQuery({ queryKey: ['org-units', 'detail', value ?? '', ''], queryFn: () => getOrgUnit(value ?? ''), enabled: Boolean(value), staleTime: 5 * 60_000 });
  const skip = new Set(exclude ?? []);
  return (
    <SearchSelect
      placeholder={t('org.selectOrgUnit')}
      noResultText={t('org.searchEmpty')}
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(typeof v === 'string' ? v : undefined)}
      initialOptions={current.data ? [orgOption(current.data)] : undefined}
      fetchOptions={async (q) => (await searchOrgUnits(q, { includeClosed })).filter((u: OrgUnit) => !skip.has(u.id)).map(orgOption)}
    />
  );
}

type MultiProps = Omit<SingleProps, 'value' | 'onChange'> & { value?: string[]; onChange?: (value: string[]) => void; initial?: Ancestored[] };

export function OrgUnitMultiSelect({ value, onChange, exclude, initial, ...rest }: MultiProps) {
  const { t } = useTranslation();
  const skip = new Set(exclude ?? []);
  return (
    <SearchSelect
      mode="multiple"
      placeholder={t('org.selectOrgUnit')}
      noResultText={t('org.searchEmpty')}
      {...rest}
      value={value ?? []}
      onChange={(v) => onChange?.(Array.isArray(v) ? v : [v])}
      initialOptions={initial?.map(orgOption)}
      fetchOptions={async (q) => (await searchOrgUnits(q)).filter((u) => !skip.has(u.id)).map(orgOption)}
    />
  );
}

/** Search select over GET /api/party-orgs?q=. */
export function PartyOrgSelect({ value, onChange, exclude, ...rest }: SingleProps) {
  const { t } = useTranslation();
  const current = useQuery({ queryKey: ['party-orgs', 'detail', value ?? '', ''], queryFn: () => getPartyOrg(value ?? ''), enabled: Boolean(value), staleTime: 5 * 60_000 });
  const skip = new Set(exclude ?? []);
  return (
    <SearchSelect
      placeholder={t('org.party.selectPartyOrg')}
      noResultText={t('org.searchEmpty')}
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(typeof v === 'string' ? v : undefined)}
      initialOptions={current.data ? [orgOption(current.data)] : undefined}
      fetchOptions={async (q) => (await searchPartyOrgs(q)).filter((p: PartyOrg) => !skip.has(p.id)).map(orgOption)}
    />
  );
}
