import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { SelectProps } from 'antd';

export type SearchOption = { value: string; label: string; title?: string };

type Props = Omit<SelectProps<string | string[], SearchOption>, 'options' | 'onSearch' | 'showSearch' | 'filterOption' | 'notFoundContent'> & {
  /** server search, called with the typed text (debounced); an empty string asks for the default list */
  fetchOptions: (q: string) => Promise<SearchOption[]>;
  /** labels for values set before any search (e.g. from the URL) */
  initialOptions?: SearchOption[];
  minChars?: number;
  debounceMs?: number;
  noResultText?: string;
};

/** A Select whose options come from a server search (people, org units, Party organisations). */
export function SearchSelect({ fetchOptions, initialOptions, minChars = 1, debounceMs = 300, noResultText, ...rest }: Props) {
  const [options, setOptions] = useState<SearchOption[]>(initialOptions ?? []);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const initialKey = useMemo(() => (initialOptions ?? []).map((o) => `${o.value}:${o.label}`).join('|'), [initialOptions]);
  useEffect(() => {
    if (initialOptions && initialOptions.length > 0) {
      setOptions((current) => {
        const seen = new Set(current.map((o) => o.value));
        return [...current, ...initialOptions.filter((o) => !seen.has(o.value))];
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialKey]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const search = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (q.length < minChars) return;
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      fetchOptions(q)
        .then((found) => {
          if (mine === seq.current) setOptions(found);
        })
        .catch(() => {
          if (mine === seq.current) setOptions([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, debounceMs);
  };

  return (
    <Select<string | string[], SearchOption>
      showSearch={{ filterOption: false, onSearch: search }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : noResultText}
      {...rest}
    />
  );
}
