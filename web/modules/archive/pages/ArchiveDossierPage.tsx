import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Watermark } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { DossierView } from '../../people/index.ts';
import { getArchiveDossier } from '../archive.api.ts';

/**
 * /archive/requests/:id/dossier: the full personnel file under an approved request. Every load is one ledger
 * event on the server, so the result is never cached or refetched in the background; the page carries a
 * watermark with the viewer's name and the time of the view.
 */
export default function ArchiveDossierPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const file = useQuery({ queryKey: ['archive', 'dossier', id], queryFn: () => getArchiveDossier(id), enabled: id.length > 0, staleTime: Infinity, gcTime: 0, retry: false });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/archive')}>
      {t('archive.back')}
    </Button>
  );

  if (file.error) {
    const refused = file.error instanceof ApiError && [400, 401, 403, 404].includes(file.error.status);
    return refused ? <Result status="403" title={t('archive.cannotView')} subTitle={errorMessage(file.error)} extra={back} /> : <QueryError error={file.error} onRetry={() => void file.refetch()} />;
  }
  if (!file.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const f = file.data;

  return (
    <Watermark content={[t('archive.watermark', { name: f.viewerName, time: formatDateTime(f.viewedAt) })]} font={{ fontSize: 14, color: 'rgba(200, 16, 46, 0.10)' }} gap={[120, 120]}>
      <Flex vertical gap={16}>
        <div>{back}</div>
        <Alert type="warning" showIcon title={t('archive.dossierNotice', { purpose: t(`archive.purposes.${f.request.purpose}`), seq: f.ledgerSeq })} />
        <Card size="small" title={t('archive.fullIdentity')}>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'id', label: t('archive.idNumber'), children: <span className="bw-masked">{f.idNumber ?? t('common.dash')}</span> },
              { key: 'phone', label: t('archive.phone'), children: <span className="bw-masked">{f.phone ?? t('common.dash')}</span> },
            ]}
          />
        </Card>
        <DossierView dossier={f.dossier} title={t('archive.dossierTitle', { name: f.dossier.name })} canWrite={false} canReveal={false} canBrowsePeople={false} canReadCodes onChanged={() => undefined} />
      </Flex>
    </Watermark>
  );
}
