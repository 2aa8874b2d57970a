import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, InputNumber, QRCode, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IssuedTokens, TokenGroup } from '../../../../contracts/evaluation.ts';
import { errorMessage } from '../../../api/client.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { getEvaluation, issueTokens } from '../evaluation.api.ts';
import { cst } from '../evaluation-labels.ts';

const PRINT_CSS = `
@media print {
  .ant-layout-sider, .ant-layout-header, .bw-no-print, .bw-page-header { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .bw-token-card { break-inside: avoid; page-break-inside: avoid; }
}
.bw-token-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
`;

/**
 * /evaluations/:id/tokens: issue tokens per rater group and print them as QR codes (generated in the browser by
 * antd's QRCode, no server round trip). The plain tokens exist only in this page's memory: the server keeps SHA-256.
 */
export default function TokensPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<IssuedTokens | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<TokenGroup, number>>();
  const result = useQuery({ queryKey: ['evaluation', id], queryFn: () => getEvaluation(id) });
  if (result.isError) return <QueryError error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) return <PageLoading />;
  const e = result.data;
  const remaining = Object.fromEntries(e.groups.map((g) => [g.group, Math.max(0, g.tokenCount - g.issued)]));

  const issue = async () => {
    const values = form.getFieldsValue();
    const groups = e.groups.map((g) => ({ group: g.group, count: Number(values[g.group] ?? 0) })).filter((g) => g.count > 0);
    if (groups.length === 0) return;
    setBusy(true);
    try {
      setIssued(await issueTokens(id, { groups }));
      void queryClient.invalidateQueries({ queryKey: ['evaluation', id] });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const origin = window.location.origin;
  return (
    <>
      <style>{PRINT_CSS}</style>
      <PageHeader title={`${t('evaluation.tokensTitle')} · ${e.subjectName}`} extra={<Link to={`/evaluations/${id}`}>{t('evaluation.detail')}</Link>} />
      <div className="bw-no-print">
        <Alert type="warning" showIcon message={t('evaluation.tokensHelp')} style={{ marginBottom: 12 }} />
        {e.can.issueTokens && !issued ? (
          <Card size="small" title={t('evaluation.count')}>
            <Form form={form} layout="vertical" initialValues={remaining}>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: '0 12px' }}>
                {e.groups.map((g) => (
                  <Form.Item key={g.group} name={g.group} label={`${t(`evaluation.groupNames.${g.group}`)}（${t('evaluation.issued')} ${g.issued}）`}>
                    <InputNumber min={0} max={g.group === 'SELF' ? Math.max(0, 1 - g.issued) : 500} style={{ width: '100%' }} aria-label={t(`evaluation.groupNames.${g.group}`)} />
                  </Form.Item>
                ))}
              </div>
              <Button type="primary" loading={busy} onClick={() => void issue()}>
                {t('evaluation.issue')}
              </Button>
            </Form>
          </Card>
        ) : null}
        {issued ? (
          <Space style={{ marginBottom: 12 }}>
            <Button type="primary" onClick={() => window.print()}>
              {t('evaluation.print')}
            </Button>
          </Space>
        ) : null}
      </div>
      {issued ? (
        <div aria-label={t('evaluation.printSheetTitle', { name: issued.subjectName })}>
          {issued.groups.map((g) => (
            <section key={g.group} style={{ marginBottom: 16 }}>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t(`evaluation.groupNames.${g.group}`)}（{g.tokens.length}）
              </Typography.Title>
              <div className="bw-token-grid">
                {g.tokens.map((token, i) => {
                  const url = `${origin}/r/${token}`;
                  return (
                    <Card key={token} size="small" className="bw-token-card" data-testid="token-card">
                      <Typography.Text strong>{t('evaluation.printSheetTitle', { name: issued.subjectName })}</Typography.Text>
                      <div>
                        <Typography.Text type="secondary">
                          {t(`evaluation.groupNames.${g.group}`)} · {i + 1}
                        </Typography.Text>
                      </div>
                      <QRCode value={url} size={150} bordered={false} />
                      <Typography.Paragraph copyable={{ text: url }} style={{ fontSize: 11, wordBreak: 'break-all', marginBottom: 4 }}>
                        <a href={url}>{url}</a>
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        {t('evaluation.scanHint', { time: cst(issued.closeAt) })}
                      </Typography.Text>
                    </Card>
                  );
                })}
              </div>
            </section>
          ))}
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t('evaluation.noTokensYet')}</Typography.Paragraph>
      )}
    </>
  );
}
