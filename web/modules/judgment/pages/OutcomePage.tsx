import { lazy, Suspense, useState } from 'react';
import { Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutcomeBoard } from '../../../../contracts/judgment.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { CampaignSelect } from '../components/CampaignSelect.tsx';
import { exportOutcome, getOutcome } from '../judgment.api.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));
type TownRow = OutcomeBoard['byTown'][number];

/** /judgments/outcome: the term change's outcome board, computed live over the endorsed judgments. */
export default function OutcomePage() {
  const { t } = useTranslation();
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const query = useQuery({ queryKey: ['judgment', 'outcome', campaignId], queryFn: () => getOutcome(campaignId) });
  if (query.isLoading) return <PageLoading />;
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const b = query.data;
  const c = b.counts;
  const cats = ['PROMOTE', 'EXCHANGE', 'RETAIN', 'DEVELOP', 'ADJUST'] as const;
  const chart = {
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category' as const, data: b.byTown.map((x) => x.townName.replace(/(镇|街道)$/, '')), axisLabel: { interval: 0, rotate: 45 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: cats.map((k) => ({ type: 'bar' as const, stack: 'all', name: t(`judgment.categories.${k}`), data: b.byTown.map((x) => x[k]) })),
  };
  const digestCols = (side: 'before' | 'after') => [
    { key: `${side}Size`, title: t('judgment.teams.size'), render: (_v: unknown, r: TownRow) => r[side].size },
    { key: `${side}Young`, title: t('judgment.teams.young'), render: (_v: unknown, r: TownRow) => r[side].young },
    { key: `${side}Age`, title: t('judgment.teams.averageAge'), render: (_v: unknown, r: TownRow) => r[side].averageAge ?? '—' },
  ];
  return (
    <>
      <PageHeader title={t('judgment.outcome.title')} sub={`${b.campaignName} · ${t('judgment.outcome.sub')}`} extra={<ExportButton fetchFile={() => exportOutcome(b.campaignId)} fallbackName={t('judgment.outcome.fileName')} />} />
      <div className="bw-filters">
        <CampaignSelect value={campaignId ?? b.campaignId} onChange={setCampaignId} />
      </div>
      <Typography.Paragraph aria-label={t('judgment.outcome.summaryLabel')} style={{ marginBottom: 12 }}>
        {t('judgment.outcome.summary', { total: c.total, promote: c.PROMOTE, young: b.promotedYoung, exchange: c.EXCHANGE, rest: c.total - c.PROMOTE - c.EXCHANGE, retain: c.RETAIN, develop: c.DEVELOP })}
        {c.ADJUST > 0 ? t('judgment.outcome.summaryAdjust', { adjust: c.ADJUST }) : t('judgment.outcome.summaryNoAdjust')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t('judgment.outcome.promoted')} value={c.PROMOTE} />
            <Tag color={b.allPromotedYoung ? 'green' : 'red'}>{b.allPromotedYoung ? t('judgment.outcome.allYoung') : t('judgment.outcome.notAllYoung')}</Tag>
          </Card>
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t('judgment.outcome.promotedYoung')} value={b.promotedYoung} />
          </Card>
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t('judgment.outcome.exchanged')} value={c.EXCHANGE} />
          </Card>
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t('judgment.outcome.retained')} value={c.RETAIN} />
          </Card>
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={`${t('judgment.outcome.developed')} / ${t('judgment.outcome.adjusted')}`} value={`${c.DEVELOP} / ${c.ADJUST}`} />
          </Card>
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t('judgment.outcome.pending')} value={b.pending} />
          </Card>
        </Col>
      </Row>
      <Flex vertical gap={12} style={{ marginTop: 12 }}>
        <Card size="small" title={t('judgment.outcome.chart')}>
          <Suspense fallback={null}>
            <Chart option={chart} height={320} label={t('judgment.outcome.chart')} />
          </Suspense>
        </Card>
        <Card size="small" title={t('judgment.outcome.promotedList')}>
          <Table
            size="small"
            rowKey="judgmentId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={b.promoted}
            columns={[
              { key: 'name', title: t('judgment.name'), render: (_v, p) => <Link to={`/judgments/${p.judgmentId}`}>{p.name}</Link> },
              { key: 'age', title: t('judgment.age'), render: (_v, p) => (p.isYoung ? <Tag color="green">{`${p.age} · ${t('judgment.young')}`}</Tag> : p.age) },
              { key: 'town', title: t('judgment.town'), dataIndex: 'townName' },
              { key: 'title', title: t('judgment.post'), dataIndex: 'title' },
            ]}
          />
        </Card>
        <Card size="small" title={t('judgment.outcome.exchangedList')}>
          <Table
            size="small"
            rowKey="judgmentId"
            pagination={{ pageSize: 10, size: 'small' }}
            scroll={{ x: 'max-content' }}
            dataSource={b.exchanged}
            columns={[
              { key: 'name', title: t('judgment.name'), render: (_v, p) => <Link to={`/judgments/${p.judgmentId}`}>{p.name}</Link> },
              { key: 'from', title: t('judgment.outcome.from'), dataIndex: 'fromName' },
              { key: 'to', title: t('judgment.outcome.to'), dataIndex: 'toName' },
            ]}
          />
        </Card>
        <Card size="small" title={t('judgment.outcome.structure')}>
          <Table<TownRow>
            size="small"
            rowKey="townId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={b.byTown}
            columns={[
              { key: 'town', title: t('judgment.town'), render: (_v, r) => <Link to={`/judgments/teams?town=${r.townId}`}>{r.townName}</Link> },
              ...cats.map((k) => ({ key: k, title: t(`judgment.categories.${k}`), render: (_v: unknown, r: TownRow) => r[k] })),
              { title: t('judgment.teams.before'), children: digestCols('before') },
              { title: t('judgment.teams.after'), children: digestCols('after') },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
