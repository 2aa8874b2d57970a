import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Form, Input, List, Pagination, Select, Table, Tag, Typography, DatePicker } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TEAM_STATUSES, type CreateTeam, type TeamStatus, type TeamSummary } from '../../../../contracts/poverty.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { toApiDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useCan } from '../../auth/index.ts';
import { OrgUnitSelect } from '../../org/index.ts';
import { createTeam, exportTeamList, listTeams } from '../poverty.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { TEAM_STATUS_COLORS } from '../labels.ts';

const PAGE_SIZE = 20;

export function TeamList() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canWrite = useCan('poverty.write');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<TeamStatus | undefined>();
  const [q, setQ] = useState('');
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; villageOrgUnitId: string; formedAt: Dayjs }>();
  const result = useQuery({ queryKey: ['poverty', 'teams', page, status, q, mine], queryFn: () => listTeams({ page, pageSize: PAGE_SIZE, status, q: q || undefined, mine: mine || undefined }), placeholderData: keepPreviousData });

  const columns: TableColumnsType<TeamSummary> = [
    { title: t('poverty.teamName'), dataIndex: 'name', render: (v: string, r) => <Link to={`/poverty/teams/${r.id}`}>{v}</Link> },
    { title: t('poverty.town'), dataIndex: 'townName' },
    { title: t('poverty.village'), dataIndex: 'villageName' },
    { title: t('poverty.leader'), dataIndex: 'leaderName' },
    { title: t('poverty.memberCount'), dataIndex: 'memberCount', align: 'right' },
    { title: t('poverty.householdCount'), dataIndex: 'householdCount', align: 'right' },
    { title: t('poverty.status'), dataIndex: 'status', render: (s: TeamStatus) => <Tag color={TEAM_STATUS_COLORS[s]}>{t(`poverty.teamStatuses.${s}`)}</Tag> },
  ];

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('poverty.searchTeam')} aria-label={t('poverty.searchTeam')} style={{ width: 220 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        <Select allowClear placeholder={t('poverty.filterStatus')} aria-label={t('poverty.filterStatus')} style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={TEAM_STATUSES.map((s) => ({ value: s, label: t(`poverty.teamStatuses.${s}`) }))} />
        <Checkbox checked={mine} onChange={(e) => { setMine(e.target.checked); setPage(1); }}>{t('poverty.mine')}</Checkbox>
        <ExportButton fetchFile={() => exportTeamList({ status, q: q || undefined, mine: mine || undefined })} fallbackName="poverty-teams.xlsx" />
        {canWrite ? <Button onClick={() => setCreating(true)}>{t('poverty.createTeam')}</Button> : null}
      </Flex>
      {result.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      {isMobile ? (
        <>
          <List
            loading={result.isFetching}
            dataSource={result.data?.items ?? []}
            renderItem={(r) => (
              <Card size="small" style={{ marginBottom: 8 }} onClick={() => void navigate(`/poverty/teams/${r.id}`)}>
                <Flex justify="space-between" gap={8}>
                  <Link to={`/poverty/teams/${r.id}`}>{r.villageName}</Link>
                  <Tag color={TEAM_STATUS_COLORS[r.status]}>{t(`poverty.teamStatuses.${r.status}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {r.townName} · {t('poverty.leader')} {r.leaderName ?? '—'} · {t('poverty.householdCount')} {r.householdCount}
                </Typography.Text>
              </Card>
            )}
          />
          <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={result.data?.total ?? 0} onChange={setPage} showSizeChanger={false} />
        </>
      ) : (
        <Table<TeamSummary>
          rowKey="id"
          size="small"
          loading={result.isFetching}
          columns={columns}
          dataSource={result.data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `${n}` }}
        />
      )}
      <FormModal
        open={creating}
        title={t('poverty.createTeam')}
        form={form}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          const body: CreateTeam = { name: v.name, villageOrgUnitId: v.villageOrgUnitId, formedAt: toApiDate(v.formedAt)! };
          const created = await createTeam(body);
          void queryClient.invalidateQueries({ queryKey: ['poverty'] });
          void navigate(`/poverty/teams/${created.team.id}`);
        }}
      >
        <Form.Item name="villageOrgUnitId" label={t('poverty.village')} rules={[{ required: true }]}>
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item name="name" label={t('poverty.teamName')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="formedAt" label={t('poverty.formedAt')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
