import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CHECK_RESULTS, INTEGRITY_TEXT_MAX, type CheckResult, type IntegrityReviewCheck } from '../../../../contracts/integrity.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getReview, recordCheck } from '../integrity.api.ts';
import { OVERALL_COLORS, RESULT_COLORS } from '../integrity-labels.ts';

/** /integrity/reviews/:id: the five checks of one candidate, each recorded by the role that owns it. */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState<IntegrityReviewCheck | null>(null);
  const [form] = Form.useForm<{ result: CheckResult; detail: string }>();
  const result = useQuery({ queryKey: ['integrity', 'review', id], queryFn: () => getReview(id) });
  if (result.error) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <PageLoading />;
  const r = result.data;
  return (
    <>
      <PageHeader
        title={`${r.subjectName} · ${t('integrity.tabs.reviews')}`}
        sub={
          <Space wrap size={4}>
            <span>{r.unitName}</span>
            <Tag color={OVERALL_COLORS[r.overall]}>{t(`integrity.reviews.overalls.${r.overall}`)}</Tag>
          </Space>
        }
        extra={<Button onClick={() => void navigate('/integrity?tab=reviews')}>{t('integrity.back')}</Button>}
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('integrity.reviews.overallRule')} description={t('integrity.reviews.mandatoryHint')} />
      <Card size="small">
        <List
          dataSource={r.checks}
          rowKey="type"
          renderItem={(c) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" wrap gap={6} align="center">
                  <Space wrap size={4}>
                    <Typography.Text strong>{t(`integrity.reviews.checks.${c.type}`)}</Typography.Text>
                    <Tag>{c.mandatory ? t('integrity.reviews.mandatory') : t('integrity.reviews.optional')}</Tag>
                    <Tag color={RESULT_COLORS[c.result]}>{t(`integrity.reviews.results.${c.result}`)}</Tag>
                  </Space>
                  {c.canRecord ? (
                    <Button size="small" type="primary" onClick={() => setRecording(c)} aria-label={`${t('integrity.reviews.record')} ${t(`integrity.reviews.checks.${c.type}`)}`}>
                      {t('integrity.reviews.record')}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`integrity.reviews.recorders.${c.type}`)}
                    </Typography.Text>
                  )}
                </Flex>
                {c.detail ? <Typography.Text>{c.detail}</Typography.Text> : null}
                {c.checkedByName ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('integrity.reviews.checkedBy', { name: c.checkedByName, at: formatDateTime(c.checkedAt) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      {recording ? (
        <FormModal<{ result: CheckResult; detail: string }>
          open
          form={form}
          title={t('integrity.reviews.recordTitle', { check: t(`integrity.reviews.checks.${recording.type}`) })}
          initialValues={{ result: recording.result === 'PENDING' ? 'PASS' : recording.result, detail: recording.detail ?? '' }}
          onClose={() => setRecording(null)}
          onSubmit={async (v) => {
            const next = await recordCheck(r.id, recording.type, { result: v.result, detail: v.detail.trim() });
            queryClient.setQueryData(['integrity', 'review', r.id], next);
            void queryClient.invalidateQueries({ queryKey: ['integrity', 'reviews'] });
            void message.success(t('integrity.reviews.recorded'));
          }}
        >
          <Form.Item name="result" label={t('integrity.reviews.result')} rules={[{ required: true }]}>
            <Radio.Group options={CHECK_RESULTS.map((c) => ({ value: c, label: t(`integrity.reviews.results.${c}`) }))} />
          </Form.Item>
          <Form.Item name="detail" label={t('integrity.reviews.detail')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('integrity.reviews.detail') }) }]}>
            <Input.TextArea rows={4} maxLength={INTEGRITY_TEXT_MAX} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
