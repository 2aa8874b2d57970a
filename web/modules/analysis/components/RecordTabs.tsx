import { useState } from 'react';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import {
  DOC_TYPES,
  LETTER_STATES,
  TALK_MODES,
  TIP_CHANNELS,
  TIP_ROUTES,
  type Campaign,
  type DocType,
  type DocumentReview,
  type Letter,
  type LetterState,
  type Talk,
  type TalkMode,
  type Tip,
  type TipChannel,
  type TipRoute,
  type Visit,
} from '../../../../contracts/analysis.ts';
import { errorMessage } from '../../../api/client.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { SearchSelect } from '../../../ui/SearchSelect.tsx';
import { toApiDate } from '../../../ui/format.ts';
import {
  addMember,
  createDocument,
  createLetter,
  createTalk,
  createTip,
  createVisit,
  listDocuments,
  listLetters,
  listMemberCandidates,
  listTalkLevels,
  listTalks,
  listTips,
  listVisits,
  markLetterOverdue,
  readTalkNotes,
  readTip,
  removeMember,
  replyLetter,
  searchPeople,
  searchUnits,
} from '../analysis.api.ts';
import { LETTER_COLORS } from '../analysis-labels.ts';
import { PagedTable } from '../../../ui/PagedTable.tsx';

const date = (d: Dayjs | undefined) => toApiDate(d ?? null)!;

function useRefresh(campaignId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['analysis', 'records', campaignId] });
    void queryClient.invalidateQueries({ queryKey: ['analysis', 'statistics', campaignId] });
  };
}

// ---------- letters ----------

export function LettersTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const refresh = useRefresh(campaign.id);
  const [state, setState] = useState<LetterState | undefined>();
  const [creating, setCreating] = useState(false);
  const [replying, setReplying] = useState<Letter | null>(null);
  const [form] = Form.useForm<{ toOrgUnitId: string; subject: string; sentAt: Dayjs; dueAt: Dayjs }>();
  const [replyForm] = Form.useForm<{ repliedAt: Dayjs; replyText: string }>();
  const manage = campaign.allowed.manage;

  const overdue = async (l: Letter) => {
    try {
      await markLetterOverdue(l.id);
      void message.success(t('analysis.letter.saved'));
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: TableColumnsType<Letter> = [
    { key: 'unit', title: t('analysis.letter.to'), sorter: true, render: (_v, l) => l.toOrgUnit.name },
    { key: 'subject', title: t('analysis.letter.subject'), dataIndex: 'subject', ellipsis: true, width: 260 },
    { key: 'sentAt', title: t('analysis.letter.sentAt'), dataIndex: 'sentAt', sorter: true },
    { key: 'dueAt', title: t('analysis.letter.dueAt'), dataIndex: 'dueAt', sorter: true },
    { key: 'state', title: t('analysis.status'), render: (_v, l) => <Tag color={LETTER_COLORS[l.state]}>{t(`analysis.letter.states.${l.state}`)}</Tag> },
    { key: 'repliedAt', title: t('analysis.letter.repliedAt'), render: (_v, l) => l.repliedAt ?? '—' },
    ...(manage
      ? [
          {
            key: 'actions',
            title: '',
            render: (_v: unknown, l: Letter) =>
              l.state === 'REPLIED' ? null : (
                <Space size={4}>
                  <Button size="small" onClick={() => setReplying(l)}>{t('analysis.letter.reply')}</Button>
                  {l.state === 'OVERDUE' ? <Button size="small" danger onClick={() => void overdue(l)}>{t('analysis.letter.markOverdue')}</Button> : null}
                </Space>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PagedTable<Letter>
        key={state ?? ''}
        label={t('analysis.tabs.letters')}
        queryKey={['analysis', 'records', campaign.id, 'letters']}
        fetchPage={(q) => listLetters(campaign.id, q)}
        filters={{ state }}
        columns={columns}
        expandable={{ rowExpandable: (l) => l.replyText !== null, expandedRowRender: (l) => <Typography.Paragraph style={{ margin: 0 }}>{l.replyText}</Typography.Paragraph> }}
        toolbar={
          <>
            <Select<LetterState> aria-label={t('analysis.letter.filterState')} placeholder={t('analysis.letter.filterState')} allowClear value={state} onChange={setState} style={{ width: 160 }} options={LETTER_STATES.map((s) => ({ value: s, label: t(`analysis.letter.states.${s}`) }))} />
            {manage ? <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('analysis.letter.new')}</Button> : null}
          </>
        }
      />
      <FormModal
        open={creating}
        title={t('analysis.letter.new')}
        form={form}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await createLetter(campaign.id, { toOrgUnitId: v.toOrgUnitId, subject: v.subject, sentAt: date(v.sentAt), dueAt: date(v.dueAt) });
          refresh();
        }}
      >
        <Form.Item name="toOrgUnitId" label={t('analysis.letter.to')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={(q) => searchUnits(q)} />
        </Form.Item>
        <Form.Item name="subject" label={t('analysis.letter.subject')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="sentAt" label={t('analysis.letter.sentAt')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="dueAt" label={t('analysis.letter.dueAt')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
      </FormModal>
      <FormModal
        open={replying !== null}
        title={`${t('analysis.letter.reply')}：${replying?.toOrgUnit.name ?? ''}`}
        form={replyForm}
        onClose={() => setReplying(null)}
        onSubmit={async (v) => {
          await replyLetter(replying!.id, { repliedAt: date(v.repliedAt), replyText: v.replyText });
          refresh();
        }}
      >
        <Form.Item name="repliedAt" label={t('analysis.letter.repliedAt')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="replyText" label={t('analysis.letter.replyText')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </FormModal>
    </>
  );
}

// ---------- talks ----------

type TalkForm = { mode: TalkMode; intervieweePersonId: string; level: string; interviewerPersonIds: string[]; subjectCadreIds?: string[]; heldAt: Dayjs; location: string; notes: string; keyFindings?: string };

export function TalksTab({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const refresh = useRefresh(campaign.id);
  const levels = useQuery({ queryKey: ['analysis', 'talk-levels'], queryFn: listTalkLevels });
  const [level, setLevel] = useState<string | undefined>();
  const [mode, setMode] = useState<TalkMode | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [notes, setNotes] = useState<{ talk: Talk; notes: string; findings: string[]; seq: number } | null>(null);
  const [form] = Form.useForm<TalkForm>();
  const levelName = (code: string) => {
    const l = levels.data?.find((x) => x.code === code);
    return l ? (i18n.language === 'en' ? l.nameEn : l.nameZh) : code;
  };
  const open = async (talk: Talk) => {
    try {
      const n = await readTalkNotes(talk.id);
      setNotes({ talk, notes: n.notes, findings: n.keyFindings, seq: n.ledgerSeq });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: TableColumnsType<Talk> = [
    { key: 'interviewee', title: t('analysis.talk.interviewee'), sorter: true, render: (_v, r) => <span>{r.interviewee.name}<Typography.Text type="secondary">（{r.intervieweeUnit ?? ''}）</Typography.Text></span> },
    { key: 'level', title: t('analysis.talk.level'), sorter: true, render: (_v, r) => levelName(r.level) },
    { key: 'mode', title: t('analysis.talk.mode'), render: (_v, r) => t(`analysis.talk.modes.${r.mode}`) },
    { key: 'heldAt', title: t('analysis.talk.heldAt'), dataIndex: 'heldAt', sorter: true },
    { key: 'interviewers', title: t('analysis.talk.interviewers'), render: (_v, r) => r.interviewers.map((x) => x.name).join('、') },
    { key: 'class', title: '', render: () => <Tag color="red">{t('analysis.talk.confidential')}</Tag> },
    ...(campaign.allowed.readNotes ? [{ key: 'notes', title: '', render: (_v: unknown, r: Talk) => <Button size="small" icon={<EyeOutlined />} onClick={() => void open(r)} aria-label={`${t('analysis.talk.readNotes')} ${r.interviewee.name}`}>{t('analysis.talk.readNotes')}</Button> }] : []),
  ];
  return (
    <>
      {!campaign.allowed.readNotes ? <Alert type="info" showIcon title={t('analysis.talk.noNotesRight')} style={{ marginBottom: 12 }} /> : null}
      <PagedTable<Talk>
        key={`${level ?? ''}|${mode ?? ''}|${q}`}
        label={t('analysis.tabs.talks')}
        queryKey={['analysis', 'records', campaign.id, 'talks']}
        fetchPage={(query) => listTalks(campaign.id, query)}
        filters={{ level, mode, q: q || undefined }}
        columns={columns}
        toolbar={
          <>
            <Select aria-label={t('analysis.talk.filterLevel')} placeholder={t('analysis.talk.filterLevel')} allowClear value={level} onChange={setLevel} style={{ width: 200 }} options={(levels.data ?? []).map((l) => ({ value: l.code, label: i18n.language === 'en' ? l.nameEn : l.nameZh }))} />
            <Select<TalkMode> aria-label={t('analysis.talk.filterMode')} placeholder={t('analysis.talk.filterMode')} allowClear value={mode} onChange={setMode} style={{ width: 150 }} options={TALK_MODES.map((m) => ({ value: m, label: t(`analysis.talk.modes.${m}`) }))} />
            <Input.Search aria-label={t('analysis.talk.searchInterviewee')} placeholder={t('analysis.talk.searchInterviewee')} allowClear onSearch={setQ} style={{ width: 180 }} />
            {campaign.allowed.manage ? <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('analysis.talk.new')}</Button> : null}
          </>
        }
      />
      <Modal open={notes !== null} title={t('analysis.talk.notesTitle')} footer={null} onCancel={() => setNotes(null)} destroyOnHidden>
        {notes ? (
          <>
            <Typography.Paragraph strong>{notes.talk.interviewee.name} · {notes.talk.heldAt}</Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{notes.notes}</Typography.Paragraph>
            {notes.findings.length ? <Space wrap>{notes.findings.map((f) => <Tag key={f}>{f}</Tag>)}</Space> : null}
            <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('analysis.talk.notesAudit', { seq: notes.seq })} />
          </>
        ) : null}
      </Modal>
      <FormModal<TalkForm>
        open={creating}
        title={t('analysis.talk.new')}
        form={form}
        width={620}
        initialValues={{ mode: 'INDIVIDUAL_INTERVIEW' }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await createTalk(campaign.id, {
            mode: v.mode, intervieweePersonId: v.intervieweePersonId, level: v.level, interviewerPersonIds: v.interviewerPersonIds, subjectCadreIds: v.subjectCadreIds ?? [], heldAt: date(v.heldAt), location: v.location, notes: v.notes,
            keyFindings: (v.keyFindings ?? '').split(/[,，、\n]/).map((x) => x.trim()).filter(Boolean),
          });
          refresh();
        }}
      >
        <Form.Item name="intervieweePersonId" label={t('analysis.talk.interviewee')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={searchPeople} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="level" label={t('analysis.talk.level')} rules={[{ required: true }]}>
            <Select style={{ width: 220 }} options={(levels.data ?? []).filter((l) => l.active).map((l) => ({ value: l.code, label: i18n.language === 'en' ? l.nameEn : l.nameZh }))} />
          </Form.Item>
          <Form.Item name="mode" label={t('analysis.talk.mode')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={TALK_MODES.map((m) => ({ value: m, label: t(`analysis.talk.modes.${m}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="interviewerPersonIds" label={t('analysis.talk.interviewers')} rules={[{ required: true, type: 'array', min: 2 }]}>
          <SearchSelect mode="multiple" fetchOptions={searchPeople} />
        </Form.Item>
        <Form.Item name="subjectCadreIds" label={t('analysis.talk.subjects')}>
          <SearchSelect mode="multiple" fetchOptions={searchPeople} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldAt" label={t('analysis.talk.heldAt')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="location" label={t('analysis.talk.location')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('analysis.talk.notes')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="keyFindings" label={t('analysis.talk.keyFindings')}>
          <Input />
        </Form.Item>
      </FormModal>
    </>
  );
}

// ---------- field visits ----------

export function VisitsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const refresh = useRefresh(campaign.id);
  const [townId, setTownId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ villageOrgUnitId: string; visitedAt: Dayjs; visitorPersonIds: string[]; villageCadresMetCount: number }>();
  const columns: TableColumnsType<Visit> = [
    { key: 'village', title: t('analysis.visit.village'), sorter: true, render: (_v, r) => r.village.name },
    { key: 'town', title: t('analysis.visit.town'), render: (_v, r) => r.town ?? '—' },
    { key: 'visitedAt', title: t('analysis.visit.visitedAt'), dataIndex: 'visitedAt', sorter: true },
    { key: 'met', title: t('analysis.visit.met'), dataIndex: 'villageCadresMetCount', sorter: true },
    { key: 'cadres', title: t('analysis.visit.cadres'), render: (_v, r) => r.villageCadres.map((c) => c.name).join('、') || '—' },
    { key: 'visitors', title: t('analysis.visit.visitors'), render: (_v, r) => r.visitors.map((c) => c.name).join('、') },
  ];
  return (
    <>
      <PagedTable<Visit>
        key={townId ?? ''}
        label={t('analysis.tabs.visits')}
        queryKey={['analysis', 'records', campaign.id, 'visits']}
        fetchPage={(q) => listVisits(campaign.id, q)}
        filters={{ townId }}
        columns={columns}
        toolbar={
          <>
            <Select aria-label={t('analysis.visit.town')} placeholder={t('analysis.visit.town')} allowClear value={townId} onChange={setTownId} style={{ width: 180 }} options={campaign.scopeTowns.map((x) => ({ value: x.id, label: x.name }))} />
            {campaign.allowed.manage ? <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('analysis.visit.new')}</Button> : null}
          </>
        }
      />
      <FormModal
        open={creating}
        title={t('analysis.visit.new')}
        form={form}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await createVisit(campaign.id, { villageOrgUnitId: v.villageOrgUnitId, visitedAt: date(v.visitedAt), visitorPersonIds: v.visitorPersonIds, villageCadresMetCount: v.villageCadresMetCount });
          refresh();
        }}
      >
        <Form.Item name="villageOrgUnitId" label={t('analysis.visit.village')} rules={[{ required: true }]}>
          <SearchSelect fetchOptions={(q) => searchUnits(q)} />
        </Form.Item>
        <Form.Item name="visitedAt" label={t('analysis.visit.visitedAt')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="visitorPersonIds" label={t('analysis.visit.visitors')} rules={[{ required: true }]}>
          <SearchSelect mode="multiple" fetchOptions={searchPeople} />
        </Form.Item>
        <Form.Item name="villageCadresMetCount" label={t('analysis.visit.met')} rules={[{ required: true }]}>
          <InputNumber min={0} max={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}

// ---------- documents ----------

export function DocumentsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const refresh = useRefresh(campaign.id);
  const [docType, setDocType] = useState<DocType | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ docType: DocType; title: string; period: [Dayjs, Dayjs]; findings: string; reviewedAt: Dayjs }>();
  const columns: TableColumnsType<DocumentReview> = [
    { key: 'docType', title: t('analysis.doc.type'), sorter: true, render: (_v, r) => t(`analysis.doc.types.${r.docType}`) },
    { key: 'title', title: t('analysis.doc.title'), dataIndex: 'title' },
    { key: 'periodFrom', title: t('analysis.doc.period'), sorter: true, render: (_v, r) => `${r.periodFrom} ~ ${r.periodTo}` },
    { key: 'subject', title: t('analysis.doc.subject'), render: (_v, r) => r.subjectCadre?.name ?? r.subjectUnit?.name ?? '—' },
    { key: 'findings', title: t('analysis.doc.findings'), dataIndex: 'findings', ellipsis: true, width: 240 },
    { key: 'reviewedAt', title: t('analysis.doc.reviewedAt'), dataIndex: 'reviewedAt', sorter: true },
  ];
  return (
    <>
      <PagedTable<DocumentReview>
        key={`${docType ?? ''}|${q}`}
        label={t('analysis.tabs.documents')}
        queryKey={['analysis', 'records', campaign.id, 'documents']}
        fetchPage={(query) => listDocuments(campaign.id, query)}
        filters={{ docType, q: q || undefined }}
        columns={columns}
        toolbar={
          <>
            <Select<DocType> aria-label={t('analysis.doc.type')} placeholder={t('analysis.doc.type')} allowClear value={docType} onChange={setDocType} style={{ width: 160 }} options={DOC_TYPES.map((d) => ({ value: d, label: t(`analysis.doc.types.${d}`) }))} />
            <Input.Search aria-label={t('analysis.doc.searchTitle')} placeholder={t('analysis.doc.searchTitle')} allowClear onSearch={setQ} style={{ width: 180 }} />
            {campaign.allowed.manage ? <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('analysis.doc.new')}</Button> : null}
          </>
        }
      />
      <FormModal
        open={creating}
        title={t('analysis.doc.new')}
        form={form}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await createDocument(campaign.id, { docType: v.docType, title: v.title, periodFrom: date(v.period[0]), periodTo: date(v.period[1]), findings: v.findings, reviewedAt: date(v.reviewedAt) });
          refresh();
        }}
      >
        <Form.Item name="docType" label={t('analysis.doc.type')} rules={[{ required: true }]}>
          <Select options={DOC_TYPES.map((d) => ({ value: d, label: t(`analysis.doc.types.${d}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('analysis.doc.title')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="period" label={t('analysis.doc.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="findings" label={t('analysis.doc.findings')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="reviewedAt" label={t('analysis.doc.reviewedAt')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
    </>
  );
}

// ---------- tips ----------

export function TipsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const refresh = useRefresh(campaign.id);
  const [channel, setChannel] = useState<TipChannel | undefined>();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ receivedAt: Dayjs; channel: TipChannel; realName: boolean; reporterName?: string; content: string; routedTo: TipRoute }>();
  const view = async (tip: Tip) => {
    try {
      const c = await readTip(tip.id);
      modal.info({ title: t('analysis.tip.content'), content: <><Typography.Paragraph>{c.content}</Typography.Paragraph>{c.reporterName ? <Typography.Text>{t('analysis.tip.reporterName')}：{c.reporterName}</Typography.Text> : null}<Alert type="warning" showIcon title={t('analysis.talk.notesAudit', { seq: c.ledgerSeq })} style={{ marginTop: 8 }} /></> });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: TableColumnsType<Tip> = [
    { key: 'receivedAt', title: t('analysis.tip.receivedAt'), dataIndex: 'receivedAt' },
    { key: 'channel', title: t('analysis.tip.channel'), render: (_v, r) => t(`analysis.tip.channels.${r.channel}`) },
    { key: 'realName', title: t('analysis.tip.realName'), render: (_v, r) => (r.realName ? <Tag color="blue">{t('analysis.tip.realName')}</Tag> : <Tag>{t('analysis.tip.anonymous')}</Tag>) },
    { key: 'routedTo', title: t('analysis.tip.routedTo'), render: (_v, r) => t(`analysis.tip.routes.${r.routedTo}`) },
    { key: 'subject', title: t('analysis.tip.subject'), render: (_v, r) => r.subjectCadre?.name ?? '—' },
    ...(campaign.allowed.readNotes ? [{ key: 'view', title: '', render: (_v: unknown, r: Tip) => <Button size="small" icon={<EyeOutlined />} onClick={() => void view(r)}>{t('analysis.tip.view')}</Button> }] : []),
  ];
  return (
    <>
      <PagedTable<Tip>
        key={channel ?? ''}
        label={t('analysis.tabs.tips')}
        queryKey={['analysis', 'records', campaign.id, 'tips']}
        fetchPage={(q) => listTips(campaign.id, q)}
        filters={{ channel }}
        columns={columns}
        toolbar={
          <>
            <Select<TipChannel> aria-label={t('analysis.tip.channel')} placeholder={t('analysis.tip.channel')} allowClear value={channel} onChange={setChannel} style={{ width: 140 }} options={TIP_CHANNELS.map((c) => ({ value: c, label: t(`analysis.tip.channels.${c}`) }))} />
            {campaign.allowed.manage ? <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('analysis.tip.new')}</Button> : null}
          </>
        }
      />
      <FormModal
        open={creating}
        title={t('analysis.tip.new')}
        form={form}
        initialValues={{ realName: false, routedTo: 'ORG_DEPT' }}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => {
          await createTip(campaign.id, { receivedAt: date(v.receivedAt), channel: v.channel, realName: v.realName, reporterName: v.realName ? v.reporterName : undefined, content: v.content, routedTo: v.routedTo });
          refresh();
        }}
      >
        <Space wrap>
          <Form.Item name="receivedAt" label={t('analysis.tip.receivedAt')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="channel" label={t('analysis.tip.channel')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={TIP_CHANNELS.map((c) => ({ value: c, label: t(`analysis.tip.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item name="routedTo" label={t('analysis.tip.routedTo')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={TIP_ROUTES.map((r) => ({ value: r, label: t(`analysis.tip.routes.${r}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="realName" label={t('analysis.tip.realName')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: { realName?: boolean }, b: { realName?: boolean }) => a.realName !== b.realName}>
          {({ getFieldValue }) =>
            (getFieldValue('realName') as boolean) ? (
              <Form.Item name="reporterName" label={t('analysis.tip.reporterName')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="content" label={t('analysis.tip.content')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}

// ---------- team ----------

type MemberForm = { userId: string; teamRole: 'LEAD' | 'MEMBER' };

export function TeamTab({ campaign, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState('');
  const [form] = Form.useForm<MemberForm>();
  const candidates = useQuery({ queryKey: ['analysis', 'member-candidates', campaign.id, q], queryFn: () => listMemberCandidates(campaign.id, q || undefined), enabled: adding });
  const remove = async (memberId: string) => {
    try {
      await removeMember(campaign.id, memberId);
      void message.success(t('analysis.team.removed'));
      onChanged();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const submit = async (v: MemberForm) => {
    await addMember(campaign.id, v);
    void message.success(t('analysis.team.added'));
    onChanged();
  };
  return (
    <section aria-label={t('analysis.tabs.team')}>
      <Alert type="info" showIcon title={t('analysis.team.note')} style={{ marginBottom: 12 }} />
      {campaign.allowed.manage ? (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => (form.resetFields(), setQ(''), setAdding(true))}>
          {t('analysis.team.add')}
        </Button>
      ) : null}
      <List
        aria-label={t('analysis.tabs.team')}
        bordered
        dataSource={campaign.team}
        renderItem={(m) => (
          <List.Item
            actions={
              campaign.allowed.manage && m.teamRole !== 'LEAD'
                ? [
                    <Popconfirm key="r" title={t('analysis.team.removeConfirm', { name: m.displayName })} okText={t('analysis.team.remove')} cancelText={t('common.cancel')} onConfirm={() => remove(m.id)}>
                      <Button size="small">{t('analysis.team.remove')}</Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space>
              <span>{m.displayName}</span>
              <Tag color={m.teamRole === 'LEAD' ? 'gold' : 'default'}>{t(`analysis.team.roles.${m.teamRole}`)}</Tag>
            </Space>
          </List.Item>
        )}
      />
      <FormModal<MemberForm> open={adding} title={t('analysis.team.add')} form={form} onSubmit={submit} onClose={() => setAdding(false)} initialValues={{ teamRole: 'MEMBER' }}>
        <Form.Item name="userId" label={t('analysis.team.user')} extra={t('analysis.team.userHelp')} rules={[{ required: true, message: t('analysis.team.userRequired') }]}>
          <Select<string>
            showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
            loading={candidates.isFetching}
            placeholder={t('analysis.team.userPlaceholder')}
            notFoundContent={candidates.isFetching ? null : t('analysis.team.noCandidates')}
            options={(candidates.data ?? []).map((u) => ({ value: u.userId, label: `${u.displayName}（${u.roles.join('、')}）` }))}
          />
        </Form.Item>
        <Form.Item name="teamRole" label={t('analysis.team.role')} rules={[{ required: true }]}>
          <Select options={(['MEMBER', 'LEAD'] as const).map((r) => ({ value: r, label: t(`analysis.team.roles.${r}`) }))} />
        </Form.Item>
      </FormModal>
    </section>
  );
}
