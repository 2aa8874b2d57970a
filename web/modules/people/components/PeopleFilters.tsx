import { useState } from 'react';
import { FilterOutlined } from '@ant-design/icons';
import { Button, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { GENDERS, PERSON_SORT_FIELDS, RANK_LEVELS, type Gender, type PersonSortField, type RankLevel, type SortOrder } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { OrgUnitSelect } from '../../org/index.ts';
import type { PeopleQuery } from '../people.api.ts';

type Props = { query: PeopleQuery; update: (patch: Partial<PeopleQuery>) => void; /** phone layout: sort select, filters folded behind a button */ compact: boolean };

type Tri = 'any' | 'true' | 'false';
const toTri = (v: boolean | undefined): Tri => (v === undefined ? 'any' : v ? 'true' : 'false');
const fromTri = (v: Tri): boolean | undefined => (v === 'any' ? undefined : v === 'true');

/** Search box and filters of the people list; every change goes to the URL (usePeopleQuery). */
export function PeopleFilters({ query, update, compact }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(query.q ?? '');
  const [unfolded, setUnfolded] = useState(false);
  // the URL is the source of truth: follow it when it changes (back button, clear filters)
  const [urlQ, setUrlQ] = useState(query.q);
  if (urlQ !== query.q) {
    setUrlQ(query.q);
    setText(query.q ?? '');
  }

  const sortLabel = (field: PersonSortField) =>
    ({ name: t('people.name'), birthDate: t('people.birthDate'), orgName: t('people.orgName'), rankLevel: t('people.rankLevel') })[field];
  const triOptions = [
    { value: 'any', label: t('people.filterAny') },
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const activeCount = [query.orgUnitId, query.rankLevel, query.gender, query.isCadre, query.isPartyMember].filter((v) => v !== undefined).length;
  const hasFilters = Boolean(query.q) || activeCount > 0;
  const showAll = !compact || unfolded;

  const filterControls = (
    <>
      <OrgUnitSelect
        aria-label={t('people.filterOrg')}
        placeholder={t('people.filterOrg')}
        allowClear
        value={query.orgUnitId}
        onChange={(orgUnitId) => update({ orgUnitId })}
        style={{ width: 220 }}
      />
      <Select<RankLevel>
        aria-label={t('people.filterRank')}
        placeholder={t('people.filterRank')}
        allowClear
        value={query.rankLevel}
        onChange={(rankLevel) => update({ rankLevel })}
        options={RANK_LEVELS.map((r) => ({ value: r, label: t(`rankLevels.${r}`) }))}
        style={{ width: 140 }}
      />
      <Select<Gender>
        aria-label={t('people.filterGender')}
        placeholder={t('people.filterGender')}
        allowClear
        value={query.gender}
        onChange={(gender) => update({ gender })}
        options={GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
        style={{ width: 100 }}
      />
      <Select<Tri>
        aria-label={t('people.filterCadre')}
        prefix={`${t('people.filterCadre')}:`}
        value={toTri(query.isCadre)}
        onChange={(v) => update({ isCadre: fromTri(v) })}
        options={triOptions}
        style={{ width: 130 }}
      />
      <Select<Tri>
        aria-label={t('people.filterParty')}
        prefix={`${t('people.filterParty')}:`}
        value={toTri(query.isPartyMember)}
        onChange={(v) => update({ isPartyMember: fromTri(v) })}
        options={triOptions}
        style={{ width: 150 }}
      />
    </>
  );

  return (
    <div className="bw-filters" role="search">
      <Input.Search
        aria-label={t('people.searchLabel')}
        placeholder={t('people.searchPlaceholder')}
        allowClear
        maxLength={LIMITS.searchMax}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '' && query.q) update({ q: undefined });
        }}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        enterButton={t('common.search')}
        style={{ width: 280 }}
      />
      {compact ? (
        <Button icon={<FilterOutlined />} aria-expanded={unfolded} onClick={() => setUnfolded((v) => !v)}>
          {activeCount > 0 ? t('people.filtersActive', { count: activeCount }) : t('people.filters')}
        </Button>
      ) : null}
      {showAll ? filterControls : null}
      {compact && unfolded ? (
        <Select<string>
          aria-label={t('people.sortBy')}
          prefix={`${t('people.sortBy')}:`}
          allowClear
          value={query.sort ? `${query.sort}:${query.order ?? 'asc'}` : undefined}
          onChange={(v) => {
            if (!v) return update({ sort: undefined, order: undefined });
            const [sort, order] = v.split(':') as [PersonSortField, SortOrder];
            update({ sort, order });
          }}
          options={PERSON_SORT_FIELDS.flatMap((f) => [
            { value: `${f}:asc`, label: `${sortLabel(f)} ${t('people.sortAsc')}` },
            { value: `${f}:desc`, label: `${sortLabel(f)} ${t('people.sortDesc')}` },
          ])}
        />
      ) : null}
      {hasFilters ? (
        <Button
          onClick={() => {
            setText('');
            update({ q: undefined, orgUnitId: undefined, rankLevel: undefined, gender: undefined, isCadre: undefined, isPartyMember: undefined });
          }}
        >
          {t('people.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
