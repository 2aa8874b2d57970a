import { Card, Empty, Flex, List, Pagination, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../../../../contracts/common.ts';
import type { PersonListItem } from '../../../../contracts/people.ts';
import { formatDate } from '../../../ui/format.ts';
import type { PeopleQuery } from '../people.api.ts';

type Props = { data: Page<PersonListItem> | undefined; loading: boolean; query: PeopleQuery; update: (patch: Partial<PeopleQuery>) => void };

/** The people list on a phone: one compact card per person, server paging below. */
export function PeopleCards({ data, loading, query, update }: Props) {
  const { t } = useTranslation();
  const items = data?.items ?? [];
  return (
    <Spin spinning={loading}>
      {items.length === 0 && !loading ? (
        <Empty description={t('common.noData')} />
      ) : (
        <section aria-label={t('people.listLabel')}>
          <List
            dataSource={items}
            rowKey="id"
            split={false}
            renderItem={(p) => (
              <List.Item style={{ padding: '4px 0' }}>
                <Card size="small" style={{ width: '100%' }}>
                  <Flex justify="space-between" align="baseline" gap={8} wrap>
                    <Link to={`/people/${p.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                      {p.name}
                    </Link>
                    <Typography.Text type="secondary">
                      {t(`genders.${p.gender}`)} · {formatDate(p.birthDate)}（{t('common.years', { age: p.age })}）
                    </Typography.Text>
                  </Flex>
                  <div style={{ marginTop: 4 }}>
                    <Typography.Text>{p.orgName}</Typography.Text>
                    {p.currentTitles.length > 0 ? <Typography.Text type="secondary"> · {p.currentTitles.join('、')}</Typography.Text> : null}
                  </div>
                  <Flex wrap gap={4} style={{ marginTop: 4 }} align="center">
                    {p.rankLevel ? <Tag color="red">{t(`rankLevels.${p.rankLevel}`)}</Tag> : null}
                    {p.isPartyMember ? <Tag>{t('people.isPartyMember')}</Tag> : null}
                    <Typography.Text type="secondary" className="bw-masked" style={{ fontSize: 12 }}>
                      {t('people.idNumber')} {p.idNumberMasked ?? t('common.dash')}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="bw-masked" style={{ fontSize: 12 }}>
                      {t('people.phone')} {p.phoneMasked ?? t('common.dash')}
                    </Typography.Text>
                  </Flex>
                </Card>
              </List.Item>
            )}
          />
        </section>
      )}
      <Flex justify="center" style={{ marginTop: 12 }}>
        <Pagination
          simple
          current={query.page}
          pageSize={query.pageSize}
          total={data?.total ?? 0}
          onChange={(page) => update({ page })}
          showTotal={(total) => (data?.totalIsExact === false ? t('common.totalAtLeast', { total }) : t('common.total', { total }))}
        />
      </Flex>
    </Spin>
  );
}
