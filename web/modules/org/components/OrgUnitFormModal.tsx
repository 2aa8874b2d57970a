import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_UNIT_TYPES, type OrgUnitType } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { OrgUnit } from '../../../../contracts/org.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { DATE_FORMAT, toApiDate } from '../../../ui/format.ts';
import { createOrgUnit, updateOrgUnit } from '../org.api.ts';

type Values = { name: string; shortName?: string; code?: string; type: OrgUnitType; validFrom: Dayjs };

/** Child types offered under each parent type (the server has the final word). */
function childTypes(parent: OrgUnitType): readonly OrgUnitType[] {
  switch (parent) {
    case 'COUNTY':
      return ['DEV_ZONE', 'COUNTY_DEPT', 'TOWN', 'STREET', 'PARK'];
    case 'DEV_ZONE':
      return ['COUNTY_DEPT', 'PARK', 'STREET', 'TOWN'];
    case 'TOWN':
    case 'STREET':
      return ['VILLAGE', 'COMMUNITY', 'PARK'];
    case 'VILLAGE':
    case 'COMMUNITY':
      return ['VILLAGER_GROUP'];
    case 'COUNTY_DEPT':
    case 'PARK':
    case 'VILLAGER_GROUP':
      return ORG_UNIT_TYPES;
  }
}

type Props = { mode: 'create' | 'edit'; unit: OrgUnit; open: boolean; onClose: () => void; onSaved: (unit: OrgUnit | null) => void };

/** 新建下级 (POST /api/org-units) or 编辑 (PATCH /api/org-units/:id). */
export function OrgUnitFormModal({ mode, unit, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const types = childTypes(unit.type);
  const codeRule = { pattern: /^\d{6,12}$/, message: t('org.codePattern') };

  const submit = async (v: Values) => {
    let saved: OrgUnit | null;
    if (mode === 'create') {
      saved = await createOrgUnit({
        name: v.name.trim(),
        shortName: v.shortName?.trim() || undefined,
        code: v.code?.trim() || undefined,
        type: v.type,
        parentId: unit.id,
        validFrom: toApiDate(v.validFrom) ?? dayjs().format(DATE_FORMAT),
      });
    } else {
      saved = await updateOrgUnit(unit.id, { name: v.name.trim(), shortName: v.shortName?.trim() || null, code: v.code?.trim() || null });
    }
    await queryClient.invalidateQueries({ queryKey: ['org-units'] });
    onSaved(saved ?? null);
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={mode === 'create' ? t('org.createTitle', { parent: unit.name }) : t('org.editTitle', { name: unit.name })}
      onClose={onClose}
      onSubmit={submit}
      initialValues={
        mode === 'create'
          ? { type: types[0], validFrom: dayjs() }
          : { name: unit.name, shortName: unit.shortName ?? undefined, code: unit.code ?? undefined }
      }
    >
      <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) }]}>
        <Input maxLength={LIMITS.orgNameMax} />
      </Form.Item>
      <Form.Item name="shortName" label={t('org.shortName')}>
        <Input maxLength={LIMITS.orgNameMax} />
      </Form.Item>
      <Form.Item name="code" label={t('org.code')} rules={[codeRule]}>
        <Input inputMode="numeric" maxLength={12} />
      </Form.Item>
      {mode === 'create' ? (
        <>
          <Form.Item name="type" label={t('org.type')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.type') }) }]}>
            <Select options={types.map((ty) => ({ value: ty, label: t(`orgUnitTypes.${ty}`) }))} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('org.validFrom')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.validFrom') }) }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : null}
    </FormModal>
  );
}
