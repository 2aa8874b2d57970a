import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DIMENSIONS, type GroupResult } from '../../../../contracts/evaluation.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { exportResults, getFreeText, getResults } from '../evaluation.api.ts';
import { GRADE_COLORS } from '../evaluation-labels.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));

/**
 * /evaluations/:id/results: the five-dimension result of a closed evaluation as the server suppressed it. Hidden
 * groups read 样本不足，不予显示 and never carry a number; the combination filter offers shown cells only.
 */
export default function ResultsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string[]>([]);
  const [showText, setShowText] = useState(false);
  const result = useQuery({ queryKey: ['evaluation-results', id, picked], queryFn: () => getResults(id, picked) });
  const text = useQuery({ queryKey: ['evaluation-freetext', id], queryFn: () => getFreeText(id), enabled: showText });
  if (result.isError) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <PageLoading />;
  const { evaluation: e, result: r, selection } = result.data;
  const k = r.minGroupSize;
  const shown = r.groups.filter((g) => g.shown);
  const groupName = (g: GroupResult['group']): string => t(`evaluation.groupNames.${g}`);

  const radar = {
    tooltip: {},
    legend: { bottom: 0, data: [t('evaluation.others'), ...(r.self ? [t('evaluation.self')] : [])] },
    radar: { indicator: DIMENSIONS.map((d) => ({ name: t(`evaluation.dims.${d}`), max: 100, min: 0 })), radius: '62%' },
    series: [
      {
        type: 'radar' as const,
        data: [
          { name: t('evaluation.others'), value: DIMENSIONS.map((d) => r.scores[d] ?? 0) },
          ...(r.self ? [{ name: t('evaluation.self'), value: DIMENSIONS.map((d) => r.self!.scores[d] ?? 0) }] : []),
        ],
      },
    ],
  };
  const bars = {
    tooltip: {},
    grid: { left: 40, right: 12, top: 16, bottom: 60 },
    xAxis: { type: 'category' as const, data: shown.map((g) => groupName(g.group)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value' as const, min: 0, max: 100 },
    series: [{ type: 'bar' as const, data: shown.map((g) => ({ value: g.mean, itemStyle: { color: g.outlier ? '#d4380d' : '#b71c1c' } })), label: { show: true, position: 'top' as const } }],
  };

  const cell = (g: GroupResult, v: number | null | undefined) => (g.shown ? (v ?? '—') : <Typography.Text type="secondary">{t('evaluation.suppressed')}</Typography.Text>);

  return (
    <>
      <PageHeader
        title={`${t('evaluation.results')} · ${e.subjectName}`}
        sub={[e.subjectOrgName, e.subjectPost].filter(Boolean).join(' ')}
        extra={
          <Space wrap>
            <ExportButton fetchFile={() => exportResults(id)} fallbackName="evaluation-results.xlsx" />
            <Link to={`/evaluations/${id}`}>{t('evaluation.detail')}</Link>
          </Space>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('evaluation.suppressionNote', { k })} />
      {r.composite === null ? (
        <Alert type="warning" showIcon message={t('evaluation.notEnough', { k })} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('evaluation.composite')} value={r.composite} precision={1} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Typography.Text type="secondary">{t('evaluation.grade')}</Typography.Text>
                <div style={{ marginTop: 8 }}>{r.grade ? <Tag color={GRADE_COLORS[r.grade]} style={{ fontSize: 16, padding: '4px 10px' }}>{t(`evaluation.grades.${r.grade}`)}</Tag> : '—'}</div>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('evaluation.respondents')} value={r.respondents ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Typography.Text type="secondary">{t('evaluation.peers')}</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  {r.peers && r.peers.count > 0 && r.peers.percentile !== null ? t('evaluation.peerPercentile', { count: r.peers.count, p: r.peers.percentile, mean: r.peers.mean }) : t('evaluation.noPeers')}
                </div>
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} md={12}>
              <Card size="small" title={t('evaluation.radar')}>
                <Suspense fallback={<PageLoading />}>
                  <Chart option={radar} height={300} label={t('evaluation.radarLabel')} />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title={t('evaluation.bars')}>
                <Suspense fallback={<PageLoading />}>
                  <Chart option={bars} height={300} label={t('evaluation.barsLabel')} />
                </Suspense>
              </Card>
            </Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              {DIMENSIONS.map((d) => (
                <Descriptions.Item key={d} label={t(`evaluation.dimNames.${d}`)}>
                  {r.scores[d] ?? '—'}
                </Descriptions.Item>
              ))}
              {r.self ? <Descriptions.Item label={t('evaluation.selfGap')}>{t('evaluation.selfGapText', { self: r.self.overall, others: r.composite, gap: r.self.gap })}</Descriptions.Item> : null}
              {r.integrity ? (
                <Descriptions.Item label={t('evaluation.integrityCounts')}>
                  {(['NO_ISSUE', 'HEARD_CONCERNS', 'KNOWN_VIOLATION'] as const).map((a) => `${t(`evaluation.integrityAnswers.${a}`)} ${r.integrity![a]}`).join('；')}
                </Descriptions.Item>
              ) : null}
              {r.outliers.length ? <Descriptions.Item label={t('evaluation.outlier')}>{r.outliers.map(groupName).join('、')}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </>
      )}
      <Card size="small" title={t('evaluation.groups')} style={{ marginTop: 12 }}>
        <Table<GroupResult>
          rowKey="group"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={r.groups}
          columns={[
            {
              key: 'group',
              title: t('evaluation.groups'),
              render: (_, g) => (
                <Space direction="vertical" size={0}>
                  <span>
                    {groupName(g.group)} {g.outlier ? <Tag color="volcano">{t('evaluation.outlier')}</Tag> : null}
                  </span>
                  {g.members ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('evaluation.otherMembers', { groups: g.members.map(groupName).join('、') })}</Typography.Text> : null}
                </Space>
              ),
            },
            { key: 'n', title: t('evaluation.used'), render: (_, g) => cell(g, g.n) },
            { key: 'mean', title: t('evaluation.mean'), render: (_, g) => cell(g, g.mean) },
            ...DIMENSIONS.map((d) => ({ key: d, title: t(`evaluation.dims.${d}`), render: (_: unknown, g: GroupResult) => (g.shown ? (g.dimensions?.[d] ?? '—') : '') })),
            { key: 'weight', title: t('evaluation.weight'), render: (_, g) => g.weight },
            { key: 'eff', title: t('evaluation.effectiveWeight'), render: (_, g) => (g.shown ? g.effectiveWeight : 0) },
          ]}
        />
      </Card>
      {shown.length > 1 ? (
        <Card size="small" title={t('evaluation.selection')} style={{ marginTop: 12 }}>
          <Checkbox.Group value={picked} onChange={(v) => setPicked(v.map(String))} options={shown.map((g) => ({ value: g.group, label: groupName(g.group) }))} />
          {selection ? <div style={{ marginTop: 8 }}>{t('evaluation.selectionResult', { n: selection.n, mean: selection.mean })}</div> : null}
        </Card>
      ) : null}
      {result.data.freeTextAvailable ? (
        <Card size="small" title={t('evaluation.freeText')} style={{ marginTop: 12 }}>
          {showText ? (
            text.isError ? (
              <QueryError error={text.error} onRetry={() => void text.refetch()} />
            ) : (
              <List size="small" loading={text.isFetching} dataSource={text.data?.comments ?? []} locale={{ emptyText: t('evaluation.noFreeText') }} renderItem={(c) => <List.Item>{c}</List.Item>} />
            )
          ) : (
            <Button onClick={() => setShowText(true)}>{t('evaluation.loadFreeText')}</Button>
          )}
        </Card>
      ) : null}
    </>
  );
}
