import { useState } from 'react';
import { Button, DatePicker, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AUDIT_KNOWN_ACTIONS, AUDIT_OBJECT_TYPES } from '../../../../contracts/audit.ts';
import { fromApiDate, toApiDate } from '../../../ui/format.ts';
import { SearchSelect, type SearchOption } from '../../../ui/SearchSelect.tsx';
import { searchAuditActors, type AuditQuery } from '../audit.api.ts';
import { actionLabel, objectTypeLabel } from '../audit-labels.ts';

type Props = {
  query: AuditQuery;
  update: (patch: Partial<AuditQuery>) => void;
  /** label of the actor in the URL filter, when the current page shows them */
  actorLabel: string | undefined;
};

/** Actor, object, action and period filters of the audit log; every change goes to the URL. */
export function AuditFilters({ query, update, actorLabel }: Props) {
  const { t } = useTranslation();
  const [objectId, setObjectId] = useState(query.objectId ?? '');
  const [urlObjectId, setUrlObjectId] = useState(query.objectId);
  if (urlObjectId !== query.objectId) {
    setUrlObjectId(query.objectId);
    setObjectId(query.objectId ?? '');
  }
  const hasFilters = [query.actorUserId, query.objectType, query.objectId, query.action, query.from, query.to].some((v) => v !== undefined);
  const actorOptions: SearchOption[] = query.actorUserId ? [{ value: query.actorUserId, label: actorLabel ?? query.actorUserId }] : [];

  return (
    <div className="bw-filters" role="search">
      <SearchSelect
        aria-label={t('audit.filterActor')}
        placeholder={t('audit.filterActorPlaceholder')}
        allowClear
        value={query.actorUserId}
        initialOptions={actorOptions}
        fetchOptions={async (q) => (await searchAuditActors(q)).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))}
        onChange={(value) => update({ actorUserId: typeof value === 'string' ? value : undefined })}
        noResultText={t('common.noData')}
        style={{ width: 220 }}
      />
      <Select<string>
        aria-label={t('audit.filterAction')}
        placeholder={t('audit.filterAction')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={query.action}
        onChange={(action) => update({ action })}
        options={AUDIT_KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
        style={{ width: 180 }}
      />
      <Select<string>
        aria-label={t('audit.filterObjectType')}
        placeholder={t('audit.filterObjectType')}
        allowClear
        value={query.objectType}
        onChange={(objectType) => update({ objectType })}
        options={AUDIT_OBJECT_TYPES.map((o) => ({ value: o, label: objectTypeLabel(t, o) }))}
        style={{ width: 150 }}
      />
      <Input.Search
        aria-label={t('audit.filterObjectId')}
        placeholder={t('audit.filterObjectId')}
        allowClear
        maxLength={64}
        value={objectId}
        onChange={(e) => {
          setObjectId(e.target.value);
          if (e.target.value === '' && query.objectId) update({ objectId: undefined });
        }}
        onSearch={(value) => update({ objectId: value.trim() || undefined })}
        style={{ width: 240 }}
      />
      <DatePicker.RangePicker
        aria-label={t('audit.filterPeriod')}
        placeholder={[t('audit.periodStart'), t('audit.periodEnd')]}
        allowEmpty={[true, true]}
        value={[fromApiDate(query.from), fromApiDate(query.to)]}
        onChange={(range) => update({ from: toApiDate(range?.[0]), to: toApiDate(range?.[1]) })}
        style={{ width: 260 }}
      />
      {hasFilters ? (
        <Button
          onClick={() => {
            setObjectId('');
            update({ actorUserId: undefined, objectType: undefined, objectId: undefined, action: undefined, from: undefined, to: undefined });
          }}
        >
          {t('audit.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
