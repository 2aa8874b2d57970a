import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Row, Spin, Statistic, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GROUP_LEVELS, type CoverageReport } from '../../../../contracts/groups.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import type { ChartOption } from '../../../ui/chart.tsx';
import { getCoverage } from '../groups.api.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));

/** Groups (left axis, blue) and distinct members (right axis, orange): the two differ by two orders of magnitude. */
function dualBars(labels: string[], groups: number[], members: number[], names: [string, string], rotate: boolean): ChartOption {
  return {
    grid: { left: 40, right: 52, top: 36, bottom: rotate ? 72 : 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: names },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { color: '#1677ff' } },
      { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { color: '#fa8c16' } },
    ],
    series: [
      { name: names[0], type: 'bar', data: groups, itemStyle: { color: '#1677ff' }, label: { show: !rotate, position: 'top' } },
      { name: names[1], type: 'bar', yAxisIndex: 1, data: members, itemStyle: { color: '#fa8c16' }, label: { show: !rotate, position: 'top' } },
    ],
  };
}

type TownRow = CoverageReport['byTown'][number] & { key: string };

/** Live coverage over the caller's scope: ACTIVE groups by level and town, distinct members, Party members among them. */
export function CoveragePanel() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['groups', 'coverage'], queryFn: () => getCoverage() });
  if (q.isPending) return <Spin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const share = r.members === 0 ? 0 : Math.round((r.partyMembers / r.members) * 1000) / 10;
  const levelName = (level: string) => t(`groups.levels.${level}`, { defaultValue: level });
  const towns: TownRow[] = r.byTown.map((x) => ({ ...x, key: x.townId ?? 'county', townName: x.townId ? x.townName : t('groups.coverage.countyRow') }));
  const names: [string, string] = [t('groups.coverage.groupsSeries'), t('groups.coverage.membersSeries')];
  const columns: TableColumnsType<TownRow> = [
    { title: t('groups.town'), dataIndex: 'townName', fixed: 'left' },
    ...GROUP_LEVELS.map((l) => ({ title: levelName(l), key: l, align: 'right' as const, render: (_: unknown, row: TownRow) => row.groupsByLevel[l] ?? 0 })),
    { title: t('groups.coverage.groups'), dataIndex: 'groups', align: 'right' },
    { title: t('groups.coverage.members'), dataIndex: 'members', align: 'right' },
    { title: t('groups.coverage.partyMembers'), dataIndex: 'partyMembers', align: 'right' },
  ];
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('groups.coverage.groups')} value={r.groups} suffix={r.archivedGroups > 0 ? <small>（{t('groups.coverage.archived')} {r.archivedGroups}）</small> : null} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('groups.coverage.members')} value={r.members} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('groups.coverage.partyMembers')} value={r.partyMembers} suffix={<small>（{share}%）</small>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('groups.coverage.memberships')} value={r.memberships} />
          </Card>
        </Col>
      </Row>
      <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('groups.coverage.dedupNote')} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('groups.coverage.byLevel')}>
            <Suspense fallback={<Spin />}>
              <Chart
                label={t('groups.coverage.chartByLevel')}
                height={260}
                option={dualBars(r.byLevel.map((l) => levelName(l.level)), r.byLevel.map((l) => l.groups), r.byLevel.map((l) => l.members), names, false)}
              />
            </Suspense>
            <Table
              size="small"
              pagination={false}
              rowKey="level"
              dataSource={r.byLevel}
              columns={[
                { title: t('groups.level'), dataIndex: 'label' },
                { title: t('groups.coverage.groups'), dataIndex: 'groups', align: 'right' },
                { title: t('groups.coverage.members'), dataIndex: 'members', align: 'right' },
                { title: t('groups.coverage.partyMembers'), dataIndex: 'partyMembers', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('groups.coverage.byTown')}>
            <Suspense fallback={<Spin />}>
              <Chart
                label={t('groups.coverage.chartByTown')}
                height={300}
                option={dualBars(towns.map((x) => x.townName), towns.map((x) => x.groups), towns.map((x) => x.members), names, towns.length > 4)}
              />
            </Suspense>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('groups.coverage.byTown')} style={{ marginTop: 12 }}>
        <Table<TownRow>
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ x: 720 }}
          dataSource={towns}
          columns={columns}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('groups.coverage.total')}</Table.Summary.Cell>
              {GROUP_LEVELS.map((l, i) => (
                <Table.Summary.Cell key={l} index={i + 1} align="right">
                  {r.byLevel.find((x) => x.level === l)?.groups ?? 0}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={5} align="right">{r.groups}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{r.members}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{r.partyMembers}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
    </>
  );
}
