import { Alert, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { OrgUnit } from '../../../../contracts/org.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { DATE_FORMAT, toApiDate } from '../../../ui/format.ts';
import { mergeOrgUnits } from '../org.api.ts';
import { OrgUnitMultiSelect, OrgUnitSelect } from './OrgSelects.tsx';

type Values = { sourceIds: string[]; mode: 'existing' | 'new'; targetId?: string; newName?: string; newCode?: string; effectiveDate: Dayjs };

/** 合并 (并村): POST /api/org-units/merge {sourceIds, targetId | newUnit, effectiveDate}. */
export function MergeModal({ unit, open, onClose, onMerged }: { unit: OrgUnit; open: boolean; onClose: () => void; onMerged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const mode = Form.useWatch('mode', form);
  const sources = Form.useWatch('sourceIds', form);

  const submit = async (v: Values) => {
    await mergeOrgUnits({
      sourceIds: v.sourceIds,
      ...(v.mode === 'existing' ? { targetId: v.targetId } : { newUnit: { name: (v.newName ?? '').trim(), code: v.newCode?.trim() || undefined } }),
      effectiveDate: toApiDate(v.effectiveDate) ?? dayjs().format(DATE_FORMAT),
    });
    await queryClient.invalidateQueries({ queryKey: ['org-units'] });
    onMerged();
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={t('org.mergeTitle')}
      onClose={onClose}
      onSubmit={submit}
      okText={t('org.merge')}
      initialValues={{ sourceIds: [unit.id], mode: 'existing', effectiveDate: dayjs() }}
    >
      <Alert type="info" showIcon title={t('org.mergeHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="sourceIds" label={t('org.mergeSources')} rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('org.mergeSources') }) }]}>
        <OrgUnitMultiSelect initial={[unit]} aria-label={t('org.mergeSources')} />
      </Form.Item>
      <Form.Item name="mode" label={t('org.mergeMode')}>
        <Radio.Group
          options={[
            { value: 'existing', label: t('org.mergeIntoExisting') },
            { value: 'new', label: t('org.mergeIntoNew') },
          ]}
        />
      </Form.Item>
      {mode === 'new' ? (
        <>
          <Form.Item name="newName" label={t('org.newUnitName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('org.newUnitName') }) }]}>
            <Input maxLength={LIMITS.orgNameMax} />
          </Form.Item>
          <Form.Item name="newCode" label={t('org.newUnitCode')} rules={[{ pattern: /^\d{6,12}$/, message: t('org.codePattern') }]}>
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="targetId" label={t('org.mergeTarget')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.mergeTarget') }) }]}>
          <OrgUnitSelect exclude={sources ?? [unit.id]} />
        </Form.Item>
      )}
      <Form.Item name="effectiveDate" label={t('org.effectiveDate')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.effectiveDate') }) }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
