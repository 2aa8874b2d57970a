import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useCan } from '../../auth/index.ts';
import { DossierView } from '../components/DossierView.tsx';
import { getPerson } from '../people.api.ts';
import { RequestArchiveButton } from '../../archive/index.ts';
import { CadreProfileButton } from '../../analysis/index.ts';

/** /people/:id. Unknown and out-of-scope ids both answer 404, shown as one friendly page. */
export default function DossierPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const canWrite = useCan('people.write');
  const canReveal = useCan('people.reveal');
  const canReadCodes = useCan('codes.read');
  const dossier = useQuery({ queryKey: ['people', 'dossier', id], queryFn: () => getPerson(id), enabled: id.length > 0 });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/people')}>
      {t('people.backToList')}
    </Button>
  );

  if (dossier.error) {
    const notFound = dossier.error instanceof ApiError && (dossier.error.status === 404 || dossier.error.status === 400);
    return notFound ? (
      <Result status="404" title={t('people.notFoundTitle')} subTitle={t('people.notFoundSub')} extra={back} />
    ) : (
      <QueryError error={dossier.error} onRetry={() => void dossier.refetch()} />
    );
  }
  if (!dossier.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <>
      <RequestArchiveButton personId={dossier.data.id} personName={dossier.data.name} />
      <CadreProfileButton personId={dossier.data.id} />
      <DossierView
        dossier={dossier.data}
        canWrite={canWrite}
        canReveal={canReveal}
        canBrowsePeople
        canReadCodes={canReadCodes}
        onChanged={() => void dossier.refetch()}
      />
    </>
  );
}
