import { useState } from 'react';
import { Drawer, Empty, Flex, List, Pagination, Spin, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DossierView } from '../../../../contracts/audit.ts';
import { ARCHIVE_PURPOSES, type ArchivePurpose } from '../../../../contracts/archive.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { getPersonHistory, getPersonViews } from '../audit.api.ts';
import { actionLabel, payloadSummary } from '../audit-labels.ts';
import { ActorCell } from './ActorCell.tsx';

const PAGE_SIZE = 20;

type Props = { personId: string; onClose: () => void };

/** One person's record history (edits, posts, kinship, file access) and who viewed the dossier, and why. */
export function PersonHistoryDrawer({ personId, onClose }: Props) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [tab, setTab] = useState<'history' | 'views'>('history');
  const [historyPage, setHistoryPage] = useState(1);
  const [viewsPage, setViewsPage] = useState(1);
  const history = useQuery({ queryKey: ['audit', 'history', personId, historyPage], queryFn: () => getPersonHistory(personId, historyPage, PAGE_SIZE), placeholderData: keepPreviousData });
  const views = useQuery({ queryKey: ['audit', 'views', personId, viewsPage], queryFn: () => getPersonViews(personId, viewsPage, PAGE_SIZE), placeholderData: keepPreviousData, enabled: tab === 'views' });
  const person = history.data?.person ?? views.data?.person;

  return (
    <Drawer
      open
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      title={person ? t('audit.historyTitle', { name: person.name }) : t('audit.historyLoading')}
      closable={{ 'aria-label': t('common.back') }}
    >
      {person?.orgName ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {person.orgName}
        </Typography.Paragraph>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k === 'views' ? 'views' : 'history')}
        items={[
          {
            key: 'history',
            label: t('audit.historyTab'),
            children: history.error ? (
              <QueryError error={history.error} onRetry={() => void history.refetch()} />
            ) : (
              <Spin spinning={history.isFetching}>
                {history.data && history.data.items.length === 0 ? (
                  <Empty description={t('common.noData')} />
                ) : (
                  <List
                    aria-label={t('audit.historyLabel')}
                    dataSource={history.data?.items ?? []}
                    rowKey="seq"
                    renderItem={(e) => (
                      <List.Item>
                        <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                          <Flex justify="space-between" wrap gap={8}>
                            <Typography.Text strong>{actionLabel(t, e.action)}</Typography.Text>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              #{e.seq} · {formatDateTime(e.ts)}
                            </Typography.Text>
                          </Flex>
                          <div>
                            <ActorCell actor={e.actor} />
                            {e.unitName ? <Typography.Text type="secondary"> · {e.unitName}</Typography.Text> : null}
                          </div>
                          {Object.keys(e.payload).length > 0 ? (
                            <Typography.Text type="secondary" className="bw-masked" style={{ fontSize: 12 }}>
                              {payloadSummary(e.payload)}
                            </Typography.Text>
                          ) : null}
                        </Flex>
                      </List.Item>
                    )}
                  />
                )}
                <Pager page={historyPage} total={history.data?.total ?? 0} onChange={setHistoryPage} />
              </Spin>
            ),
          },
          {
            key: 'views',
            label: t('audit.viewsTab'),
            children: views.error ? (
              <QueryError error={views.error} onRetry={() => void views.refetch()} />
            ) : (
              <Spin spinning={views.isFetching}>
                {views.data && views.data.items.length === 0 ? (
                  <Empty description={t('common.noData')} />
                ) : (
                  <List
                    aria-label={t('audit.viewsLabel')}
                    dataSource={views.data?.items ?? []}
                    rowKey="seq"
                    renderItem={(v) => (
                      <List.Item>
                        <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                          <Flex justify="space-between" wrap gap={8}>
                            <ActorCell actor={v.actor} />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatDateTime(v.ts)}
                            </Typography.Text>
                          </Flex>
                          <div>
                            <Tag color={v.action === 'archive.viewed' ? 'red' : v.action === 'person.field_revealed' ? 'orange' : 'default'}>{actionLabel(t, v.action)}</Tag>
                            <ViewWhy view={v} />
                          </div>
                        </Flex>
                      </List.Item>
                    )}
                  />
                )}
                <Pager page={viewsPage} total={views.data?.total ?? 0} onChange={setViewsPage} />
              </Spin>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

function ViewWhy({ view }: { view: DossierView }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (view.field) parts.push(t('audit.viewField', { field: view.field === 'idNumber' ? t('people.idNumber') : view.field === 'phone' ? t('people.phone') : view.field }));
  if (view.reason) parts.push(view.reason);
  if (view.purpose) parts.push((ARCHIVE_PURPOSES as readonly string[]).includes(view.purpose) ? t(`archive.purposes.${view.purpose as ArchivePurpose}`) : view.purpose);
  return parts.length > 0 ? <Typography.Text>{parts.join(' · ')}</Typography.Text> : null;
}

function Pager({ page, total, onChange }: { page: number; total: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  if (total <= PAGE_SIZE) return null;
  return (
    <Flex justify="center" style={{ marginTop: 12 }}>
      <Pagination simple current={page} pageSize={PAGE_SIZE} total={total} onChange={onChange} showTotal={(n) => t('common.total', { total: n })} />
    </Flex>
  );
}
