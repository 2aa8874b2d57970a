import { useMemo, useState } from 'react';
import { Alert, Checkbox, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SATISFACTIONS, type MatterAction, type MatterCategory, type MatterStatus, type TransitionRequest } from '../../../../contracts/o2o.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate } from '../../../ui/format.ts';
import { listDispatchUnits, listTemplates } from '../o2o.api.ts';
import { fillTemplate } from '../labels.ts';

const NEEDS_REASON: readonly MatterAction[] = ['reject', 'return', 'escalate', 'requestExtension', 'denyExtension', 'reopen'];
const NEEDS_TEXT: readonly MatterAction[] = ['answer', 'reply'];
/** The state whose reply template the citizen sees after the action (o2o.service.ts planTransition). */
const TEMPLATE_STATE: Partial<Record<MatterAction, MatterStatus>> = {
  accept: 'ACCEPTED',
  reject: 'REJECTED',
  answer: 'ANSWERED_ON_SPOT',
  dispatch: 'DISPATCHED',
  approveExtension: 'EXTENSION_REQUESTED',
  reply: 'REPLIED',
  close: 'CLOSED',
  reopen: 'REOPENED',
};

type Values = { reason?: string; text?: string; targetOrgUnitId?: string; satisfaction?: (typeof SATISFACTIONS)[number]; handlerFault?: boolean; note?: string };

/**
 * The form of one transition (or of a bulk one): only the fields the action needs, and a preview of what the
 * citizen will be told, from the state-bound reply template. Server refusals land under the fields or as a message.
 */
export function TransitionDialog({
  action,
  matter,
  count,
  onSubmit,
  onClose,
}: {
  action: MatterAction | null;
  /** the single matter (code, category, due date) for the preview; absent in bulk */
  matter?: { code: string; category: MatterCategory; dueAt: string | null };
  /** bulk: how many matters */
  count?: number;
  onSubmit: (body: TransitionRequest) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [unitQuery, setUnitQuery] = useState('');
  const templates = useQuery({ queryKey: ['o2o', 'templates'], queryFn: listTemplates, staleTime: 300_000, enabled: action !== null });
  const units = useQuery({ queryKey: ['o2o', 'dispatch-units', unitQuery], queryFn: () => listDispatchUnits(unitQuery), enabled: action === 'dispatch' });
  const text = Form.useWatch('text', form) ?? '';
  const reason = Form.useWatch('reason', form) ?? '';
  const target = Form.useWatch('targetOrgUnitId', form);
  const state = action ? TEMPLATE_STATE[action] : undefined;
  const template = useMemo(() => {
    if (!state || !templates.data) return null;
    const rows = templates.data.filter((x) => x.status === state && x.active);
    return rows.find((x) => matter && x.category === matter.category) ?? rows.find((x) => x.category === '*') ?? null;
  }, [state, templates.data, matter]);
  const unitName = units.data?.find((u) => u.id === target)?.name ?? '';
  const preview = template
    ? fillTemplate(template.body, { code: matter?.code ?? 'CSX-…', text: text || '…', reason: reason || '…', unit: unitName || '…', dueDate: matter?.dueAt ? formatDate(matter.dueAt) : '…' })
    : null;
  const label = action ? t(`o2o.actions.${action}`) : '';

  return (
    <FormModal<Values>
      open={action !== null}
      title={count ? `${label}（${t('o2o.selected', { n: count })}）` : label}
      okText={label}
      form={form}
      onClose={() => {
        form.resetFields();
        setUnitQuery('');
        onClose();
      }}
      onSubmit={async (v) => {
        if (!action) return;
        const body: TransitionRequest = { action };
        if (v.reason) body.reason = v.reason.trim();
        if (v.text) body.text = v.text.trim();
        if (v.targetOrgUnitId) body.targetOrgUnitId = v.targetOrgUnitId;
        if (v.satisfaction) body.satisfaction = v.satisfaction;
        if (action === 'reopen') body.handlerFault = v.handlerFault === true;
        if (v.note?.trim()) body.note = v.note.trim();
        await onSubmit(body);
        form.resetFields();
      }}
    >
      {action === 'dispatch' ? (
        <Form.Item name="targetOrgUnitId" label={t('o2o.form.target')} rules={[{ required: true, message: t('o2o.form.targetPh') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setUnitQuery }}
            placeholder={t('o2o.form.targetPh')}
            notFoundContent={units.isFetching ? <Spin size="small" /> : undefined}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      ) : null}
      {action && NEEDS_TEXT.includes(action) ? (
        <Form.Item name="text" label={t('o2o.form.text')} rules={[{ required: true, min: 2, message: t('o2o.form.textPh') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('o2o.form.textPh')} />
        </Form.Item>
      ) : null}
      {action && NEEDS_REASON.includes(action) ? (
        <Form.Item name="reason" label={t('o2o.form.reason')} rules={[{ required: true, min: 4, message: t('o2o.form.reasonPh') }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('o2o.form.reasonPh')} />
        </Form.Item>
      ) : null}
      {action === 'revisit' ? (
        <Form.Item name="satisfaction" label={t('o2o.form.satisfaction')} rules={[{ required: true, message: t('o2o.form.satisfaction') }]}>
          <Radio.Group options={SATISFACTIONS.map((s) => ({ value: s, label: t(`o2o.satisfactions.${s}`) }))} />
        </Form.Item>
      ) : null}
      {action === 'reopen' ? (
        <Form.Item name="handlerFault" valuePropName="checked">
          <Checkbox>{t('o2o.form.handlerFault')}</Checkbox>
        </Form.Item>
      ) : null}
      {action && !NEEDS_TEXT.includes(action) && !NEEDS_REASON.includes(action) ? (
        <Form.Item name="note" label={t('o2o.form.note')}>
          <Input maxLength={500} />
        </Form.Item>
      ) : null}
      {preview ? (
        <Alert
          type="info"
          showIcon
          title={`${t('o2o.form.preview')}（${t('o2o.form.template')}：${template?.title ?? ''}）`}
          description={<Typography.Paragraph style={{ marginBottom: 0, wordBreak: 'break-word' }}>{preview}</Typography.Paragraph>}
        />
      ) : null}
    </FormModal>
  );
}
