import { useState } from 'react';
import { Alert, App as AntApp, Button, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client, type Open311Client } from '../o2o.api.ts';

/** /o2o/open311: SYS_ADMIN issues, lists and revokes Open311 API keys; a new key is shown once and never again. */
export default function Open311KeysPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const clients = useQuery({ queryKey: ['o2o', 'open311-clients'], queryFn: listOpen311Clients });
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['o2o', 'open311-clients'] });

  const revoke = (c: Open311Client) =>
    modal.confirm({
      title: t('o2o.open311.revoke'),
      content: t('o2o.open311.revokeConfirm', { name: c.name }),
      okText: t('o2o.open311.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await revokeOpen311Client(c.id);
          await refresh();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const stateTag = (c: Open311Client) => (c.revokedAt ? <Tag>{t('o2o.open311.revokedState')}</Tag> : <Tag color="green">{t('o2o.open311.activeState')}</Tag>);
  // 375 px: one stacked column per client
  const mobile: TableColumnsType<Open311Client> = [
    {
      title: t('o2o.open311.name'),
      key: 'client',
      render: (_: unknown, c) => (
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical gap={2} style={{ width: 230, whiteSpace: 'normal' }}>
            <Typography.Text strong>{c.name}</Typography.Text>
            <span>
              <Typography.Text code>{c.keyPrefix}…</Typography.Text> {stateTag(c)}
            </span>
          </Flex>
          {c.revokedAt ? null : (
            <Button size="small" danger onClick={() => revoke(c)}>
              {t('o2o.open311.revoke')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  const desktop: TableColumnsType<Open311Client> = [
    { title: t('o2o.open311.name'), dataIndex: 'name' },
    { title: t('o2o.open311.prefix'), dataIndex: 'keyPrefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: t('o2o.open311.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('o2o.open311.state'), key: 'state', render: (_: unknown, c) => stateTag(c) },
    { title: '', key: 'revoke', render: (_: unknown, c) => (c.revokedAt ? `${t('o2o.open311.revokedAt')} ${formatDateTime(c.revokedAt)}` : <Button size="small" danger onClick={() => revoke(c)}>{t('o2o.open311.revoke')}</Button>) },
  ];
  const columns = isMobile ? mobile : desktop;

  return (
    <>
      <PageHeader
        title={t('o2o.open311.title')}
        sub={t('o2o.open311.sub')}
        extra={
          <Button type="primary" icon={<KeyOutlined />} onClick={() => setIssuing(true)}>
            {t('o2o.open311.issue')}
          </Button>
        }
      />
      {clients.error ? (
        <QueryError error={clients.error} onRetry={() => void clients.refetch()} />
      ) : (
        <section aria-label={t('o2o.open311.label')}>
          <Table<Open311Client> size="small" rowKey="id" loading={clients.isFetching} columns={columns} dataSource={clients.data ?? []} pagination={false} scroll={{ x: 'max-content' }} />
        </section>
      )}
      <FormModal<{ name: string }>
        open={issuing}
        title={t('o2o.open311.issue')}
        form={form}
        okText={t('o2o.open311.issue')}
        onClose={() => setIssuing(false)}
        onSubmit={async (v) => {
          const res = await createOpen311Client(v.name.trim());
          setIssued({ name: res.client.name, apiKey: res.apiKey });
          await refresh();
        }}
      >
        <Form.Item name="name" label={t('o2o.open311.name')} rules={[{ required: true, whitespace: true, message: t('o2o.admin.required', { field: t('o2o.open311.name') }) }]}>
          <Input maxLength={60} placeholder={t('o2o.open311.namePh')} />
        </Form.Item>
      </FormModal>
      <Modal
        open={issued !== null}
        title={t('o2o.open311.issuedTitle')}
        closable={false}
        mask={{ closable: false }}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            {t('o2o.open311.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('o2o.open311.issuedWarn')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph strong>{issued?.name}</Typography.Paragraph>
        <Typography.Paragraph code copyable={{ text: issued?.apiKey ?? '', tooltips: [t('o2o.open311.copy'), t('o2o.open311.copied')] }} style={{ wordBreak: 'break-all' }} data-testid="open311-new-key">
          {issued?.apiKey}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
