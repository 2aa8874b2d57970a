import { lazy, Suspense, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Flex, Input, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { WHATIF_MOVES, type TeamMember, type TeamStructure, type TeamView, type WhatifMove } from '../../../../contracts/judgment.ts';
import { errorMessage } from '../../../api/client.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useCan } from '../../auth/index.ts';
import { CampaignSelect, useCampaigns } from '../components/CampaignSelect.tsx';
import { DownloadButton } from '../components/DownloadButton.tsx';
import { createScenario, downloadTeamReport, getTeamAnalysis, listScenarios, listTeamTowns, putScenarioMoves } from '../judgment.api.ts';

const Chart = lazy(() => import('../../../ui/chart.tsx'));
type Draft = Record<string, { move: WhatifMove; destinationOrgUnitId?: string }>;

/** /judgments/teams: a town's leadership team structure against the (configurable) target, before and after moves. */
export default function TeamPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const canWrite = useCan('judgment.write');
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string | undefined>();
  const campaign = campaignId ?? campaigns.data?.items[0]?.id;
  const [scenarioId, setScenarioId] = useState<string | undefined>();
  const [draft, setDraft] = useState<Draft>({});
  const [scenarioName, setScenarioName] = useState('');
  const towns = useQuery({ queryKey: ['judgment', 'towns', campaign], queryFn: () => listTeamTowns(campaign), enabled: campaigns.isFetched });
  const townId = params.get('town') ?? towns.data?.items[0]?.townId;
  const scenarios = useQuery({ queryKey: ['judgment', 'scenarios'], queryFn: listScenarios });
  const analysis = useQuery({ queryKey: ['judgment', 'team', townId, campaign, scenarioId], queryFn: () => getTeamAnalysis(townId!, { campaignId: campaign, scenarioId }), enabled: !!townId });
  const townOptions = (towns.data?.items ?? []).map((x) => ({ value: x.townId, label: `${x.name}${x.shortcomings ? `（${x.shortcomings}）` : ''}` }));
  const young = analysis.data?.youngMaxAge ?? 35;

  const bars = (title: string, before: TeamStructure, after: TeamStructure | null, key: 'ageBands' | 'education' | 'specialty', label: (k: string) => string) => ({
    title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis' as const },
    grid: { left: 8, right: 8, top: 28, bottom: 28, containLabel: true },
    xAxis: { type: 'category' as const, data: before[key].map((x) => label(x.key)), axisLabel: { interval: 0, rotate: key === 'specialty' ? 30 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { type: 'bar' as const, name: t('judgment.teams.before'), data: before[key].map((x) => x.count) },
      ...(after ? [{ type: 'bar' as const, name: t('judgment.teams.after'), data: after[key].map((x) => x.count) }] : []),
    ],
  });

  const saveScenario = async () => {
    try {
      const s = await createScenario({ name: scenarioName.trim() || `${analysis.data?.town.name ?? ''}模拟方案`, campaignId: campaign });
      const moves = Object.entries(draft).map(([cadrePersonId, m]) => ({ cadrePersonId, move: m.move, ...(m.move === 'EXCHANGE' && m.destinationOrgUnitId ? { destinationOrgUnitId: m.destinationOrgUnitId } : {}) }));
      await putScenarioMoves(s.id, { moves });
      void queryClient.invalidateQueries({ queryKey: ['judgment', 'scenarios'] });
      setScenarioId(s.id);
      setDraft({});
      void message.success(t('judgment.teams.saved'));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const memberColumns = (view: TeamView, editable: boolean) => [
    { key: 'name', title: t('judgment.name'), render: (_v: unknown, m: TeamMember) => (m.isYoung ? <>{m.name} <Tag color="green">{t('judgment.young')}</Tag></> : m.name) },
    { key: 'title', title: t('judgment.teams.title_'), dataIndex: 'title' },
    { key: 'gender', title: '', render: (_v: unknown, m: TeamMember) => t(`judgment.teams.gender.${m.gender === 'F' ? 'F' : 'M'}`) },
    { key: 'age', title: t('judgment.age'), dataIndex: 'age' },
    { key: 'edu', title: t('judgment.teams.education'), render: (_v: unknown, m: TeamMember) => t(`judgment.teams.eduBands.${m.educationBand}`) },
    { key: 'spec', title: t('judgment.teams.specialty'), render: (_v: unknown, m: TeamMember) => m.specialty ?? '—' },
    { key: 'front', title: t('judgment.teams.frontLine'), render: (_v: unknown, m: TeamMember) => (m.frontLine ? '✓' : '') },
    { key: 'tenure', title: t('judgment.teams.tenure'), render: (_v: unknown, m: TeamMember) => m.tenureYears.toFixed(1) },
    view === analysis.data?.before && analysis.data.after
      ? { key: 'change', title: t('judgment.teams.change'), render: (_v: unknown, m: TeamMember) => (m.move ? <Tag color={m.change === 'LEAVES' ? 'orange' : 'default'}>{`${t(`judgment.categories.${m.move as 'PROMOTE'}`)}${m.destinationName ? ` → ${m.destinationName}` : ''}`}</Tag> : null) }
      : { key: 'change', title: t('judgment.teams.change'), render: (_v: unknown, m: TeamMember) => (m.change === 'ARRIVES' ? <Tag color="blue">{t('judgment.teams.changes.ARRIVES')}</Tag> : null) },
    ...(editable
      ? [
          {
            key: 'move',
            title: t('judgment.teams.move'),
            render: (_v: unknown, m: TeamMember) => (
              <Flex gap={4} wrap>
                <Select<WhatifMove | 'NONE'>
                  aria-label={`${t('judgment.teams.move')} ${m.name}`}
                  size="small"
                  style={{ width: 90 }}
                  value={draft[m.personId]?.move ?? 'NONE'}
                  onChange={(v) => setDraft((d) => { const next = { ...d }; if (v === 'NONE') delete next[m.personId]; else next[m.personId] = { move: v }; return next; })}
                  options={[{ value: 'NONE', label: t('judgment.teams.moves.NONE') }, ...WHATIF_MOVES.map((x) => ({ value: x, label: t(`judgment.teams.moves.${x}`) }))]}
                />
                {draft[m.personId]?.move === 'EXCHANGE' ? (
                  <Select<string>
                    aria-label={`${t('judgment.destination')} ${m.name}`}
                    size="small"
                    style={{ width: 110 }}
                    value={draft[m.personId]?.destinationOrgUnitId}
                    onChange={(v) => setDraft((d) => ({ ...d, [m.personId]: { move: 'EXCHANGE', destinationOrgUnitId: v } }))}
                    options={townOptions.filter((o) => o.value !== townId)}
                  />
                ) : null}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  const viewCard = (title: string, view: TeamView, editable: boolean) => (
    <Card size="small" title={title}>
      <Row gutter={[8, 8]}>
        <Col xs={8}><Statistic title={t('judgment.teams.size')} value={view.structure.size} /></Col>
        <Col xs={8}><Statistic title={t('judgment.teams.young')} value={view.structure.ageBands.find((x) => x.key === 'YOUNG')?.count ?? 0} /></Col>
        <Col xs={8}><Statistic title={t('judgment.teams.averageAge')} value={view.structure.averageAge ?? '—'} /></Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t('judgment.teams.shortcomings')}</Typography.Title>
      {view.shortcomings.length ? (
        <ul style={{ paddingLeft: 20, margin: 0 }}>{view.shortcomings.map((s) => <li key={s.zh}>{zh ? s.zh : s.en}</li>)}</ul>
      ) : (
        <Alert type="success" showIcon title={t('judgment.teams.noShortcomings')} />
      )}
      <Table<TeamMember> size="small" rowKey="personId" style={{ marginTop: 8 }} pagination={false} scroll={{ x: 'max-content' }} dataSource={view.members} columns={memberColumns(view, editable)} />
    </Card>
  );

  const a = analysis.data;
  const ageLabel = (k: string) => t(`judgment.teams.ageBands.${k as 'YOUNG'}`, { young, next: young + 1 });
  return (
    <>
      <PageHeader
        title={t('judgment.teams.title')}
        sub={t('judgment.teams.sub')}
        extra={townId ? <DownloadButton fetchFile={() => downloadTeamReport(townId, { campaignId: campaign, scenarioId })} fallbackName={t('judgment.teams.reportName')} label={t('judgment.teams.report')} /> : null}
      />
      <div className="bw-filters">
        <CampaignSelect value={campaign} onChange={setCampaignId} />
        <Select<string> aria-label={t('judgment.teams.pickTown')} placeholder={t('judgment.teams.pickTown')} value={townId} onChange={(v) => { setParams({ town: v }); setDraft({}); }} style={{ width: 170 }} options={townOptions} showSearch optionFilterProp="label" />
        <Select<string>
          aria-label={t('judgment.teams.scenario')}
          placeholder={t('judgment.teams.noScenario')}
          allowClear
          value={scenarioId}
          onChange={setScenarioId}
          style={{ width: 170 }}
          options={(scenarios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </div>
      {analysis.error ? <QueryError error={analysis.error} onRetry={() => void analysis.refetch()} /> : null}
      {a ? (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">
            {`${a.town.name} · ${t('judgment.teams.asOf')} ${a.asOf} · ${t('judgment.teams.source')}：${t(`judgment.teams.sources.${a.source}`)}`}
            {a.after ? ` · ${t('judgment.teams.vacancies', { count: a.vacancies })}` : ''}
          </Typography.Text>
          <Row gutter={[12, 12]}>
            {(['ageBands', 'education', 'specialty'] as const).map((k) => (
              <Col xs={24} md={8} key={k}>
                <Card size="small">
                  <Suspense fallback={null}>
                    <Chart
                      height={240}
                      label={t(k === 'ageBands' ? 'judgment.teams.chartAge' : k === 'education' ? 'judgment.teams.chartEdu' : 'judgment.teams.chartSpec')}
                      option={bars(
                        t(k === 'ageBands' ? 'judgment.teams.chartAge' : k === 'education' ? 'judgment.teams.chartEdu' : 'judgment.teams.chartSpec'),
                        a.before.structure,
                        a.after?.structure ?? null,
                        k,
                        k === 'ageBands' ? ageLabel : k === 'education' ? (x) => t(`judgment.teams.eduBands.${x as 'BACHELOR'}`) : (x) => t(`judgment.teams.specGroups.${x as 'LAW'}`),
                      )}
                    />
                  </Suspense>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={a.after ? 12 : 24}>{viewCard(t('judgment.teams.before'), a.before, false)}</Col>
            {a.after ? <Col xs={24} xl={12}>{viewCard(t('judgment.teams.after'), a.after, false)}</Col> : null}
          </Row>
          <Card size="small" title={t('judgment.teams.checks')}>
            <Table
              size="small"
              rowKey="metric"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={a.before.checks.map((c, i) => ({ ...c, after: a.after?.checks[i] ?? null }))}
              columns={[
                { key: 'metric', title: t('judgment.teams.target'), render: (_v, c) => t(`judgment.teams.metrics.${c.metric}`, { young, next: young + 1 }) },
                { key: 'range', title: '', render: (_v, c) => [c.minCount !== null ? `≥${c.minCount}` : '', c.maxCount !== null ? `≤${c.maxCount}` : '', c.minPercent !== null ? `≥${c.minPercent}%` : ''].filter(Boolean).join(' ') },
                { key: 'before', title: `${t('judgment.teams.actual')}（${t('judgment.teams.before')}）`, render: (_v, c) => <Tag color={c.ok ? 'green' : 'red'}>{c.actual}</Tag> },
                ...(a.after ? [{ key: 'after', title: `${t('judgment.teams.actual')}（${t('judgment.teams.after')}）`, render: (_v: unknown, c: { after: { ok: boolean; actual: number } | null }) => (c.after ? <Tag color={c.after.ok ? 'green' : 'red'}>{c.after.actual}</Tag> : null) }] : []),
              ]}
            />
          </Card>
          {canWrite ? (
            <Card size="small" title={t('judgment.teams.whatif')} extra={<Typography.Text type="secondary">{t('judgment.teams.whatifHelp')}</Typography.Text>}>
              <Table<TeamMember> size="small" rowKey="personId" pagination={false} scroll={{ x: 'max-content' }} dataSource={a.before.members.filter((m) => m.change !== 'ARRIVES')} columns={memberColumns(a.before, true).filter((c) => ['name', 'title', 'age', 'move'].includes(String(c.key)))} />
              <Flex gap={8} wrap style={{ marginTop: 8 }}>
                <Input aria-label={t('judgment.teams.scenarioName')} placeholder={t('judgment.teams.scenarioName')} value={scenarioName} onChange={(e) => setScenarioName(e.target.value)} style={{ width: 220 }} />
                <Button type="primary" disabled={Object.keys(draft).length === 0} onClick={() => void saveScenario()}>
                  {t('judgment.teams.saveScenario')}
                </Button>
              </Flex>
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </>
  );
}
