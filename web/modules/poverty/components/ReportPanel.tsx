import { lazy, Suspense } from 'react';
import { Card, Col, Row, Spin, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PovertyReport } from '../../../../contracts/poverty.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getReport } from '../poverty.api.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));

function bars(items: { label: string; count: number }[], color: string) {
  return {
    grid: { left: 40, right: 12, top: 16, bottom: 48 },
    tooltip: { trigger: 'axis' as const },
    xAxis: { type: 'category' as const, data: items.map((i) => i.label), axisLabel: { interval: 0, rotate: items.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [{ type: 'bar' as const, data: items.map((i) => i.count), itemStyle: { color }, label: { show: true, position: 'top' as const } }],
  };
}

/** Live figures over the caller's scope: teams, households, visits, exits by year, causes, by town. */
export function ReportPanel() {
  const { t } = useTranslation();
  const report = useQuery({ queryKey: ['poverty', 'report'], queryFn: () => getReport() });
  if (report.isPending) return <Spin />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const r: PovertyReport = report.data;
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('poverty.report.teams')} value={r.teams} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('poverty.report.households')} value={r.households} suffix={<small>（{r.householdsPerTeam} {t('poverty.report.perTeam')}）</small>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('poverty.report.visits')} value={r.visits} suffix={<small>（{r.visitsPerHousehold} {t('poverty.report.perHousehold')}）</small>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('poverty.report.exited')} value={r.byStatus.find((s) => s.key === 'EXITED')?.count ?? 0} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('poverty.report.exitsByYear')}>
            <Suspense fallback={<Spin />}>
              <Chart label={t('poverty.report.chartExits')} option={bars(r.exitsByYear, '#389e0d')} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('poverty.report.byCause')}>
            <Suspense fallback={<Spin />}>
              <Chart label={t('poverty.report.chartCauses')} option={bars(r.byCause, '#cf1322')} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('poverty.report.histogram')}>
            <Suspense fallback={<Spin />}>
              <Chart label={t('poverty.report.histogram')} option={bars(r.visitsPerHouseholdHistogram, '#1677ff')} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('poverty.report.byStatus')}>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={r.byStatus}
              columns={[
                { title: t('poverty.status'), dataIndex: 'label' },
                { title: t('poverty.report.households'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('poverty.report.byTown')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ x: 420 }}
          dataSource={r.byTown}
          columns={[
            { title: t('poverty.town'), dataIndex: 'label' },
            { title: t('poverty.report.teams'), dataIndex: 'teams', align: 'right' },
            { title: t('poverty.report.households'), dataIndex: 'households', align: 'right' },
            { title: t('poverty.report.visits'), dataIndex: 'visits', align: 'right' },
            { title: t('poverty.report.exited'), dataIndex: 'exited', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
