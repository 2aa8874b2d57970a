import { useState, type ReactNode } from 'react';
import { Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../contracts/common.ts';
import type { QueryValue } from '../api/client.ts';
import { QueryError } from './QueryError.tsx';

type Sort = { sort?: string; order?: 'asc' | 'desc' };

/**
 * A table paged, sorted and filtered on the server: `filters` go into the query key and the request; sortable
 * columns carry `key` = the server's sort name. Scrolls sideways inside its own box on narrow screens.
 */
export function PagedTable<T extends { id: string }>({
  queryKey,
  fetchPage,
  columns,
  filters = {},
  label,
  pageSize = 20,
  toolbar,
  expandable,
  rowSelection,
}: {
  queryKey: unknown[];
  fetchPage: (q: Record<string, QueryValue>) => Promise<Page<T>>;
  columns: TableColumnsType<T>;
  filters?: Record<string, QueryValue>;
  label: string;
  pageSize?: number;
  toolbar?: ReactNode;
  expandable?: TableProps<T>['expandable'];
  /** checkboxes for bulk actions; the caller keeps the selected keys */
  rowSelection?: TableProps<T>['rowSelection'];
}) {
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const [sort, setSort] = useState<Sort>({});
  const query = { ...filters, page, pageSize: size, ...sort };
  const result = useQuery({ queryKey: [...queryKey, query], queryFn: () => fetchPage(query), placeholderData: keepPreviousData });
  return (
    <section aria-label={label}>
      {toolbar ? <div className="bw-filters">{toolbar}</div> : null}
      {result.error ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <Table<T>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={expandable}
          rowSelection={rowSelection}
          pagination={{ current: page, pageSize: size, total: result.data?.total ?? 0, showSizeChanger: true, size: 'small', showTotal: (n) => `${n}` }}
          onChange={(p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setPage(p.current ?? 1);
            setSize(p.pageSize ?? pageSize);
            setSort(s?.order && s.columnKey ? { sort: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' } : {});
          }}
        />
      )}
    </section>
  );
}
