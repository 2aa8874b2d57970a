import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Button, Card, Checkbox, DatePicker, Empty, Flex, Input, List, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts/limits.ts';
import { fromApiDate, toApiDate } from '../../../ui/format.ts';
import { QueryError } from '../../../ui/QueryError.tsx';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { useIsMobile } from '../../../ui/useIsMobile.ts';
import { exportOrgList, type TreeFilter } from '../org.api.ts';
import { LazyTree, type TreeItem } from './LazyTree.tsx';

type Node = TreeItem & { ancestors: { id: string; name: string }[] };

type Props<T extends Node> = {
  kind: 'org-units' | 'party-orgs';
  idPrefix: string;
  treeLabel: string;
  searchLabel: string;
  fetchChildren: (parentId: string | null, filter: TreeFilter) => Promise<T[]>;
  search: (q: string, filter: TreeFilter) => Promise<T[]>;
  /** the node's badges (type, closed) after its name */
  renderBadges: (item: T, asOf?: string) => ReactNode;
  renderDetail: (id: string, asOf: string | undefined, onChanged: (selectId?: string) => void) => ReactNode;
};

/**
 * One tab of the organisation browser: search (name / pinyin / initials), an as-of date, 显示已撤并,
 * a lazily loaded tree, and the selected node's detail panel.
 */
export function TreeBrowser<T extends Node>({ kind, idPrefix, treeLabel, searchLabel, fetchChildren, search, renderBadges, renderDetail }: Props<T>) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const isMobile = useIsMobile();
  const detailRef = useRef<HTMLDivElement>(null);
  const filter: TreeFilter = { asOf, includeClosed };

  const results = useQuery({
    queryKey: [kind, 'search', q, asOf ?? '', includeClosed],
    queryFn: () => search(q, filter),
    enabled: q.length > 0,
  });

  const renderTitle = useCallback(
    (item: T) => (
      <span>
        {item.name} {renderBadges(item, asOf)}
      </span>
    ),
    [renderBadges, asOf],
  );

  const clearSearch = () => {
    setQ('');
    setText('');
  };

  /** a search hit on a phone: the detail panel is below the list, bring it into view */
  const pickResult = (id: string) => {
    setSelectedId(id);
    if (isMobile) requestAnimationFrame(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };

  const onChanged = (selectId?: string) => {
    setVersion((v) => v + 1);
    if (selectId) setSelectedId(selectId);
  };

  const asOfId = `${idPrefix}-as-of`;

  return (
    <div>
      <Flex className="bw-filters" align="center">
        <Input.Search
          aria-label={searchLabel}
          placeholder={t('common.searchPlaceholder')}
          allowClear
          maxLength={LIMITS.searchMax}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 320 }}
          enterButton={t('common.search')}
        />
        <Flex align="center" gap={8}>
          <label htmlFor={asOfId}>{t('org.asOf')}</label>
          <DatePicker
            id={asOfId}
            value={fromApiDate(asOf)}
            placeholder={t('org.asOfPlaceholder')}
            onChange={(d: Dayjs | null) => setAsOf(toApiDate(d))}
            allowClear
          />
        </Flex>
        <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
          {t('org.includeClosed')}
        </Checkbox>
      </Flex>
      <div className="bw-org-layout">
        <Card
          size="small"
          title={q ? t('org.searchResults') : treeLabel}
          extra={
            <Flex gap={4} align="center" wrap>
              {q ? (
                <Button size="small" type="link" onClick={clearSearch}>
                  {t('org.clearSearch')}
                </Button>
              ) : null}
              <ExportButton fetchFile={() => exportOrgList(kind, q || undefined, filter)} fallbackName={`${kind}.xlsx`} />
            </Flex>
          }
        >
          {q ? (
            results.error ? (
              <QueryError error={results.error} onRetry={() => void results.refetch()} />
            ) : !results.data ? (
              <Skeleton active />
            ) : results.data.length === 0 ? (
              <Empty description={t('org.searchEmpty')} />
            ) : (
              <section aria-label={t('org.searchResults')}>
                <List
                  dataSource={results.data}
                  rowKey="id"
                  renderItem={(item) => (
                    <List.Item
                      onClick={() => pickResult(item.id)}
                      style={{ cursor: 'pointer', background: item.id === selectedId ? '#fff1f0' : undefined, paddingInline: 8 }}
                    >
                      <List.Item.Meta
                        title={
                          <Button
                            type="link"
                            style={{ padding: 0, height: 'auto' }}
                            onClick={(e) => {
                              e.stopPropagation();
                              pickResult(item.id);
                            }}
                          >
                            {item.name}
                          </Button>
                        }
                        description={
                          <Flex gap={4} wrap align="center">
                            <Typography.Text type="secondary">{item.ancestors.map((a) => a.name).join(' / ') || t('common.dash')}</Typography.Text>
                            {renderBadges(item, asOf)}
                          </Flex>
                        }
                      />
                    </List.Item>
                  )}
                />
              </section>
            )
          ) : (
            <LazyTree<T>
              label={treeLabel}
              queryKey={[kind, 'tree', asOf ?? '', includeClosed, version]}
              fetchChildren={(parentId) => fetchChildren(parentId, filter)}
              renderTitle={renderTitle}
              selectedId={selectedId}
              onSelect={(item) => setSelectedId(item.id)}
            />
          )}
        </Card>
        <div style={{ minWidth: 0, scrollMarginTop: 64 }} ref={detailRef}>
          {selectedId ? (
            renderDetail(selectedId, asOf, onChanged)
          ) : (
            <Card>
              <Empty description={t('org.selectHint')} />
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
