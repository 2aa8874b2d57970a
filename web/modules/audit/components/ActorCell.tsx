import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditActor } from '../../../../contracts/audit.ts';
import { roleLabel } from '../audit-labels.ts';

/** 张三（orghead） + role tag; 系统 for events without a user. */
export function ActorCell({ actor }: { actor: AuditActor }) {
  const { t } = useTranslation();
  const name = actor.displayName ?? (actor.userId ? actor.userId.slice(0, 8) : t('audit.system'));
  return (
    <span>
      <Typography.Text>{name}</Typography.Text>
      {actor.role ? (
        <Tag style={{ marginInlineStart: 6 }} bordered={false}>
          {roleLabel(t, actor.role)}
        </Tag>
      ) : null}
    </span>
  );
}
