import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../contracts/permissions.ts';
import { useCan } from '../modules/auth/index.ts';

/** Hides a page from roles without the permission (the API enforces it anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useCan(permission);
  if (!allowed) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.sub')} />;
  return <>{children}</>;
}
