import { Alert, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { INTEGRITY_BASES, INTEGRITY_OUTCOMES, INTEGRITY_TEXT_MAX, type IntegrityBasis, type IntegrityConclusion, type IntegrityOutcome } from '../../../../contracts/integrity.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PersonSelect } from '../../people/index.ts';
import { createConclusion, editConclusion } from '../integrity.api.ts';

type Values = { subjectPersonId?: string; conclusion: IntegrityOutcome; text: string; basis: IntegrityBasis[] };

/** Draft a new conclusion (with a subject) or edit an existing one (a signed one becomes version n+1). */
export function ConclusionForm({ existing, onClose, onDone }: { existing?: IntegrityConclusion; onClose: () => void; onDone: (c: IntegrityConclusion) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const signed = existing ? existing.signedRoles.length > 0 : false;
  return (
    <FormModal<Values>
      open
      form={form}
      title={existing ? t('integrity.editTitle') : t('integrity.createTitle')}
      initialValues={existing ? { conclusion: existing.conclusion, text: existing.text, basis: existing.basis } : { conclusion: 'CLEAR', basis: ['DAILY_SUPERVISION', 'PETITIONS'] }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = { conclusion: v.conclusion, text: v.text.trim(), basis: v.basis };
        onDone(existing ? await editConclusion(existing.id, { ...body, contentHash: existing.contentHash }) : await createConclusion({ ...body, subjectPersonId: v.subjectPersonId! }));
      }}
    >
      {signed ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('integrity.editWarnSigned', { n: (existing?.version ?? 0) + 1 })} /> : null}
      {existing ? null : (
        <Form.Item name="subjectPersonId" label={t('integrity.subject')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('integrity.subject') }) }]}>
          <PersonSelect aria-label={t('integrity.subject')} />
        </Form.Item>
      )}
      <Form.Item name="conclusion" label={t('integrity.outcome')} rules={[{ required: true }]}>
        <Select aria-label={t('integrity.outcome')} options={INTEGRITY_OUTCOMES.map((o) => ({ value: o, label: t(`integrity.outcomes.${o}`) }))} />
      </Form.Item>
      <Form.Item name="basis" label={t('integrity.basis')} rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('integrity.basis') }) }]}>
        <Checkbox.Group options={INTEGRITY_BASES.map((b) => ({ value: b, label: t(`integrity.bases.${b}`) }))} />
      </Form.Item>
      <Form.Item name="text" label={t('integrity.text')} rules={[{ required: true, whitespace: true, min: 4, message: t('common.required', { field: t('integrity.text') }) }]}>
        <Input.TextArea rows={5} maxLength={INTEGRITY_TEXT_MAX} showCount />
      </Form.Item>
    </FormModal>
  );
}
