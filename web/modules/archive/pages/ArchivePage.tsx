import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ArchiveBox } from '../../../../contracts/archive.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { useCan } from '../../auth/index.ts';
import { ArchiveRequestList } from '../components/ArchiveRequestList.tsx';

/** /archive: my file-access requests and, for approvers, the inbox of requests under their management authority. */
export default function ArchivePage() {
  const { t } = useTranslation();
  const canApprove = useCan('archive.approve');
  const [params, setParams] = useSearchParams();
  const box: ArchiveBox = canApprove && params.get('box') === 'toApprove' ? 'toApprove' : 'mine';

  return (
    <>
      <PageHeader title={t('archive.title')} sub={t('archive.sub')} />
      {canApprove ? (
        <Tabs
          activeKey={box}
          onChange={(key) => setParams(key === 'toApprove' ? { box: 'toApprove' } : {})}
          items={[
            { key: 'mine', label: t('archive.mine'), children: box === 'mine' ? <ArchiveRequestList box="mine" /> : null },
            { key: 'toApprove', label: t('archive.toApprove'), children: box === 'toApprove' ? <ArchiveRequestList box="toApprove" /> : null },
          ]}
        />
      ) : (
        <ArchiveRequestList box="mine" />
      )}
    </>
  );
}
