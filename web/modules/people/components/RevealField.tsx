import { useState } from 'react';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RevealField as Field } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { revealField } from '../people.api.ts';

type Props = { personId: string; field: Field; masked: string | null; canReveal: boolean; label: string };

/**
 * A masked value (身份证号 / 手机) with a 查看 button: asks for a reason (audited), then
 * POST /api/people/:id/reveal. A stale login answers 401 REAUTH_REQUIRED and the client's password modal comes first.
 * The full value lives only in this component's state.
 */
export function RevealField({ personId, field, masked, canReveal, label }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [asking, setAsking] = useState(false);
  const [value, setValue] = useState<string | null>(null);

  if (!masked) return <span>{t('common.dash')}</span>;
  return (
    <Flex align="center" gap={8} wrap>
      <span className="bw-masked" aria-label={label}>
        {value ?? masked}
      </span>
      {value ? (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dossier.revealed')}
          </Typography.Text>
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setValue(null)}>
            {t('dossier.hide')}
          </Button>
        </>
      ) : canReveal ? (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)} aria-label={`${t('dossier.reveal')} ${label}`}>
          {t('dossier.reveal')}
        </Button>
      ) : null}
      {asking ? (
        <FormModal<{ reason: string }>
          open
          form={form}
          title={t('dossier.revealTitle', { field: label })}
          okText={t('dossier.reveal')}
          onClose={() => setAsking(false)}
          onSubmit={async ({ reason }) => {
            const result = await revealField(personId, field, reason.trim());
            setValue(result.value ?? masked);
          }}
        >
          <Form.Item
            name="reason"
            label={t('dossier.revealReason')}
            extra={t('dossier.revealReasonHint', { min: LIMITS.reasonMin, max: LIMITS.reasonMax })}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('dossier.revealReason') }) },
              {
                min: LIMITS.reasonMin,
                max: LIMITS.reasonMax,
                transform: (v: string) => v?.trim(),
                message: t('dossier.revealReasonLength', { min: LIMITS.reasonMin, max: LIMITS.reasonMax }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={LIMITS.reasonMax} showCount autoFocus />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}
