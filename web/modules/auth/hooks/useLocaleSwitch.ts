import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../contracts/auth.ts';
import { changeLocale, getLocale, isLocale, type Locale } from '../../../i18n/index.ts';
import { saveLocale } from '../auth.api.ts';
import { ME_QUERY_KEY } from './useMe.ts';

/** The UI language plus a setter that persists it in this browser and, when logged in, on the server. */
export function useLocaleSwitch(): { locale: Locale; setLocale: (locale: Locale) => Promise<void> } {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const locale = isLocale(i18n.language) ? i18n.language : getLocale();
  const setLocale = useCallback(
    async (next: Locale) => {
      await changeLocale(next);
      const me = queryClient.getQueryData<Me>(ME_QUERY_KEY);
      if (me) {
        queryClient.setQueryData<Me>(ME_QUERY_KEY, { ...me, locale: next });
        try {
          await saveLocale(next);
        } catch {
          // the local switch already applied; the server copy is a convenience
        }
      }
      // server messages (codes, errors) come in the UI language: fetch them again
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
    },
    [queryClient],
  );
  return { locale, setLocale };
}
