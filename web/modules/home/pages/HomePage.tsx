import { lazy, Suspense } from 'react';
import { ApartmentOutlined, ClockCircleOutlined, IdcardOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hasPermission, useMe } from '../../auth/index.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';

const RankChart = lazy(() => import('../components/RankChart.tsx'));

/** one entry per unit, whatever the number of grants on it */
function uniqueScope<T extends { orgUnitId: string }>(scope: T[]): T[] {
  return scope.filter((s, i) => scope.findIndex((o) => o.orgUnitId === s.orgUnitId) === i);
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const links = [
    { path: '/org', label: t('menu.org'), icon: <ApartmentOutlined />, ok: hasPermission(me, 'org.read') },
    { path: '/people', label: t('menu.people'), icon: <TeamOutlined />, ok: hasPermission(me, 'people.read') },
    { path: '/me/dossier', label: t('menu.myDossier'), icon: <IdcardOutlined />, ok: hasPermission(me, 'self.read') },
    { path: '/account', label: t('menu.account'), icon: <UserOutlined />, ok: true },
  ].filter((l) => l.ok);

  return (
    <>
      <PageHeader title={t('home.welcome', { name: me.displayName })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'roles',
                  label: t('home.roles'),
                  children: (
                    <Flex wrap gap={4}>
                      {me.roles.map((r) => (
                        <Tag color="red" key={r}>
                          {t(`roles.${r}`)}
                        </Tag>
                      ))}
                    </Flex>
                  ),
                },
                {
                  key: 'scope',
                  label: t('home.scope'),
                  children:
                    me.scope.length === 0 ? (
                      t('home.scopeNone')
                    ) : (
                      <Flex wrap gap={4}>
                        {uniqueScope(me.scope).map((s) => (
                          <Tag key={s.orgUnitId}>{s.name}</Tag>
                        ))}
                      </Flex>
                    ),
                },
              ]}
            />
            <Alert type="info" showIcon icon={<ClockCircleOutlined />} style={{ marginTop: 12 }} title={t('home.idleNotice', { minutes: me.idleTimeoutMinutes })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.quickLinks')}>
            <Flex wrap gap={8}>
              {links.map((l) => (
                <Button key={l.path} icon={l.icon} onClick={() => void navigate(l.path)}>
                  {l.label}
                </Button>
              ))}
            </Flex>
          </Card>
        </Col>
        {hasPermission(me, 'people.read') ? (
          <Col xs={24}>
            <Card title={t('home.rankChartTitle')}>
              <Suspense fallback={<Skeleton active />}>
                <RankChart />
              </Suspense>
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
