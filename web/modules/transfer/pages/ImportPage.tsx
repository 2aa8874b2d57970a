import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ImportHistory } from '../components/ImportHistory.tsx';
import { TemplateStep } from '../components/TemplateStep.tsx';
import { UploadStep } from '../components/UploadStep.tsx';

/** /imports (people.write): download the template, upload a roster (all or nothing), see past imports. */
export default function ImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('transfer.importTitle')} sub={t('transfer.importSub')} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <TemplateStep />
        <UploadStep />
        <ImportHistory />
      </Flex>
    </>
  );
}
