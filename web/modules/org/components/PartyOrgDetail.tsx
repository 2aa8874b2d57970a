import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Flex, Skeleton, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PartyOrg } from '../../../../contracts/org.ts';
import { formatDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getPartyOrg, movePartyOrg } from '../org.api.ts';
import { isClosed } from '../org-dates.ts';
import { MoveModal } from './MoveModal.tsx';
import { PartyOrgSelect } from './OrgSelects.tsx';
import { PartyOrgFormModal } from './PartyOrgFormModal.tsx';

type Dialog = 'create' | 'edit' | 'move' | null;

/** GET /api/party-orgs/:id: secretary, member count, host unit; create/edit/move for org.write. */
export function PartyOrgDetail({ id, asOf, canWrite, canReadPeople, onChanged }: { id: string; asOf?: string; canWrite: boolean; canReadPeople: boolean; onChanged: (selectId?: string) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const org = useQuery({ queryKey: ['party-orgs', 'detail', id, asOf ?? ''], queryFn: () => getPartyOrg(id, asOf) });

  if (org.error) return <QueryError error={org.error} onRetry={() => void org.refetch()} />;
  if (!org.data) return <Skeleton active />;
  const p: PartyOrg = org.data;
  const closed = isClosed(p.dissolvedAt, asOf);
  const close = () => setDialog(null);

  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{p.name}</span>
          <Tag color="red">{t(`partyOrgTypes.${p.type}`)}</Tag>
          {closed ? <Tag>{t('org.dissolved')}</Tag> : null}
        </Flex>
      }
      aria-label={t('org.party.detail')}
    >
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'path', label: t('org.path'), children: p.ancestors.length > 0 ? p.ancestors.map((a) => a.name).join(' / ') : t('common.dash') },
          { key: 'type', label: t('org.party.type'), children: t(`partyOrgTypes.${p.type}`) },
          {
            key: 'secretary',
            label: t('org.party.secretary'),
            children:
              p.secretaryPersonId && p.secretaryName && canReadPeople ? <Link to={`/people/${p.secretaryPersonId}`}>{p.secretaryName}</Link> : (p.secretaryName ?? t('common.dash')),
          },
          { key: 'members', label: t('org.party.memberCount'), children: p.memberCount },
          { key: 'host', label: t('org.party.hostUnit'), children: `${p.orgUnitName}（${t(`hostKinds.${p.hostKind}`)}）` },
          { key: 'founded', label: t('org.party.foundedAt'), children: formatDate(p.foundedAt) },
          ...(p.dissolvedAt ? [{ key: 'dissolved', label: t('org.party.dissolvedAt'), children: formatDate(p.dissolvedAt) }] : []),
          { key: 'children', label: t('org.childCount'), children: p.childCount },
        ]}
      />
      {canWrite ? (
        <Flex wrap gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" onClick={() => setDialog('create')} disabled={closed}>
            {t('org.createChild')}
          </Button>
          <Button onClick={() => setDialog('edit')}>{t('common.edit')}</Button>
          <Button onClick={() => setDialog('move')} disabled={p.parentId === null || closed}>
            {t('org.move')}
          </Button>
        </Flex>
      ) : null}
      {dialog === 'create' || dialog === 'edit' ? (
        <PartyOrgFormModal
          mode={dialog}
          org={p}
          open
          onClose={close}
          onSaved={(saved) => {
            void message.success(dialog === 'create' ? t('org.created') : t('common.saved'));
            onChanged(dialog === 'create' ? saved?.id : p.id);
          }}
        />
      ) : null}
      {dialog === 'move' ? (
        <MoveModal
          open
          title={t('org.party.moveTitle', { name: p.name })}
          label={t('org.party.newParent')}
          onClose={close}
          select={<PartyOrgSelect exclude={[p.id]} aria-label={t('org.party.newParent')} />}
          onMove={async (parentId) => {
            await movePartyOrg(p.id, parentId);
            await queryClient.invalidateQueries({ queryKey: ['party-orgs'] });
            void message.success(t('org.moved'));
            onChanged(p.id);
          }}
        />
      ) : null}
    </Card>
  );
}
