/** Helpers for the evaluation tests, ledger steps and scope probes (test code only). */
import type { Role } from '../../../contracts/enums.ts';
import type { Evaluation, IssuedTokens, Questionnaire, TokenGroup } from '../../../contracts/evaluation.ts';
import { TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { DEFAULT_QUESTIONNAIRE } from './evaluation.defaults.ts';

/** Every item answered with `option`. */
export function answersAll(option: string, q: Questionnaire = DEFAULT_QUESTIONNAIRE): Record<string, string> {
  return Object.fromEntries(q.dimensions.flatMap((d) => d.items.map((i) => [i.id, option])));
}

export async function createEvaluationVia(
  t: TestApp,
  as: Role,
  personId: string,
  groups: { group: TokenGroup; tokenCount: number }[],
  extra: Record<string, unknown> = {},
): Promise<Evaluation> {
  const now = t.clock.now().getTime();
  const res = await t.post(as, '/api/evaluations', {
    subjectPersonId: personId,
    purpose: 'ANNUAL',
    openAt: new Date(now - 60_000).toISOString(),
    closeAt: new Date(now + 7 * 86_400_000).toISOString(),
    groups,
    ...extra,
  });
  if (res.statusCode !== 200) throw new Error(`create evaluation: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function issueVia(t: TestApp, as: Role, id: string, groups: { group: TokenGroup; count: number }[]): Promise<IssuedTokens> {
  const res = await t.post(as, `/api/evaluations/${id}/tokens`, { groups });
  if (res.statusCode !== 200) throw new Error(`issue tokens: ${res.statusCode} ${res.body}`);
  return res.json();
}

let rater = 0;

/** A rater's submission from its own address (the route is rate-limited per IP, as in a real town office NAT it would not be). */
export function submitVia(t: TestApp, token: string, option = 'A', extra: Record<string, unknown> = {}) {
  rater++;
  return t.app.inject({
    method: 'POST',
    url: '/api/public/evaluations/ballots',
    remoteAddress: `10.${(rater >> 16) & 255}.${(rater >> 8) & 255}.${rater & 255}`,
    headers: { origin: TEST_ORIGIN },
    payload: { token, answers: answersAll(option), integrity: 'NO_ISSUE', ...extra },
  });
}

/** An evaluation with `counts` ballots per group, all submitted, then closed. Returns the evaluation id. */
export async function closedEvaluationWith(t: TestApp, as: Role, personId: string, counts: Partial<Record<TokenGroup, number>>, option: (group: TokenGroup, i: number) => string = () => 'A'): Promise<string> {
  const groups = Object.entries(counts).map(([group, n]) => ({ group: group as TokenGroup, tokenCount: Math.max(1, n) }));
  const ev = await createEvaluationVia(t, as, personId, groups);
  const issued = await issueVia(t, as, ev.id, groups.map((g) => ({ group: g.group, count: Math.max(1, counts[g.group] ?? 0) })));
  const opened = await t.post(as, `/api/evaluations/${ev.id}/open`);
  if (opened.statusCode !== 200) throw new Error(`open: ${opened.body}`);
  for (const g of issued.groups) {
    const n = counts[g.group] ?? 0;
    for (let i = 0; i < n; i++) {
      const res = await submitVia(t, g.tokens[i]!, option(g.group, i));
      if (res.statusCode !== 200) throw new Error(`submit: ${res.statusCode} ${res.body}`);
    }
  }
  const closed = await t.post(as, `/api/evaluations/${ev.id}/close`);
  if (closed.statusCode !== 200) throw new Error(`close: ${closed.body}`);
  return ev.id;
}
