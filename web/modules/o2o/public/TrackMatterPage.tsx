/**
 * /c/track — follow a matter by tracking code + check code (both typed, sent in a POST body: nothing in the URL),
 * see its public progress and reply, and rate the reply once (DISSATISFIED feeds the O2O office's revisit).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Radio, Space, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { PublicMatter } from '../../../../contracts/o2o.ts';
import { CitizenError, rateMatter, trackMatter } from './citizen.api.ts';
import { CATEGORY, english, lang, pick, PUBLIC_STATUS, T } from './citizen-text.ts';

const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export default function TrackMatterPage() {
  const [code, setCode] = useState('');
  const [checkCode, setCheckCode] = useState('');
  const [matter, setMatter] = useState<PublicMatter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [satisfaction, setSatisfaction] = useState<string | undefined>();
  const [comment, setComment] = useState('');
  const [thanks, setThanks] = useState(false);

  useEffect(() => {
    document.title = T.trackTitle;
  }, []);

  async function find() {
    setError(null);
    setThanks(false);
    setBusy(true);
    try {
      setMatter(await trackMatter({ code: code.trim(), checkCode: checkCode.trim() }, lang));
    } catch (e) {
      setMatter(null);
      setError(e instanceof CitizenError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function rate() {
    if (!satisfaction) return;
    setBusy(true);
    try {
      setMatter(await rateMatter({ code: code.trim(), checkCode: checkCode.trim(), satisfaction: satisfaction as 'SATISFIED', comment: comment.trim() || undefined }, lang));
      setThanks(true);
    } catch (e) {
      setError(e instanceof CitizenError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pub-page">
      <Typography.Title level={3}>{T.trackTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{T.trackHint}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Input aria-label={T.code} placeholder={`${T.code}  CSX-2016-000123`} value={code} onChange={(e) => setCode(e.target.value)} maxLength={20} autoComplete="off" />
        <Input aria-label={T.check} placeholder={T.check} value={checkCode} onChange={(e) => setCheckCode(e.target.value)} maxLength={16} autoComplete="off" />
        <Button type="primary" block loading={busy} onClick={() => void find()} disabled={!code.trim() || !checkCode.trim()}>
          {T.find}
        </Button>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {matter ? (
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={T.code}>{matter.code}</Descriptions.Item>
              <Descriptions.Item label={T.category}>{pick(CATEGORY[matter.category], matter.category)}</Descriptions.Item>
              <Descriptions.Item label={T.status}>
                <Typography.Text strong data-testid="public-status">{pick(PUBLIC_STATUS[matter.publicStatus], matter.publicStatus)}</Typography.Text>
              </Descriptions.Item>
              {matter.expectedDate ? <Descriptions.Item label={T.expected}>{matter.expectedDate}</Descriptions.Item> : null}
              {matter.reply ? <Descriptions.Item label={T.reply}>{matter.reply}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Title level={5}>{T.timeline}</Typography.Title>
            <Timeline items={matter.timeline.map((e) => ({ content: `${cst(e.at)} ${pick(PUBLIC_STATUS[e.publicStatus], e.publicStatus)}${e.note ? `：${e.note}` : ''}` }))} />
            {matter.canRate ? (
              <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
                <Typography.Text strong>{T.rate}</Typography.Text>
                <Radio.Group value={satisfaction} onChange={(e) => setSatisfaction(e.target.value as string)} options={['SATISFIED', 'BASIC', 'DISSATISFIED'].map((s) => ({ value: s, label: T.sat[s] }))} />
                <Input.TextArea aria-label={T.comment} placeholder={T.comment} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={500} />
                <Button type="primary" block disabled={!satisfaction} loading={busy} onClick={() => void rate()}>
                  {T.sendRating}
                </Button>
              </Space>
            ) : matter.satisfaction ? (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                {T.rated}：{T.sat[matter.satisfaction]}
              </Typography.Paragraph>
            ) : null}
            {thanks ? <Alert type="success" showIcon title={T.thanks} style={{ marginTop: 8 }} /> : null}
          </Card>
        ) : null}
        <Link to={`/c/new${english ? '?lang=en' : ''}`}>{T.newMatter}</Link>
      </Space>
    </div>
  );
}
