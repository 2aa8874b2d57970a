/** Reply templates per state (and category), configurable (o2o_reply_template). Placeholders: {code} {dueDate} {unit} {text} {reason}. */
import type { DbOrTrx } from '../../db/database.ts';

export async function renderTemplate(db: DbOrTrx, status: string, category: string, values: Record<string, string>): Promise<string | null> {
  const rows = await db
    .selectFrom('o2o_reply_template')
    .select(['body', 'category'])
    .where('status', '=', status)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('category', '=', category), eb('category', '=', '*')]))
    .orderBy('sort_order')
    .execute();
  const tpl = rows.find((r) => r.category === category) ?? rows[0];
  if (!tpl) return values.text ?? null;
  return fillTemplate(tpl.body, values);
}

export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(/\{(code|dueDate|unit|text|reason)\}/g, (_m, k: string) => values[k] ?? '');
}
