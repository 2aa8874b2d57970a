/**
 * /r/:token — the anonymous rater's page (SPEC M6, RATER role: "submit one ballot, nothing else"). Shows only the
 * subject's name and post and the questionnaire; one submit; clear messages for used, closed, not-yet-open and
 * invalid tokens. Works at 375 px and in WeChat's in-app browser: plain fetch, no storage, no newer browser APIs.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Input, Radio, Result, Space, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import type { BallotForm, Dimension, IntegrityAnswer } from '../../../../contracts/evaluation.ts';
import { fetchBallotForm, RaterError, submitBallot } from './rater.api.ts';

const english = typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('lang') === 'en';
const lang = english ? 'en' : 'zh-CN';

const T = english
  ? {
      title: 'Anonymous evaluation',
      subject: 'Cadre evaluated',
      notice: 'This evaluation is anonymous: your link belongs to a group of raters, not to you; neither your address nor the time you submit is recorded. Results are shown only for groups of at least five raters.',
      selfNotice: 'This is your self-assessment. It is shown next to the others’ scores and is not part of the overall score.',
      integrityQ: 'Integrity: what do you know about this cadre?',
      integrity: { NO_ISSUE: 'No problem found', HEARD_CONCERNS: 'I have heard concerns', KNOWN_VIOLATION: 'I know of a violation' } as Record<IntegrityAnswer, string>,
      freeText: 'Comments (optional, shown only to the cadre supervision section)',
      submit: 'Submit',
      missing: 'Please answer every question (unanswered: {n})',
      thanks: 'Thank you. Your evaluation was submitted.',
      thanksSub: 'You can close this page. The link cannot be used again.',
      used: 'This link has already been used',
      usedSub: 'Each link can be used once. If you did not submit it yourself, tell the organisation department.',
      closed: 'This evaluation has closed',
      closedSub: 'Submissions are no longer accepted.',
      notOpen: 'This evaluation has not started yet',
      notOpenSub: 'Open this link again after {t}.',
      invalid: 'This link is not valid',
      invalidSub: 'Check that the link or QR code you were given is complete.',
      closes: 'Closes',
      dims: { virtue: 'Virtue (德)', ability: 'Ability (能)', diligence: 'Diligence (勤)', performance: 'Performance (绩)', integrity: 'Integrity (廉)' } as Record<Dimension, string>,
    }
  : {
      title: '干部反向测评',
      subject: '被测评干部',
      notice: '本测评为匿名测评：测评码只对应评价群体，不对应个人；系统不记录您的 IP 地址和提交时间。每个群体不少于 5 人时才显示该群体的结果。',
      selfNotice: '这是您本人的自评，仅用于与他评对比，不计入综合得分。',
      integrityQ: '廉洁情况：您是否了解该同志存在廉洁方面的问题？',
      integrity: { NO_ISSUE: '未发现问题', HEARD_CONCERNS: '听到过相关反映', KNOWN_VIOLATION: '知道确有违纪违法问题' } as Record<IntegrityAnswer, string>,
      freeText: '意见建议（选填，仅干部监督科可见）',
      submit: '提交',
      missing: '还有 {n} 道题未作答，请全部作答后提交',
      thanks: '提交成功，感谢您的参与',
      thanksSub: '您可以关闭本页面。该测评码已失效，不能再次使用。',
      used: '该测评码已经使用过',
      usedSub: '每个测评码只能提交一次。如不是您本人提交，请向组织部反映。',
      closed: '测评已经结束',
      closedSub: '本次测评已停止接收评价。',
      notOpen: '测评尚未开始',
      notOpenSub: '请于 {t} 之后再打开此链接。',
      invalid: '测评链接无效',
      invalidSub: '请核对您收到的链接或二维码是否完整。',
      closes: '截止时间',
      dims: { virtue: '德', ability: '能', diligence: '勤', performance: '绩', integrity: '廉' } as Record<Dimension, string>,
    };

function localTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

type Phase = { kind: 'loading' } | { kind: 'form'; form: BallotForm } | { kind: 'done' } | { kind: 'error'; status: number; message: string };

export default function RaterPage() {
  const { token = '' } = useParams();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [integrity, setIntegrity] = useState<IntegrityAnswer | undefined>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = T.title;
    fetchBallotForm(token, lang).then(
      (form) => setPhase({ kind: 'form', form }),
      (e: unknown) => setPhase({ kind: 'error', status: e instanceof RaterError ? e.status : 0, message: e instanceof Error ? e.message : T.invalid }),
    );
  }, [token]);

  const shell = (children: ReactNode) => (
    <div className="pub-page" style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
      <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', margin: '8px 0 12px' }}>
        {T.title}
      </Typography.Title>
      {children}
    </div>
  );

  if (phase.kind === 'loading') return shell(<div style={{ textAlign: 'center', padding: 48 }}><Spin /></div>);
  if (phase.kind === 'done') return shell(<Result status="success" title={T.thanks} subTitle={T.thanksSub} />);
  if (phase.kind === 'error') {
    return shell(phase.status === 404 || phase.status === 400 ? <Result status="404" title={T.invalid} subTitle={T.invalidSub} /> : <Result status="warning" title={phase.message} />);
  }
  const { form } = phase;
  if (form.state === 'USED') return shell(<Result status="warning" title={T.used} subTitle={T.usedSub} />);
  if (form.state === 'CLOSED') return shell(<Result status="info" title={T.closed} subTitle={T.closedSub} />);
  if (form.state === 'NOT_OPEN') return shell(<Result status="info" title={T.notOpen} subTitle={T.notOpenSub.replace('{t}', localTime(form.openAt))} />);
  const q = form.questionnaire!;
  const items = q.dimensions.flatMap((d) => d.items);
  const unanswered = items.filter((i) => !answers[i.id]).length + (integrity ? 0 : 1);

  const submit = async () => {
    if (unanswered > 0) {
      setProblem(T.missing.replace('{n}', String(unanswered)));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await submitBallot({ token, answers, integrity: integrity!, ...(text.trim() ? { freeText: text.trim() } : {}) }, lang);
      setPhase({ kind: 'done' });
    } catch (e) {
      if (e instanceof RaterError && e.status === 409) setPhase({ kind: 'error', status: 409, message: e.message });
      else setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return shell(
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Text type="secondary">{T.subject}</Typography.Text>
        <Typography.Title level={2} style={{ fontSize: 20, margin: '4px 0' }}>
          {form.subjectName}
        </Typography.Title>
        {form.subjectPost ? <Typography.Text>{form.subjectPost}</Typography.Text> : null}
        <div>
          <Typography.Text type="secondary">
            {T.closes}：{localTime(form.closeAt)}
          </Typography.Text>
        </div>
      </Card>
      <Alert type="info" showIcon message={form.isSelf ? T.selfNotice : T.notice} />
      {q.dimensions.map((d, di) => (
        <Card key={d.key} size="small" title={`${di + 1}. ${T.dims[d.key]}`}>
          <Space direction="vertical" size={14} style={{ width: '100%' }}>
            {d.items.map((item) => (
              <div key={item.id} role="group" aria-label={item.text}>
                <Typography.Paragraph style={{ marginBottom: 6 }}>{item.text}</Typography.Paragraph>
                <Radio.Group
                  value={answers[item.id]}
                  onChange={(e) => setAnswers((a) => ({ ...a, [item.id]: String(e.target.value) }))}
                  optionType="button"
                  buttonStyle="solid"
                  style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
                  options={q.options.map((o) => ({ value: o.key, label: o.label }))}
                />
              </div>
            ))}
          </Space>
        </Card>
      ))}
      <Card size="small" title={T.integrityQ}>
        <Radio.Group value={integrity} onChange={(e) => setIntegrity(e.target.value as IntegrityAnswer)} aria-label={T.integrityQ}>
          <Space direction="vertical">
            {(['NO_ISSUE', 'HEARD_CONCERNS', 'KNOWN_VIOLATION'] as const).map((k) => (
              <Radio key={k} value={k}>
                {T.integrity[k]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Card>
      {q.freeText && !form.isSelf ? (
        <Card size="small" title={T.freeText}>
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 8 }} aria-label={T.freeText} />
        </Card>
      ) : null}
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
      <Button type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        {T.submit}
      </Button>
    </Space>,
  );
}
