import { useState, type ReactNode } from 'react';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FrontLine, Kinship, PersonDossier, Post } from '../../../../contracts/people.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { useCodes } from '../hooks/useCodes.ts';
import { PersonFormModal } from './PersonFormModal.tsx';
import { AddKinshipModal, AddPostModal, EndPostModal } from './PostModals.tsx';
import { RevealField } from './RevealField.tsx';

type Props = {
  dossier: PersonDossier;
  /** people.write: edit, posts, kinship */
  canWrite: boolean;
  /** people.reveal: 查看 buttons next to the masked values */
  canReveal: boolean;
  /** relatives link to their dossiers */
  canBrowsePeople: boolean;
  canReadCodes: boolean;
  title?: ReactNode;
  onChanged: () => void;
};

type Dialog = { kind: 'edit' } | { kind: 'addPost' } | { kind: 'endPost'; post: Post } | { kind: 'addKinship' } | null;

function sortPosts(posts: Post[]): Post[] {
  return [...posts].sort((a, b) => {
    if ((a.endDate === null) !== (b.endDate === null)) return a.endDate === null ? -1 : 1;
    return b.startDate.localeCompare(a.startDate);
  });
}

/** The dossier (干部档案) sections, shared by /people/:id and the read-only /me/dossier. */
export function DossierView({ dossier: d, canWrite, canReveal, canBrowsePeople, canReadCodes, title, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const ethnicity = useCodes('ETHNICITY', canReadCodes);
  const education = useCodes('EDUCATION', canReadCodes && d.cadre !== null);
  const degree = useCodes('DEGREE', canReadCodes && Boolean(d.cadre?.degreeCode));
  const close = () => setDialog(null);
  const done = (text: string) => () => {
    void message.success(text);
    onChanged();
  };

  const postColumns: TableColumnsType<Post> = [
    {
      key: 'title',
      title: t('dossier.postTitle'),
      render: (_v, p) => (
        <Space size={4} wrap>
          <span>{p.title}</span>
          {p.endDate === null ? <Tag color="green">{t('dossier.current')}</Tag> : <Tag>{t('dossier.ended')}</Tag>}
          {p.isPrincipal ? <Tag color="red">{t('dossier.isPrincipal')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'org', title: t('dossier.postOrg'), dataIndex: 'orgName' },
    { key: 'rank', title: t('people.rankLevel'), width: 110, render: (_v, p) => (p.rankLevel ? t(`rankLevels.${p.rankLevel}`) : t('common.dash')) },
    { key: 'start', title: t('dossier.startDate'), width: 110, render: (_v, p) => formatDate(p.startDate) },
    { key: 'end', title: t('dossier.endDate'), width: 110, render: (_v, p) => (p.endDate ? formatDate(p.endDate) : t('common.today')) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_v: unknown, p: Post) =>
              p.endDate === null ? (
                <Button size="small" danger onClick={() => setDialog({ kind: 'endPost', post: p })}>
                  {t('dossier.endPost')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const kinColumns: TableColumnsType<Kinship> = [
    {
      key: 'name',
      title: t('dossier.relativeName'),
      render: (_v, k) => (canBrowsePeople ? <Link to={`/people/${k.relativePersonId}`}>{k.relativeName}</Link> : k.relativeName),
    },
    { key: 'relation', title: t('dossier.relation'), render: (_v, k) => t(`kinshipRelations.${k.relation}`) },
    { key: 'titles', title: t('dossier.relativeTitles'), render: (_v, k) => (k.relativeTitles.length > 0 ? k.relativeTitles.join('、') : t('common.dash')) },
  ];

  const frontColumns: TableColumnsType<FrontLine> = [
    { key: 'kind', title: t('dossier.frontKind'), width: 160, render: (_v, f) => t(`frontLineKinds.${f.kind}`) },
    { key: 'desc', title: t('dossier.description'), dataIndex: 'description' },
    { key: 'period', title: t('dossier.period'), width: 220, render: (_v, f) => `${formatDate(f.startDate)} ${t('common.to')} ${f.endDate ? formatDate(f.endDate) : t('common.today')}` },
  ];

  const orgPath = [...d.orgAncestors.map((a) => a.name), d.orgName].join(' / ');
  const party = d.isPartyMember
    ? d.partyJoinDate
      ? t('dossier.partyMember', { date: formatDate(d.partyJoinDate) })
      : t('dossier.partyMemberNoDate')
    : t('dossier.notPartyMember');

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} className="bw-page-title">
            {title ?? d.name}
          </Typography.Title>
          <Typography.Text type="secondary">{orgPath}</Typography.Text>
        </div>
        {canWrite ? (
          <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
            {t('common.edit')}
          </Button>
        ) : null}
      </Flex>

      <Card title={t('dossier.basic')} size="small">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
          items={[
            { key: 'name', label: t('people.name'), children: d.name },
            { key: 'gender', label: t('people.gender'), children: t(`genders.${d.gender}`) },
            { key: 'birth', label: t('people.birthDate'), children: `${formatDate(d.birthDate)}（${t('common.years', { age: d.age })}）` },
            { key: 'ethnicity', label: t('people.ethnicity'), children: ethnicity.label(d.ethnicityCode) },
            {
              key: 'id',
              label: t('people.idNumber'),
              children: <RevealField personId={d.id} field="idNumber" masked={d.idNumberMasked} canReveal={canReveal} label={t('people.idNumber')} />,
            },
            {
              key: 'phone',
              label: t('people.phone'),
              children: <RevealField personId={d.id} field="phone" masked={d.phoneMasked} canReveal={canReveal} label={t('people.phone')} />,
            },
            { key: 'hometown', label: t('people.hometown'), children: d.hometownName ?? t('common.dash') },
            { key: 'party', label: t('people.isPartyMember'), children: party },
            { key: 'partyOrg', label: t('people.partyOrg'), children: d.partyOrgName ?? t('common.dash') },
            { key: 'org', label: t('people.orgUnit'), children: d.orgName },
            { key: 'updated', label: t('dossier.updatedAt'), children: formatDateTime(d.updatedAt) },
          ]}
        />
      </Card>

      <Card title={t('dossier.cadre')} size="small">
        {d.cadre ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
            items={[
              { key: 'rank', label: t('people.rankLevel'), children: t(`rankLevels.${d.cadre.rankLevel}`) },
              { key: 'authority', label: t('people.managementAuthority'), children: d.cadre.managementAuthorityName },
              { key: 'work', label: t('people.workStartDate'), children: formatDate(d.cadre.workStartDate) },
              { key: 'education', label: t('people.education'), children: education.label(d.cadre.educationCode) },
              { key: 'degree', label: t('people.degree'), children: degree.label(d.cadre.degreeCode) },
              { key: 'specialty', label: t('people.specialty'), children: d.cadre.specialty ?? t('common.dash') },
              { key: 'section', label: t('people.isSectionLevel'), children: d.cadre.isSectionLevel ? t('common.yes') : t('common.no') },
              {
                key: 'young',
                label: t('dossier.youngCadre'),
                children: d.cadre.isYoung ? <Tag color="gold">{t('dossier.yesYoung')}</Tag> : t('common.no'),
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('dossier.notCadre')}</Typography.Text>
        )}
      </Card>

      <Card
        title={t('dossier.posts')}
        size="small"
        extra={
          canWrite ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'addPost' })}>
              {t('dossier.addPost')}
            </Button>
          ) : null
        }
      >
        <Table<Post>
          aria-label={t('dossier.posts')}
          rowKey="id"
          size="small"
          columns={postColumns}
          dataSource={sortPosts(d.posts)}
          pagination={false}
          scroll={{ x: 640 }}
          rowClassName={(p) => (p.endDate === null ? 'bw-post-current' : '')}
          locale={{ emptyText: t('dossier.empty') }}
        />
      </Card>

      <Card
        title={t('dossier.kinship')}
        size="small"
        extra={
          canWrite ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'addKinship' })}>
              {t('dossier.addKinship')}
            </Button>
          ) : null
        }
      >
        <Table<Kinship>
          aria-label={t('dossier.kinship')}
          rowKey="id"
          size="small"
          columns={kinColumns}
          dataSource={d.kinship}
          pagination={false}
          scroll={{ x: 480 }}
          locale={{ emptyText: t('dossier.empty') }}
        />
      </Card>

      <Card title={t('dossier.frontLine')} size="small">
        <Table<FrontLine>
          aria-label={t('dossier.frontLine')}
          rowKey="id"
          size="small"
          columns={frontColumns}
          dataSource={d.frontLine}
          pagination={false}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('dossier.empty') }}
        />
      </Card>

      {dialog?.kind === 'edit' ? <PersonFormModal open person={d} onClose={close} onSaved={done(t('common.saved'))} /> : null}
      {dialog?.kind === 'addPost' ? <AddPostModal personId={d.id} defaultOrgUnitId={d.orgUnitId} onClose={close} onDone={done(t('dossier.postAdded'))} /> : null}
      {dialog?.kind === 'endPost' ? <EndPostModal personId={d.id} post={dialog.post} onClose={close} onDone={done(t('dossier.postEnded'))} /> : null}
      {dialog?.kind === 'addKinship' ? <AddKinshipModal personId={d.id} onClose={close} onDone={done(t('dossier.kinshipAdded'))} /> : null}
    </Flex>
  );
}
