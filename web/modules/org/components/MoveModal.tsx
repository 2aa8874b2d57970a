import { Form } from 'antd';
import type { ReactNode } from 'react';
import { FormModal } from '../../../ui/FormModal.tsx';
import { useTranslation } from 'react-i18next';

type Values = { parentId: string };

type Props = {
  open: boolean;
  title: string;
  label: string;
  onClose: () => void;
  onMove: (parentId: string) => Promise<void>;
  /** the search select for the new parent (org units or Party organisations) */
  select: ReactNode;
};

/** 移动: choose a new parent with a search select, then POST …/:id/move {parentId}. */
export function MoveModal({ open, title, label, onClose, onMove, select }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values> open={open} form={form} title={title} onClose={onClose} onSubmit={(v) => onMove(v.parentId)} okText={t('org.move')}>
      <Form.Item name="parentId" label={label} rules={[{ required: true, message: t('common.requiredSelect', { field: label }) }]}>
        {select}
      </Form.Item>
    </FormModal>
  );
}
