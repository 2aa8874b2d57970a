import { Alert, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { User } from '../../../../contracts/users.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { DATE_FORMAT, toApiDate } from '../../../ui/format.ts';
import { OrgUnitSelect } from '../../org/index.ts';
import { PersonSelect } from '../../people/index.ts';
import { createUser, grantRole } from '../users.api.ts';

type CreateValues = { username: string; displayName: string; password: string; personId?: string };

/** POST /api/users */
export function CreateUserModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const queryClient = useQueryClient();
  return (
    <FormModal<CreateValues>
      open
      form={form}
      title={t('users.create')}
      onClose={onClose}
      onSubmit={async (v) => {
        await createUser({ username: v.username.trim(), displayName: v.displayName.trim(), password: v.password, personId: v.personId });
        await queryClient.invalidateQueries({ queryKey: ['users'] });
        onDone();
      }}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        rules={[
          { required: true, message: t('common.required', { field: t('users.username') }) },
          { pattern: /^[a-zA-Z0-9._-]{3,64}$/, message: t('users.usernamePattern') },
        ]}
      >
        <Input maxLength={LIMITS.usernameMax} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}>
        <Input maxLength={LIMITS.nameMax} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('users.password')}
        extra={t('account.passwordPolicy', { min: LIMITS.passwordMin })}
        rules={[
          { required: true, message: t('common.required', { field: t('users.password') }) },
          { min: LIMITS.passwordMin, message: t('account.passwordTooShort', { min: LIMITS.passwordMin }) },
        ]}
      >
        <Input.Password maxLength={LIMITS.passwordMax} autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="personId" label={t('users.person')}>
        <PersonSelect allowClear />
      </Form.Item>
    </FormModal>
  );
}

type GrantValues = { role: Role; orgUnitId?: string; validFrom: Dayjs; validTo?: Dayjs | null };

/** POST /api/users/:id/grants */
export function GrantRoleModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GrantValues>();
  const queryClient = useQueryClient();
  return (
    <FormModal<GrantValues>
      open
      form={form}
      title={t('users.grantTitle', { name: user.displayName })}
      okText={t('users.grant')}
      onClose={onClose}
      initialValues={{ validFrom: dayjs() }}
      onSubmit={async (v) => {
        await grantRole(user.id, {
          role: v.role,
          orgUnitId: v.orgUnitId,
          validFrom: toApiDate(v.validFrom) ?? dayjs().format(DATE_FORMAT),
          validTo: toApiDate(v.validTo),
        });
        await queryClient.invalidateQueries({ queryKey: ['users'] });
        onDone();
      }}
    >
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('users.role') }) }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      <Form.Item name="orgUnitId" label={t('users.grantOrg')} extra={t('users.grantOrgHint')}>
        <OrgUnitSelect allowClear />
      </Form.Item>
      <Form.Item name="validFrom" label={t('users.validFrom')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('users.validFrom') }) }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="validTo" label={t('users.validTo')}>
        <DatePicker style={{ width: '100%' }} allowClear />
      </Form.Item>
      <Alert type="info" showIcon title={t('auth.reauthHint')} />
    </FormModal>
  );
}
