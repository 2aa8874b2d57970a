import { lazy, Suspense, useState } from 'react';
import { Card, Col, DatePicker, Row, Select, Spin, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardSummary, Matter } from '../../../../contracts/o2o.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { toApiDate } from '../../../ui/format.ts';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { DueCountdown } from '../components/DueCountdown.tsx';
import { exportMatters, getDashboardSummary, getDashboardTrend, listMatters } from '../o2o.api.ts';
import { MATTER_STATUS_COLORS } from '../labels.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));

type Row = DashboardSummary['byVillage'][number];

function bars(items: { name: string; n: number }[], color: string) {
  return {
    grid: { left: 44, right: 12, top: 16, bottom: 56 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: items.map((i) => i.name), axisLabel: { interval: 0, rotate: items.length > 5 ? 35 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [{ type: 'bar' as const, data: items.map((i) => i.n), itemStyle: { color }, label: { show: items.length <= 8, position: 'top' as const } }],
  };
}

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** /o2o/dashboard: the town and county figures (from rollups), monthly trends, the overdue list and the .xlsx export. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [range, setRange] = useState<[string | undefined, string | undefined]>([undefined, undefined]);
  const [townId, setTownId] = useState<string | undefined>();
  const q = { from: range[0], to: range[1] };
  const base = useQuery({ queryKey: ['o2o', 'dashboard', 'summary', q.from, q.to, ''], queryFn: () => getDashboardSummary(q) });
  const filtered = useQuery({ queryKey: ['o2o', 'dashboard', 'summary', q.from, q.to, townId], queryFn: () => getDashboardSummary({ ...q, townId }), enabled: Boolean(townId) });
  const trend = useQuery({ queryKey: ['o2o', 'dashboard', 'trend', q.from, q.to, townId ?? ''], queryFn: () => getDashboardTrend({ ...q, townId }) });
  const summary = townId ? filtered : base;

  const statusName = (key: string) => t(`o2o.statuses.${key}`, { defaultValue: key });
  const places = (withTown: boolean): TableColumnsType<Row> => [
    { title: t('o2o.dashboard.name'), dataIndex: 'name' },
    ...(withTown && !isMobile ? [{ title: t('o2o.dashboard.townOf'), dataIndex: 'townName' }] : []),
    { title: t('o2o.dashboard.count'), dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total, defaultSortOrder: 'descend' },
    { title: t('o2o.dashboard.closedCount'), dataIndex: 'closed', align: 'right' },
    { title: t('o2o.dashboard.openCount'), dataIndex: 'open', align: 'right' },
    { title: t('o2o.dashboard.overdueCount'), dataIndex: 'overdue', align: 'right', sorter: (a, b) => a.overdue - b.overdue, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
  ];
  const overdueColumns: TableColumnsType<Matter> = [
    { title: t('o2o.code'), dataIndex: 'code', render: (v: string, r) => <Link to={`/o2o/matters/${r.id}`}>{v}</Link> },
    ...(isMobile ? [] : [{ title: t('o2o.matter'), dataIndex: 'title', ellipsis: true, width: 240 }, { title: t('o2o.location'), dataIndex: 'locationName' }]),
    { title: t('o2o.status'), dataIndex: 'status', render: (s: Matter['status']) => <Tag color={MATTER_STATUS_COLORS[s]}>{statusName(s)}</Tag> },
    { title: t('o2o.countdown'), key: 'dueAt', sorter: true, render: (_: unknown, r) => <DueCountdown matter={r} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('o2o.dashboard.title')}
        sub={t('o2o.dashboard.sub')}
        extra={<ExportButton fetchFile={() => exportMatters({ from: range[0], to: range[1] })} fallbackName="o2o-matters.xlsx" />}
      />
      <div className="bw-filters">
        <DatePicker.RangePicker aria-label={t('o2o.dashboard.period')} style={{ maxWidth: '100%' }} onChange={(v) => setRange([toApiDate(v?.[0]), toApiDate(v?.[1])])} />
        {base.data && base.data.byTown.length > 1 ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            aria-label={t('o2o.dashboard.town')}
            placeholder={t('o2o.dashboard.allTowns')}
            value={townId}
            onChange={setTownId}
            options={base.data.byTown.map((x) => ({ value: x.key, label: x.name }))}
          />
        ) : null}
      </div>
      {summary.isPending ? <Spin /> : null}
      {summary.isError ? <QueryError error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {summary.data ? (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['total', summary.data.total],
                ['repliedAndClosed', summary.data.repliedAndClosed],
                ['open', summary.data.open],
                ['overdueOpen', summary.data.overdueOpen],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`o2o.dashboard.${k}`)} value={v} styles={k === 'overdueOpen' && v > 0 ? { content: { color: '#cf1322' } } : undefined} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8}>
              <Card size="small">
                <Statistic title={t('o2o.dashboard.onTimeRate')} value={percent(summary.data.onTimeRate)} />
              </Card>
            </Col>
            <Col xs={12} md={8}>
              <Card size="small">
                <Statistic title={t('o2o.dashboard.satisfactionRate')} value={percent(summary.data.satisfactionRate)} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('o2o.dashboard.medianDays')} value={summary.data.medianHandlingDays ?? '—'} suffix={summary.data.medianHandlingDays === null ? undefined : t('o2o.dashboard.medianUnit')} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24}>
              <Card size="small" title={t('o2o.dashboard.trend')}>
                <Suspense fallback={<Spin />}>
                  {trend.data ? (
                    <Chart
                      label={t('o2o.dashboard.trendLabel')}
                      height={260}
                      option={{
                        grid: { left: 44, right: 12, top: 36, bottom: 32 },
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0 },
                        xAxis: { type: 'category', data: trend.data.months.map((m) => m.month) },
                        yAxis: { type: 'value', minInterval: 1 },
                        series: [
                          { type: 'line', name: t('o2o.dashboard.received'), data: trend.data.months.map((m) => m.received), itemStyle: { color: '#1677ff' } },
                          { type: 'line', name: t('o2o.dashboard.closed'), data: trend.data.months.map((m) => m.closed), itemStyle: { color: '#389e0d' } },
                          { type: 'line', name: t('o2o.dashboard.onTime'), data: trend.data.months.map((m) => m.onTime), itemStyle: { color: '#d48806' } },
                        ],
                      }}
                    />
                  ) : (
                    <Spin />
                  )}
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('o2o.dashboard.byStatus')}>
                <Suspense fallback={<Spin />}>
                  <Chart label={t('o2o.dashboard.statusLabel')} option={bars(summary.data.byStatus.map((s) => ({ name: statusName(s.key), n: s.n })), '#1677ff')} />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('o2o.dashboard.byCategory')}>
                <Suspense fallback={<Spin />}>
                  <Chart label={t('o2o.dashboard.categoryLabel')} option={bars(summary.data.byCategory.map((s) => ({ name: t(`o2o.categories.${s.key}`, { defaultValue: s.name }), n: s.n })), '#722ed1')} />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('o2o.dashboard.byTown')}>
                <Table<Row> size="small" rowKey="key" columns={places(false)} dataSource={summary.data.byTown.map((x) => ({ ...x, townName: x.name }))} pagination={{ pageSize: 10, size: 'small' }} scroll={{ x: 'max-content' }} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('o2o.dashboard.byVillage')}>
                <Table<Row> size="small" rowKey="key" columns={places(true)} dataSource={summary.data.byVillage} pagination={{ pageSize: 10, size: 'small' }} scroll={{ x: 'max-content' }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('o2o.dashboard.overdueList')} style={{ marginTop: 12 }}>
            <PagedTable<Matter> label={t('o2o.dashboard.overdueList')} queryKey={['o2o', 'matters', 'dashboard-overdue']} fetchPage={listMatters} filters={{ box: 'overdue', unitId: townId, from: range[0], to: range[1] }} columns={overdueColumns} pageSize={10} />
          </Card>
        </>
      ) : null}
    </>
  );
}
