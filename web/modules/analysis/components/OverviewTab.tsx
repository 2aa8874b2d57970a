import { lazy, Suspense } from 'react';
import { Card, Col, Descriptions, Progress, Row, Spin, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../contracts/analysis.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getStatistics } from '../analysis.api.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));

/** Figures of the campaign (live statistics), coverage bars and two charts: interviewees by level, visits by town. */
export function OverviewTab({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const result = useQuery({ queryKey: ['analysis', 'statistics', campaign.id], queryFn: () => getStatistics(campaign.id) });
  if (result.error) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  const s = result.data;
  if (!s) return <Spin />;
  const en = i18n.language === 'en';
  const figures: [string, number, string?][] = [
    [t('analysis.figures.letters'), s.letters.total, t('analysis.figures.replied', { count: s.letters.replied })],
    [t('analysis.figures.interviewees'), s.talks.interviewees, `${t('analysis.figures.levels')} ${s.talks.levelsCovered}`],
    [t('analysis.figures.villages'), s.visits.villages],
    [t('analysis.figures.cadresMet'), s.visits.villageCadresMet],
    [t('analysis.figures.documents'), s.documents.total],
    [t('analysis.figures.tips'), s.tips.total],
    [t('analysis.figures.realName'), s.realNamePetitions],
    [t('analysis.figures.talksTotal'), s.talks.total],
  ];
  const coverage: [string, { covered: number; total: number; percent: number }][] = [
    [t('analysis.coverageOrgan'), s.coverage.townOrganStaff],
    [t('analysis.coverageStation'), s.coverage.stationHeads],
    [t('analysis.coverageVillage'), s.coverage.villagePrincipals],
  ];
  const levelNames = s.talks.byLevel.map((l) => (en ? l.nameEn : l.nameZh));
  return (
    <>
      <Row gutter={[12, 12]}>
        {figures.map(([title, value, extra]) => (
          <Col key={title} xs={12} sm={8} md={6}>
            <Card size="small">
              <Statistic title={title} value={value} />
              {extra ? <Typography.Text type="secondary">{extra}</Typography.Text> : null}
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('analysis.coverage')} style={{ marginTop: 12 }}>
        {coverage.map(([label, c]) => (
          <div key={label} style={{ marginBottom: 8 }}>
            <Typography.Text>
              {label}（{c.covered}/{c.total}）
            </Typography.Text>
            <Progress percent={c.percent} aria-label={label} />
          </div>
        ))}
        <Typography.Text type="secondary">{t('analysis.cadresJudged', { total: s.cadres.inScope, judged: s.cadres.judged })}</Typography.Text>
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analysis.chartLevels')}>
            <Suspense fallback={<Spin />}>
              <Chart
                label={t('analysis.chartLevels')}
                height={320}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
                  xAxis: { type: 'value' },
                  yAxis: { type: 'category', data: [...levelNames].reverse(), axisLabel: { width: 120, overflow: 'truncate' } },
                  series: [{ type: 'bar', data: [...s.talks.byLevel.map((l) => l.interviewees)].reverse(), label: { show: true, position: 'right' } }],
                }}
              />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analysis.chartTowns')}>
            <Suspense fallback={<Spin />}>
              <Chart
                label={t('analysis.chartTowns')}
                height={320}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
                  xAxis: { type: 'category', data: s.visits.byTown.map((x) => x.townName), axisLabel: { rotate: 45, interval: 0 } },
                  yAxis: { type: 'value' },
                  series: [
                    { type: 'bar', name: t('analysis.figures.villages'), data: s.visits.byTown.map((x) => x.villages) },
                    { type: 'bar', name: t('analysis.figures.cadresMet'), data: s.visits.byTown.map((x) => x.villageCadresMet) },
                  ],
                }}
              />
            </Suspense>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('analysis.notice')} style={{ marginTop: 12 }}>
        {campaign.notice ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('analysis.noticeDate')}>{campaign.notice.publishedAt}</Descriptions.Item>
            <Descriptions.Item label={t('analysis.noticeMedia')}>{campaign.notice.media}</Descriptions.Item>
            <Descriptions.Item label={t('analysis.noticeText')}>{campaign.notice.text}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('analysis.noNotice')}</Typography.Text>
        )}
      </Card>
    </>
  );
}
