import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, Flex, Form, Image, Input, InputNumber, List, Row, Select, Space, Spin, Tag, Timeline, Tooltip, Typography, DatePicker } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MEASURE_TYPES, type HouseholdDetail, type HouseholdTransition, type Measure } from '../../../../contracts/poverty.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { VisitModal } from '../components/VisitModal.tsx';
import { createObjection, getHousehold, listTeams, moveHousehold, photoUrl, putPlan, resolveObjection } from '../poverty.api.ts';
import { HOUSEHOLD_STATUS_COLORS } from '../labels.ts';

type Dialog = { kind: 'transition'; name: HouseholdTransition } | { kind: 'plan' } | { kind: 'objection' } | { kind: 'resolve'; objectionId: string } | null;

/** /poverty/households/:id: the household file with its workflow buttons, plan, visits with photos and history. */
export default function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const file = useQuery({ queryKey: ['poverty', 'household', id], queryFn: () => getHousehold(id) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [visiting, setVisiting] = useState(false);
  const [form] = Form.useForm<{ note?: string; teamId?: string }>();
  const [planForm] = Form.useForm<{ year: number; measures: Measure[] }>();
  const [objForm] = Form.useForm<{ receivedOn: dayjs.Dayjs; content: string }>();
  const [resolveForm] = Form.useForm<{ decision: 'UPHELD' | 'DISMISSED'; note: string }>();
  const villageId = file.data?.household.villageId;
  const needsTeam = dialog?.kind === 'transition' && (dialog.name === 'assign' || dialog.name === 'reassist');
  const teams = useQuery({ queryKey: ['poverty', 'teams-of', villageId ?? ''], queryFn: () => listTeams({ orgUnitId: villageId, status: 'ACTIVE', pageSize: 50 }), enabled: Boolean(villageId) && needsTeam });

  if (file.isPending) return <Spin />;
  if (file.isError) return <QueryError error={file.error} onRetry={() => void file.refetch()} />;
  const d: HouseholdDetail = file.data;
  const h = d.household;
  const set = (next: HouseholdDetail) => {
    queryClient.setQueryData(['poverty', 'household', id], next);
    void queryClient.invalidateQueries({ queryKey: ['poverty'], predicate: (q) => q.queryKey[1] !== 'household' });
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['poverty'] });
  const latestPlan = d.plans[0];
  const memberName = (memberId: string | null | undefined) => d.teamMembers.find((m) => m.id === memberId)?.name ?? '—';

  return (
    <>
      <PageHeader
        title={h.headName}
        sub={`${h.townName ?? ''} ${h.villageName}`}
        extra={
          <>
            <Tag color={HOUSEHOLD_STATUS_COLORS[h.status]}>{t(`poverty.statuses.${h.status}`)}</Tag>
            <Link to="/poverty?tab=households">{t('poverty.back')}</Link>
          </>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        {d.can.visit ? (
          <Button type="primary" onClick={() => setVisiting(true)}>
            {t('poverty.logVisit')}
          </Button>
        ) : null}
        {d.can.transitions.map((tr) => (
          <Tooltip key={tr.name} title={tr.reason ?? undefined}>
            <Button disabled={!tr.allowed} onClick={() => { form.resetFields(); setDialog({ kind: 'transition', name: tr.name }); }}>
              {t(`poverty.transitions.${tr.name}`)}
            </Button>
          </Tooltip>
        ))}
        {d.can.objection ? <Button onClick={() => setDialog({ kind: 'objection' })}>{t('poverty.recordObjection')}</Button> : null}
        {d.can.plan ? (
          <Button
            onClick={() => {
              planForm.setFieldsValue({ year: latestPlan?.year ?? dayjs().year(), measures: latestPlan?.measures ?? [] });
              setDialog({ kind: 'plan' });
            }}
          >
            {t('poverty.editPlan')}
          </Button>
        ) : null}
      </Flex>
      {d.can.transitions.filter((x) => !x.allowed && x.reason).map((x) => (
        <Typography.Paragraph key={x.name} type="secondary" style={{ marginBottom: 4 }}>
          {t(`poverty.transitions.${x.name}`)}：{x.reason}
        </Typography.Paragraph>
      ))}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('poverty.idMasked')}>{h.headIdNumberMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('poverty.phoneMasked')}>{d.headPhoneMasked ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('poverty.memberCountHh')}>{h.memberCount}</Descriptions.Item>
              <Descriptions.Item label={t('poverty.causes')}>{h.causes.map((c) => <Tag key={c}>{t(`poverty.causeLabels.${c}`)}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('poverty.identifiedYear')}>{h.identifiedYear}</Descriptions.Item>
              <Descriptions.Item label={t('poverty.team')}>{h.teamId ? <Link to={`/poverty/teams/${h.teamId}`}>{h.teamName}</Link> : '—'}</Descriptions.Item>
              {d.noticeStart ? <Descriptions.Item label={t('poverty.notice')}>{`${d.noticeStart} — ${d.noticeEnd}`}</Descriptions.Item> : null}
              {d.exitedOn ? <Descriptions.Item label={t('poverty.exitedOn')}>{d.exitedOn}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('poverty.plan')}>
            {d.plans.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('poverty.noPlan')} /> : null}
            {d.plans.map((p) => (
              <div key={p.year}>
                <Typography.Text strong>{t('poverty.planYear', { year: p.year })}</Typography.Text>
                <List
                  size="small"
                  dataSource={p.measures}
                  renderItem={(m) => (
                    <List.Item>
                      <span>
                        <Tag>{t(`poverty.measureTypes.${m.type}`)}</Tag>
                        {m.description}
                        {m.fundingYuan ? ` · ¥${m.fundingYuan}` : ''} · {t('poverty.owner')} {memberName(m.ownerMemberId)}
                      </span>
                    </List.Item>
                  )}
                />
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={`${t('poverty.visits')}（${d.visits.length}）`}>
            <List
              size="small"
              dataSource={d.visits}
              locale={{ emptyText: t('poverty.noVisits') }}
              renderItem={(v) => (
                <List.Item>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Typography.Text strong>
                      {formatDate(v.visitedOn)} · {v.members.map((m) => m.name).join('、')}
                    </Typography.Text>
                    <span>
                      {t('poverty.needs')}：{v.needs}
                    </span>
                    <span>
                      {t('poverty.actionsTaken')}：{v.actionsTaken}
                    </span>
                    {v.photos.length > 0 ? (
                      <Image.PreviewGroup>
                        <Space wrap>
                          {v.photos.map((p) => (
                            <Image key={p.id} width={72} height={72} style={{ objectFit: 'cover' }} src={photoUrl(p.id)} alt={t('poverty.photos')} />
                          ))}
                        </Space>
                      </Image.PreviewGroup>
                    ) : null}
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          {d.objections.length > 0 ? (
            <Card size="small" title={t('poverty.objections')} style={{ marginBottom: 12 }}>
              <List
                size="small"
                dataSource={d.objections}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      o.status === 'OPEN' && d.can.resolveObjection
                        ? [
                            <Button key="r" size="small" onClick={() => setDialog({ kind: 'resolve', objectionId: o.id })}>
                              {t('poverty.resolve')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <Flex vertical>
                      <span>
                        {formatDate(o.receivedOn)} <Tag>{t(`poverty.objectionStatuses.${o.status}`)}</Tag>
                      </span>
                      <span>{o.content}</span>
                      {o.resolutionNote ? <Typography.Text type="secondary">{o.resolutionNote}</Typography.Text> : null}
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          <Card size="small" title={t('poverty.timeline')}>
            <Timeline
              items={d.timeline.map((e) => ({
                key: e.id,
                content: (
                  <>
                    <Typography.Text strong>{t(`poverty.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text> {formatDate(e.occurredOn)}
                    {e.teamName ? ` · ${e.teamName}` : ''}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                    {e.note ? <div>{e.note}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <VisitModal householdId={id} members={d.teamMembers} open={visiting} onClose={() => setVisiting(false)} onSaved={refresh} />
      <FormModal<{ note?: string; teamId?: string }>
        open={dialog?.kind === 'transition'}
        title={dialog?.kind === 'transition' ? t(`poverty.transitions.${dialog.name}`) : ''}
        okText={dialog?.kind === 'transition' ? t(`poverty.transitions.${dialog.name}`) : undefined}
        form={form}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'transition') return;
          const next = await moveHousehold(id, dialog.name, v);
          set(next);
          void message.success(t('poverty.done', { what: t(`poverty.transitions.${dialog.name}`) }));
        }}
      >
        {needsTeam ? (
          <Form.Item name="teamId" label={t('poverty.chooseTeam')} rules={[{ required: true }]}>
            <Select loading={teams.isPending} options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('poverty.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
      <FormModal<{ year: number; measures: Measure[] }>
        open={dialog?.kind === 'plan'}
        title={t('poverty.editPlan')}
        form={planForm}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => set(await putPlan(id, v.year, { measures: v.measures ?? [] }))}
      >
        <Form.Item name="year" label={t('poverty.identifiedYear')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card size="small" key={f.key} style={{ marginBottom: 8 }} extra={<MinusCircleOutlined aria-label="remove" onClick={() => remove(f.name)} />}>
                  <Form.Item name={[f.name, 'type']} label={t('poverty.measureType')} rules={[{ required: true }]}>
                    <Select options={MEASURE_TYPES.map((m) => ({ value: m, label: t(`poverty.measureTypes.${m}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} label={t('poverty.description')} rules={[{ required: true }]}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'fundingYuan']} label={t('poverty.funding')}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerMemberId']} label={t('poverty.owner')}>
                    <Select allowClear options={d.teamMembers.map((m) => ({ value: m.id, label: m.name }))} />
                  </Form.Item>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ type: 'OTHER', description: '' })}>
                {t('poverty.addMeasure')}
              </Button>
            </>
          )}
        </Form.List>
      </FormModal>
      <FormModal<{ receivedOn: dayjs.Dayjs; content: string }>
        open={dialog?.kind === 'objection'}
        title={t('poverty.recordObjection')}
        form={objForm}
        initialValues={{ receivedOn: dayjs() }}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => set(await createObjection(id, { receivedOn: v.receivedOn.format('YYYY-MM-DD'), content: v.content }))}
      >
        <Form.Item name="receivedOn" label={t('poverty.receivedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="content" label={t('poverty.content')} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
      <FormModal<{ decision: 'UPHELD' | 'DISMISSED'; note: string }>
        open={dialog?.kind === 'resolve'}
        title={t('poverty.resolve')}
        form={resolveForm}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'resolve') return;
          set(await resolveObjection(id, dialog.objectionId, v));
        }}
      >
        <Form.Item name="decision" label={t('poverty.resolve')} rules={[{ required: true }]}>
          <Select options={[{ value: 'UPHELD', label: t('poverty.upheld') }, { value: 'DISMISSED', label: t('poverty.dismissed') }]} />
        </Form.Item>
        <Form.Item name="note" label={t('poverty.resolution')} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
    </>
  );
}
