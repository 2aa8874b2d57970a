import { useState } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Flex, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ARCHIVE_PURPOSES, type ArchivePurpose } from '../../../../contracts/archive.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { useMe } from '../../auth/index.ts';
import { createArchiveRequest } from '../archive.api.ts';

type Values = { purpose: ArchivePurpose; reason: string };

/**
 * 申请查阅档案 on a dossier page: purpose and reason, then POST /api/archive/requests. Hidden without
 * archive.request and on the caller's own dossier (the server also refuses relatives, with its reason).
 */
export function RequestArchiveButton({ personId, personName }: { personId: string; personName: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  if (!me.permissions.includes('archive.request') || me.personId === personId) return null;

  return (
    <Flex justify="flex-end" style={{ marginBottom: 8 }}>
      <Button icon={<FileSearchOutlined />} onClick={() => setOpen(true)}>
        {t('archive.request')}
      </Button>
      {open ? (
        <FormModal<Values>
          open
          form={form}
          title={t('archive.requestTitle', { name: personName })}
          okText={t('common.submit')}
          initialValues={{ purpose: 'INSPECTION' }}
          onClose={() => setOpen(false)}
          onSubmit={async (values) => {
            await createArchiveRequest({ personId, purpose: values.purpose, reason: values.reason.trim() });
            await queryClient.invalidateQueries({ queryKey: ['archive'] });
            void message.success({
              content: (
                <span>
                  {t('archive.submitted')}{' '}
                  <Button type="link" size="small" onClick={() => void navigate('/archive')}>
                    {t('archive.title')}
                  </Button>
                </span>
              ),
            });
          }}
        >
          <Alert type="info" showIcon title={t('archive.requestHint')} style={{ marginBottom: 16 }} />
          <Form.Item name="purpose" label={t('archive.purpose')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('archive.purpose') }) }]}>
            <Select<ArchivePurpose> options={ARCHIVE_PURPOSES.map((p) => ({ value: p, label: t(`archive.purposes.${p}`) }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('archive.reason')}
            extra={t('archive.reasonHint', { min: LIMITS.reasonMin, max: LIMITS.reasonMax })}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('archive.reason') }) },
              { min: LIMITS.reasonMin, max: LIMITS.reasonMax, transform: (v: string) => v?.trim(), message: t('archive.reasonLength', { min: LIMITS.reasonMin, max: LIMITS.reasonMax }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={LIMITS.reasonMax} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}
