import { Checkbox, Col, DatePicker, Divider, Form, Input, Radio, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GENDERS, RANK_LEVELS, type Gender, type RankLevel } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { CreatePersonRequest, PersonDossier, UpdatePersonRequest } from '../../../../contracts/people.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { fromApiDate, toApiDate } from '../../../ui/format.ts';
import { OrgUnitSelect, PartyOrgSelect } from '../../org/index.ts';
import { useCodes } from '../hooks/useCodes.ts';
import { createPerson, updatePerson } from '../people.api.ts';

type Values = {
  name: string;
  gender: Gender;
  birthDate: Dayjs;
  ethnicityCode: string;
  idNumber?: string;
  phone?: string;
  orgUnitId: string;
  hometownOrgUnitId?: string;
  isPartyMember: boolean;
  partyJoinDate?: Dayjs | null;
  partyOrgId?: string;
  hasCadre?: boolean;
  cadre?: {
    rankLevel: RankLevel;
    managementAuthorityOrgId: string;
    workStartDate?: Dayjs | null;
    educationCode: string;
    degreeCode?: string;
    specialty?: string;
    isSectionLevel: boolean;
  };
};

function trimmed(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

type Props = { open: boolean; onClose: () => void; onSaved: (id: string) => void; person?: PersonDossier };

/** 新增人员 (POST /api/people) or 编辑 (PATCH /api/people/:id); server field errors (e.g. 身份证号校验位不正确) show under the inputs. */
export function PersonFormModal({ open, onClose, onSaved, person }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const ethnicity = useCodes('ETHNICITY', open);
  const education = useCodes('EDUCATION', open && !person);
  const degree = useCodes('DEGREE', open && !person);
  const isPartyMember = Form.useWatch('isPartyMember', form);
  const hasCadre = Form.useWatch('hasCadre', form);
  const editing = Boolean(person);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const requiredSelect = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });

  const submit = async (v: Values) => {
    if (person) {
      const body: UpdatePersonRequest = {
        name: v.name.trim(),
        gender: v.gender,
        birthDate: toApiDate(v.birthDate),
        ethnicityCode: v.ethnicityCode,
        idNumber: trimmed(v.idNumber),
        phone: trimmed(v.phone),
        orgUnitId: v.orgUnitId !== person.orgUnitId ? v.orgUnitId : undefined,
        hometownOrgUnitId: v.hometownOrgUnitId ?? null,
        isPartyMember: v.isPartyMember,
        partyJoinDate: v.isPartyMember && v.partyJoinDate ? toApiDate(v.partyJoinDate) : null,
      };
      await updatePerson(person.id, body);
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      onSaved(person.id);
      return;
    }
    const body: CreatePersonRequest = {
      name: v.name.trim(),
      gender: v.gender,
      birthDate: toApiDate(v.birthDate) ?? '',
      ethnicityCode: v.ethnicityCode,
      idNumber: trimmed(v.idNumber),
      phone: trimmed(v.phone),
      orgUnitId: v.orgUnitId,
      hometownOrgUnitId: v.hometownOrgUnitId,
      isPartyMember: v.isPartyMember,
      partyJoinDate: v.isPartyMember ? toApiDate(v.partyJoinDate) : undefined,
      partyOrgId: v.isPartyMember ? v.partyOrgId : undefined,
      cadre:
        v.hasCadre && v.cadre
          ? {
              rankLevel: v.cadre.rankLevel,
              managementAuthorityOrgId: v.cadre.managementAuthorityOrgId,
              workStartDate: toApiDate(v.cadre.workStartDate),
              educationCode: v.cadre.educationCode,
              degreeCode: v.cadre.degreeCode,
              specialty: trimmed(v.cadre.specialty),
              isSectionLevel: Boolean(v.cadre.isSectionLevel),
            }
          : undefined,
    };
    const created = await createPerson(body);
    await queryClient.invalidateQueries({ queryKey: ['people'] });
    onSaved(created.id);
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={720}
      title={editing ? t('people.editTitle') : t('people.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={
        person
          ? {
              name: person.name,
              gender: person.gender,
              birthDate: fromApiDate(person.birthDate) ?? undefined,
              ethnicityCode: person.ethnicityCode,
              orgUnitId: person.orgUnitId,
              hometownOrgUnitId: person.hometownOrgUnitId ?? undefined,
              isPartyMember: person.isPartyMember,
              partyJoinDate: fromApiDate(person.partyJoinDate),
            }
          : { gender: 'M', ethnicityCode: '01', isPartyMember: false, hasCadre: false, cadre: { isSectionLevel: false } as Values['cadre'] }
      }
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('people.name')} rules={[{ ...required(t('people.name')), whitespace: true }]}>
            <Input maxLength={LIMITS.nameMax} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="gender" label={t('people.gender')} rules={[requiredSelect(t('people.gender'))]}>
            <Radio.Group options={GENDERS.map((g) => ({ value: g, label: t(`genders.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="birthDate" label={t('people.birthDate')} rules={[requiredSelect(t('people.birthDate'))]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="ethnicityCode" label={t('people.ethnicity')} rules={[requiredSelect(t('people.ethnicity'))]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={ethnicity.loading} options={ethnicity.options} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="idNumber" label={t('people.idNumber')} extra={editing ? t('people.idNumberHint') : undefined}>
            <Input maxLength={18} autoComplete="off" className="bw-masked" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('people.phone')} extra={editing ? t('people.phoneHint') : undefined}>
            <Input maxLength={20} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="orgUnitId" label={t('people.orgUnit')} rules={[requiredSelect(t('people.orgUnit'))]}>
            <OrgUnitSelect />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="hometownOrgUnitId" label={t('people.hometown')}>
            <OrgUnitSelect allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="isPartyMember" label={t('people.isPartyMember')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        {isPartyMember ? (
          <>
            <Col xs={24} sm={8}>
              <Form.Item name="partyJoinDate" label={t('people.partyJoinDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {!editing ? (
              <Col xs={24} sm={8}>
                <Form.Item name="partyOrgId" label={t('people.partyOrg')}>
                  <PartyOrgSelect allowClear />
                </Form.Item>
              </Col>
            ) : null}
          </>
        ) : null}
      </Row>
      {!editing ? (
        <>
          <Divider titlePlacement="start" plain>
            {t('people.cadreSection')}
          </Divider>
          <Form.Item name="hasCadre" valuePropName="checked">
            <Checkbox>{t('people.hasCadreInfo')}</Checkbox>
          </Form.Item>
          {hasCadre ? (
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name={['cadre', 'rankLevel']} label={t('people.rankLevel')} rules={[requiredSelect(t('people.rankLevel'))]}>
                  <Select options={RANK_LEVELS.map((r) => ({ value: r, label: t(`rankLevels.${r}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name={['cadre', 'managementAuthorityOrgId']}
                  label={t('people.managementAuthority')}
                  rules={[requiredSelect(t('people.managementAuthority'))]}
                >
                  <OrgUnitSelect />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['cadre', 'educationCode']} label={t('people.education')} rules={[requiredSelect(t('people.education'))]}>
                  <Select loading={education.loading} options={education.options} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['cadre', 'degreeCode']} label={t('people.degree')}>
                  <Select allowClear loading={degree.loading} options={degree.options} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['cadre', 'workStartDate']} label={t('people.workStartDate')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name={['cadre', 'specialty']} label={t('people.specialty')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name={['cadre', 'isSectionLevel']} valuePropName="checked">
                  <Checkbox>{t('people.isSectionLevel')}</Checkbox>
                </Form.Item>
              </Col>
            </Row>
          ) : null}
        </>
      ) : null}
    </FormModal>
  );
}
