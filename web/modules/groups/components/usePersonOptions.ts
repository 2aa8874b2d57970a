import { useTranslation } from 'react-i18next';
import { searchPeople } from '../groups.api.ts';

/** Server search over the people the caller may name as owner, admin or linked member. */
export function usePersonOptions() {
  const { t } = useTranslation();
  return async (text: string) => (await searchPeople(text)).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName ?? ''}${p.isPartyMember ? ` · ${t('groups.partyMember')}` : ''}）` }));
}
