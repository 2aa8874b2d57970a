import { useState } from 'react';
import { Button, Flex, Form, Input, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { GROUP_LEVELS, GROUP_STATUSES, type CreateGroup, type GroupLevel, type GroupStatus, type GroupSummary } from '../../../../contracts/groups.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate } from '../../../ui/format.ts';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { useCan } from '../../auth/index.ts';
import { OrgUnitSelect } from '../../org/index.ts';
import { createGroup, exportGroups, getCoverage, listGroups } from '../groups.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { usePersonOptions } from './usePersonOptions.ts';

export const LEVEL_COLORS: Record<GroupLevel, string> = { COUNTY: 'red', TOWN: 'orange', VILLAGE: 'blue', GROUP: 'green' };

type CreateForm = { level: GroupLevel; orgUnitId: string; name: string; ownerPersonId: string; adminPersonIds?: string[]; wechatChatId?: string };

/** The groups in scope, paged on the server; filters by level, town, status and text; "new group" for managers. */
export function GroupList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canManage = useCan('o2o.groups');
  const [level, setLevel] = useState<GroupLevel | undefined>();
  const [town, setTown] = useState<string | undefined>();
  const [status, setStatus] = useState<GroupStatus | undefined>('ACTIVE');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CreateForm>();
  const fetchPeople = usePersonOptions();
  // the towns in scope come from the coverage report (same query as the coverage tab)
  const coverage = useQuery({ queryKey: ['groups', 'coverage'], queryFn: () => getCoverage() });
  const townOptions = (coverage.data?.byTown ?? []).filter((x) => x.townId !== null).map((x) => ({ value: x.townId!, label: x.townName }));

  const columns: TableColumnsType<GroupSummary> = [
    { title: t('groups.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/groups/${r.id}`}>{v}</Link> },
    { title: t('groups.level'), dataIndex: 'level', render: (l: GroupLevel) => <Tag color={LEVEL_COLORS[l]}>{t(`groups.levels.${l}`)}</Tag> },
    { title: t('groups.town'), dataIndex: 'townName', render: (v: string | null) => v ?? '—' },
    { title: t('groups.unit'), dataIndex: 'orgUnitName' },
    { title: t('groups.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    { title: t('groups.memberCount'), dataIndex: 'memberCount', align: 'right' },
    { title: t('groups.partyMemberCount'), dataIndex: 'partyMemberCount', align: 'right' },
    { title: t('groups.status'), dataIndex: 'status', render: (s: GroupStatus) => <Tag color={s === 'ACTIVE' ? 'green' : 'default'}>{t(`groups.statuses.${s}`)}</Tag> },
    { title: t('groups.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
  ];

  return (
    <>
      <PagedTable<GroupSummary>
        queryKey={['groups', 'list']}
        label={t('groups.tabs.list')}
        fetchPage={(query) => listGroups(query)}
        filters={{ level, orgUnitId: town, status, q: q || undefined }}
        columns={columns}
        toolbar={
          <Flex wrap gap={8}>
            <Input.Search allowClear placeholder={t('groups.search')} aria-label={t('groups.search')} style={{ width: 200 }} onSearch={(v) => setQ(v.trim())} />
            <Select allowClear placeholder={t('groups.allLevels')} aria-label={t('groups.level')} style={{ width: 120 }} value={level} onChange={setLevel} options={GROUP_LEVELS.map((l) => ({ value: l, label: t(`groups.levels.${l}`) }))} />
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('groups.allTowns')} aria-label={t('groups.town')} style={{ width: 160 }} value={town} onChange={setTown} options={townOptions} />
            <Select allowClear placeholder={t('groups.allStatuses')} aria-label={t('groups.status')} style={{ width: 110 }} value={status} onChange={setStatus} options={GROUP_STATUSES.map((s) => ({ value: s, label: t(`groups.statuses.${s}`) }))} />
            <ExportButton fetchFile={() => exportGroups({ level, orgUnitId: town, status, q: q || undefined })} fallbackName="groups.xlsx" />
            {canManage ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                {t('groups.createGroup')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <FormModal
        open={creating}
        title={t('groups.createGroup')}
        form={form}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const body: CreateGroup = { level: v.level, orgUnitId: v.orgUnitId, name: v.name, ownerPersonId: v.ownerPersonId, adminPersonIds: v.adminPersonIds ?? [], ...(v.wechatChatId ? { wechatChatId: v.wechatChatId } : {}) };
          const created = await createGroup(body);
          void queryClient.invalidateQueries({ queryKey: ['groups'] });
          void navigate(`/groups/${created.group.id}`);
        }}
      >
        <Form.Item name="level" label={t('groups.level')} rules={[{ required: true }]} extra={t('groups.inferredNotice')}>
          <Select options={GROUP_LEVELS.map((l) => ({ value: l, label: t(`groups.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('groups.unit')} rules={[{ required: true }]}>
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item name="name" label={t('groups.name')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="ownerPersonId" label={t('groups.owner')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={fetchPeople} />
        </Form.Item>
        <Form.Item name="adminPersonIds" label={t('groups.admins')}>
          <SearchSelect mode="multiple" fetchOptions={fetchPeople} />
        </Form.Item>
        <Form.Item name="wechatChatId" label={t('groups.wechatChatId')}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      </FormModal>
    </>
  );
}
