import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { integrityStats } from '../integrity.api.ts';

/** SPEC M6 Reports at a glance: accepted conclusions (and how many NOT_SUITABLE), open ones, candidates stopped. */
export function IntegrityStatsBar() {
  const { t } = useTranslation();
  const { data } = useQuery({ queryKey: ['integrity', 'stats'], queryFn: integrityStats });
  if (!data) return null;
  const count = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
  const accepted = count(data.acceptedByOutcome);
  const notSuitable = data.acceptedByOutcome.find((o) => o.conclusion === 'NOT_SUITABLE')?.count ?? 0;
  const inProgress = count(data.byStatus.filter((s) => s.status !== 'ACCEPTED' && s.status !== 'RETURNED'));
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('integrity.stats.accepted')} value={accepted} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('integrity.stats.notSuitable')} value={notSuitable} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('integrity.stats.inProgress')} value={inProgress} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('integrity.stats.stopped')} value={data.candidatesStopped} suffix={<span style={{ fontSize: 12 }}>{t('integrity.stats.stoppedOf', { n: data.candidatesReviewed })}</span>} />
        </Col>
      </Row>
    </Card>
  );
}
