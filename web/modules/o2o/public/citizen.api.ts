/**
 * The citizen pages' only fetch file. Plain `fetch` without cookies: the public entry stays small and works in
 * WeChat's in-app browser. The tracking code and check code travel in POST bodies, never in URLs.
 */
import type { PublicMatter, PublicOptions, PublicRateRequest, PublicSubmit, PublicTrackRequest, SubmittedMatter } from '../../../../contracts/o2o.ts';

export class CitizenError extends Error {
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
    throw new CitizenError(0, 'NETWORK', lang === 'en' ? 'Network error: check the connection and try again' : '网络异常，请检查网络后重试');
  }
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!res.ok) throw new CitizenError(res.status, body?.code ?? 'INTERNAL', body?.message ?? (lang === 'en' ? 'Something went wrong; try again' : '出现错误，请稍后重试'));
  return body as T;
}

export const fetchOptions = (lang: string) => call<PublicOptions>('/api/public/o2o/options', { method: 'GET' }, lang);
export const submitMatter = (body: PublicSubmit, lang: string) => call<SubmittedMatter>('/api/public/o2o/matters', { method: 'POST', body: JSON.stringify(body) }, lang);
export const trackMatter = (body: PublicTrackRequest, lang: string) => call<PublicMatter>('/api/public/o2o/track', { method: 'POST', body: JSON.stringify(body) }, lang);
export const rateMatter = (body: PublicRateRequest, lang: string) => call<PublicMatter>('/api/public/o2o/rate', { method: 'POST', body: JSON.stringify(body) }, lang);
