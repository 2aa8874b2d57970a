import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { configureAuthHandlers, errorMessage } from '../api/client.ts';
import { reauth } from '../modules/auth/index.ts';

/**
 * Connects api/client.ts to the UI: a lost session navigates to /login?next=…, and a 401 REAUTH_REQUIRED
 * opens the password modal, calls POST /api/auth/reauth, and lets the client retry the request.
 */
export function AuthBridge() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const pending = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    configureAuthHandlers({
      onSessionLost: (_code, { silent }) => {
        if (window.location.pathname === '/login') return;
        const here = window.location.pathname + window.location.search;
        queryClient.clear();
        const params = new URLSearchParams({ next: here });
        if (!silent) params.set('expired', '1');
        void navigate(`/login?${params.toString()}`, { replace: true });
      },
      reauthenticate: () =>
        new Promise<boolean>((resolve) => {
          pending.current?.(false);
          pending.current = resolve;
          setOpen(true);
        }),
    });
    return () => configureAuthHandlers(null);
  }, [navigate, queryClient]);

  const finish = (ok: boolean) => {
    setOpen(false);
    pending.current?.(ok);
    pending.current = null;
    if (!ok) void message.info(t('auth.reauthCancelled'));
  };

  return open ? <ReauthModal onDone={finish} /> : null;
}

function ReauthModal({ onDone }: { onDone: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let password: string;
    try {
      ({ password } = await form.validateFields());
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await reauth(password);
      onDone(true);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('auth.reauthTitle')}
      okText={t('auth.reauthConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => onDone(false)}
      mask={{ closable: false }}
    >
      <p>{t('auth.reauthHint')}</p>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="reauth" layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
