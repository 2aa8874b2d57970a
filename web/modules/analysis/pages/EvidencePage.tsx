import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { DatePicker, Form, Input, Select, Tag, Button, App as AntApp } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import {
  ANNUAL_GRADES,
  EVIDENCE_CLASSIFICATIONS,
  EVIDENCE_SOURCE_TYPES,
  POLARITIES,
  type AnnualGrade,
  type Evidence,
  type EvidenceClassification,
  type EvidenceSourceType,
  type Polarity,
} from '../../../../contracts/analysis.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { toApiDate } from '../../../ui/format.ts';
import { useCan } from '../../auth/index.ts';
import { createEvidence, exportEvidence, listEvidence, searchPeople } from '../analysis.api.ts';
import { POLARITY_COLORS } from '../analysis-labels.ts';
import { PagedTable } from '../../../ui/PagedTable.tsx';

type FormValues = { cadrePersonId: string; sourceType: EvidenceSourceType; date: Dayjs; summary: string; polarity: Polarity; classification: EvidenceClassification; grade?: AnnualGrade; effectUntil?: Dayjs };

/** /analysis/evidence: the evidence store with server-side filters; confidential rows are marked and audited. */
export default function EvidencePage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const canWrite = useCan('evidence.write');
  const [params] = useSearchParams();
  const [sourceType, setSourceType] = useState<EvidenceSourceType | undefined>();
  const [polarity, setPolarity] = useState<Polarity | undefined>();
  const [classification, setClassification] = useState<EvidenceClassification | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const cadreId = params.get('cadreId') ?? undefined;
  const filters = { cadreId, sourceType, polarity, classification, from: toApiDate(range?.[0] ?? null), to: toApiDate(range?.[1] ?? null), q: q || undefined };

  const columns: TableColumnsType<Evidence> = [
    { key: 'date', title: t('analysis.evidence.date'), dataIndex: 'date', sorter: true, defaultSortOrder: 'descend' },
    { key: 'cadre', title: t('analysis.evidence.cadre'), sorter: true, render: (_v, e) => (e.cadre ? <Link to={`/analysis/cadres/${e.cadre.id}`}>{e.cadre.name}</Link> : e.team ? `${e.team.name}（${t('analysis.evidence.team')}）` : '—') },
    { key: 'sourceType', title: t('analysis.evidence.sourceType'), sorter: true, render: (_v, e) => t(`analysis.evidence.sourceTypes.${e.sourceType}`) },
    { key: 'summary', title: t('analysis.evidence.summary'), dataIndex: 'summary', width: 320 },
    { key: 'polarity', title: t('analysis.evidence.polarity'), sorter: true, render: (_v, e) => <Tag color={POLARITY_COLORS[e.polarity]}>{t(`analysis.evidence.polarities.${e.polarity}`)}</Tag> },
    { key: 'grade', title: t('analysis.evidence.grade'), render: (_v, e) => (e.grade ? t(`analysis.evidence.grades.${e.grade}`) : e.effectUntil ? `${t('analysis.evidence.effectUntil')} ${e.effectUntil}` : '') },
    { key: 'classification', title: t('analysis.evidence.classification'), render: (_v, e) => (e.classification === 'CONFIDENTIAL' ? <Tag color="red">{t('analysis.evidence.classifications.CONFIDENTIAL')}</Tag> : t('analysis.evidence.classifications.NORMAL')) },
    { key: 'sourceUnit', title: t('analysis.evidence.sourceUnit'), render: (_v, e) => e.sourceUnit?.name ?? '—' },
  ];
  const submit = async (v: FormValues) => {
    await createEvidence({ cadrePersonId: v.cadrePersonId, sourceType: v.sourceType, date: toApiDate(v.date)!, summary: v.summary, polarity: v.polarity, classification: v.classification, grade: v.grade, effectUntil: toApiDate(v.effectUntil ?? null) });
    void message.success(t('analysis.letter.saved'));
    void queryClient.invalidateQueries({ queryKey: ['analysis', 'evidence'] });
  };
  return (
    <>
      <PageHeader
        title={t('analysis.evidence.title')}
        sub={t('analysis.evidence.sub')}
        extra={
          <>
            <ExportButton fetchFile={() => exportEvidence(filters)} fallbackName={t('analysis.evidence.fileName')} />
            {canWrite ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginLeft: 8 }}>{t('analysis.evidence.new')}</Button> : null}
          </>
        }
      />
      <PagedTable<Evidence>
        key={JSON.stringify(filters)}
        label={t('analysis.evidence.title')}
        queryKey={['analysis', 'evidence']}
        fetchPage={listEvidence}
        filters={filters}
        columns={columns}
        toolbar={
          <>
            <Select<EvidenceSourceType> aria-label={t('analysis.evidence.sourceType')} placeholder={t('analysis.evidence.sourceType')} allowClear showSearch={{ optionFilterProp: 'label' }} value={sourceType} onChange={setSourceType} style={{ width: 150 }} options={EVIDENCE_SOURCE_TYPES.map((s) => ({ value: s, label: t(`analysis.evidence.sourceTypes.${s}`) }))} />
            <Select<Polarity> aria-label={t('analysis.evidence.polarity')} placeholder={t('analysis.evidence.polarity')} allowClear value={polarity} onChange={setPolarity} style={{ width: 110 }} options={POLARITIES.map((s) => ({ value: s, label: t(`analysis.evidence.polarities.${s}`) }))} />
            <Select<EvidenceClassification> aria-label={t('analysis.evidence.classification')} placeholder={t('analysis.evidence.classification')} allowClear value={classification} onChange={setClassification} style={{ width: 110 }} options={EVIDENCE_CLASSIFICATIONS.map((s) => ({ value: s, label: t(`analysis.evidence.classifications.${s}`) }))} />
            <DatePicker.RangePicker aria-label={t('analysis.evidence.date')} value={range} onChange={(v) => setRange(v)} style={{ width: 240 }} />
            <Input.Search aria-label={t('analysis.evidence.searchSummary')} placeholder={t('analysis.evidence.searchSummary')} allowClear onSearch={setQ} style={{ width: 180 }} />
          </>
        }
      />
      <FormModal<FormValues> open={creating} title={t('analysis.evidence.new')} form={form} onSubmit={submit} onClose={() => setCreating(false)} initialValues={{ polarity: 'NEUTRAL', classification: 'NORMAL' }}>
        <Form.Item name="cadrePersonId" label={t('analysis.evidence.cadre')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={searchPeople} />
        </Form.Item>
        <Form.Item name="sourceType" label={t('analysis.evidence.sourceType')} rules={[{ required: true }]}>
          <Select options={EVIDENCE_SOURCE_TYPES.map((s) => ({ value: s, label: t(`analysis.evidence.sourceTypes.${s}`) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('analysis.evidence.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="summary" label={t('analysis.evidence.summary')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="polarity" label={t('analysis.evidence.polarity')} rules={[{ required: true }]}>
          <Select options={POLARITIES.map((s) => ({ value: s, label: t(`analysis.evidence.polarities.${s}`) }))} />
        </Form.Item>
        <Form.Item name="classification" label={t('analysis.evidence.classification')} rules={[{ required: true }]}>
          <Select options={EVIDENCE_CLASSIFICATIONS.map((s) => ({ value: s, label: t(`analysis.evidence.classifications.${s}`) }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: Partial<FormValues>, b: Partial<FormValues>) => a.sourceType !== b.sourceType}>
          {({ getFieldValue }) =>
            getFieldValue('sourceType') === 'PERFORMANCE_ASSESSMENT' ? (
              <Form.Item name="grade" label={t('analysis.evidence.grade')} rules={[{ required: true }]}>
                <Select options={ANNUAL_GRADES.map((g) => ({ value: g, label: t(`analysis.evidence.grades.${g}`) }))} />
              </Form.Item>
            ) : getFieldValue('sourceType') === 'ACCOUNTABILITY' ? (
              <Form.Item name="effectUntil" label={t('analysis.evidence.effectUntil')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            ) : null
          }
        </Form.Item>
      </FormModal>
    </>
  );
}
