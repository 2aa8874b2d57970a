import { useState } from 'react';
import { Alert, DatePicker, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Reminder } from '../../../../contracts/poverty.ts';
import { formatDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getReminders } from '../poverty.api.ts';
import { HOUSEHOLD_STATUS_COLORS, currentMonth } from '../labels.ts';

/** Rows of households without a visit in the period (team page and the town/county dashboard). */
export function ReminderRows({ items }: { items: Reminder[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('poverty.remindersNone')} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(r) => (
        <List.Item>
          <Flex wrap gap={8} align="center" style={{ width: '100%' }}>
            <Link to={`/poverty/households/${r.householdId}`}>{r.headName}</Link>
            <Typography.Text type="secondary">{r.villageName}</Typography.Text>
            {r.teamName ? <Typography.Text type="secondary">{r.teamName}</Typography.Text> : null}
            <Tag color={HOUSEHOLD_STATUS_COLORS[r.status]}>{t(`poverty.statuses.${r.status}`)}</Tag>
            <Typography.Text type="warning">
              {t('poverty.lastVisit')}：{r.lastVisitOn ? formatDate(r.lastVisitOn) : t('poverty.noVisit')}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The dashboard list: pick a month (default: this month). */
export function RemindersList({ teamId }: { teamId?: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(currentMonth());
  const result = useQuery({ queryKey: ['poverty', 'reminders', month, teamId ?? ''], queryFn: () => getReminders({ month, teamId }) });
  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <span>{t('poverty.month')}</span>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('poverty.month')} />
      </Flex>
      {result.isPending ? <Spin /> : null}
      {result.isError ? <QueryError error={result.error} onRetry={() => void result.refetch()} /> : null}
      {result.data ? (
        <>
          <Alert type={result.data.total > 0 ? 'warning' : 'success'} showIcon style={{ marginBottom: 8 }} title={`${t('poverty.reminders')}：${result.data.total}`} description={t('poverty.remindersHint', { start: result.data.periodStart, end: result.data.periodEnd, n: result.data.everyMonths })} />
          <ReminderRows items={result.data.items} />
        </>
      ) : null}
    </>
  );
}
