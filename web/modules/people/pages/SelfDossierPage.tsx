import { Alert, Result, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useCan } from '../../auth/index.ts';
import { DossierView } from '../components/DossierView.tsx';
import { getSelfDossier } from '../people.api.ts';

/** /me/dossier: the logged-in cadre's own dossier, read-only. */
export default function SelfDossierPage() {
  const { t } = useTranslation();
  const canReveal = useCan('people.reveal');
  const canReadCodes = useCan('codes.read');
  const canBrowsePeople = useCan('people.read');
  const dossier = useQuery({ queryKey: ['people', 'self'], queryFn: getSelfDossier });

  if (dossier.error) {
    return dossier.error instanceof ApiError && dossier.error.status === 404 ? (
      <Result status="info" title={t('dossier.selfNotLinked')} />
    ) : (
      <QueryError error={dossier.error} onRetry={() => void dossier.refetch()} />
    );
  }
  if (!dossier.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <>
      <Alert type="info" showIcon title={t('dossier.readOnly')} style={{ marginBottom: 16 }} />
      <DossierView
        dossier={dossier.data}
        title={`${t('dossier.myTitle')} · ${dossier.data.name}`}
        canWrite={false}
        canReveal={canReveal}
        canBrowsePeople={canBrowsePeople}
        canReadCodes={canReadCodes}
        onChanged={() => void dossier.refetch()}
      />
    </>
  );
}
