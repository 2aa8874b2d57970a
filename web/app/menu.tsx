import type { ReactNode } from 'react';
import { ApartmentOutlined, DatabaseOutlined, FundViewOutlined, ApiOutlined, AuditOutlined, FileSearchOutlined, HeartOutlined, HomeOutlined, IdcardOutlined, RadarChartOutlined, SafetyCertificateOutlined, SafetyOutlined, TeamOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { AlertOutlined, CommentOutlined, FieldTimeOutlined, KeyOutlined, LineChartOutlined, SolutionOutlined, WechatOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import type { Me } from '../../contracts/auth.ts';
import type { Permission } from '../../contracts/permissions.ts';

/** `permission`: one permission, or any of several. */
type Entry = { key: string; path: string; label: () => string; icon: ReactNode; permission?: Permission | readonly Permission[]; external?: boolean };

/** Menu labels are plain strings; a narrow signature keeps the typed-key machinery of i18next out of this file. */
export type MenuTranslate = (key: string) => string;

function entries(t: MenuTranslate): Entry[] {
  return [
    { key: '/', path: '/', label: () => t('menu.home'), icon: <HomeOutlined /> },
    { key: '/org', path: '/org', label: () => t('menu.org'), icon: <ApartmentOutlined />, permission: 'org.read' },
    { key: '/people', path: '/people', label: () => t('menu.people'), icon: <TeamOutlined />, permission: 'people.read' },
    { key: '/imports', path: '/imports', label: () => t('menu.imports'), icon: <UploadOutlined />, permission: 'people.write' },
    { key: '/me/dossier', path: '/me/dossier', label: () => t('menu.myDossier'), icon: <IdcardOutlined />, permission: 'self.read' },
    { key: '/archive', path: '/archive', label: () => t('menu.archive'), icon: <FileSearchOutlined />, permission: 'archive.request' },
    { key: '/evaluations', path: '/evaluations', label: () => t('evaluation.menu'), icon: <RadarChartOutlined />, permission: 'evaluation.results' },
    { key: '/integrity', path: '/integrity', label: () => t('integrity.menu'), icon: <SafetyOutlined />, permission: 'integrity.read' },
    { key: '/o2o', path: '/o2o', label: () => t('o2o.menu'), icon: <CommentOutlined />, permission: 'o2o.read' },
    { key: '/o2o/dashboard', path: '/o2o/dashboard', label: () => t('o2o.menuDashboard'), icon: <LineChartOutlined />, permission: 'o2o.read' },
    { key: '/o2o/routed', path: '/o2o/routed', label: () => t('o2o.menuRouted'), icon: <AlertOutlined />, permission: 'petition.write' },
    { key: '/o2o/settings', path: '/o2o/settings', label: () => t('o2o.menuSettings'), icon: <FieldTimeOutlined />, permission: ['o2o.dispatch', 'calendar.manage'] },
    { key: '/o2o/open311', path: '/o2o/open311', label: () => t('o2o.menuOpen311'), icon: <KeyOutlined />, permission: 'open311.keys' },
    { key: '/groups', path: '/groups', label: () => t('groups.menu'), icon: <WechatOutlined />, permission: 'o2o.read' },
    { key: '/poverty', path: '/poverty', label: () => t('poverty.menu'), icon: <HeartOutlined />, permission: 'poverty.read' },
    { key: '/analysis/campaigns', path: '/analysis/campaigns', label: () => t('analysis.menuCampaigns'), icon: <FundViewOutlined />, permission: 'campaign.read' },
    { key: '/analysis/evidence', path: '/analysis/evidence', label: () => t('analysis.menuEvidence'), icon: <DatabaseOutlined />, permission: 'evidence.read' },
    { key: '/judgments', path: '/judgments', label: () => t('judgment.menu'), icon: <SolutionOutlined />, permission: 'judgment.read' },
    { key: '/audit', path: '/audit', label: () => t('menu.audit'), icon: <AuditOutlined />, permission: 'audit.read' },
    { key: '/admin/users', path: '/admin/users', label: () => t('menu.users'), icon: <SafetyCertificateOutlined />, permission: 'users.manage' },
    { key: '/account', path: '/account', label: () => t('menu.account'), icon: <UserOutlined /> },
    { key: 'api-docs', path: '/api/docs', label: () => t('menu.apiDocs'), icon: <ApiOutlined />, external: true },
  ];
}

/** The side menu, filtered by `me.permissions`. */
export function buildMenuItems(me: Me, t: MenuTranslate, onNavigate?: () => void): NonNullable<MenuProps['items']> {
  return entries(t)
    .filter((e) => !e.permission || (typeof e.permission === 'string' ? me.permissions.includes(e.permission) : e.permission.some((p) => me.permissions.includes(p))))
    .map((e) => ({
      key: e.key,
      icon: e.icon,
      label: e.external ? (
        <a href={e.path} target="_blank" rel="noopener noreferrer" onClick={onNavigate}>
          {e.label()}
        </a>
      ) : (
        <Link to={e.path} onClick={onNavigate}>
          {e.label()}
        </Link>
      ),
    }));
}

/** The menu key for a location: the longest entry path that prefixes it. */
export function selectedMenuKey(pathname: string): string {
  if (pathname === '/') return '/';
  const keys = ['/o2o/dashboard', '/o2o/routed', '/o2o/settings', '/o2o/open311', '/o2o', '/groups', '/poverty', '/org', '/people', '/imports', '/me/dossier', '/archive', '/evaluations', '/integrity', '/audit', '/admin/users', '/account'];
  return keys.find((k) => pathname === k || pathname.startsWith(`${k}/`)) ?? '';
}
