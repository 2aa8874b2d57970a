import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, Flex, Image, List, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MatterAction, MatterDetail, MatterEvent, TransitionRequest } from '../../../../contracts/o2o.ts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { DueCountdown } from '../components/DueCountdown.tsx';
import { TransitionDialog } from '../components/TransitionDialog.tsx';
import { getMatter, photoUrl, revealRequester, transitionMatter } from '../o2o.api.ts';
import { MATTER_STATUS_COLORS } from '../labels.ts';

/** Actions shown as the primary button (the normal next step); the others are plain buttons. */
const PRIMARY: readonly MatterAction[] = ['accept', 'dispatch', 'sign', 'start', 'reply', 'close', 'revisit', 'resume', 'approveExtension'];
const DANGER: readonly MatterAction[] = ['reject', 'return', 'denyExtension'];

/** /o2o/matters/:id: the matter, what the caller may do now (server-decided), its timeline, notices and photos. */
export default function MatterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['o2o', 'matter', id], queryFn: () => getMatter(id) });
  const [action, setAction] = useState<MatterAction | null>(null);
  const [revealed, setRevealed] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [revealing, setRevealing] = useState(false);

  if (detail.isPending) return <Spin />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d: MatterDetail = detail.data;
  const m = d.matter;

  const submit = async (body: TransitionRequest) => {
    await transitionMatter(m.id, body);
    void message.success(`${t(`o2o.actions.${body.action}`)} ✓`);
    await queryClient.invalidateQueries({ queryKey: ['o2o'] });
  };
  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await revealRequester(m.id));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };
  const actor = (e: MatterEvent) => (e.actorRole === 'SYSTEM' ? t('o2o.system') : e.actorRole === 'CITIZEN' ? t('o2o.citizen') : (e.actorName ?? e.actorRole ?? ''));
  const eventLabel = (a: string) => t(`o2o.actions.${a}`, { defaultValue: a });
  const requester = m.anonymous ? (
    <Typography.Text type="secondary">{m.requester ? `${t('o2o.anonymous')}（${[m.requester.nameMasked, m.requester.phoneMasked].filter(Boolean).join(' ')}）` : t('o2o.anonymousHidden')}</Typography.Text>
  ) : m.requester ? (
    <Space wrap size={4}>
      <span className="bw-masked">{revealed ? [revealed.name, revealed.phone].filter(Boolean).join(' ') : [m.requester.nameMasked, m.requester.phoneMasked].filter(Boolean).join(' ')}</span>
      {revealed ? (
        <Typography.Text type="secondary">{t('o2o.revealed')}</Typography.Text>
      ) : (
        <Button size="small" loading={revealing} onClick={() => void reveal()}>
          {t('o2o.reveal')}
        </Button>
      )}
    </Space>
  ) : (
    <Typography.Text type="secondary">{t('o2o.requesterHidden')}</Typography.Text>
  );

  return (
    <>
      <PageHeader
        title={m.code}
        sub={m.title}
        extra={
          <>
            <Tag color={MATTER_STATUS_COLORS[m.status]}>{t(`o2o.statuses.${m.status}`)}</Tag>
            <DueCountdown matter={m} />
            <Link to="/o2o">{t('o2o.back')}</Link>
          </>
        }
      />
      {m.allowed.length > 0 ? (
        <Flex wrap gap={8} style={{ marginBottom: 12 }} role="group" aria-label={t('o2o.status')}>
          {m.allowed.map((a) => (
            <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setAction(a)}>
              {t(`o2o.actions.${a}`)}
            </Button>
          ))}
        </Flex>
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('o2o.description')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.description}</Typography.Paragraph>
            {m.resolutionText ? (
              <>
                <Typography.Text strong>{t('o2o.resolution')}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.resolutionText}</Typography.Paragraph>
              </>
            ) : null}
            {m.rejectReason ? (
              <>
                <Typography.Text strong>{t('o2o.rejectReason')}</Typography.Text>
                <Typography.Paragraph>{m.rejectReason}</Typography.Paragraph>
              </>
            ) : null}
            {d.photos.length > 0 ? (
              <Image.PreviewGroup>
                <Flex wrap gap={8}>
                  {d.photos.map((p) => (
                    <Image key={p.id} width={96} height={96} style={{ objectFit: 'cover' }} src={photoUrl(m.id, p.id)} alt={t('o2o.photos')} />
                  ))}
                </Flex>
              </Image.PreviewGroup>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('o2o.category')}>
                {t(`o2o.categories.${m.category}`)} · {t(`o2o.urgencies.${m.urgency}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('o2o.channel')}>{t(`o2o.channels.${m.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.location')}>{m.townName && m.townName !== m.locationName ? `${m.townName} ${m.locationName}` : m.locationName}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.requester')}>{requester}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.level')}>{`${t(`o2o.levels.${m.currentLevel}`)} · ${m.levelName}`}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.assigned')}>{m.assignedName ? `${m.assignedName}${m.assigneeName ? ` · ${m.assigneeName}` : ''}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.receivedAt')}>{formatDateTime(m.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.acceptedAt')}>{formatDateTime(m.acceptedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.dueAt')}>{formatDate(m.dueAt)}</Descriptions.Item>
              {m.repliedAt ? <Descriptions.Item label={t('o2o.repliedAt')}>{formatDateTime(m.repliedAt)}</Descriptions.Item> : null}
              {m.closedAt ? <Descriptions.Item label={t('o2o.closedAt')}>{formatDateTime(m.closedAt)}</Descriptions.Item> : null}
              <Descriptions.Item label={t('o2o.satisfaction')}>{m.satisfaction ? t(`o2o.satisfactions.${m.satisfaction}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('o2o.citizenSatisfaction')}>
                {m.citizenSatisfaction ? `${t(`o2o.satisfactions.${m.citizenSatisfaction}`)}${m.citizenComment ? `：${m.citizenComment}` : ''}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('o2o.flags')}>
                <Space wrap size={4}>
                  {m.responseOverdue ? <Tag color="gold">{t('o2o.responseOverdueFlag')}</Tag> : null}
                  {m.overdue ? <Tag color="red">{t('o2o.overdueFlag')}</Tag> : null}
                  {m.supervised ? <Tag color="orange">{t('o2o.supervised')}</Tag> : null}
                  {m.m10Candidate ? <Tag color="magenta">{t('o2o.m10')}</Tag> : null}
                  {m.escalationCount ? <Tag>{t('o2o.escalations', { n: m.escalationCount })}</Tag> : null}
                  {m.returnCount ? <Tag>{t('o2o.returns', { n: m.returnCount })}</Tag> : null}
                  {m.extensionCount ? <Tag>{t('o2o.extensions', { n: m.extensionCount })}</Tag> : null}
                  {m.reopenCount ? <Tag>{t('o2o.reopens', { n: m.reopenCount })}</Tag> : null}
                  {!m.responseOverdue && !m.overdue && !m.supervised && !m.escalationCount && !m.returnCount && !m.extensionCount && !m.reopenCount ? '—' : null}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('o2o.timeline')}>
            <Timeline
              items={d.events.map((e) => ({
                key: `${e.at}-${e.action}-${e.toStatus}`,
                color: e.action === 'overdue' ? 'red' : e.action === 'reject' || e.action === 'return' ? 'orange' : 'blue',
                content: (
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <span>
                      <Typography.Text strong>{eventLabel(e.action)}</Typography.Text> · {actor(e)}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.at)} · {t(`o2o.statuses.${e.toStatus}`, { defaultValue: e.toStatus })}
                    </Typography.Text>
                    {e.note ? <Typography.Text style={{ wordBreak: 'break-word' }}>{`${t('o2o.internalNote')}：${e.note}`}</Typography.Text> : null}
                    {e.publicNote ? <Typography.Text type="success" style={{ wordBreak: 'break-word' }}>{`${t('o2o.publicNote')}：${e.publicNote}`}</Typography.Text> : null}
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('o2o.notices')}>
            {d.notices.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={d.notices}
                renderItem={(n) => (
                  <List.Item>
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <Typography.Text style={{ wordBreak: 'break-word' }}>{n.message}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.createdAt)} · {n.toName}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <TransitionDialog action={action} matter={{ code: m.code, category: m.category, dueAt: m.dueAt }} onClose={() => setAction(null)} onSubmit={submit} />
    </>
  );
}
