import { Checkbox, Collapse, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EVALUATION_PURPOSES, RATER_GROUPS, type Evaluation, type EvaluationPurpose, type Questionnaire, type RaterGroup } from '../../../../contracts/evaluation.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PersonSelect } from '../../people/index.ts';
import { createEvaluation } from '../evaluation.api.ts';
import { DEFAULT_GROUP_TOKENS, DEFAULT_QUESTIONNAIRE_UI, DEFAULT_SETTINGS_UI } from '../evaluation-labels.ts';

type Values = {
  subjectPersonId: string;
  purpose: EvaluationPurpose;
  period: [Dayjs, Dayjs];
  counts: Record<RaterGroup, number>;
  self: boolean;
  weights: Record<RaterGroup, number>;
  minGroupSize: number;
  freeTextMin: number;
  outlierPoints: number;
  outlierSd: number;
  dimWeights: Record<string, number>;
  dimItems: Record<string, string>;
  freeText: boolean;
};

function questionnaireFrom(values: Values): Questionnaire {
  return {
    dimensions: DEFAULT_QUESTIONNAIRE_UI.dimensions.map((d) => ({
      key: d.key,
      weight: values.dimWeights[d.key] ?? d.weight,
      items: (values.dimItems[d.key] ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((text, i) => ({ id: `${d.key.slice(0, 1)}${i + 1}`, text, weight: 1 })),
    })),
    options: DEFAULT_QUESTIONNAIRE_UI.options,
    freeText: values.freeText,
  };
}

/** 新建测评: subject (name / pinyin / initials search), purpose, period, planned raters per group, and the configurable settings. */
export function CreateEvaluationModal({ onClose, onDone }: { onClose: () => void; onDone: (e: Evaluation) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const now = dayjs();
  return (
    <FormModal<Values>
      open
      form={form}
      width={720}
      title={t('evaluation.createTitle')}
      okText={t('common.create')}
      initialValues={{
        purpose: 'PRE_APPOINTMENT',
        period: [now, now.add(7, 'day')],
        counts: { ...DEFAULT_GROUP_TOKENS },
        self: false,
        weights: { ...DEFAULT_SETTINGS_UI.groupWeights },
        minGroupSize: DEFAULT_SETTINGS_UI.minGroupSize,
        freeTextMin: DEFAULT_SETTINGS_UI.freeTextMin,
        outlierPoints: DEFAULT_SETTINGS_UI.outlierPoints,
        outlierSd: DEFAULT_SETTINGS_UI.outlierSd,
        dimWeights: Object.fromEntries(DEFAULT_QUESTIONNAIRE_UI.dimensions.map((d) => [d.key, d.weight])),
        dimItems: Object.fromEntries(DEFAULT_QUESTIONNAIRE_UI.dimensions.map((d) => [d.key, d.items.map((i) => i.text).join('\n')])),
        freeText: DEFAULT_QUESTIONNAIRE_UI.freeText,
      }}
      onClose={onClose}
      onSubmit={async (values) => {
        const groups = [...RATER_GROUPS.map((g) => ({ group: g, tokenCount: values.counts[g] ?? 0 })), ...(values.self ? [{ group: 'SELF' as const, tokenCount: 1 }] : [])];
        const created = await createEvaluation({
          subjectPersonId: values.subjectPersonId,
          purpose: values.purpose,
          openAt: values.period[0].toISOString(),
          closeAt: values.period[1].toISOString(),
          groups,
          questionnaire: questionnaireFrom(values),
          settings: { groupWeights: values.weights, minGroupSize: values.minGroupSize, freeTextMin: values.freeTextMin, outlierPoints: values.outlierPoints, outlierSd: values.outlierSd },
        });
        onDone(created);
      }}
    >
      <Form.Item name="subjectPersonId" label={t('evaluation.subject')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('evaluation.subject') }) }]}>
        <PersonSelect aria-label={t('evaluation.subject')} />
      </Form.Item>
      <Form.Item name="purpose" label={t('evaluation.purpose')} rules={[{ required: true }]}>
        <Select aria-label={t('evaluation.purpose')} options={EVALUATION_PURPOSES.map((p) => ({ value: p, label: t(`evaluation.purposes.${p}`) }))} />
      </Form.Item>
      <Form.Item name="period" label={t('evaluation.period')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('evaluation.period') }) }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Typography.Text strong>{t('evaluation.groups')}（{t('evaluation.planned')}）</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: '0 12px', marginTop: 8 }}>
        {RATER_GROUPS.map((g) => (
          <Form.Item key={g} name={['counts', g]} label={t(`evaluation.groupNames.${g}`)}>
            <InputNumber min={0} max={500} style={{ width: '100%' }} aria-label={`${t(`evaluation.groupNames.${g}`)} ${t('evaluation.planned')}`} />
          </Form.Item>
        ))}
      </div>
      <Form.Item name="self" valuePropName="checked">
        <Checkbox>{t('evaluation.selfAssessment')}</Checkbox>
      </Form.Item>
      <Collapse
        size="small"
        items={[
          {
            key: 'settings',
            forceRender: true,
            label: t('evaluation.settings'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('evaluation.settingsHelp')}</Typography.Paragraph>
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: '0 12px' }}>
                  {RATER_GROUPS.map((g) => (
                    <Form.Item key={g} name={['weights', g]} label={`${t(`evaluation.groupNames.${g}`)} ${t('evaluation.groupWeight')}`}>
                      <InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} />
                    </Form.Item>
                  ))}
                </div>
                <Space wrap>
                  <Form.Item name="minGroupSize" label={t('evaluation.minGroupSize')}>
                    <InputNumber min={5} max={10} />
                  </Form.Item>
                  <Form.Item name="freeTextMin" label={t('evaluation.freeTextMin')}>
                    <InputNumber min={10} max={100} />
                  </Form.Item>
                  <Form.Item name="outlierPoints" label={t('evaluation.outlierPoints')}>
                    <InputNumber min={1} max={50} />
                  </Form.Item>
                  <Form.Item name="outlierSd" label={t('evaluation.outlierSd')}>
                    <InputNumber min={0.5} max={5} step={0.1} />
                  </Form.Item>
                </Space>
              </>
            ),
          },
          {
            key: 'questionnaire',
            forceRender: true,
            label: t('evaluation.questionnaire'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('evaluation.questionnaireHelp')}</Typography.Paragraph>
                {DEFAULT_QUESTIONNAIRE_UI.dimensions.map((d) => (
                  <Space key={d.key} align="start" wrap style={{ width: '100%' }}>
                    <Form.Item name={['dimWeights', d.key]} label={`${t(`evaluation.dims.${d.key}`)} ${t('evaluation.dimensionWeight')}`}>
                      <InputNumber min={1} max={100} />
                    </Form.Item>
                    <Form.Item name={['dimItems', d.key]} label={t(`evaluation.dimNames.${d.key}`)} style={{ minWidth: 280, flex: 1 }} rules={[{ required: true }]}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                    </Form.Item>
                  </Space>
                ))}
                <Form.Item name="freeText" valuePropName="checked">
                  <Checkbox>{t('evaluation.freeTextAsk')}</Checkbox>
                </Form.Item>
              </>
            ),
          },
        ]}
      />
    </FormModal>
  );
}
