import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Flex, Skeleton, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../../contracts/org.ts';
import { formatDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getOrgUnit, moveOrgUnit } from '../org.api.ts';
import { isClosed } from '../org-dates.ts';
import { MergeModal } from './MergeModal.tsx';
import { MoveModal } from './MoveModal.tsx';
import { OrgUnitSelect } from './OrgSelects.tsx';
import { OrgUnitFormModal } from './OrgUnitFormModal.tsx';

type Dialog = 'create' | 'edit' | 'move' | 'merge' | null;

/** GET /api/org-units/:id with the org.write actions. */
export function OrgUnitDetail({ id, asOf, canWrite, onChanged }: { id: string; asOf?: string; canWrite: boolean; onChanged: (selectId?: string) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const unit = useQuery({ queryKey: ['org-units', 'detail', id, asOf ?? ''], queryFn: () => getOrgUnit(id, asOf) });
  const mergedIntoId = unit.data?.mergedIntoId ?? null;
  const mergedInto = useQuery({
    queryKey: ['org-units', 'detail', mergedIntoId ?? '', ''],
    queryFn: () => getOrgUnit(mergedIntoId ?? ''),
    enabled: Boolean(mergedIntoId),
  });

  if (unit.error) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
  if (!unit.data) return <Skeleton active />;
  const u: OrgUnit = unit.data;
  const closed = isClosed(u.validTo, asOf);

  const close = () => setDialog(null);
  const saved = (next: OrgUnit | null) => {
    void message.success(dialog === 'create' ? t('org.created') : t('common.saved'));
    onChanged(dialog === 'create' ? next?.id : u.id);
  };

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{u.name}</span>
          <Tag>{t(`orgUnitTypes.${u.type}`)}</Tag>
          {closed ? <Tag color="default">{t('org.closed')}</Tag> : null}
        </Flex>
      }
      aria-label={t('org.detail')}
    >
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'path', label: t('org.path'), children: u.ancestors.length > 0 ? u.ancestors.map((a) => a.name).join(' / ') : t('common.dash') },
          { key: 'code', label: t('org.code'), children: u.code ?? t('common.dash') },
          { key: 'type', label: t('org.type'), children: t(`orgUnitTypes.${u.type}`) },
          ...(u.shortName ? [{ key: 'short', label: t('org.shortName'), children: u.shortName }] : []),
          { key: 'from', label: t('org.validFrom'), children: formatDate(u.validFrom) },
          { key: 'to', label: t('org.validTo'), children: formatDate(u.validTo) },
          ...(u.mergedIntoId ? [{ key: 'merged', label: t('org.mergedInto'), children: mergedInto.data?.name ?? t('common.dash') }] : []),
          { key: 'children', label: t('org.childCount'), children: u.childCount },
        ]}
      />
      {canWrite ? (
        <Flex wrap gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" onClick={() => setDialog('create')} disabled={closed}>
            {t('org.createChild')}
          </Button>
          <Button onClick={() => setDialog('edit')}>{t('common.edit')}</Button>
          <Button onClick={() => setDialog('move')} disabled={u.parentId === null || closed}>
            {t('org.move')}
          </Button>
          <Button onClick={() => setDialog('merge')} disabled={closed || u.parentId === null}>
            {t('org.merge')}
          </Button>
        </Flex>
      ) : null}
      {dialog === 'create' || dialog === 'edit' ? <OrgUnitFormModal mode={dialog} unit={u} open onClose={close} onSaved={saved} /> : null}
      {dialog === 'move' ? (
        <MoveModal
          open
          title={t('org.moveTitle', { name: u.name })}
          label={t('org.newParent')}
          onClose={close}
          select={<OrgUnitSelect exclude={[u.id]} aria-label={t('org.newParent')} />}
          onMove={async (parentId) => {
            await moveOrgUnit(u.id, parentId);
            await queryClient.invalidateQueries({ queryKey: ['org-units'] });
            void message.success(t('org.moved'));
            onChanged(u.id);
          }}
        />
      ) : null}
      {dialog === 'merge' ? (
        <MergeModal
          unit={u}
          open
          onClose={close}
          onMerged={() => {
            void message.success(t('org.merged'));
            onChanged(u.id);
          }}
        />
      ) : null}
    </Card>
  );
}
