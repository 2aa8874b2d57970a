import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportPeopleQuery } from '../../../../contracts/transfer.ts';
import { useFileDownload } from '../hooks/useFileDownload.ts';
import { exportPeople } from '../transfer.api.ts';

/** Only the list filters: the export endpoint refuses paging parameters (it returns every matching row). */
function exportFilters(q: ExportPeopleQuery): ExportPeopleQuery {
  return { q: q.q, orgUnitId: q.orgUnitId, rankLevel: q.rankLevel, gender: q.gender, isCadre: q.isCadre, isPartyMember: q.isPartyMember, sort: q.sort, order: q.order };
}

/**
 * 导出 Excel: every person the user can see with the list's current filters. A login older than 5 minutes
 * asks for the password first (the re-login modal), then the download is retried.
 */
export function ExportPeopleButton({ filters }: { filters: ExportPeopleQuery }) {
  const { t } = useTranslation();
  const { busy, download } = useFileDownload();
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void download(() => exportPeople(exportFilters(filters)), t('transfer.exportFileName'))}>
      {busy ? t('transfer.exporting') : t('transfer.export')}
    </Button>
  );
}
