import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts/limits.ts';
import { showFormError } from '../../../ui/formErrors.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { changePassword, LocaleSwitch, useMe } from '../../auth/index.ts';

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/** /account: profile, change password (server checks strength: WEAK_PASSWORD), language preference. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: PasswordValues) => {
    setBusy(true);
    try {
      await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    } catch (error) {
      showFormError(form, error, message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'username', label: t('account.username'), children: me.username },
                { key: 'displayName', label: t('account.displayName'), children: me.displayName },
                {
                  key: 'roles',
                  label: t('account.roles'),
                  children: (
                    <Flex wrap gap={4}>
                      {me.roles.map((r) => (
                        <Tag color="red" key={r}>
                          {t(`roles.${r}`)}
                        </Tag>
                      ))}
                    </Flex>
                  ),
                },
                {
                  key: 'scope',
                  label: t('account.scope'),
                  children: me.scope.length > 0
                      ? [...new Set(me.scope.map((s) => `${s.name}（${t(`roles.${s.role}`)}）`))].join('；')
                      : t('home.scopeNone'),
                },
              ]}
            />
          </Card>
          <Card title={t('account.languagePref')} style={{ marginTop: 16 }}>
            <LocaleSwitch />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.changePassword')}>
            <Alert type="info" showIcon title={t('account.passwordPolicy', { min: LIMITS.passwordMin })} style={{ marginBottom: 16 }} />
            <Form<PasswordValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('account.changePassword')}>
              <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('common.required', { field: t('account.currentPassword') }) }]}>
                <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                rules={[
                  { required: true, message: t('common.required', { field: t('account.newPassword') }) },
                  { min: LIMITS.passwordMin, message: t('account.passwordTooShort', { min: LIMITS.passwordMin }) },
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('account.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('common.required', { field: t('account.confirmPassword') }) },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('account.passwordMismatch')))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('account.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
