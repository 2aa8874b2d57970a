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
export function SearchSelect({ fetchOptions, initialOptions, minChars = 1, debounceMs = 300, noResultText, onChange, ...rest }: Props) {
  const [found, setFound] = useState<SearchOption[]>([]);
  const [picked, setPicked] = useState<SearchOption[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

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
        .then((result) => {
          if (mine === seq.current) setFound(result);
        })
        .catch(() => {
          if (mine === seq.current) setFound([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, debounceMs);
  };

  // labels of preset values (from the URL or the record being edited) stay available next to the search results
  const options = useMemo(() => {
    const seen = new Set<string>();
    return [...found, ...picked, ...(initialOptions ?? [])].filter((o) => !seen.has(o.value) && Boolean(seen.add(o.value)));
  }, [found, picked, initialOptions]);

  return (
    <Select<string | string[], SearchOption>
      showSearch={{ filterOption: false, onSearch: search }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : noResultText}
      onChange={(value, option) => {
        // keep the chosen options' labels when the next search replaces the list
        const chosen = (Array.isArray(option) ? option : option ? [option] : []).filter((o): o is SearchOption => typeof o?.value === 'string');
        if (chosen.length > 0) setPicked((current) => [...chosen, ...current].slice(0, 50));
        onChange?.(value, option);
      }}
      {...rest}
    />
  );
}
