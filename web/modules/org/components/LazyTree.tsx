import { useMemo, useState, type Key, type ReactNode } from 'react';
import { CaretDownOutlined } from '@ant-design/icons';
import { Empty, Skeleton, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../ui/QueryError.tsx';

export type TreeItem = { id: string; name: string; childCount: number };

type Props<T extends TreeItem> = {
  /** query-key prefix, e.g. ['org-units', asOf, includeClosed]; changing it reloads the tree */
  queryKey: readonly unknown[];
  fetchChildren: (parentId: string | null) => Promise<T[]>;
  renderTitle: (item: T) => ReactNode;
  selectedId: string | null;
  onSelect: (item: T) => void;
  label: string;
};

/** A lazily loaded antd Tree: the roots come first, each node's children are fetched when it is expanded. */
export function LazyTree<T extends TreeItem>({ queryKey, fetchChildren, renderTitle, selectedId, onSelect, label }: Props<T>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: [...queryKey, 'children', null], queryFn: () => fetchChildren(null) });
  const [children, setChildren] = useState<Record<string, T[]>>({});
  const [expanded, setExpanded] = useState<Key[]>([]);
  const keyText = JSON.stringify(queryKey);
  const [loadedFor, setLoadedFor] = useState(keyText);

  // a new date or filter starts a fresh tree
  if (loadedFor !== keyText) {
    setLoadedFor(keyText);
    setChildren({});
    setExpanded([]);
  }

  const byId = useMemo(() => {
    const map = new Map<string, T>();
    for (const item of roots.data ?? []) map.set(item.id, item);
    for (const list of Object.values(children)) for (const item of list) map.set(item.id, item);
    return map;
  }, [roots.data, children]);

  const treeData = useMemo(() => {
    const build = (items: T[]): TreeDataNode[] =>
      items.map((item) => {
        const kids = children[item.id];
        return {
          key: item.id,
          title: renderTitle(item),
          isLeaf: item.childCount === 0,
          children: kids ? build(kids) : undefined,
        };
      });
    return build(roots.data ?? []);
  }, [roots.data, children, renderTitle]);

  const loadData = async (node: { key: Key }): Promise<void> => {
    const id = String(node.key);
    if (children[id]) return;
    const items = await queryClient.fetchQuery({ queryKey: [...queryKey, 'children', id], queryFn: () => fetchChildren(id) });
    setChildren((current) => ({ ...current, [id]: items }));
  };

  if (roots.error) return <QueryError error={roots.error} onRetry={() => void roots.refetch()} />;
  if (!roots.data) return <Skeleton active />;
  if (roots.data.length === 0) return <Empty description={t('common.noData')} />;

  return (
    <div className="bw-tree-scroll">
      <Tree
        aria-label={label}
        blockNode
        // the switcher is decoration: keep its icon out of the tree item's accessible name
        switcherIcon={<span aria-hidden="true" style={{ display: 'inline-flex' }}><CaretDownOutlined /></span>}
        expandAction="click"
        treeData={treeData}
        loadData={loadData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys)}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(_keys, info) => {
          const item = byId.get(String(info.node.key));
          if (item) onSelect(item);
        }}
      />
    </div>
  );
}
