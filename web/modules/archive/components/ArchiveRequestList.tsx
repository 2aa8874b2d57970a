import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Flex, List, Pagination, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ARCHIVE_STATUSES, type ArchiveBox, type ArchiveRequest, type ArchiveStatus } from '../../../../contracts/archive.ts';
import { errorMessage } from '../../../api/client.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { exportArchiveRequests, listArchiveRequests, revokeArchiveRequest } from '../archive.api.ts';
import { STATUS_COLORS } from '../archive-labels.ts';
import { ApproveModal, RejectModal } from './DecisionModals.tsx';

const PAGE_SIZE = 20;

type Dialog = { kind: 'approve' | 'reject'; request: ArchiveRequest } | null;

/** One box of requests (mine / to approve), paged on the server, with the actions the server allows. */
export function ArchiveRequestList({ box }: { box: ArchiveBox }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ArchiveStatus | undefined>(box === 'toApprove' ? 'PENDING' : undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const result = useQuery({ queryKey: ['archive', box, page, status], queryFn: () => listArchiveRequests({ box, page, pageSize: PAGE_SIZE, status }), placeholderData: keepPreviousData });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['archive'] });
  const done = (text: string) => () => {
    void message.success(text);
    refresh();
  };
  const revoke = (r: ArchiveRequest) =>
    modal.confirm({
      title: t('archive.revokeTitle'),
      content: t('archive.revokeConfirm'),
      okText: t('archive.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await revokeArchiveRequest(r.id);
          done(t('archive.revoked'))();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const actions = (r: ArchiveRequest) => (
    <Space wrap size={4}>
      {r.can.view ? (
        <Button size="small" type="primary" onClick={() => void navigate(`/archive/requests/${r.id}/dossier`)} aria-label={`${t('archive.view')} ${r.personName}`}>
          {t('archive.view')}
        </Button>
      ) : null}
      {r.can.approve ? (
        <Button size="small" type="primary" onClick={() => setDialog({ kind: 'approve', request: r })} aria-label={`${t('archive.approve')} ${r.personName}`}>
          {t('archive.approve')}
        </Button>
      ) : null}
      {r.can.reject ? (
        <Button size="small" danger onClick={() => setDialog({ kind: 'reject', request: r })} aria-label={`${t('archive.reject')} ${r.personName}`}>
          {t('archive.reject')}
        </Button>
      ) : null}
      {r.can.revoke ? (
        <Button size="small" onClick={() => revoke(r)} aria-label={`${t('archive.revoke')} ${r.personName}`}>
          {t('archive.revoke')}
        </Button>
      ) : null}
    </Space>
  );
  const statusTag = (r: ArchiveRequest) => <Tag color={STATUS_COLORS[r.displayStatus]}>{t(`archive.statuses.${r.displayStatus}`)}</Tag>;
  const validity = (r: ArchiveRequest) => (r.validFrom && r.validTo ? `${formatDate(r.validFrom)} ${t('common.to')} ${formatDate(r.validTo)}` : t('common.dash'));

  const columns: TableColumnsType<ArchiveRequest> = [
    {
      key: 'person',
      title: t('archive.person'),
      width: 150,
      render: (_v, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.personName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.orgName ?? ''}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'purpose', title: t('archive.purpose'), width: 120, render: (_v, r) => t(`archive.purposes.${r.purpose}`) },
    { key: 'reason', title: t('archive.reason'), ellipsis: true, dataIndex: 'reason' },
    ...(box === 'toApprove' ? [{ key: 'requester', title: t('archive.requester'), width: 110, render: (_v: unknown, r: ArchiveRequest) => r.requesterName }] : []),
    { key: 'authority', title: t('archive.authority'), width: 110, render: (_v, r) => r.authorityName ?? t('common.dash') },
    { key: 'status', title: t('archive.status'), width: 100, render: (_v, r) => statusTag(r) },
    { key: 'validity', title: t('archive.validity'), width: 200, render: (_v, r) => validity(r) },
    { key: 'created', title: t('archive.createdAt'), width: 140, render: (_v, r) => formatDateTime(r.createdAt) },
    { key: 'actions', title: t('common.actions'), width: 170, fixed: 'right', render: (_v, r) => actions(r) },
  ];

  const filter = (
    <div className="bw-filters">
      <Select<ArchiveStatus>
        aria-label={t('archive.filterStatus')}
        placeholder={t('archive.filterStatus')}
        allowClear
        value={status}
        onChange={(s) => {
          setStatus(s);
          setPage(1);
        }}
        options={ARCHIVE_STATUSES.map((s) => ({ value: s, label: t(`archive.statuses.${s}`) }))}
        style={{ width: 160 }}
      />
      <ExportButton fetchFile={() => exportArchiveRequests(box, status)} fallbackName={`archive-requests-${box}.xlsx`} />
    </div>
  );

  return (
    <>
      {filter}
      {result.error ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : isMobile ? (
        <Spin spinning={result.isFetching}>
          {result.data && result.data.items.length === 0 ? (
            <Empty description={t('archive.empty')} />
          ) : (
            <section aria-label={t('archive.listLabel')}>
              <List
                dataSource={result.data?.items ?? []}
                rowKey="id"
                split={false}
                renderItem={(r) => (
                  <List.Item style={{ padding: '4px 0' }}>
                    <Card size="small" style={{ width: '100%' }}>
                      <Flex justify="space-between" align="baseline" gap={8} wrap>
                        <Typography.Text strong style={{ fontSize: 16 }}>
                          {r.personName}
                        </Typography.Text>
                        {statusTag(r)}
                      </Flex>
                      <Typography.Text type="secondary">
                        {r.orgName ?? ''} · {t(`archive.purposes.${r.purpose}`)}
                        {box === 'toApprove' ? ` · ${r.requesterName}` : ''}
                      </Typography.Text>
                      <Typography.Paragraph style={{ margin: '4px 0' }} ellipsis={{ rows: 2 }}>
                        {r.reason}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('archive.validity')}：{validity(r)}
                      </Typography.Text>
                      <div style={{ marginTop: 8 }}>{actions(r)}</div>
                    </Card>
                  </List.Item>
                )}
              />
            </section>
          )}
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination simple current={page} pageSize={PAGE_SIZE} total={result.data?.total ?? 0} onChange={setPage} showTotal={(total) => t('common.total', { total })} />
          </Flex>
        </Spin>
      ) : (
        <Table<ArchiveRequest>
          aria-label={t('archive.listLabel')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.isFetching}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t('archive.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
        />
      )}
      {dialog?.kind === 'approve' ? <ApproveModal request={dialog.request} onClose={() => setDialog(null)} onDone={done(t('archive.approved'))} /> : null}
      {dialog?.kind === 'reject' ? <RejectModal request={dialog.request} onClose={() => setDialog(null)} onDone={done(t('archive.rejected'))} /> : null}
    </>
  );
}
