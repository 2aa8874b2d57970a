import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { GENDERS, PERSON_SORT_FIELDS, RANK_LEVELS, SORT_ORDERS, type Gender, type PersonSortField, type RankLevel, type SortOrder } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { listPeople, type PeopleQuery } from '../people.api.ts';

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function bool(raw: string | null): boolean | undefined {
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

function positive(raw: string | null, fallback: number, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** The people list's filters live in the URL query string, so a filtered list can be bookmarked and reloaded. */
export function usePeopleQuery() {
  const [params, setParams] = useSearchParams();
  const query: PeopleQuery = useMemo(
    () => ({
      page: positive(params.get('page'), 1, 100000),
      pageSize: positive(params.get('pageSize'), LIMITS.pageSizeDefault, LIMITS.pageSizeMax),
      q: params.get('q')?.slice(0, LIMITS.searchMax) || undefined,
      orgUnitId: params.get('orgUnitId') || undefined,
      rankLevel: oneOf<RankLevel>(RANK_LEVELS, params.get('rankLevel')),
      gender: oneOf<Gender>(GENDERS, params.get('gender')),
      isCadre: bool(params.get('isCadre')),
      isPartyMember: bool(params.get('isPartyMember')),
      sort: oneOf<PersonSortField>(PERSON_SORT_FIELDS, params.get('sort')),
      order: oneOf<SortOrder>(SORT_ORDERS, params.get('order')),
    }),
    [params],
  );

  /** Merge a change into the URL; any filter change goes back to page 1. */
  const update = (patch: Partial<PeopleQuery>) => {
    const next: PeopleQuery = { ...query, ...patch };
    if (!('page' in patch)) next.page = 1;
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === null || value === '') continue;
      if (key === 'page' && value === 1) continue;
      if (key === 'pageSize' && value === LIMITS.pageSizeDefault) continue;
      out.set(key, String(value));
    }
    setParams(out, { replace: false });
  };

  const result = useQuery({ queryKey: ['people', 'list', query], queryFn: () => listPeople(query), placeholderData: keepPreviousData });
  return { query, update, result };
}
