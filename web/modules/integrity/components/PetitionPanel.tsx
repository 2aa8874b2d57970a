import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Statistic, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { INTEGRITY_TEXT_MAX, PETITION_CHANNELS, PETITION_STATUSES, type PetitionChannel, type PetitionItem, type PetitionStatus } from '../../../../contracts/integrity.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate, toApiDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useCan } from '../../auth/index.ts';
import { PersonSelect } from '../../people/index.ts';
import { createPetition, exportPetitions, listPetitions, petitionSummary } from '../integrity.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PETITION_COLORS } from '../integrity-labels.ts';

const PAGE_SIZE = 20;

type NewValues = { receivedAt: Dayjs; channel: PetitionChannel; realName: boolean; reporterIdentity?: string; content: string; subjectPersonId: string; specificAndCheckable: boolean };

/** Counts by status for everyone with petition.read; the full list and intake for the discipline commission. */
export function PetitionPanel() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('petition.write');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<PetitionStatus | undefined>();
  const [openOnly, setOpenOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewValues>();
  const realName = Form.useWatch('realName', form);
  const summary = useQuery({ queryKey: ['integrity', 'petitions', 'summary'], queryFn: petitionSummary });
  const list = useQuery({ queryKey: ['integrity', 'petitions', page, status, openOnly], queryFn: () => listPetitions({ page, pageSize: PAGE_SIZE, status, openCheckable: openOnly }), enabled: canWrite, placeholderData: keepPreviousData });
  const columns: TableColumnsType<PetitionItem> = [
    { key: 'received', title: t('integrity.petitions.receivedAt'), width: 110, render: (_v, p) => <Link to={`/integrity/petitions/${p.id}`}>{formatDate(p.receivedAt)}</Link> },
    { key: 'subjects', title: t('integrity.petitions.subjects'), width: 140, render: (_v, p) => p.subjects.map((s) => s.name).join('、') },
    { key: 'channel', title: t('integrity.petitions.channel'), width: 90, render: (_v, p) => t(`integrity.petitions.channels.${p.channel}`) },
    { key: 'real', title: t('integrity.petitions.realName'), width: 80, render: (_v, p) => (p.realName ? t('integrity.petitions.realName') : t('integrity.petitions.anonymous')) },
    { key: 'checkable', title: t('integrity.petitions.checkable'), width: 120, render: (_v, p) => (p.specificAndCheckable ? <Tag color="orange">{t('integrity.petitions.checkableYes')}</Tag> : t('common.dash')) },
    { key: 'status', title: t('integrity.status'), width: 100, render: (_v, p) => <Tag color={PETITION_COLORS[p.status]}>{t(`integrity.petitions.statuses.${p.status}`)}</Tag> },
    { key: 'handler', title: t('integrity.petitions.handler'), width: 100, dataIndex: 'handlerName' },
  ];
  return (
    <>
      {summary.error ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Card size="small" title={t('integrity.petitions.summaryTitle')} style={{ marginBottom: 12 }}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Statistic title={t('integrity.petitions.total')} value={summary.data?.total ?? 0} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('integrity.petitions.openCheckable')} value={summary.data?.openCheckable ?? 0} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('integrity.petitions.realNameCount')} value={summary.data?.realName ?? 0} />
            </Col>
          </Row>
          <Space wrap size={4} style={{ marginTop: 8 }}>
            {(summary.data?.byStatus ?? []).map((s) => (
              <Tag key={s.status} color={PETITION_COLORS[s.status]}>
                {t(`integrity.petitions.statuses.${s.status}`)} {s.count}
              </Tag>
            ))}
          </Space>
          {canWrite ? null : <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('integrity.petitions.summaryHint')} />}
        </Card>
      )}
      {canWrite ? (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
            <Select<PetitionStatus> aria-label={t('integrity.filterStatus')} placeholder={t('integrity.filterStatus')} allowClear value={status} onChange={(v) => (setStatus(v), setPage(1))} options={PETITION_STATUSES.map((s) => ({ value: s, label: t(`integrity.petitions.statuses.${s}`) }))} style={{ width: 140 }} />
            <Checkbox checked={openOnly} onChange={(e) => (setOpenOnly(e.target.checked), setPage(1))}>
              {t('integrity.petitions.openCheckable')}
            </Checkbox>
            <ExportButton fetchFile={() => exportPetitions({ status, openCheckable: openOnly })} fallbackName="petitions.xlsx" />
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('integrity.petitions.create')}
            </Button>
          </div>
          {list.error ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<PetitionItem>
              aria-label={t('integrity.petitions.listLabel')}
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              scroll={{ x: 760 }}
              locale={{ emptyText: t('integrity.petitions.empty') }}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }}
            />
          )}
        </>
      ) : null}
      {creating ? (
        <FormModal<NewValues>
          open
          form={form}
          title={t('integrity.petitions.createTitle')}
          initialValues={{ receivedAt: dayjs(), channel: 'LETTER', realName: false, specificAndCheckable: false }}
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            const p = await createPetition({
              receivedAt: toApiDate(v.receivedAt)!, channel: v.channel, realName: v.realName, ...(v.realName && v.reporterIdentity ? { reporterIdentity: v.reporterIdentity.trim() } : {}),
              content: v.content.trim(), subjectPersonIds: [v.subjectPersonId], specificAndCheckable: v.specificAndCheckable,
            });
            void navigate(`/integrity/petitions/${p.id}`);
          }}
        >
          <Form.Item name="subjectPersonId" label={t('integrity.petitions.subjects')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('integrity.petitions.subjects') }) }]}>
            <PersonSelect aria-label={t('integrity.petitions.subjects')} />
          </Form.Item>
          <Form.Item name="receivedAt" label={t('integrity.petitions.receivedAt')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="channel" label={t('integrity.petitions.channel')} rules={[{ required: true }]}>
            <Select options={PETITION_CHANNELS.map((c) => ({ value: c, label: t(`integrity.petitions.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item name="realName" label={t('integrity.petitions.realName')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {realName ? (
            <Form.Item name="reporterIdentity" label={t('integrity.petitions.reporterIdentity')} extra={t('integrity.petitions.reporterHint')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('integrity.petitions.reporterIdentity') }) }]}>
              <Input maxLength={LIMITS.reasonMax} />
            </Form.Item>
          ) : null}
          <Form.Item name="content" label={t('integrity.petitions.content')} rules={[{ required: true, whitespace: true, min: 4, message: t('common.required', { field: t('integrity.petitions.content') }) }]}>
            <Input.TextArea rows={4} maxLength={INTEGRITY_TEXT_MAX} showCount />
          </Form.Item>
          <Form.Item name="specificAndCheckable" label={t('integrity.petitions.checkable')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
