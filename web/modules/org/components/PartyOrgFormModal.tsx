import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PARTY_HOST_KINDS, PARTY_ORG_TYPES, type PartyHostKind, type PartyOrgType } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { PartyOrg } from '../../../../contracts/org.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { DATE_FORMAT, fromApiDate, toApiDate } from '../../../ui/format.ts';
import { PersonSelect } from '../../people/index.ts';
import { createPartyOrg, updatePartyOrg } from '../org.api.ts';
import { OrgUnitSelect } from './OrgSelects.tsx';

type CreateValues = { name: string; type: PartyOrgType; hostKind: PartyHostKind; orgUnitId: string; foundedAt: Dayjs };
type EditValues = { name: string; secretaryPersonId?: string; dissolvedAt?: Dayjs | null };
type Values = CreateValues & EditValues;

type Props = { mode: 'create' | 'edit'; org: PartyOrg; open: boolean; onClose: () => void; onSaved: (org: PartyOrg | null) => void };

/** 新建下级党组织 (POST /api/party-orgs) or 编辑 (PATCH /api/party-orgs/:id: name, secretary, dissolution). */
export function PartyOrgFormModal({ mode, org, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();

  const submit = async (v: Values) => {
    let saved: PartyOrg | null;
    if (mode === 'create') {
      saved = await createPartyOrg({
        name: v.name.trim(),
        type: v.type,
        hostKind: v.hostKind,
        orgUnitId: v.orgUnitId,
        parentId: org.id,
        foundedAt: toApiDate(v.foundedAt) ?? dayjs().format(DATE_FORMAT),
      });
    } else {
      saved = await updatePartyOrg(org.id, {
        name: v.name.trim(),
        secretaryPersonId: v.secretaryPersonId ?? null,
        dissolvedAt: v.dissolvedAt ? toApiDate(v.dissolvedAt) : null,
      });
    }
    await queryClient.invalidateQueries({ queryKey: ['party-orgs'] });
    onSaved(saved ?? null);
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={mode === 'create' ? t('org.party.createTitle', { parent: org.name }) : t('org.party.editTitle', { name: org.name })}
      onClose={onClose}
      onSubmit={submit}
      initialValues={
        mode === 'create'
          ? { type: 'BRANCH', hostKind: 'ORG_UNIT', orgUnitId: org.orgUnitId, foundedAt: dayjs() }
          : { name: org.name, secretaryPersonId: org.secretaryPersonId ?? undefined, dissolvedAt: fromApiDate(org.dissolvedAt) }
      }
    >
      <Form.Item name="name" label={t('org.party.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('org.party.name') }) }]}>
        <Input maxLength={LIMITS.orgNameMax} />
      </Form.Item>
      {mode === 'create' ? (
        <>
          <Form.Item name="type" label={t('org.party.type')} rules={[{ required: true }]}>
            <Select options={PARTY_ORG_TYPES.map((ty) => ({ value: ty, label: t(`partyOrgTypes.${ty}`) }))} />
          </Form.Item>
          <Form.Item name="hostKind" label={t('org.party.hostKind')} rules={[{ required: true }]}>
            <Select options={PARTY_HOST_KINDS.map((k) => ({ value: k, label: t(`hostKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="orgUnitId" label={t('org.party.hostUnit')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.party.hostUnit') }) }]}>
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="foundedAt" label={t('org.party.foundedAt')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.party.foundedAt') }) }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="secretaryPersonId" label={t('org.party.secretary')}>
            <PersonSelect allowClear initialLabel={org.secretaryName ?? undefined} />
          </Form.Item>
          <Form.Item name="dissolvedAt" label={t('org.party.dissolvedAt')}>
            <DatePicker style={{ width: '100%' }} allowClear />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
