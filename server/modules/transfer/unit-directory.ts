/**
 * Resolves the unit text of a roster row (`黄花镇/黄花村`, `黄花村`, or a unit code) among the units the
 * importer may see. The directory holds only units inside the importer's scope plus the ancestors of the scope
 * roots (their names are part of any path the user writes), so a unit outside the scope is indistinguishable
 * from one that does not exist: both give the same message (no existence oracle, SECURITY.md item 14).
 */
import type { Text } from '../../platform/errors.ts';

export type DirectoryUnit = {
  id: string;
  code: string | null;
  name: string;
  shortName: string | null;
  path: string;
  validTo: string | null;
  /** inside the importer's people.write scope */
  writable: boolean;
};

export type UnitResolution = { ok: true; unit: DirectoryUnit } | { ok: false; message: Text };

const SEPARATOR = /\s*[/／\\>＞]\s*/;

export class UnitDirectory {
  readonly #byId = new Map<string, DirectoryUnit>();
  readonly #byName = new Map<string, DirectoryUnit[]>();
  readonly #byCode = new Map<string, DirectoryUnit[]>();

  constructor(units: readonly DirectoryUnit[]) {
    for (const u of units) {
      this.#byId.set(u.id, u);
      for (const name of new Set([u.name, u.shortName].filter((n): n is string => Boolean(n)))) push(this.#byName, name.normalize('NFKC'), u);
      if (u.code) push(this.#byCode, u.code, u);
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Names from the topmost known ancestor down to the unit. */
  chainOf(unit: DirectoryUnit): string[][] {
    return unit.path
      .split('/')
      .filter(Boolean)
      .map((id) => this.#byId.get(id))
      .filter((u): u is DirectoryUnit => u !== undefined)
      .map((u) => [u.name, u.shortName].filter((n): n is string => Boolean(n)).map((n) => n.normalize('NFKC')));
  }

  /** The display path `长沙县/黄花镇/黄花村` of a unit, as far as the directory knows it. */
  displayPath(unit: DirectoryUnit): string {
    return this.chainOf(unit)
      .map((names) => names[0] ?? '')
      .join('/');
  }

  /**
   * Finds the unit named by `text`. `needWritable`: the unit must lie in the people.write scope (所在单位);
   * otherwise any unit in the directory will do (干部管理权限单位 may be an ancestor such as the county).
   */
  resolve(text: string, needWritable: boolean): UnitResolution {
    const raw = text.normalize('NFKC').trim();
    const notFound: UnitResolution = {
      ok: false,
      message: { zh: `单位不在您的管理范围内（或不存在）：${raw.slice(0, 40)}`, en: `The unit is outside your scope or does not exist: ${raw.slice(0, 40)}` },
    };
    let candidates: DirectoryUnit[];
    if (/^[0-9A-Za-z-]+$/.test(raw) && this.#byCode.has(raw)) {
      candidates = this.#byCode.get(raw) ?? [];
    } else {
      const segments = raw.split(SEPARATOR).filter(Boolean);
      const last = segments[segments.length - 1];
      if (!last) return notFound;
      candidates = (this.#byName.get(last) ?? []).filter((u) => this.#endsWith(u, segments));
    }
    if (needWritable) candidates = candidates.filter((u) => u.writable);
    if (candidates.length === 0) return notFound;
    const open = candidates.filter((u) => u.validTo === null);
    if (open.length === 0) {
      const closed = candidates[0]!;
      return { ok: false, message: { zh: `${closed.name}已于 ${closed.validTo} 撤销或合并，请填写现有单位`, en: `${closed.name} was closed on ${closed.validTo}; use a current unit` } };
    }
    if (open.length > 1) {
      return {
        ok: false,
        message: {
          zh: `单位名称“${raw.slice(0, 40)}”对应 ${open.length} 个单位（如 ${open.slice(0, 2).map((u) => this.displayPath(u)).join('、')}），请填写上级单位路径或单位代码`,
          en: `"${raw.slice(0, 40)}" matches ${open.length} units; write the parent path (e.g. 黄花镇/党政办) or the unit code`,
        },
      };
    }
    return { ok: true, unit: open[0]! };
  }

  #endsWith(unit: DirectoryUnit, segments: string[]): boolean {
    const chain = this.chainOf(unit);
    if (segments.length > chain.length) return false;
    const offset = chain.length - segments.length;
    return segments.every((s, i) => chain[offset + i]!.includes(s));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
