import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CodeCatalog } from '../../../../contracts/enums.ts';
import type { CodeItem } from '../../../../contracts/people.ts';
import { listCodes } from '../people.api.ts';

/** A reference catalogue (GET /api/codes/:catalog) plus helpers for names in the UI language. */
export function useCodes(catalog: CodeCatalog, enabled = true) {
  const { i18n } = useTranslation();
  const query = useQuery({ queryKey: ['codes', catalog], queryFn: () => listCodes(catalog), staleTime: 60 * 60_000, enabled });
  const en = i18n.language === 'en';
  const nameOf = (item: CodeItem) => (en ? item.nameEn : item.nameZh);
  const items = query.data ?? [];
  return {
    loading: query.isLoading,
    options: items.map((c) => ({ value: c.code, label: nameOf(c) })),
    /** the name for a code, or the code itself when the catalogue is not loaded */
    label: (code: string | null | undefined) => {
      if (!code) return '—';
      const found = items.find((c) => c.code === code);
      return found ? nameOf(found) : code;
    },
  };
}
