import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../../contracts/o2o.ts';

/** Working days to the due date (server-computed on the calendar): red when overdue, orange on the day. */
export function DueCountdown({ matter }: { matter: Pick<Matter, 'workingDaysLeft' | 'overdue'> }) {
  const { t } = useTranslation();
  const n = matter.workingDaysLeft;
  if (n === null) return <span>{t('o2o.days.none')}</span>;
  if (n < 0) return <Tag color="red">{t('o2o.days.over', { n: -n })}</Tag>;
  // overdue once and supervised: the extra working days count down in red
  if (n === 0) return <Tag color={matter.overdue ? 'red' : 'orange'}>{t('o2o.days.today')}</Tag>;
  return <Tag color={matter.overdue ? 'red' : n <= 1 ? 'gold' : 'default'}>{t('o2o.days.left', { n })}</Tag>;
}
