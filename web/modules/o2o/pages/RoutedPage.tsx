import { App as AntApp, Button, Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Matter } from '../../../../contracts/o2o.ts';
import { errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { PagedTable } from '../../../ui/PagedTable.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { exportRouted, listRouted, takeInRouted } from '../o2o.api.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';

/**
 * /o2o/routed: the discipline commission's list of citizen reports naming a cadre, routed out of the O2O flow.
 * Each links to the 信访举报 petition it became (integrity module); one routed before the hand-over can be taken in.
 */
export default function RoutedPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const isMobile = useIsMobile();

  const takeIn = (m: Matter) =>
    modal.confirm({
      title: t('o2o.routed.takeIn'),
      content: t('o2o.routed.takeInConfirm'),
      okText: t('o2o.routed.takeIn'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await takeInRouted(m.id);
          void message.success(t('o2o.routed.takenIn'));
          await queryClient.invalidateQueries({ queryKey: ['o2o', 'routed'] });
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const petition = (m: Matter) =>
    m.petitionId ? (
      <Link to={`/integrity/petitions/${m.petitionId}`}>{t('o2o.routed.openPetition')}</Link>
    ) : (
      <Flex gap={6} align="center" wrap>
        <Tag color="orange">{t('o2o.routed.notYet')}</Tag>
        <Button size="small" onClick={() => takeIn(m)}>
          {t('o2o.routed.takeIn')}
        </Button>
      </Flex>
    );

  const desktop: TableColumnsType<Matter> = [
    { title: t('o2o.code'), dataIndex: 'code' },
    { title: t('o2o.matter'), dataIndex: 'title', ellipsis: true, width: 280 },
    { title: t('o2o.location'), dataIndex: 'locationName', render: (v: string, r) => (r.townName && r.townName !== v ? `${r.townName} ${v}` : v) },
    { title: t('o2o.channel'), dataIndex: 'channel', render: (c: Matter['channel']) => t(`o2o.channels.${c}`) },
    { title: t('o2o.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v) },
    { title: t('o2o.anonymous'), dataIndex: 'anonymous', render: (a: boolean) => (a ? <Tag>{t('o2o.anonymous')}</Tag> : '—') },
    { title: t('o2o.routed.petition'), key: 'petition', render: (_: unknown, m) => petition(m) },
  ];
  const mobile: TableColumnsType<Matter> = [
    {
      title: t('o2o.matter'),
      key: 'matter',
      render: (_: unknown, m) => (
        <Flex vertical gap={4} style={{ minWidth: 0, maxWidth: 300 }}>
          <Typography.Text strong>{m.code}</Typography.Text>
          <Typography.Text ellipsis style={{ maxWidth: 300 }}>{m.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.locationName} · {formatDateTime(m.receivedAt)}
          </Typography.Text>
          {petition(m)}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('o2o.routed.title')} sub={t('o2o.routed.sub')} extra={<ExportButton fetchFile={() => exportRouted()} fallbackName="o2o-routed.xlsx" />} />
      <PagedTable<Matter> queryKey={['o2o', 'routed']} fetchPage={listRouted} columns={isMobile ? mobile : desktop} label={t('o2o.routed.label')} />
    </>
  );
}
