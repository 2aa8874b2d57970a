import { useState, type ReactNode } from 'react';
import { App as AntApp, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from './formErrors.ts';

type Props<V> = {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** throws on failure; API field errors land under their inputs */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  okText?: string;
  initialValues?: Partial<V>;
  children: ReactNode;
  width?: number;
};

/** A modal holding a vertical form: validate, submit, show server errors, close on success. */
export function FormModal<V extends object>({ open, title, form, onSubmit, onClose, okText, initialValues, children, width }: Props<V>) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field messages
    }
    setBusy(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      showFormError(form, error, message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} preserve={false} onFinish={() => void submit()}>
        {children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
