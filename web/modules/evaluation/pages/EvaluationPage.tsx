import { App as AntApp, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Evaluation } from '../../../../contracts/evaluation.ts';
import { errorMessage } from '../../../api/client.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { closeEvaluation, getEvaluation, openEvaluation } from '../evaluation.api.ts';
import { cst, STATUS_COLORS } from '../evaluation-labels.ts';

/** /evaluations/:id: the evaluation, its groups (planned / issued / submitted, counts only) and the next steps. */
export default function EvaluationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const result = useQuery({ queryKey: ['evaluation', id], queryFn: () => getEvaluation(id) });
  if (result.isError) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <PageLoading />;
  const e: Evaluation = result.data;

  const step = (title: string, content: string, run: () => Promise<unknown>, done: string) =>
    modal.confirm({
      title,
      content,
      okText: title,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run();
          void message.success(done);
          void queryClient.invalidateQueries({ queryKey: ['evaluation', id] });
          void queryClient.invalidateQueries({ queryKey: ['evaluations'] });
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });

  return (
    <>
      <PageHeader
        title={`${t('evaluation.detail')} · ${e.subjectName}`}
        extra={
          <Space wrap>
            {e.can.issueTokens ? <Button onClick={() => void navigate(`/evaluations/${id}/tokens`)}>{t('evaluation.issueTokens')}</Button> : null}
            {e.can.open ? <Button type="primary" onClick={() => step(t('evaluation.open'), t('evaluation.openConfirm'), () => openEvaluation(id), t('evaluation.opened'))}>{t('evaluation.open')}</Button> : null}
            {e.can.close ? <Button danger onClick={() => step(t('evaluation.close'), t('evaluation.closeConfirm'), () => closeEvaluation(id), t('evaluation.closed'))}>{t('evaluation.close')}</Button> : null}
            {e.can.viewResults ? <Button type="primary" onClick={() => void navigate(`/evaluations/${id}/results`)}>{t('evaluation.results')}</Button> : null}
            <Link to="/evaluations">{t('evaluation.backToList')}</Link>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('evaluation.subject')}>{e.subjectName}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.post')}>{[e.subjectOrgName, e.subjectPost].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.purpose')}>{t(`evaluation.purposes.${e.purpose}`)}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.status')}>
            <Tag color={STATUS_COLORS[e.status]}>{t(`evaluation.statuses.${e.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluation.openAt')}>{cst(e.openAt)}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.closeAt')}>{cst(e.closeAt)}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.minGroupSize')}>{e.settings.minGroupSize}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.freeTextMin')}>{e.settings.freeTextMin}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('evaluation.groups')}>
        <Table
          rowKey="group"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={e.groups}
          columns={[
            { key: 'group', title: t('evaluation.groups'), render: (_, g) => t(`evaluation.groupNames.${g.group}`) },
            { key: 'weight', title: t('evaluation.weight'), render: (_, g) => (g.group === 'SELF' ? '—' : e.settings.groupWeights[g.group]) },
            { key: 'planned', title: t('evaluation.planned'), dataIndex: 'tokenCount' },
            { key: 'issued', title: t('evaluation.issued'), dataIndex: 'issued' },
            { key: 'used', title: t('evaluation.used'), dataIndex: 'used' },
          ]}
        />
      </Card>
    </>
  );
}
