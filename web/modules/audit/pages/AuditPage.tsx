import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/client.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { exportAuditEvents, verifyLedger } from '../audit.api.ts';
import { AuditEventCards } from '../components/AuditEventCards.tsx';
import { AuditEventTable } from '../components/AuditEventTable.tsx';
import { AuditFilters } from '../components/AuditFilters.tsx';
import { CheckpointList } from '../components/CheckpointList.tsx';
import { PersonHistoryDrawer } from '../components/PersonHistoryDrawer.tsx';
import { VerifyResult } from '../components/VerifyResult.tsx';
import { useAuditQuery } from '../hooks/useAuditQuery.ts';

/** /audit: the ledger (filtered and paged on the server), "verify now", checkpoints and a person's history. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const isMobile = useIsMobile();
  const { query, update, result, historyOf, openHistory } = useAuditQuery();
  const verify = useMutation({ mutationFn: verifyLedger, onError: (e) => void message.error(errorMessage(e)) });
  const actor = result.data?.items.find((e) => e.actor.userId === query.actorUserId)?.actor;
  const actorLabel = actor?.displayName ? `${actor.displayName}（${actor.username ?? ''}）` : undefined;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        sub={t('audit.sub')}
        extra={
          <Space wrap>
            <ExportButton fetchFile={() => exportAuditEvents(query)} fallbackName={t('audit.exportFileName')} />
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verifyNow')}
            </Button>
          </Space>
        }
      />
      <Flex vertical gap={16}>
        {verify.data ? <VerifyResult verdict={verify.data} /> : null}
        <div>
          <AuditFilters query={query} update={update} actorLabel={actorLabel} />
          {result.error ? (
            <QueryError error={result.error} onRetry={() => void result.refetch()} />
          ) : isMobile ? (
            <AuditEventCards data={result.data} loading={result.isFetching} query={query} update={update} onHistory={openHistory} />
          ) : (
            <AuditEventTable data={result.data} loading={result.isFetching} query={query} update={update} onHistory={openHistory} />
          )}
        </div>
        <CheckpointList />
      </Flex>
      {historyOf ? <PersonHistoryDrawer key={historyOf} personId={historyOf} onClose={() => openHistory(null)} /> : null}
    </>
  );
}
