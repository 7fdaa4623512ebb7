import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { ServiceKind, VolunteerActivity, VolunteerActivityFields } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { useCreateActivity, useReplaceActivity } from './api';

interface ActivityValues {
  organization_id?: string;
  kind: ServiceKind;
  title: string;
  description?: string | null;
  place?: string | null;
  period: [Dayjs, Dayjs];
  capacity?: number | null;
}

function fieldsOf(values: ActivityValues): VolunteerActivityFields {
  return {
    kind: values.kind,
    title: values.title.trim(),
    description: values.description?.trim() || null,
    place: values.place?.trim() || null,
    starts_at: values.period[0].toISOString(),
    ends_at: values.period[1].toISOString(),
    capacity: values.capacity ?? null,
  };
}

function valuesOf(activity: VolunteerActivity): ActivityValues {
  return {
    kind: activity.kind,
    title: activity.title,
    description: activity.description,
    place: activity.place,
    period: [dayjs(activity.starts_at), dayjs(activity.ends_at)],
    capacity: activity.capacity,
  };
}

interface ActivityFormDialogProps {
  open: boolean;
  /** The activity to change; without it a new one is organized. */
  activity?: VolunteerActivity;
  onClose: () => void;
  onSaved?: (activity: VolunteerActivity) => void;
}

/** Organize an activity, or change one (its organizer stays); capacity never below places taken. */
export function ActivityFormDialog({ open, activity, onClose, onSaved }: ActivityFormDialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const { options } = useEnums();
  const [form] = Form.useForm<ActivityValues>();
  const create = useCreateActivity();
  const replace = useReplaceActivity();
  const mutation = activity ? replace : create;
  const idempotencyKey = useRef(newIdempotencyKey());
  const close = () => {
    create.reset();
    replace.reset();
    form.resetFields();
    onClose();
  };
  const done = (saved: VolunteerActivity) => {
    void message.success(t(activity ? 'activity.saved' : 'activity.created', { title: saved.title }));
    close();
    onSaved?.(saved);
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
    showFieldErrors(form, error, t, { activity_capacity_below_signups: 'capacity', organization_not_found: 'organization_id' });
  };
  const submit = (values: ActivityValues) => {
    if (activity) {
      replace.mutate({ activity, body: fieldsOf(values) }, { onSuccess: done, onError: failed });
    } else {
      create.mutate(
        { body: { ...fieldsOf(values), organization_id: values.organization_id ?? '' }, idempotencyKey: idempotencyKey.current },
        { onSuccess: done, onError: failed },
      );
    }
  };
  return (
    <Modal
      open={open}
      title={activity ? t('activity.editTitle', { title: activity.title }) : t('activity.create')}
      okText={activity ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: mutation.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={mutation.error} />
      <Form<ActivityValues> form={form} layout="vertical" onFinish={submit} initialValues={activity ? valuesOf(activity) : { kind: 'volunteer_service' }}>
        {activity ? null : (
          <Form.Item name="organization_id" label={t('activity.organizer')} rules={[{ required: true, message: t('form.required') }]}>
            <OrganizationSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('field.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind_of_service')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={options('service_kind')} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('activity.period')}
          rules={[
            { required: true, message: t('form.required') },
            {
              validator: (_, value: [Dayjs, Dayjs] | undefined) =>
                value && !value[1].isAfter(value[0]) ? Promise.reject(new Error(t('activity.endsAfterStart'))) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('field.place')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="capacity" label={t('field.capacity')} extra={t('activity.capacityHint')}>
          <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
