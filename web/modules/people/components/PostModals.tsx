import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { KINSHIP_RELATIONS, RANK_LEVELS, type KinshipRelation, type RankLevel } from '../../../../contracts/enums.ts';
import { LIMITS } from '../../../../contracts/limits.ts';
import type { Post } from '../../../../contracts/people.ts';
import { FormModal } from '../../../ui/FormModal.tsx';
import { DATE_FORMAT, toApiDate } from '../../../ui/format.ts';
import { OrgUnitSelect } from '../../org/index.ts';
import { addKinship, addPost, endPost } from '../people.api.ts';
import { PersonSelect } from './PersonSelect.tsx';

type Done = { onClose: () => void; onDone: () => void };

type PostValues = { orgUnitId: string; title: string; rankLevel?: RankLevel; isLeadership: boolean; isPrincipal: boolean; startDate: Dayjs };

/** 新增任职: POST /api/people/:id/posts */
export function AddPostModal({ personId, defaultOrgUnitId, onClose, onDone }: Done & { personId: string; defaultOrgUnitId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PostValues>();
  const queryClient = useQueryClient();
  return (
    <FormModal<PostValues>
      open
      form={form}
      title={t('dossier.addPostTitle')}
      onClose={onClose}
      initialValues={{ orgUnitId: defaultOrgUnitId, isLeadership: false, isPrincipal: false, startDate: dayjs() }}
      onSubmit={async (v) => {
        await addPost(personId, {
          orgUnitId: v.orgUnitId,
          title: v.title.trim(),
          rankLevel: v.rankLevel,
          isLeadership: Boolean(v.isLeadership),
          isPrincipal: Boolean(v.isPrincipal),
          startDate: toApiDate(v.startDate) ?? dayjs().format(DATE_FORMAT),
        });
        await queryClient.invalidateQueries({ queryKey: ['people'] });
        onDone();
      }}
    >
      <Form.Item name="orgUnitId" label={t('dossier.postOrg')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('dossier.postOrg') }) }]}>
        <OrgUnitSelect />
      </Form.Item>
      <Form.Item name="title" label={t('dossier.postTitle')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('dossier.postTitle') }) }]}>
        <Input maxLength={LIMITS.titleMax} />
      </Form.Item>
      <Form.Item name="rankLevel" label={t('people.rankLevel')}>
        <Select allowClear options={RANK_LEVELS.map((r) => ({ value: r, label: t(`rankLevels.${r}`) }))} />
      </Form.Item>
      <Form.Item name="isLeadership" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('dossier.isLeadership')}</Checkbox>
      </Form.Item>
      <Form.Item name="isPrincipal" valuePropName="checked">
        <Checkbox>{t('dossier.isPrincipal')}</Checkbox>
      </Form.Item>
      <Form.Item name="startDate" label={t('dossier.startDate')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('dossier.startDate') }) }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** 免职: POST /api/people/:id/posts/:postId/end {endDate} */
export function EndPostModal({ personId, post, onClose, onDone }: Done & { personId: string; post: Post }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ endDate: Dayjs }>();
  const queryClient = useQueryClient();
  return (
    <FormModal<{ endDate: Dayjs }>
      open
      form={form}
      title={t('dossier.endPostTitle', { title: post.title })}
      okText={t('dossier.endPost')}
      onClose={onClose}
      initialValues={{ endDate: dayjs() }}
      onSubmit={async (v) => {
        await endPost(personId, post.id, toApiDate(v.endDate) ?? dayjs().format(DATE_FORMAT));
        await queryClient.invalidateQueries({ queryKey: ['people'] });
        onDone();
      }}
    >
      <Form.Item name="endDate" label={t('dossier.endDate')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('dossier.endDate') }) }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(post.startDate), 'day')} />
      </Form.Item>
    </FormModal>
  );
}

type KinValues = { relativePersonId: string; relation: KinshipRelation };

/** 新增亲属: POST /api/people/:id/kinship, relative chosen with a person search */
export function AddKinshipModal({ personId, onClose, onDone }: Done & { personId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<KinValues>();
  const queryClient = useQueryClient();
  return (
    <FormModal<KinValues>
      open
      form={form}
      title={t('dossier.addKinshipTitle')}
      onClose={onClose}
      onSubmit={async (v) => {
        await addKinship(personId, { relativePersonId: v.relativePersonId, relation: v.relation });
        await queryClient.invalidateQueries({ queryKey: ['people'] });
        onDone();
      }}
    >
      <Form.Item name="relativePersonId" label={t('dossier.relativeName')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('dossier.relativeName') }) }]}>
        <PersonSelect exclude={[personId]} />
      </Form.Item>
      <Form.Item name="relation" label={t('dossier.relation')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('dossier.relation') }) }]}>
        <Select options={KINSHIP_RELATIONS.map((r) => ({ value: r, label: t(`kinshipRelations.${r}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
