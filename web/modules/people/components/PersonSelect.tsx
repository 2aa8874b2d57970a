import { useTranslation } from 'react-i18next';
import type { PersonListItem } from '../../../../contracts/people.ts';
import { SearchSelect, type SearchOption } from '../../../ui/SearchSelect.tsx';
import { listPeople } from '../people.api.ts';

function personOption(p: PersonListItem): SearchOption {
  const title = p.currentTitles[0];
  return { value: p.id, label: `${p.name}（${title ? `${p.orgName} ${title}` : p.orgName}）` };
}

type Props = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
  'aria-label'?: string;
  allowClear?: boolean;
  /** label of the current value before any search (e.g. the secretary's name) */
  initialLabel?: string;
  exclude?: string[];
};

/** Search select over GET /api/people?q= (name, pinyin, initials). */
export function PersonSelect({ value, onChange, initialLabel, exclude, ...rest }: Props) {
  const { t } = useTranslation();
  const skip = new Set(exclude ?? []);
  return (
    <SearchSelect
      placeholder={t('people.personSearchPlaceholder')}
      noResultText={t('common.noData')}
      {...rest}
      value={value ?? undefined}
      onChange={(v) => onChange?.(typeof v === 'string' ? v : undefined)}
      initialOptions={value && initialLabel ? [{ value, label: initialLabel }] : undefined}
      fetchOptions={async (q) => (await listPeople({ q, page: 1, pageSize: 20 })).items.filter((p) => !skip.has(p.id)).map(personOption)}
    />
  );
}
