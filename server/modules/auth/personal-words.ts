import type { AppDeps } from '../../platform/deps.ts';
import { toPinyinKeys } from '../../platform/pinyin.ts';
import type { Actor } from '../../platform/scope.ts';

/** Context words from the user's own record (name, its pinyin, birth date) that a password may not contain. */
export async function personalWordsFor(deps: AppDeps, actor: Actor): Promise<string[]> {
  if (!actor.personId) return [actor.username];
  const person = await deps.db.selectFrom('person').select(['name', 'birth_date']).where('id', '=', actor.personId).executeTakeFirst();
  if (!person) return [actor.username];
  const { full } = toPinyinKeys(person.name, { isPersonName: true });
  return [actor.username, person.name, full, person.birth_date.replace(/-/g, ''), person.birth_date.slice(0, 4) + person.birth_date.slice(5, 7)];
}
