/**
 * The rater page's only fetch file. Plain `fetch` (no app client, no i18n bundle, no cookies): the public entry
 * stays small and works in WeChat's in-app browser. Errors carry the server's message in the page's language.
 */
import type { BallotForm, SubmitBallotRequest } from '../../../../contracts/evaluation.ts';

export class RaterError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit, lang: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'omit', headers: { accept: 'application/json', 'accept-language': lang, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  } catch {
    throw new RaterError(0, 'NETWORK', lang === 'en' ? 'Network error: check the connection and try again' : '网络异常，请检查网络后重试');
  }
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!res.ok) throw new RaterError(res.status, body?.code ?? 'INTERNAL', body?.message ?? (lang === 'en' ? 'Something went wrong; try again' : '出现错误，请稍后重试'));
  return body as T;
}

export const fetchBallotForm = (token: string, lang: string) => call<BallotForm>(`/api/public/evaluations/forms/${encodeURIComponent(token)}`, { method: 'GET' }, lang);

export const submitBallot = (body: SubmitBallotRequest, lang: string) => call<{ ok: true }>('/api/public/evaluations/ballots', { method: 'POST', body: JSON.stringify(body) }, lang);
