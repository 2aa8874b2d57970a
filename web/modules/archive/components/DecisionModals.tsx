import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_MAX_VALID_DAYS, type ArchiveRequest } from '../../../../contracts/archive.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { toApiDate } from '../../../ui/format.ts';
import { approveArchiveRequest, rejectArchiveRequest } from '../archive.api.ts';

type ApproveValues = { validFrom: Dayjs; validTo: Dayjs; note?: string };

/** 批准: a validity window from today, at most 30 days, and an optional note. */
export function ApproveModal({ request, onClose, onDone }: { request: ArchiveRequest; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApproveValues>();
  const today = dayjs().startOf('day');
  return (
    <FormModal<ApproveValues>
      open
      form={form}
      title={t('archive.approveTitle', { name: request.personName })}
      okText={t('archive.approve')}
      initialValues={{ validFrom: today, validTo: today.add(7, 'day') }}
      onClose={onClose}
      onSubmit={async (values) => {
        await approveArchiveRequest(request.id, { validFrom: toApiDate(values.validFrom)!, validTo: toApiDate(values.validTo)!, ...(values.note?.trim() ? { note: values.note.trim() } : {}) });
        onDone();
      }}
    >
      <Form.Item name="validFrom" label={t('archive.validFrom')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('archive.validFrom') }) }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today)} inputReadOnly />
      </Form.Item>
      <Form.Item
        name="validTo"
        label={t('archive.validTo')}
        dependencies={['validFrom']}
        extra={t('archive.validRangeHint', { days: ARCHIVE_MAX_VALID_DAYS })}
        rules={[
          { required: true, message: t('common.requiredSelect', { field: t('archive.validTo') }) },
          ({ getFieldValue }) => ({
            validator: async (_r, value: Dayjs | undefined) => {
              const from = getFieldValue('validFrom') as Dayjs | undefined;
              if (!value || !from) return;
              if (value.isBefore(from, 'day')) throw new Error(t('archive.validToBeforeFrom'));
              if (value.diff(from, 'day') > ARCHIVE_MAX_VALID_DAYS) throw new Error(t('archive.validRangeTooLong', { days: ARCHIVE_MAX_VALID_DAYS }));
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today)} inputReadOnly />
      </Form.Item>
      <Form.Item name="note" label={t('archive.note')}>
        <Input.TextArea rows={2} maxLength={LIMITS.reasonMax} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** 驳回: a reason is required. */
export function RejectModal({ request, onClose, onDone }: { request: ArchiveRequest; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <FormModal<{ note: string }>
      open
      form={form}
      title={t('archive.rejectTitle', { name: request.personName })}
      okText={t('archive.reject')}
      onClose={onClose}
      onSubmit={async (values) => {
        await rejectArchiveRequest(request.id, { note: values.note.trim() });
        onDone();
      }}
    >
      <Form.Item
        name="note"
        label={t('archive.rejectNote')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('archive.rejectNote') }) },
          { min: LIMITS.reasonMin, max: LIMITS.reasonMax, transform: (v: string) => v?.trim(), message: t('archive.reasonLength', { min: LIMITS.reasonMin, max: LIMITS.reasonMax }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={LIMITS.reasonMax} showCount />
      </Form.Item>
    </FormModal>
  );
}
