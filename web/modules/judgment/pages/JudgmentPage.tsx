import { lazy, Suspense, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import type { JudgmentEvidence } from '../../../../contracts/judgment.ts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { formatDateTime, toApiDate } from '../../../ui/format.ts';
import { DownloadButton } from '../components/DownloadButton.tsx';
import { downloadJudgmentReport, endorseJudgment, getJudgment, proposeJudgment, returnJudgment } from '../judgment.api.ts';
import { CATEGORY_COLORS, STATUS_COLORS } from '../judgment-labels.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));
const DIMS = ['virtue', 'ability', 'diligence', 'performance', 'integrity'] as const;

/** /judgments/:id: one judgment, its evidence, the five dimensions (radar), the PROMOTE bars and the workflow. */
export default function JudgmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['judgment', 'detail', id], queryFn: () => getJudgment(id) });
  const [endorsing, setEndorsing] = useState(false);
  const [returning, setReturning] = useState(false);
  const [endorseForm] = Form.useForm<{ meetingDate: Dayjs; meetingRef: string }>();
  const [returnForm] = Form.useForm<{ note: string }>();
  if (query.isLoading) return <PageLoading />;
  if (query.error || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { judgment: j, evidence, promoteBars, fiveDimension: fd, history } = query.data;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['judgment'] });
    void message.success(t('judgment.done'));
  };
  const propose = async () => {
    try {
      await proposeJudgment(j.id);
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const radar = fd
    ? {
        radar: { indicator: DIMS.map((d) => ({ name: t(`judgment.dims.${d}`), max: 100 })), radius: '65%' },
        series: [{ type: 'radar' as const, data: [{ value: DIMS.map((d) => fd[d] ?? 0), name: j.cadreName, areaStyle: { opacity: 0.25 } }] }],
        tooltip: {},
      }
    : null;
  return (
    <>
      <PageHeader
        title={`${t('judgment.detail')}：${j.cadreName}`}
        sub={j.campaignName ?? ''}
        extra={<DownloadButton fetchFile={() => downloadJudgmentReport(j.id)} fallbackName={t('judgment.reportName')} label={t('judgment.report')} />}
      />
      <Flex vertical gap={12}>
        <Card size="small" title={t('judgment.basic')}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
            <Descriptions.Item label={t('judgment.name')}>{j.cadreName}</Descriptions.Item>
            <Descriptions.Item label={t('judgment.age')}>{j.isYoung ? <Tag color="green">{`${j.age} · ${t('judgment.young')}`}</Tag> : j.age}</Descriptions.Item>
            <Descriptions.Item label={t('judgment.org')}>{j.orgName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('judgment.post')}>{j.postTitle ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('judgment.category')}>
              <Tag color={CATEGORY_COLORS[j.category]}>{t(`judgment.categories.${j.category}`)}</Tag>
              {j.destinationName ? `→ ${j.destinationName}` : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('judgment.status')}>
              <Tag color={STATUS_COLORS[j.status]}>{t(`judgment.statuses.${j.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('judgment.proposedBy')}>{j.proposedAt ? `${j.proposedByName ?? ''} ${formatDateTime(j.proposedAt)}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('judgment.endorsedBy')}>{j.endorsedAt ? `${j.endorsedByName ?? ''} ${j.meetingDate ?? ''} ${j.meetingRef ?? ''}` : '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 8 }}>
            <strong>{t('judgment.rationale')}：</strong>
            {j.rationale}
          </Typography.Paragraph>
          {j.returnedNote ? <Alert type="warning" showIcon title={`${t('judgment.returnedNote')}：${j.returnedNote}`} /> : null}
        </Card>

        {promoteBars ? (
          <Card size="small" title={t('judgment.bars')}>
            {promoteBars.ok ? (
              <Alert type="success" showIcon title={t('judgment.barsOk')} />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t('judgment.barsBlocked')}
                description={
                  <ol style={{ margin: 0, paddingLeft: 20 }}>
                    {promoteBars.bars.map((b) => (
                      <li key={b.code}>{b.zh}</li>
                    ))}
                  </ol>
                }
              />
            )}
          </Card>
        ) : null}

        {j.can.propose || j.can.endorse || j.can.return ? (
          <Card size="small" title={t('judgment.workflow')}>
            <Flex wrap gap={8}>
              {j.can.propose ? (
                <Popconfirm title={t('judgment.confirmPropose')} onConfirm={() => void propose()}>
                  <Button type="primary">{t('judgment.propose')}</Button>
                </Popconfirm>
              ) : null}
              {j.can.endorse ? (
                <Button type="primary" disabled={promoteBars ? !promoteBars.ok : false} onClick={() => setEndorsing(true)}>
                  {t('judgment.endorse')}
                </Button>
              ) : null}
              {j.can.return ? <Button onClick={() => setReturning(true)}>{t('judgment.return')}</Button> : null}
            </Flex>
          </Card>
        ) : null}

        <Card size="small" title={t('judgment.fiveDimension')}>
          {fd && radar ? (
            <Flex wrap gap={16} align="center">
              <div style={{ flex: '1 1 280px', minWidth: 0 }}>
                <Suspense fallback={null}>
                  <Chart option={radar} height={260} label={t('judgment.fiveDimension')} />
                </Suspense>
              </div>
              <Descriptions size="small" column={1} style={{ flex: '1 1 200px' }}>
                {DIMS.map((d) => (
                  <Descriptions.Item key={d} label={t(`judgment.dims.${d}`)}>
                    {fd[d] === null ? '—' : fd[d].toFixed(1)}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('judgment.composite')}>{fd.composite === null ? '—' : fd.composite.toFixed(1)}</Descriptions.Item>
                <Descriptions.Item label={t('judgment.grade')}>{fd.grade ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('judgment.percentile')}>{fd.peerPercentile ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('judgment.noFiveDimension')}</Typography.Text>
          )}
        </Card>

        <Card size="small" title={t('judgment.evidenceList')}>
          <Table<JudgmentEvidence>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={evidence}
            columns={[
              { key: 'date', title: t('judgment.date'), dataIndex: 'date' },
              { key: 'source', title: t('judgment.source'), render: (_v, e) => t(`analysis.evidence.sourceTypes.${e.sourceType}`, { defaultValue: e.sourceType }) },
              { key: 'summary', title: t('judgment.summary'), dataIndex: 'summary' },
            ]}
          />
        </Card>

        {history.length > 1 ? (
          <Card size="small" title={t('judgment.history')}>
            <Flex vertical gap={4}>
              {history.map((h) => (
                <span key={h.id}>
                  {h.id === j.id ? <strong>{t(`judgment.categories.${h.category}`)}</strong> : <Link to={`/judgments/${h.id}`}>{t(`judgment.categories.${h.category}`)}</Link>}{' '}
                  <Tag color={STATUS_COLORS[h.status]}>{t(`judgment.statuses.${h.status}`)}</Tag> {h.campaignName ?? ''} {formatDateTime(h.updatedAt)}
                </span>
              ))}
            </Flex>
          </Card>
        ) : null}
      </Flex>

      <FormModal<{ meetingDate: Dayjs; meetingRef: string }>
        open={endorsing}
        title={t('judgment.endorse')}
        form={endorseForm}
        onClose={() => setEndorsing(false)}
        onSubmit={async (v) => {
          await endorseJudgment(j.id, { meetingDate: toApiDate(v.meetingDate)!, meetingRef: v.meetingRef });
          refresh();
        }}
      >
        <Form.Item name="meetingDate" label={t('judgment.meetingDate')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="meetingRef" label={t('judgment.meetingRef')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
      </FormModal>
      <FormModal<{ note: string }>
        open={returning}
        title={t('judgment.return')}
        form={returnForm}
        onClose={() => setReturning(false)}
        onSubmit={async (v) => {
          await returnJudgment(j.id, v.note);
          refresh();
        }}
      >
        <Form.Item name="note" label={t('judgment.returnNote')} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}
