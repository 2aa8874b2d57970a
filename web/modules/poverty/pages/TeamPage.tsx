import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Flex, Form, List, Row, Select, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { TEAM_SLOTS, type TeamDetail, type TeamMember, type TeamSlot } from '../../../../contracts/poverty.ts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { formatDate } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { ReminderRows } from '../components/RemindersList.tsx';
import { activateTeam, addMember, dissolveTeam, endMember, getTeam, listMemberTypes, searchPeople } from '../poverty.api.ts';
import { HOUSEHOLD_STATUS_COLORS, TEAM_STATUS_COLORS } from '../labels.ts';

type MemberForm = { personId: string; slot: TeamSlot; memberType: string };

function usePersonOptions() {
  return async (text: string) => (await searchPeople(text)).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName ?? ''}${p.isPartyMember ? ' · 党员' : ''}）` }));
}

/** /poverty/teams/:id: members by slot (1 + 3 + X), the households, the visit reminders, and team management. */
export default function TeamPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const team = useQuery({ queryKey: ['poverty', 'team', id], queryFn: () => getTeam(id) });
  const types = useQuery({ queryKey: ['poverty', 'member-types'], queryFn: listMemberTypes, staleTime: 600_000 });
  const [adding, setAdding] = useState(false);
  const [replacing, setReplacing] = useState<TeamMember | null>(null);
  const [form] = Form.useForm<MemberForm>();
  const [replaceForm] = Form.useForm<{ personId: string; memberType: string }>();
  const fetchPeople = usePersonOptions();

  if (team.isPending) return <Spin />;
  if (team.isError) return <QueryError error={team.error} onRetry={() => void team.refetch()} />;
  const d: TeamDetail = team.data;
  const set = (next: TeamDetail) => {
    queryClient.setQueryData(['poverty', 'team', id], next);
    void queryClient.invalidateQueries({ queryKey: ['poverty'], predicate: (q) => q.queryKey[1] !== 'team' });
  };
  const typeOptions = (types.data ?? []).map((x) => ({ value: x.code, label: t(`poverty.memberTypes.${x.code}`, { defaultValue: x.nameZh }) }));
  const run = async (fn: () => Promise<TeamDetail>) => {
    try {
      set(await fn());
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const end = (m: TeamMember) =>
    modal.confirm({ title: t('poverty.endMember'), content: t('poverty.endConfirm', { name: m.name }), cancelText: t('common.cancel'), onOk: () => run(() => endMember(id, m.id, {})) });

  return (
    <>
      <PageHeader
        title={d.team.name}
        sub={`${d.team.townName ?? ''} ${d.team.villageName} · ${t('poverty.formedAt')} ${formatDate(d.team.formedAt)}`}
        extra={
          <>
            <Tag color={TEAM_STATUS_COLORS[d.team.status]}>{t(`poverty.teamStatuses.${d.team.status}`)}</Tag>
            {d.can.manage ? <Button onClick={() => setAdding(true)}>{t('poverty.addMember')}</Button> : null}
            {d.can.activate ? (
              <Button type="primary" onClick={() => void run(() => activateTeam(id))}>
                {t('poverty.activate')}
              </Button>
            ) : null}
            {d.can.dissolve ? (
              <Button danger onClick={() => modal.confirm({ title: t('poverty.dissolve'), content: t('poverty.dissolveConfirm'), cancelText: t('common.cancel'), okButtonProps: { danger: true }, onOk: () => run(() => dissolveTeam(id)) })}>
                {t('poverty.dissolve')}
              </Button>
            ) : null}
            <Link to="/poverty?tab=teams">{t('poverty.back')}</Link>
          </>
        }
      />
      {d.compositionProblems.length > 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={d.compositionProblems.join('；')} /> : <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('poverty.compositionOk')} />}
      <Row gutter={[12, 12]}>
        {TEAM_SLOTS.map((slot) => {
          const members = d.members.filter((m) => m.slot === slot);
          return (
            <Col xs={24} md={8} key={slot}>
              <Card size="small" title={t(`poverty.slots.${slot}`)}>
                {members.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="—" /> : null}
                <List
                  size="small"
                  dataSource={members}
                  renderItem={(m) => (
                    <List.Item
                      actions={
                        d.can.manage
                          ? [
                              slot === 'FLEX' || d.team.status === 'DRAFT' ? (
                                <Button key="end" size="small" type="link" onClick={() => end(m)}>
                                  {t('poverty.endMember')}
                                </Button>
                              ) : null,
                              slot !== 'FLEX' ? (
                                <Button key="replace" size="small" type="link" onClick={() => setReplacing(m)}>
                                  {t('poverty.replaceMember')}
                                </Button>
                              ) : null,
                            ].filter(Boolean)
                          : []
                      }
                    >
                      <Flex vertical>
                        <span>
                          {m.name} {m.isPartyMember ? <Tag color="red">{t('poverty.partyMember')}</Tag> : null}
                        </span>
                        <Typography.Text type="secondary">
                          {t(`poverty.memberTypes.${m.memberType}`, { defaultValue: m.memberType })} · {m.orgName ?? ''}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={12}>
          <Card size="small" title={`${t('poverty.households')}（${d.households.length}）`}>
            <List
              size="small"
              dataSource={d.households}
              locale={{ emptyText: t('poverty.empty') }}
              renderItem={(h) => (
                <List.Item>
                  <Flex wrap gap={8} align="center">
                    <Link to={`/poverty/households/${h.id}`}>{h.headName}</Link>
                    <Tag color={HOUSEHOLD_STATUS_COLORS[h.status]}>{t(`poverty.statuses.${h.status}`)}</Tag>
                    <Typography.Text type="secondary">
                      {t('poverty.lastVisit')} {h.lastVisitOn ?? t('poverty.noVisit')}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={`${t('poverty.reminders')}（${d.reminders.length}）`}>
            <ReminderRows items={d.reminders} />
          </Card>
        </Col>
      </Row>
      <FormModal<MemberForm>
        open={adding}
        title={t('poverty.addMember')}
        form={form}
        initialValues={{ slot: 'FLEX' }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => set(await addMember(id, v))}
      >
        <Form.Item name="personId" label={t('poverty.person')} rules={[{ required: true }]}>
          <SearchSelect placeholder={t('poverty.personPh')} fetchOptions={fetchPeople} />
        </Form.Item>
        <Form.Item name="slot" label={t('poverty.slot')} rules={[{ required: true }]}>
          <Select options={TEAM_SLOTS.map((s) => ({ value: s, label: t(`poverty.slots.${s}`) }))} />
        </Form.Item>
        <Form.Item name="memberType" label={t('poverty.memberType')} rules={[{ required: true }]}>
          <Select options={typeOptions} />
        </Form.Item>
      </FormModal>
      <FormModal<{ personId: string; memberType: string }>
        open={replacing !== null}
        title={`${t('poverty.replaceMember')} ${replacing?.name ?? ''}`}
        form={replaceForm}
        onClose={() => setReplacing(null)}
        onSubmit={async (v) => set(await endMember(id, replacing!.id, { replacement: v }))}
      >
        <Form.Item name="personId" label={t('poverty.replacement')} rules={[{ required: true }]}>
          <SearchSelect placeholder={t('poverty.personPh')} fetchOptions={fetchPeople} />
        </Form.Item>
        <Form.Item name="memberType" label={t('poverty.memberType')} rules={[{ required: true }]}>
          <Select options={typeOptions} />
        </Form.Item>
      </FormModal>
    </>
  );
}
