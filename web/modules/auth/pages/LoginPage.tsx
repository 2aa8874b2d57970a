import { useState } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../contracts/limits.ts';
import { errorMessage } from '../../../api/client.ts';
import { login } from '../auth.api.ts';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { ME_QUERY_KEY } from '../hooks/useMe.ts';

type LoginForm = { username: string; password: string };

/** Only same-site paths are accepted as `next` (no open redirect). */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expired = params.get('expired') === '1';

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login({ username: values.username.trim(), password: values.password });
      queryClient.clear();
      if (me && typeof me === 'object' && 'permissions' in me) queryClient.setQueryData(ME_QUERY_KEY, me);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="bw-login">
      <Card className="bw-login-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} gap={8} wrap>
          <Flex align="center" gap={8}>
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
          </Flex>
          <LocaleSwitch size="small" />
        </Flex>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {expired && !error ? <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
        <Form<LoginForm> name="login" layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} aria-label={t('auth.loginTitle')}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('auth.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" maxLength={LIMITS.usernameMax} autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={LIMITS.passwordMax} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('auth.login')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('auth.demoHint')}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
