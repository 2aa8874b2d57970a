import { Table, Typography } from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../../../../contracts/common.ts';
import { PERSON_SORT_FIELDS, type PersonSortField } from '../../../../contracts/enums.ts';
import type { PersonListItem } from '../../../../contracts/people.ts';
import { formatDate } from '../../../ui/format.ts';
import type { PeopleQuery } from '../people.api.ts';

type Props = { data: Page<PersonListItem> | undefined; loading: boolean; query: PeopleQuery; update: (patch: Partial<PeopleQuery>) => void };

function isSortField(value: unknown): value is PersonSortField {
  return typeof value === 'string' && (PERSON_SORT_FIELDS as readonly string[]).includes(value);
}

/** The wide people table (desktop); paging and sorting are done by the server. */
export function PeopleTable({ data, loading, query, update }: Props) {
  const { t } = useTranslation();
  const sortOrder = (field: PersonSortField) => (query.sort === field ? (query.order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: TableColumnsType<PersonListItem> = [
    {
      key: 'name',
      title: t('people.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
      width: 110,
      render: (_v, p) => <Link to={`/people/${p.id}`}>{p.name}</Link>,
    },
    { key: 'gender', title: t('people.gender'), width: 70, render: (_v, p) => t(`genders.${p.gender}`) },
    {
      key: 'birthDate',
      title: t('people.birthAge'),
      sorter: true,
      sortOrder: sortOrder('birthDate'),
      width: 170,
      render: (_v, p) => `${formatDate(p.birthDate)}（${t('common.years', { age: p.age })}）`,
    },
    { key: 'orgName', title: t('people.orgName'), dataIndex: 'orgName', sorter: true, sortOrder: sortOrder('orgName'), ellipsis: true },
    {
      key: 'titles',
      title: t('people.currentTitles'),
      render: (_v, p) => (p.currentTitles.length > 0 ? p.currentTitles.join('、') : <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>),
    },
    {
      key: 'rankLevel',
      title: t('people.rankLevel'),
      sorter: true,
      sortOrder: sortOrder('rankLevel'),
      width: 120,
      render: (_v, p) => (p.rankLevel ? t(`rankLevels.${p.rankLevel}`) : t('common.dash')),
    },
    { key: 'idNumber', title: t('people.idNumber'), width: 190, render: (_v, p) => <span className="bw-masked">{p.idNumberMasked ?? t('common.dash')}</span> },
    { key: 'phone', title: t('people.phone'), width: 130, render: (_v, p) => <span className="bw-masked">{p.phoneMasked ?? t('common.dash')}</span> },
  ];

  const onChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<PersonListItem> | SorterResult<PersonListItem>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s && s.order && isSortField(s.columnKey) ? s.columnKey : undefined;
    const order = sort ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined;
    const sortChanged = sort !== query.sort || order !== (query.sort ? (query.order ?? 'asc') : undefined);
    const pageSize = pagination.pageSize ?? query.pageSize;
    update({ sort, order, pageSize, page: sortChanged || pageSize !== query.pageSize ? 1 : (pagination.current ?? 1) });
  };

  return (
    <Table<PersonListItem>
      aria-label={t('people.listLabel')}
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 1100 }}
      sortDirections={['ascend', 'descend', 'ascend']}
      onChange={onChange}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => (data?.totalIsExact === false ? t('common.totalAtLeast', { total }) : t('common.total', { total })),
      }}
    />
  );
}
