import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryError } from '../../../ui/QueryError.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { useCan } from '../../auth/index.ts';
import { ExportPeopleButton } from '../../transfer/index.ts';
import { PeopleCards } from '../components/PeopleCards.tsx';
import { PeopleFilters } from '../components/PeopleFilters.tsx';
import { PeopleTable } from '../components/PeopleTable.tsx';
import { PersonFormModal } from '../components/PersonFormModal.tsx';
import { usePeopleQuery } from '../hooks/usePeopleQuery.ts';

/** /people: server-side paged, sorted and filtered list; filters live in the URL. */
export default function PeopleListPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const canWrite = useCan('people.write');
  const [creating, setCreating] = useState(false);
  const { query, update, result } = usePeopleQuery();

  return (
    <>
      <PageHeader
        title={t('people.title')}
        extra={
          <>
            <ExportPeopleButton filters={query} />
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('people.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <PeopleFilters query={query} update={update} compact={isMobile} />
      {result.error ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : isMobile ? (
        <PeopleCards data={result.data} loading={result.isFetching} query={query} update={update} />
      ) : (
        <PeopleTable data={result.data} loading={result.isFetching} query={query} update={update} />
      )}
      {creating ? (
        <PersonFormModal
          open
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            void message.success(t('people.created'));
            void navigate(`/people/${id}`);
          }}
        />
      ) : null}
    </>
  );
}
