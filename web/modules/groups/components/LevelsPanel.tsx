import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Spin, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_UNIT_TYPES } from '../../../../contracts/enums.ts';
import type { GroupLevel, GroupLevelConfig } from '../../../../contracts/groups.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useCan } from '../../auth/index.ts';
import { listLevels, putLevel } from '../groups.api.ts';

type LevelForm = { nameZh: string; nameEn: string; unitTypes: string[] };

/** The [INF] level → unit-type mapping, shown as an inference; county-level managers may edit it (the server checks). */
export function LevelsPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canManage = useCan('o2o.groups');
  const levels = useQuery({ queryKey: ['groups', 'levels'], queryFn: listLevels });
  const [editing, setEditing] = useState<GroupLevelConfig | null>(null);
  const [form] = Form.useForm<LevelForm>();
  if (levels.isPending) return <Spin />;
  if (levels.isError) return <QueryError error={levels.error} onRetry={() => void levels.refetch()} />;
  const typeLabel = (type: string) => t(`orgUnitTypes.${type}`, { defaultValue: type });
  return (
    <>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('groups.inferredNotice')} />
      <Table<GroupLevelConfig>
        size="small"
        rowKey="level"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={levels.data}
        columns={[
          { title: t('groups.level'), dataIndex: 'level', render: (l: GroupLevel, r) => <>{t(`groups.levels.${l}`)} {r.inferred ? <Tag color="gold">{t('groups.levelConfig.inferred')}</Tag> : null}</> },
          { title: t('groups.levelConfig.nameZh'), dataIndex: 'nameZh' },
          { title: t('groups.levelConfig.nameEn'), dataIndex: 'nameEn' },
          { title: t('groups.levelConfig.unitTypes'), dataIndex: 'unitTypes', render: (types: string[]) => types.map((x) => <Tag key={x}>{typeLabel(x)}</Tag>) },
          { title: t('groups.levelConfig.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'edit',
                  render: (_: unknown, r: GroupLevelConfig) => (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ nameZh: r.nameZh, nameEn: r.nameEn, unitTypes: r.unitTypes });
                        setEditing(r);
                      }}
                    >
                      {t('groups.levelConfig.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={editing !== null}
        title={editing ? `${t('groups.levelConfig.edit')}：${t(`groups.levels.${editing.level}`)}` : ''}
        form={form}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await putLevel(editing!.level, v);
          void queryClient.invalidateQueries({ queryKey: ['groups'] });
        }}
      >
        <Form.Item name="nameZh" label={t('groups.levelConfig.nameZh')} rules={[{ required: true, min: 2, max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('groups.levelConfig.nameEn')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="unitTypes" label={t('groups.levelConfig.unitTypes')} rules={[{ required: true }]}>
          <Select mode="multiple" options={ORG_UNIT_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}
