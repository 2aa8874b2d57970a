import { useQuery } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../../ui/chart.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { fetchRankCounts } from '../home.api.ts';

/** Bar chart of cadres by rank level, from live counts of GET /api/people. */
export default function RankChart() {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: ['home', 'rank-counts'], queryFn: fetchRankCounts, staleTime: 5 * 60_000 });
  if (counts.error) return <QueryError error={counts.error} onRetry={() => void counts.refetch()} />;
  if (!counts.data) return <Skeleton active />;
  const rows = counts.data;
  return (
    <Chart
      label={t('home.rankChartTitle')}
      option={{
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: rows.map((r) => t(`rankLevels.${r.rankLevel}`)), axisLabel: { interval: 0, fontSize: 11 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', name: t('home.rankChartSeries'), data: rows.map((r) => r.count), itemStyle: { color: '#c8102e' }, barMaxWidth: 40, label: { show: true, position: 'top' } }],
      }}
    />
  );
}
