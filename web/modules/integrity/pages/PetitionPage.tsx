import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { INTEGRITY_TEXT_MAX, type PetitionStatus } from '../../../../contracts/integrity.ts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getPetition, movePetition } from '../integrity.api.ts';
import { PETITION_COLORS } from '../integrity-labels.ts';

const CONCLUDING: PetitionStatus[] = ['VERIFIED_TRUE', 'PARTLY_TRUE', 'UNFOUNDED'];

/** /integrity/petitions/:id (discipline commission): content, the identity for the handler, and the next steps. */
export default function PetitionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<PetitionStatus | null>(null);
  const [form] = Form.useForm<{ conclusion: string }>();
  const result = useQuery({ queryKey: ['integrity', 'petition', id], queryFn: () => getPetition(id) });
  if (result.error) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <PageLoading />;
  const p = result.data;
  const move = async (to: PetitionStatus, conclusion?: string) => {
    const next = await movePetition(p.id, to, conclusion);
    queryClient.setQueryData(['integrity', 'petition', p.id], next);
    void queryClient.invalidateQueries({ queryKey: ['integrity', 'petitions'] });
    void message.success(t('integrity.petitions.moved'));
  };
  return (
    <>
      <PageHeader
        title={`${t('integrity.tabs.petitions')} · ${p.subjects.map((s) => s.name).join('、')}`}
        sub={<Tag color={PETITION_COLORS[p.status]}>{t(`integrity.petitions.statuses.${p.status}`)}</Tag>}
        extra={
          <>
            <Button onClick={() => void navigate('/integrity?tab=petitions')}>{t('integrity.back')}</Button>
            {p.next.map((to) => (
              <Button
                key={to}
                onClick={() => (CONCLUDING.includes(to) ? setMoving(to) : void move(to).catch((e: unknown) => void message.error(errorMessage(e))))}
              >
                {t('integrity.petitions.move', { status: t(`integrity.petitions.statuses.${to}`) })}
              </Button>
            ))}
          </>
        }
      />
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('integrity.petitions.receivedAt')}>{formatDate(p.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('integrity.petitions.channel')}>{t(`integrity.petitions.channels.${p.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('integrity.petitions.realName')}>
            {p.realName ? (p.reporterIdentity ?? <Typography.Text type="secondary">{t('integrity.petitions.identityHidden')}</Typography.Text>) : t('integrity.petitions.anonymous')}
          </Descriptions.Item>
          <Descriptions.Item label={t('integrity.petitions.checkable')}>{p.specificAndCheckable ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('integrity.petitions.content')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.content}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('integrity.petitions.handler')}>{p.handlerName}</Descriptions.Item>
          <Descriptions.Item label={t('integrity.petitions.conclusion')}>{p.conclusion ?? t('common.dash')}</Descriptions.Item>
        </Descriptions>
        <Space />
      </Card>
      {moving ? (
        <FormModal<{ conclusion: string }>
          open
          form={form}
          title={t('integrity.petitions.moveTitle', { status: t(`integrity.petitions.statuses.${moving}`) })}
          onClose={() => setMoving(null)}
          onSubmit={async (v) => move(moving, v.conclusion.trim())}
        >
          <Form.Item name="conclusion" label={t('integrity.petitions.conclusion')} rules={[{ required: true, whitespace: true, min: 4, message: t('common.required', { field: t('integrity.petitions.conclusion') }) }]}>
            <Input.TextArea rows={4} maxLength={INTEGRITY_TEXT_MAX} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
