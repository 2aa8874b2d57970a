import { useCallback } from 'react';
import { Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnit, PartyOrg } from '../../../../contracts/org.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { useCan } from '../../auth/index.ts';
import { OrgUnitDetail } from '../components/OrgUnitDetail.tsx';
import { PartyOrgDetail } from '../components/PartyOrgDetail.tsx';
import { TreeBrowser } from '../components/TreeBrowser.tsx';
import { listOrgUnits, listPartyOrgs, searchOrgUnits, searchPartyOrgs } from '../org.api.ts';
import { isClosed } from '../org-dates.ts';

/** /org: administrative units and Party organisations, each as a lazily loaded tree with search and as-of date. */
export default function OrgPage() {
  const { t } = useTranslation();
  const canWrite = useCan('org.write');
  const canReadPeople = useCan('people.read');

  const unitBadges = useCallback(
    (u: OrgUnit, asOf?: string) =>
      isClosed(u.validTo, asOf) ? (
        <Tag color="default">{u.mergedIntoId ? t('org.closed') : t('org.dissolved')}</Tag>
      ) : u.validTo ? (
        <Tag color="orange">{t('org.closesOn', { date: u.validTo })}</Tag>
      ) : null,
    [t],
  );
  const partyBadges = useCallback((p: PartyOrg, asOf?: string) => (isClosed(p.dissolvedAt, asOf) ? <Tag>{t('org.dissolved')}</Tag> : null), [t]);

  return (
    <>
      <PageHeader title={t('org.title')} />
      <Tabs
        items={[
          {
            key: 'admin',
            label: t('org.tabAdmin'),
            children: (
              <TreeBrowser<OrgUnit>
                kind="org-units"
                idPrefix="org"
                treeLabel={t('org.treeLabel')}
                searchLabel={t('org.searchLabel')}
                fetchChildren={listOrgUnits}
                search={searchOrgUnits}
                renderBadges={unitBadges}
                renderDetail={(id, asOf, onChanged) => <OrgUnitDetail key={id} id={id} asOf={asOf} canWrite={canWrite} onChanged={onChanged} />}
              />
            ),
          },
          {
            key: 'party',
            label: t('org.tabParty'),
            children: (
              <TreeBrowser<PartyOrg>
                kind="party-orgs"
                idPrefix="party"
                treeLabel={t('org.partyTreeLabel')}
                searchLabel={t('org.searchPartyLabel')}
                fetchChildren={listPartyOrgs}
                search={searchPartyOrgs}
                renderBadges={partyBadges}
                renderDetail={(id, asOf, onChanged) => (
                  <PartyOrgDetail key={id} id={id} asOf={asOf} canWrite={canWrite} canReadPeople={canReadPeople} onChanged={onChanged} />
                )}
              />
            ),
          },
        ]}
      />
    </>
  );
}
