import { useState } from 'react';
import { App as AntApp, Button, Checkbox, DatePicker, Form, Input, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TeamMember, Visit } from '../../../../contracts/poverty.ts';
import { showFormError } from '../../../ui/formErrors.ts';
import { errorMessage } from '../../../api/client.ts';
import { createVisit, uploadPhoto } from '../poverty.api.ts';

type Values = { visitedOn: Dayjs; memberIds: string[]; needs: string; actionsTaken: string };

/** 记录走访: date, who went (members of the household's team), needs, actions; then photos for the saved visit. */
export function VisitModal({ householdId, members, open, onClose, onSaved }: { householdId: string; members: TeamMember[]; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [visit, setVisit] = useState<Visit | null>(null);

  const close = () => {
    setVisit(null);
    form.resetFields();
    onClose();
  };

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await createVisit(householdId, { visitedOn: v.visitedOn.format('YYYY-MM-DD'), memberIds: v.memberIds, needs: v.needs, actionsTaken: v.actionsTaken });
      setVisit(saved);
      void message.success(t('poverty.visitSaved'));
      onSaved();
    } catch (e) {
      showFormError(form, e, message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('poverty.logVisit')}
      onCancel={close}
      destroyOnHidden
      footer={
        visit ? (
          <Button type="primary" onClick={close}>
            {t('poverty.finish')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </>
        )
      }
    >
      {visit ? (
        <>
          <Typography.Paragraph>{t('poverty.visitSaved')}</Typography.Paragraph>
          <Upload
            accept="image/jpeg,image/png"
            multiple
            listType="picture"
            customRequest={(opts) => {
              uploadPhoto(visit.id, opts.file as File)
                .then((v) => {
                  setVisit(v);
                  opts.onSuccess?.(v);
                  void message.success(t('poverty.photoUploaded'));
                  onSaved();
                })
                .catch((e: unknown) => {
                  opts.onError?.(e as Error);
                  void message.error(errorMessage(e));
                });
            }}
          >
            <Button icon={<UploadOutlined />}>{t('poverty.addPhoto')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('poverty.photoHint')}</Typography.Text>
        </>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ visitedOn: dayjs(), memberIds: [] }}>
          <Form.Item name="visitedOn" label={t('poverty.visitedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="memberIds" label={t('poverty.visitMembers')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={members.map((m) => ({ value: m.personId, label: m.name }))} />
          </Form.Item>
          <Form.Item name="needs" label={t('poverty.needs')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="actionsTaken" label={t('poverty.actionsTaken')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
