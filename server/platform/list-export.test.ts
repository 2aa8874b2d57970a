/**
 * The list-export helpers: every page of the list in order, the row cap refused with a Chinese message that names
 * the fix (before any file or event is made), filters recorded without paging and with free text hashed, and the
 * common scope root an export event is filed under.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './crypto.ts';
import { AppError } from './errors.ts';
import { allPages, commonScopeRoot, LIST_EXPORT_MAX, recordedListFilters } from './list-export.ts';

const fakeList = (total: number) => {
  const calls: { page: number; pageSize: number; status?: string }[] = [];
  const list = async (q: { page: number; pageSize: number; status?: string }) => {
    calls.push(q);
    const start = (q.page - 1) * q.pageSize;
    return { items: Array.from({ length: Math.max(0, Math.min(q.pageSize, total - start)) }, (_, i) => start + i), total };
  };
  return { list, calls };
};

describe('list export helpers', () => {
  it('walks every page of the list with the same filters, in order', async () => {
    const { list, calls } = fakeList(450);
    const items = await allPages(list, { status: 'OPEN' }, { what: '测评', narrowBy: '状态' });
    expect(items).toEqual(Array.from({ length: 450 }, (_, i) => i));
    expect(calls.map((c) => [c.page, c.status])).toEqual([[1, 'OPEN'], [2, 'OPEN'], [3, 'OPEN']]);
  });

  it('refuses more rows than the cap with a Chinese message naming the filters to narrow', async () => {
    expect(LIST_EXPORT_MAX).toBe(50_000);
    const { list, calls } = fakeList(LIST_EXPORT_MAX + 1);
    const err = await allPages(list, {}, { what: '帮扶户', narrowBy: '状态或致贫原因' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).text.zh).toBe('符合条件的帮扶户有 50001 条，超过单次导出上限 50000 条；请按状态或致贫原因缩小范围后再导出');
    expect(calls).toHaveLength(1);
    expect(await allPages(fakeList(3).list, {}, { what: '群', narrowBy: '层级', max: 3 })).toHaveLength(3);
  });

  it('records filters without paging, free text as a keyed hash', () => {
    const cipher = createFieldCipher(randomBytes(32));
    const out = recordedListFilters(cipher, { page: 2, pageSize: 50, status: 'OPEN', q: ' 张三 ', code: undefined });
    expect(out).toEqual({ status: 'OPEN', qHash: cipher.blindIndex('ledger-search', '张三') });
    expect(JSON.stringify(out)).not.toContain('张三');
    expect(recordedListFilters(cipher, { code: 'C-1' }, ['code'])).toEqual({ codeHash: expect.any(String) });
  });

  it('files an export under the deepest path all its scope roots share', () => {
    expect(commonScopeRoot([])).toBe('/');
    expect(commonScopeRoot(['/a/b/c/'])).toBe('/a/b/c/');
    expect(commonScopeRoot(['/a/b/c/', '/a/b/d/'])).toBe('/a/b/');
    expect(commonScopeRoot(['/a/b/', '/x/'])).toBe('/');
  });
});
