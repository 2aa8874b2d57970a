import { Alert, Card, Col, Collapse, Descriptions, Empty, Row, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CadreProfile } from '../../../../contracts/analysis.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getCadreProfile } from '../analysis.api.ts';
import { POLARITY_COLORS } from '../analysis-labels.ts';

const GRADE_COLORS: Record<string, string> = { EXCELLENT: 'green', COMPETENT: 'blue', BASICALLY_COMPETENT: 'orange', INCOMPETENT: 'red' };

/** /analysis/cadres/:id: the cadre profile (干部画像): posts, grades, accountability, petitions (counts), evidence, timeline. */
export default function CadreProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const result = useQuery({ queryKey: ['analysis', 'profile', id], queryFn: () => getCadreProfile(id), staleTime: 60_000 });
  if (result.error) return <QueryError error={result.error} />;
  const p: CadreProfile | undefined = result.data;
  if (!p) return <Spin />;
  const tl = (kind: string) => (kind === 'EVIDENCE' ? 'blue' : kind === 'FRONT_LINE' ? 'orange' : kind === 'POST_END' ? 'gray' : 'green');
  return (
    <>
      <PageHeader title={`${t('analysis.profile.title')}：${p.person.name}`} sub={<Link to={`/people/${p.person.id}`}>{p.person.orgName ?? ''}</Link>} />
      <Alert type="warning" showIcon title={t('analysis.profile.audited')} style={{ marginBottom: 12 }} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('analysis.profile.assessments')}>
            {p.assessments.length ? p.assessments.map((a) => <Tag key={a.year} color={GRADE_COLORS[a.grade]}>{a.year} {t(`analysis.evidence.grades.${a.grade}`)}</Tag>) : <Typography.Text type="secondary">{t('analysis.profile.none')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('analysis.profile.accountabilityInForce')}>
            {p.accountabilityInForce.length ? p.accountabilityInForce.map((a) => <Typography.Paragraph key={a.evidenceId} style={{ margin: 0 }}>{a.summary}（{t('analysis.evidence.effectUntil')} {a.effectUntil}）</Typography.Paragraph>) : <Typography.Text type="secondary">{t('analysis.profile.none')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('analysis.profile.petitions')}>
            <Typography.Text>{t('analysis.profile.petitionTotal', { count: p.petitions.total })}</Typography.Text>
            <div>{p.petitions.byStatus.map((s) => <Tag key={s.status}>{s.status} {s.count}</Tag>)}</div>
            <Typography.Text type="secondary">{t('analysis.profile.talksText', { interviewee: p.talks.asInterviewee, subject: p.talks.asSubject })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('analysis.profile.posts')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.orgName}|${r.title}|${r.startDate}`}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={p.posts}
          columns={[
            { key: 'org', title: t('analysis.visit.town'), dataIndex: 'orgName' },
            { key: 'title', title: t('analysis.doc.title'), dataIndex: 'title' },
            { key: 'period', title: t('analysis.period'), render: (_v, r) => `${r.startDate} ~ ${r.endDate ?? ''}` },
          ]}
        />
        {p.frontLine.length ? (
          <Descriptions size="small" column={1} title={t('analysis.profile.frontLine')} style={{ marginTop: 12 }}>
            {p.frontLine.map((f) => <Descriptions.Item key={`${f.startDate}${f.description}`} label={`${f.startDate} ~ ${f.endDate ?? ''}`}>{f.description}</Descriptions.Item>)}
          </Descriptions>
        ) : null}
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analysis.profile.evidence')}>
            {p.evidenceByType.length ? (
              <Collapse
                size="small"
                items={p.evidenceByType.map((g) => ({
                  key: g.sourceType,
                  label: `${t(`analysis.evidence.sourceTypes.${g.sourceType}`)}（${g.items.length}）`,
                  children: g.items.map((e) => (
                    <Typography.Paragraph key={e.id} style={{ margin: '0 0 4px' }}>
                      <Tag color={POLARITY_COLORS[e.polarity]}>{e.date}</Tag>
                      {e.summary}
                      {e.classification === 'CONFIDENTIAL' ? <Tag color="red" style={{ marginLeft: 4 }}>{t('analysis.evidence.classifications.CONFIDENTIAL')}</Tag> : null}
                    </Typography.Paragraph>
                  )),
                }))}
              />
            ) : (
              <Empty description={t('analysis.evidence.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analysis.profile.timeline')}>
            <Timeline items={p.timeline.slice(0, 60).map((e, i) => ({ key: `${e.date}-${i}`, color: tl(e.kind), content: <span><Typography.Text type="secondary">{e.date}</Typography.Text> {e.title}{e.detail ? `（${e.detail}）` : ''}</span> }))} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
