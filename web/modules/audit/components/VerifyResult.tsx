import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerifyVerdict } from '../../../../contracts/audit.ts';
import { formatDateTime } from '../../../ui/format.ts';

/** The verifier's verdict: green 校验通过 with size and root, or red with the first problem. */
export function VerifyResult({ verdict }: { verdict: VerifyVerdict }) {
  const { t } = useTranslation();
  const details = (
    <>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          ...(verdict.root ? [{ key: 'root', label: t('audit.verifyRoot'), children: <Typography.Text className="bw-masked" copyable>{verdict.root}</Typography.Text> }] : []),
          ...(verdict.chainHead ? [{ key: 'head', label: t('audit.verifyChainHead'), children: <span className="bw-masked">{verdict.chainHead}</span> }] : []),
          ...(verdict.publicKeyFingerprint ? [{ key: 'key', label: t('audit.verifyKey'), children: <span className="bw-masked">{verdict.publicKeyFingerprint}</span> }] : []),
          { key: 'time', label: t('audit.time'), children: `${formatDateTime(verdict.verifiedAt)} · ${t('audit.verifyDuration', { ms: verdict.durationMs })}` },
        ]}
      />
      {verdict.warnings.length > 0 ? (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{t('audit.verifyWarnings')}：</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {verdict.warnings.map((w) => (
              <li key={w}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {w}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
  return verdict.ok ? (
    <Alert
      type="success"
      showIcon
      role="status"
      title={t('audit.verifyOk')}
      description={
        <>
          <div>{t('audit.verifyOkDetail', { size: verdict.size, stored: verdict.checkpoints.stored })}</div>
          {details}
        </>
      }
    />
  ) : (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('audit.verifyFailed')}
      description={
        <>
          <div>{t('audit.verifyProblem', { problem: verdict.problem ?? '' })}</div>
          {details}
        </>
      }
    />
  );
}
