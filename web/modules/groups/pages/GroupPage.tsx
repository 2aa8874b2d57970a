import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, List, Spin, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GroupDetail, GroupMember, ImportMembersResult } from '../../../../contracts/groups.ts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate, toApiDate } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { LEVEL_COLORS } from '../components/GroupList.tsx';
import { usePersonOptions } from '../components/usePersonOptions.ts';
import { addMember, archiveGroup, getGroup, importMembers, listMembers, putStaff, removeMember } from '../groups.api.ts';

type MemberForm = { wechatId: string; isPartyMember: boolean; personId?: string; joinedAt?: Dayjs };
type StaffForm = { ownerPersonId: string; adminPersonIds?: string[] };

/** /groups/:id: level, unit, owner and admins, counts, and the members (masked: key prefix, masked name). */
export default function GroupPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const group = useQuery({ queryKey: ['groups', 'group', id], queryFn: () => getGroup(id) });
  const [partyOnly, setPartyOnly] = useState(false);
  const [includeLeft, setIncludeLeft] = useState(false);
  const [adding, setAdding] = useState(false);
  const [staffing, setStaffing] = useState(false);
  const [importResult, setImportResult] = useState<ImportMembersResult | null>(null);
  const [memberForm] = Form.useForm<MemberForm>();
  const [staffForm] = Form.useForm<StaffForm>();
  const fileInput = useRef<HTMLInputElement>(null);
  const fetchPeople = usePersonOptions();

  if (group.isPending) return <Spin />;
  if (group.isError) return <QueryError error={group.error} onRetry={() => void group.refetch()} />;
  const d: GroupDetail = group.data;
  const g = d.group;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['groups'] });
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<GroupMember> = [
    { title: t('groups.memberKey'), dataIndex: 'keyPrefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: t('groups.person'), dataIndex: 'personNameMasked', render: (v: string | null) => v ?? '—' },
    { title: t('groups.partyMember'), dataIndex: 'isPartyMember', render: (v: boolean) => (v ? <Tag color="red">{t('groups.partyMember')}</Tag> : '—') },
    { title: t('groups.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDate(v) },
    ...(includeLeft ? [{ title: t('groups.leftAt'), dataIndex: 'leftAt', render: (v: string | null) => formatDate(v) }] : []),
    ...(d.can.manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m: GroupMember) =>
              m.leftAt ? null : (
                <Button size="small" danger onClick={() => modal.confirm({ title: t('groups.removeMember'), content: t('groups.removeConfirm'), cancelText: t('common.cancel'), onOk: () => run(() => removeMember(id, m.id)) })}>
                  {t('groups.removeMember')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await importMembers(id, file);
      setImportResult(result);
      if (result.errors.length === 0) void message.success(t('groups.imported', { added: result.added, already: result.alreadyMembers }));
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <>
      <PageHeader
        title={g.name}
        sub={
          <Flex wrap gap={4} align="center">
            <Tag color={LEVEL_COLORS[g.level]}>{t(`groups.levels.${g.level}`)}</Tag>
            <Tag color={g.status === 'ACTIVE' ? 'green' : 'default'}>{t(`groups.statuses.${g.status}`)}</Tag>
            <Link to="/groups?tab=list">{t('groups.tabs.list')}</Link>
          </Flex>
        }
        extra={
          d.can.manage ? (
            <>
              <Button
                onClick={() => {
                  staffForm.setFieldsValue({ ownerPersonId: d.owner?.id, adminPersonIds: d.admins.map((a) => a.id) });
                  setStaffing(true);
                }}
              >
                {t('groups.editStaff')}
              </Button>
              <Button danger onClick={() => modal.confirm({ title: t('groups.archive'), content: t('groups.archiveConfirm', { name: g.name }), cancelText: t('common.cancel'), onOk: () => run(() => archiveGroup(id)) })}>
                {t('groups.archive')}
              </Button>
            </>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('groups.unit')}>{g.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('groups.town')}>{g.townName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('groups.createdAt')}>{formatDate(g.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('groups.owner')}>{d.owner ? `${d.owner.name}（${d.owner.orgName ?? ''}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('groups.admins')}>{d.admins.length ? d.admins.map((a) => a.name).join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('groups.memberCount')}>
            {g.memberCount}（{t('groups.partyMemberCount')} {g.partyMemberCount}）
          </Descriptions.Item>
          <Descriptions.Item label={t('groups.chatId')}>{d.hasChatId ? t('groups.hasChatId') : t('groups.noChatId')}</Descriptions.Item>
          {d.archivedAt ? <Descriptions.Item label={t('groups.statuses.ARCHIVED')}>{formatDate(d.archivedAt)}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('groups.members')}>
        <Typography.Paragraph type="secondary">{t('groups.memberKeyHelp')}</Typography.Paragraph>
        {importResult && importResult.errors.length > 0 ? (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setImportResult(null) }}
            style={{ marginBottom: 12 }}
            title={t('groups.importErrors', { count: importResult.errors.length })}
            description={<List size="small" dataSource={importResult.errors.slice(0, 50)} renderItem={(e) => <List.Item>{t('groups.row', { row: e.row })}：{e.message}</List.Item>} />}
          />
        ) : null}
        <PagedTable<GroupMember>
          queryKey={['groups', 'members', id]}
          label={t('groups.members')}
          fetchPage={(q) => listMembers(id, q)}
          filters={{ partyOnly: partyOnly || undefined, includeLeft: includeLeft || undefined }}
          columns={columns}
          toolbar={
            <Flex wrap gap={8} align="center">
              <Checkbox checked={partyOnly} onChange={(e) => setPartyOnly(e.target.checked)}>
                {t('groups.partyOnly')}
              </Checkbox>
              <Checkbox checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)}>
                {t('groups.includeLeft')}
              </Checkbox>
              {d.can.manage ? (
                <>
                  <Button type="primary" onClick={() => setAdding(true)}>
                    {t('groups.addMember')}
                  </Button>
                  <Button onClick={() => fileInput.current?.click()} title={t('groups.importHelp')}>
                    {t('groups.importMembers')}
                  </Button>
                  <input ref={fileInput} type="file" accept=".xlsx" hidden aria-label={t('groups.importMembers')} onChange={(e) => void onImport(e.target.files?.[0])} />
                </>
              ) : null}
            </Flex>
          }
        />
      </Card>
      <FormModal
        open={adding}
        title={t('groups.addMember')}
        form={memberForm}
        initialValues={{ isPartyMember: false }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await addMember(id, { wechatId: v.wechatId, isPartyMember: v.isPartyMember, ...(v.personId ? { personId: v.personId } : {}), ...(v.joinedAt ? { joinedAt: toApiDate(v.joinedAt)! } : {}) });
          memberForm.resetFields();
          refresh();
        }}
      >
        <Form.Item name="wechatId" label={t('groups.wechatId')} extra={t('groups.wechatIdHelp')} rules={[{ required: true, max: 64 }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="isPartyMember" label={t('groups.partyMember')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="personId" label={t('groups.linkPerson')}>
          <SearchSelect allowClear fetchOptions={fetchPeople} />
        </Form.Item>
        <Form.Item name="joinedAt" label={t('groups.joinedAt')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <FormModal
        open={staffing}
        title={t('groups.editStaff')}
        form={staffForm}
        onClose={() => setStaffing(false)}
        onSubmit={async (v) => {
          const next = await putStaff(id, { ownerPersonId: v.ownerPersonId, adminPersonIds: v.adminPersonIds ?? [] });
          queryClient.setQueryData(['groups', 'group', id], next);
          refresh();
        }}
      >
        <Form.Item name="ownerPersonId" label={t('groups.owner')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={fetchPeople} initialOptions={d.owner ? [{ value: d.owner.id, label: d.owner.name }] : []} />
        </Form.Item>
        <Form.Item name="adminPersonIds" label={t('groups.admins')}>
          <SearchSelect mode="multiple" fetchOptions={fetchPeople} initialOptions={d.admins.map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}
