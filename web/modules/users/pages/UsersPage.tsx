import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { User } from '../../../../contracts/users.ts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { CreateUserModal, GrantRoleModal } from '../components/UserModals.tsx';
import { exportUsers, listUsers, revokeGrant, revokeSessions, setUserDisabled } from '../users.api.ts';

type Dialog = { kind: 'create' } | { kind: 'grant'; user: User } | null;

/** /admin/users: accounts, role grants, disable/enable, end sessions (users.manage). */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(LIMITS.pageSizeDefault);
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = useQuery({
    queryKey: ['users', 'list', q, page, pageSize],
    queryFn: () => listUsers({ page, pageSize, q: q || undefined }),
    placeholderData: keepPreviousData,
  });

  const act = async (run: () => Promise<unknown>, ok: string) => {
    try {
      await run();
      void message.success(ok);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username', width: 140 },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    {
      key: 'grants',
      title: t('users.grants'),
      render: (_v, u) =>
        u.grants.length === 0 ? (
          <Typography.Text type="secondary">{t('users.noGrants')}</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {u.grants.map((g) => (
              <Tooltip key={g.id} title={t('users.grantValidity', { from: formatDate(g.validFrom), to: g.validTo ? formatDate(g.validTo) : t('common.today') })}>
                <Tag color="red" style={{ marginInlineEnd: 0 }}>
                  {t('users.grantItem', { role: t(`roles.${g.role}`), org: g.orgName ?? t('common.dash') })}{' '}
                  <Popconfirm title={t('users.revokeConfirm')} okText={t('users.revoke')} cancelText={t('common.cancel')} onConfirm={() => act(() => revokeGrant(u.id, g.id), t('users.revoked'))}>
                    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} aria-label={`${t('users.revoke')} ${t(`roles.${g.role}`)}`}>
                      {t('users.revoke')}
                    </Button>
                  </Popconfirm>
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ),
    },
    {
      key: 'status',
      title: t('users.status'),
      width: 140,
      render: (_v, u) => (
        <Flex vertical gap={2}>
          {u.isDisabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.lockedUntil ? <Typography.Text type="warning">{t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'lastLogin', title: t('users.lastLogin'), width: 150, render: (_v, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never')) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 260,
      render: (_v, u) => (
        <Flex wrap gap={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'grant', user: u })}>
            {t('users.grant')}
          </Button>
          {u.isDisabled ? (
            <Button size="small" onClick={() => void act(() => setUserDisabled(u.id, false), t('users.enabledOk'))}>
              {t('users.enable')}
            </Button>
          ) : (
            <Popconfirm title={t('users.disableConfirm')} okText={t('users.disable')} cancelText={t('common.cancel')} onConfirm={() => act(() => setUserDisabled(u.id, true), t('users.disabledOk'))}>
              <Button size="small" danger>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )}
          <Popconfirm title={t('users.killConfirm')} okText={t('users.killSessions')} cancelText={t('common.cancel')} onConfirm={() => act(() => revokeSessions(u.id), t('users.killed'))}>
            <Button size="small">{t('users.killSessions')}</Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Space wrap>
            <ExportButton fetchFile={() => exportUsers(q || undefined)} fallbackName={t('users.exportFileName')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('users.create')}
            </Button>
          </Space>
        }
      />
      <div className="bw-filters">
        <Input.Search
          aria-label={t('users.searchLabel')}
          placeholder={t('users.searchPlaceholder')}
          allowClear
          maxLength={LIMITS.searchMax}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') {
              setQ('');
              setPage(1);
            }
          }}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          enterButton={t('common.search')}
          style={{ width: 300 }}
        />
      </div>
      {users.error ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          aria-label={t('users.title')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => {
              setPage(size !== pageSize ? 1 : p);
              setPageSize(size);
            },
          }}
        />
      )}
      {dialog?.kind === 'create' ? <CreateUserModal onClose={() => setDialog(null)} onDone={() => void message.success(t('users.created'))} /> : null}
      {dialog?.kind === 'grant' ? <GrantRoleModal user={dialog.user} onClose={() => setDialog(null)} onDone={() => void message.success(t('users.granted'))} /> : null}
    </>
  );
}
