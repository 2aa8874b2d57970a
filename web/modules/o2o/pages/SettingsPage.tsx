import { useState } from 'react';
import { Alert, App as AntApp, Button, Flex, Form, Input, InputNumber, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MATTER_CATEGORIES, MATTER_STATUSES, type MatterCategory, type MatterStatus, type ReplyTemplate, type SlaRule } from '../../../../contracts/o2o.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { fillTemplate } from '../labels.ts';
import { listAllTemplates, listSlaRules, putSlaRule, putTemplate } from '../o2o.api.ts';

type SlaValues = Pick<SlaRule, 'respondHours' | 'handleWorkingDays' | 'extensionWorkingDays'>;
type TemplateValues = Omit<ReplyTemplate, 'id'>;
const SAMPLE = { code: 'CSX-2026-000123', dueDate: '2026-12-08', unit: '黄花镇农业综合服务中心', text: '已安排人员于本周内修复。', reason: '不属于本村受理范围' };

/** /o2o/settings: SLA rules per urgency × category and reply templates per state; editable by SYS_ADMIN and the county O2O office. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('sla');
  return (
    <>
      <PageHeader title={t('o2o.admin.title')} sub={t('o2o.admin.sub')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'sla', label: t('o2o.admin.slaTab'), children: <SlaRules /> },
          { key: 'templates', label: t('o2o.admin.templatesTab'), children: <Templates /> },
        ]}
      />
    </>
  );
}

/** '*' is the default rule / template for every category. */
function useCategoryLabel(): (c: string) => string {
  const { t } = useTranslation();
  return (c) => (c === '*' ? t('o2o.admin.anyCategory') : t(`o2o.categories.${c as MatterCategory}`));
}

function SlaRules() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const categoryLabel = useCategoryLabel();
  const rules = useQuery({ queryKey: ['o2o', 'sla-rules'], queryFn: listSlaRules });
  const [editing, setEditing] = useState<SlaRule | null>(null);
  const [form] = Form.useForm<SlaValues>();
  if (rules.error) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  const canEdit = rules.data?.canEdit ?? false;
  const name = (r: SlaRule) => `${t(`o2o.urgencies.${r.urgency}`)} · ${categoryLabel(r.category)}`;
  const editButton = (r: SlaRule) => <Button size="small" icon={<EditOutlined />} aria-label={`${t('o2o.admin.edit')} ${name(r)}`} onClick={() => setEditing(r)}>{isMobile ? null : t('o2o.admin.edit')}</Button>;
  // 375 px: one stacked column per rule, the edit button beside it
  const mobile: TableColumnsType<SlaRule> = [
    {
      title: t('o2o.admin.slaTab'),
      key: 'rule',
      render: (_: unknown, r) => (
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical gap={2} style={{ width: 260, whiteSpace: 'normal' }}>
            <Typography.Text strong>{name(r)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('o2o.admin.slaShort', { r: r.respondHours, h: r.handleWorkingDays, e: r.extensionWorkingDays })}
            </Typography.Text>
          </Flex>
          {canEdit ? editButton(r) : null}
        </Flex>
      ),
    },
  ];
  const desktop: TableColumnsType<SlaRule> = [
    { title: t('o2o.admin.urgency'), dataIndex: 'urgency', render: (u: SlaRule['urgency']) => <Tag color={u === 'URGENT' ? 'red' : u === 'COMPLEX' ? 'purple' : 'blue'}>{t(`o2o.urgencies.${u}`)}</Tag> },
    { title: t('o2o.admin.category'), dataIndex: 'category', render: (c: string) => categoryLabel(c) },
    { title: t('o2o.admin.respondHours'), dataIndex: 'respondHours', align: 'right' },
    { title: t('o2o.admin.handleWorkingDays'), dataIndex: 'handleWorkingDays', align: 'right' },
    { title: t('o2o.admin.extensionWorkingDays'), dataIndex: 'extensionWorkingDays', align: 'right' },
    ...(canEdit ? [{ title: '', key: 'edit', render: (_: unknown, r: SlaRule) => editButton(r) }] : []),
  ];
  const columns = isMobile ? mobile : desktop;
  return (
    <section aria-label={t('o2o.admin.slaLabel')}>
      {rules.data && !canEdit ? <Alert type="info" showIcon title={t('o2o.admin.readOnly')} style={{ marginBottom: 12 }} /> : null}
      <Table<SlaRule> size="small" rowKey="id" loading={rules.isFetching} columns={columns} dataSource={rules.data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      <FormModal<SlaValues>
        open={editing !== null}
        title={editing ? t('o2o.admin.editSla', { name: name(editing) }) : ''}
        form={form}
        initialValues={editing ?? {}}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await putSlaRule(editing!.id, v);
          await queryClient.invalidateQueries({ queryKey: ['o2o', 'sla-rules'] });
          void message.success(t('o2o.admin.saved'));
        }}
      >
        <Form.Item name="respondHours" label={t('o2o.admin.respondHours')} rules={[{ required: true, message: t('o2o.admin.required', { field: t('o2o.admin.respondHours') }) }]}>
          <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="handleWorkingDays" label={t('o2o.admin.handleWorkingDays')} rules={[{ required: true, message: t('o2o.admin.required', { field: t('o2o.admin.handleWorkingDays') }) }]}>
          <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="extensionWorkingDays" label={t('o2o.admin.extensionWorkingDays')} rules={[{ required: true, message: t('o2o.admin.required', { field: t('o2o.admin.extensionWorkingDays') }) }]}>
          <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </section>
  );
}

function Templates() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();
  const categoryLabel = useCategoryLabel();
  const templates = useQuery({ queryKey: ['o2o', 'templates', 'all'], queryFn: listAllTemplates });
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  const [form] = Form.useForm<TemplateValues>();
  const body = Form.useWatch('body', form) ?? '';
  if (templates.error) return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;
  const canEdit = templates.data?.canEdit ?? false;
  const activeTag = (a: boolean) => (a ? <Tag color="green">{t('o2o.admin.active')}</Tag> : <Tag>{t('o2o.admin.inactive')}</Tag>);
  const editButton = (r: ReplyTemplate) => <Button size="small" icon={<EditOutlined />} aria-label={`${t('o2o.admin.edit')} ${r.title}`} onClick={() => setEditing(r)}>{isMobile ? null : t('o2o.admin.edit')}</Button>;
  const desktop: TableColumnsType<ReplyTemplate> = [
    { title: t('o2o.admin.state'), dataIndex: 'status', render: (s: MatterStatus) => t(`o2o.statuses.${s}`) },
    { title: t('o2o.admin.category'), dataIndex: 'category', render: (c: string) => categoryLabel(c) },
    { title: t('o2o.admin.titleCol'), dataIndex: 'title' },
    { title: t('o2o.admin.body'), dataIndex: 'body', width: 420, render: (b: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{b}</Typography.Paragraph> },
    { title: t('o2o.admin.active'), dataIndex: 'active', render: activeTag },
    ...(canEdit ? [{ title: '', key: 'edit', render: (_: unknown, r: ReplyTemplate) => editButton(r) }] : []),
  ];
  // 375 px: one stacked column per template
  const mobile: TableColumnsType<ReplyTemplate> = [
    {
      title: t('o2o.admin.templatesTab'),
      key: 'template',
      render: (_: unknown, r) => (
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical gap={2} style={{ width: 250, whiteSpace: 'normal' }}>
            <Typography.Text strong>{r.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`o2o.statuses.${r.status as MatterStatus}`)} · {categoryLabel(r.category)} {activeTag(r.active)}
            </Typography.Text>
            <Typography.Text ellipsis style={{ fontSize: 12, maxWidth: 250 }}>{r.body}</Typography.Text>
          </Flex>
          {canEdit ? editButton(r) : null}
        </Flex>
      ),
    },
  ];
  const columns = isMobile ? mobile : desktop;
  return (
    <section aria-label={t('o2o.admin.templatesLabel')}>
      {templates.data && !canEdit ? <Alert type="info" showIcon title={t('o2o.admin.readOnly')} style={{ marginBottom: 12 }} /> : null}
      {canEdit ? (
        <div className="bw-filters">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('o2o.admin.newTemplate')}
          </Button>
        </div>
      ) : null}
      <Table<ReplyTemplate> size="small" rowKey="id" loading={templates.isFetching} columns={columns} dataSource={templates.data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      <FormModal<TemplateValues>
        open={editing !== null}
        title={editing === 'new' ? t('o2o.admin.newTemplate') : t('o2o.admin.editTemplate')}
        form={form}
        width={isMobile ? undefined : 640}
        initialValues={editing && editing !== 'new' ? editing : { status: 'ACCEPTED', category: '*', active: true }}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await putTemplate(editing === 'new' || editing === null ? 'new' : editing.id, { ...v, active: v.active ?? true });
          await queryClient.invalidateQueries({ queryKey: ['o2o', 'templates'] });
          void message.success(t('o2o.admin.saved'));
        }}
      >
        <Form.Item name="status" label={t('o2o.admin.state')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={MATTER_STATUSES.filter((s) => s !== 'ROUTED_DISCIPLINE').map((s) => ({ value: s, label: t(`o2o.statuses.${s}`) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('o2o.admin.category')} rules={[{ required: true }]}>
          <Select options={[{ value: '*', label: t('o2o.admin.anyCategory') }, ...MATTER_CATEGORIES.map((c) => ({ value: c, label: t(`o2o.categories.${c}`) }))]} />
        </Form.Item>
        <Form.Item name="title" label={t('o2o.admin.titleCol')} rules={[{ required: true, whitespace: true, message: t('o2o.admin.required', { field: t('o2o.admin.titleCol') }) }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="body" label={t('o2o.admin.body')} extra={t('o2o.admin.bodyHelp')} rules={[{ required: true, whitespace: true, message: t('o2o.admin.required', { field: t('o2o.admin.body') }) }]}>
          <Input.TextArea rows={4} maxLength={500} />
        </Form.Item>
        <Form.Item name="active" label={t('o2o.admin.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {body ? (
          <Alert type="success" title={t('o2o.admin.preview')} description={fillTemplate(body, SAMPLE)} />
        ) : null}
      </FormModal>
    </section>
  );
}
