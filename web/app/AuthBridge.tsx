import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { configureAuthHandlers, errorMessage } from '../api/client.ts';
import { reauth } from '../modules/auth/index.ts';

type Pending = { resolve: (ok: boolean) => void };

/**
 * Connects api/client.ts to the UI: a lost session navigates to /login?next=…, and a 401 REAUTH_REQUIRED
 * opens this password modal, calls POST /api/auth/reauth, and lets the client retry the request.
 */
export function AuthBridge() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<Pending | null>(null);

  useEffect(() => {
    configureAuthHandlers({
      onSessionLost: (_code, { silent }) => {
        const here = window.location.pathname + window.location.search;
        if (window.location.pathname === '/login') return;
        queryClient.clear();
        const params = new URLSearchParams({ next: here });
        if (!silent) params.set('expired', '1');
        void navigate(`/login?${params.toString()}`, { replace: true });
      },
      reauthenticate: () =>
        new Promise<boolean>((resolve) => {
          pending.current?.resolve(false);
          pending.current = { resolve };
          setError(null);
          form.resetFields();
          setOpen(true);
        }),
    });
    return () => configureAuthHandlers(null);
  }, [navigate, queryClient, form]);

  const finish = (ok: boolean) => {
    setOpen(false);
    pending.current?.resolve(ok);
    pending.current = null;
    if (!ok) void message.info(t('auth.reauthCancelled'));
  };

  const submit = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await reauth(password);
      setOpen(false);
      pending.current?.resolve(true);
      pending.current = null;
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('auth.reauthTitle')}
      okText={t('auth.reauthConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => finish(false)}
      forceRender
    >
      <p>{t('auth.reauthHint')}</p>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
