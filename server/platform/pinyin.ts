import { pinyin } from 'pinyin-pro';

/** Full pinyin (no tones, no spaces) and initials, for "zs finds 张三" search. Surnames use their surname reading (曾 → zeng). */
export function toPinyinKeys(text: string, options: { isPersonName?: boolean } = {}): { full: string; initials: string } {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', ...(options.isPersonName ? { surname: 'head' as const } : {}) });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return { full: clean.join(''), initials: clean.map((s) => s.charAt(0)).join('') };
}

/** True when the search text looks like pinyin or initials rather than Chinese characters. */
export function isLatinSearch(q: string): boolean {
  return /^[a-zA-Z]+$/.test(q);
}
