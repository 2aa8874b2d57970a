import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Flex, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { IntegrityConclusion, SignatureSlot, SignerRole } from '../../../../contracts/integrity.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { OpinionButton } from '../components/OpinionButton.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { ConclusionForm } from '../components/ConclusionForm.tsx';
import { acceptConclusion, getConclusion, returnConclusion, signConclusion, submitConclusion } from '../integrity.api.ts';
import { OUTCOME_COLORS, STATUS_COLORS } from '../integrity-labels.ts';

/** One signature slot: who may sign, the signature (bound to the content hash) or the sign button. */
function SlotCard({ c, slot, onSign, busy }: { c: IntegrityConclusion; slot: SignatureSlot; onSign: (role: SignerRole) => void; busy: boolean }) {
  const { t } = useTranslation();
  const role = t(`integrity.roles.${slot.role}`);
  const sig = slot.signature;
  return (
    <Card size="small" title={t('integrity.slot', { role })} aria-label={t('integrity.slot', { role })} style={{ height: '100%' }}>
      {slot.escalated ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('integrity.escalated')} /> : null}
      {sig ? (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>
            <CheckCircleFilled style={{ color: '#52c41a' }} /> {t('integrity.signedBy', { name: sig.signerName, at: formatDateTime(sig.signedAt) })}
          </Typography.Text>
          {sig.basis === 'ESCALATED' ? <Tag color="purple">{t('integrity.basisEscalated')}</Tag> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('integrity.contentHash')}：<code>{sig.contentHash.slice(0, 16)}…</code>
          </Typography.Text>
        </Space>
      ) : (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            <ClockCircleOutlined /> {t('integrity.notSigned')}
          </Typography.Text>
          <Typography.Text>
            {t('integrity.mayBeSignedBy')}：{slot.eligible.length ? slot.eligible.map((e) => `${e.name}（${e.title}）`).join('、') : t('integrity.nobodyEligible')}
          </Typography.Text>
          {c.can.sign.includes(slot.role) ? (
            <Button type="primary" size="large" block loading={busy} onClick={() => onSign(slot.role)}>
              {t('integrity.signAs', { role })}
            </Button>
          ) : null}
        </Space>
      )}
    </Card>
  );
}

/** /integrity/conclusions/:id: content, the two signature slots, version history, submit / accept / return. */
export default function ConclusionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [returnForm] = Form.useForm<{ reason: string }>();
  const result = useQuery({ queryKey: ['integrity', 'conclusion', id], queryFn: () => getConclusion(id) });
  if (result.error) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <PageLoading />;
  const c = result.data;

  const after = (next: IntegrityConclusion, text: string) => {
    void message.success(text);
    queryClient.setQueryData(['integrity', 'conclusion', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['integrity', 'conclusions'] });
    if (next.id !== c.id) void navigate(`/integrity/conclusions/${next.id}`);
  };
  const run = async (fn: () => Promise<IntegrityConclusion>, text: string) => {
    setBusy(true);
    try {
      after(await fn(), text);
    } catch (e) {
      void message.error(errorMessage(e));
      void result.refetch();
    } finally {
      setBusy(false);
    }
  };
  const sign = (role: SignerRole) =>
    modal.confirm({
      title: t('integrity.signConfirmTitle'),
      content: t('integrity.signConfirm', { role: t(`integrity.roles.${role}`), name: c.subjectName, version: c.version }),
      okText: t('integrity.sign'),
      cancelText: t('common.cancel'),
      onOk: () => run(() => signConclusion(c.id, role, c.contentHash), t('integrity.signedOk')),
    });
  const latest = c.versions[0];
  const returnedBefore = c.versions.find((v) => v.version === c.version - 1 && v.returnReason);

  return (
    <>
      <PageHeader
        title={`${c.subjectName} · ${t('integrity.tabs.conclusions')}`}
        sub={
          <Space wrap size={4}>
            <span>
              {c.unitName} · {t('integrity.versionN', { n: c.version })}
            </span>
            <Tag color={STATUS_COLORS[c.status]}>{t(`integrity.statuses.${c.status}`)}</Tag>
          </Space>
        }
        extra={
          <>
            <Button onClick={() => void navigate('/integrity')}>{t('integrity.back')}</Button>
            {c.signedRoles.includes('SECRETARY') && c.signedRoles.includes('DISCIPLINE') ? <OpinionButton id={c.id} fallbackName={t('integrity.opinionName')} /> : null}
            {c.can.edit ? <Button onClick={() => setEditing(true)}>{t('integrity.edit')}</Button> : null}
            {c.can.submit ? (
              <Button type="primary" loading={busy} onClick={() => void run(() => submitConclusion(c.id), t('integrity.submitted'))}>
                {t('integrity.submit')}
              </Button>
            ) : null}
            {c.can.accept ? (
              <Button type="primary" loading={busy} onClick={() => void run(() => acceptConclusion(c.id), t('integrity.accepted'))}>
                {t('integrity.accept')}
              </Button>
            ) : null}
            {c.can.return ? (
              <Button danger onClick={() => setReturning(true)}>
                {t('integrity.return')}
              </Button>
            ) : null}
          </>
        }
      />
      {!c.current && latest ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('integrity.notCurrent')} action={<Link to={`/integrity/conclusions/${latest.id}`}>{t('integrity.openCurrent')}</Link>} />
      ) : null}
      {returnedBefore ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('integrity.returnedReason', { reason: returnedBefore.returnReason })} /> : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={1} size="small" layout={isMobile ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label={t('integrity.outcome')}>
            <Tag color={OUTCOME_COLORS[c.conclusion]}>{t(`integrity.outcomes.${c.conclusion}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('integrity.basis')}>
            <Space wrap size={4}>
              {c.basis.map((b) => (
                <Tag key={b}>{t(`integrity.bases.${b}`)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('integrity.text')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.text}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('integrity.contentHash')}>
            <Space orientation="vertical" size={0}>
              <Typography.Text code copyable={{ text: c.contentHash }} style={{ wordBreak: 'break-all' }}>
                {c.contentHash.slice(0, 24)}…
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('integrity.hashHint')}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {c.slots.map((slot) => (
          <Col key={slot.role} xs={24} md={12}>
            <SlotCard c={c} slot={slot} onSign={sign} busy={busy} />
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('integrity.history')}>
        <List
          size="small"
          dataSource={c.versions}
          rowKey="id"
          renderItem={(v) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                {v.id === c.id ? <Typography.Text strong>{t('integrity.versionN', { n: v.version })}</Typography.Text> : <Link to={`/integrity/conclusions/${v.id}`}>{t('integrity.versionN', { n: v.version })}</Link>}
                <Tag color={STATUS_COLORS[v.status]}>{t(`integrity.statuses.${v.status}`)}</Tag>
                {v.signedRoles.map((r) => (
                  <Tag key={r} color="green">
                    ✓ {t(`integrity.roles.${r}`)}
                  </Tag>
                ))}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(v.createdAt)}
                </Typography.Text>
                {v.returnReason ? <Typography.Text type="warning">{t('integrity.returnedReason', { reason: v.returnReason })}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      {editing ? <ConclusionForm existing={c} onClose={() => setEditing(false)} onDone={(next) => after(next, t('integrity.saved'))} /> : null}
      {returning ? (
        <FormModal<{ reason: string }>
          open
          form={returnForm}
          title={t('integrity.returnTitle')}
          okText={t('integrity.return')}
          onClose={() => setReturning(false)}
          onSubmit={async (v) => after(await returnConclusion(c.id, v.reason.trim()), t('integrity.returned'))}
        >
          <Form.Item
            name="reason"
            label={t('integrity.returnReason')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('integrity.returnReason') }) },
              { min: LIMITS.reasonMin, max: LIMITS.reasonMax, transform: (v: string) => v?.trim(), message: t('integrity.returnReasonLength', { min: LIMITS.reasonMin, max: LIMITS.reasonMax }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={LIMITS.reasonMax} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
