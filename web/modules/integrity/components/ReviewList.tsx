import { useState } from 'react';
import { Button, Checkbox, Form, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DEFAULT_MANDATORY_CHECKS, REVIEW_CHECK_TYPES, REVIEW_OVERALLS, type IntegrityReviewItem, type ReviewCheckType, type ReviewOverall } from '../../../../contracts/integrity.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { PersonSelect } from '../../people/index.ts';
import { createReview, exportReviews, listReviews } from '../integrity.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { OVERALL_COLORS } from '../integrity-labels.ts';

const PAGE_SIZE = 20;

/** Pre-appointment reviews in scope, and opening a new one with its mandatory checks (default 凡提四必). */
export function ReviewList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [overall, setOverall] = useState<ReviewOverall | undefined>();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ subjectPersonId: string; mandatoryChecks: ReviewCheckType[] }>();
  const result = useQuery({ queryKey: ['integrity', 'reviews', page, overall], queryFn: () => listReviews({ page, pageSize: PAGE_SIZE, overall }), placeholderData: keepPreviousData });
  const columns: TableColumnsType<IntegrityReviewItem> = [
    { key: 'subject', title: t('integrity.reviews.candidate'), width: 120, render: (_v, r) => <Link to={`/integrity/reviews/${r.id}`}>{r.subjectName}</Link> },
    { key: 'unit', title: t('integrity.unit'), width: 120, dataIndex: 'unitName' },
    { key: 'overall', title: t('integrity.reviews.overall'), width: 100, render: (_v, r) => <Tag color={OVERALL_COLORS[r.overall]}>{t(`integrity.reviews.overalls.${r.overall}`)}</Tag> },
    { key: 'progress', title: t('integrity.reviews.progress'), width: 120, render: (_v, r) => `${r.passed} / ${r.mandatory}` },
    { key: 'updated', title: t('integrity.updatedAt'), width: 150, render: (_v, r) => formatDateTime(r.updatedAt) },
  ];
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Select<ReviewOverall> aria-label={t('integrity.reviews.overall')} placeholder={t('integrity.reviews.overall')} allowClear value={overall} onChange={(v) => (setOverall(v), setPage(1))} options={REVIEW_OVERALLS.map((o) => ({ value: o, label: t(`integrity.reviews.overalls.${o}`) }))} style={{ width: 140 }} />
        <ExportButton fetchFile={() => exportReviews({ overall })} fallbackName="integrity-reviews.xlsx" />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('integrity.reviews.create')}
        </Button>
      </div>
      {result.error ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <Table<IntegrityReviewItem>
          aria-label={t('integrity.reviews.listLabel')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.isFetching}
          scroll={{ x: 600 }}
          locale={{ emptyText: t('integrity.reviews.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }}
        />
      )}
      {creating ? (
        <FormModal<{ subjectPersonId: string; mandatoryChecks: ReviewCheckType[] }>
          open
          form={form}
          title={t('integrity.reviews.createTitle')}
          initialValues={{ mandatoryChecks: [...DEFAULT_MANDATORY_CHECKS] }}
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            const r = await createReview({ subjectPersonId: v.subjectPersonId, mandatoryChecks: v.mandatoryChecks });
            void navigate(`/integrity/reviews/${r.id}`);
          }}
        >
          <Form.Item name="subjectPersonId" label={t('integrity.reviews.candidate')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('integrity.reviews.candidate') }) }]}>
            <PersonSelect aria-label={t('integrity.reviews.candidate')} />
          </Form.Item>
          <Form.Item name="mandatoryChecks" label={t('integrity.reviews.mandatory')} extra={<Typography.Text type="secondary">{t('integrity.reviews.mandatoryHint')}</Typography.Text>} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={REVIEW_CHECK_TYPES.map((c) => ({ value: c, label: t(`integrity.reviews.checks.${c}`) }))} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
