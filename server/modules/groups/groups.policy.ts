/**
 * Pure rules of the service groups: who sees and manages which groups (subtrees of o2o.read / o2o.groups), which
 * org-unit types a level accepts (the configurable [INF] mapping), and how WeChat ids become member keys.
 */
import type { FieldCipher } from '../../platform/crypto.ts';
import { scopePaths, type Actor } from '../../platform/scope.ts';

/** Blind-index purposes: separate HMAC namespaces for member ids and group chat ids. */
export const MEMBER_KEY_PURPOSE = 'wechat_member';
export const CHAT_KEY_PURPOSE = 'wechat_chat';

/**
 * WeChat ids are compared after NFKC, trimming and lower-casing (微信号 are case-insensitive). Returns null when the
 * text cannot be a WeChat id / openid (4-64 letters, digits, `_` or `-`).
 */
export function normaliseWechatId(input: string): string | null {
  const s = input.normalize('NFKC').trim().toLowerCase();
  return /^[a-z0-9_-]{4,64}$/.test(s) ? s : null;
}

/** The stored member key: HMAC-SHA256 (field cipher blind-index key) of the normalised WeChat id. */
export function memberKeyOf(cipher: FieldCipher, normalisedWechatId: string): string {
  return cipher.blindIndex(MEMBER_KEY_PURPOSE, normalisedWechatId);
}

export function chatKeyOf(cipher: FieldCipher, normalisedChatId: string): string {
  return cipher.blindIndex(CHAT_KEY_PURPOSE, normalisedChatId);
}

/** Shown instead of the key: its first 8 hex digits (enough to tell members apart on a page, useless to reverse). */
export const keyPrefix = (memberKey: string) => memberKey.slice(0, 8);

/** `张*`, `欧阳**`: the surname-sized first character and stars. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

export const readPaths = (actor: Actor) => scopePaths(actor, 'o2o.read');
export const managePaths = (actor: Actor) => scopePaths(actor, 'o2o.groups');

/** The county-level managers (a o2o.groups root at the top of a tree) may edit the level mapping. */
export function countyManagePaths(actor: Actor): string[] {
  return managePaths(actor).filter((p) => p.split('/').filter(Boolean).length === 1);
}

export const parseUnitTypes = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

export function levelAccepts(unitTypes: string, unitType: string): boolean {
  return parseUnitTypes(unitTypes).includes(unitType);
}
