import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { ServiceKind } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { useEnums } from '../../lib/enums';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useI18n, type Translate } from '../../lib/i18n';
import { dayRecordsQuery, recentActivitiesQuery, useLogRecord } from './api';
import { hoursProblem, loggedHours, type HoursProblem } from './hours';

interface ServiceValues {
  served_on: Dayjs;
  hours: number | null;
  kind?: ServiceKind | null;
  activity_id?: string | null;
  beneficiaries?: number | null;
  description?: string;
}

function problemText(problem: HoursProblem, t: Translate): string {
  if (problem.code === 'overDay') return t('service.hours.overDay', { logged: problem.logged, left: problem.left });
  return t(`service.hours.${problem.code}`);
}

/** The day's hours so far, read when the day is picked: the form's 24-hour check uses them. */
function useLoggedOn(memberId: string, day: Dayjs | undefined) {
  const key = day ? day.format('YYYY-MM-DD') : '';
  const { data } = useQuery({ ...dayRecordsQuery(memberId, key), enabled: key !== '' });
  return data ? loggedHours(data.items) : 0;
}

/** Log service done: phone-first, one column; the record waits for verification. */
export function LogServiceForm({ memberId }: { memberId: string }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const { options } = useEnums();
  const [form] = Form.useForm<ServiceValues>();
  const servedOn = Form.useWatch('served_on', form);
  const activityId = Form.useWatch('activity_id', form);
  const logged = useLoggedOn(memberId, servedOn);
  const activities = useQuery(recentActivitiesQuery);
  const log = useLogRecord();
  const idempotencyKey = useRef(newIdempotencyKey());

  const submit = (values: ServiceValues) =>
    log.mutate(
      {
        body: {
          served_on: values.served_on.format('YYYY-MM-DD'),
          hours: values.hours ?? 0,
          kind: values.kind ?? null,
          activity_id: values.activity_id ?? null,
          beneficiaries: values.beneficiaries ?? 0,
          description: values.description?.trim() || null,
        },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (record) => {
          idempotencyKey.current = newIdempotencyKey();
          void message.success(t('service.logged', { hours: formatNumber(record.hours, language) }));
          form.resetFields(['hours', 'beneficiaries', 'description', 'activity_id']);
        },
        onError: (error) => {
          if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
          showFieldErrors(form, error, t, { volunteer_day_over_24_hours: 'hours', volunteer_served_in_future: 'served_on' });
        },
      },
    );

  const pickActivity = (id: string | undefined) => {
    const activity = activities.data?.find((candidate) => candidate.id === id);
    if (activity && !form.getFieldValue('kind')) form.setFieldValue('kind', activity.kind);
  };

  return (
    <Card size="small" title={t('service.logTitle')}>
      <ErrorAlert error={log.error} />
      <Form<ServiceValues>
        form={form}
        layout="vertical"
        initialValues={{ served_on: dayjs(), beneficiaries: 0 }}
        onFinish={submit}
        requiredMark="optional"
      >
        <Form.Item name="served_on" label={t('field.served_on')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(day) => day.isAfter(dayjs(), 'day')} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="hours"
          label={t('field.hours')}
          extra={logged > 0 ? t('service.dayLogged', { logged: formatNumber(logged, language), left: formatNumber(Math.max(24 - logged, 0), language) }) : t('service.hoursHint')}
          dependencies={['served_on']}
          rules={[
            {
              validator: (_, value: number | null) => {
                const problem = hoursProblem(value, logged);
                return problem ? Promise.reject(new Error(problemText(problem, t))) : Promise.resolve();
              },
            },
          ]}
          required
        >
          <InputNumber style={{ width: '100%' }} min={0} step={0.5} precision={2} inputMode="decimal" suffix={t('service.hoursUnit')} />
        </Form.Item>
        <Form.Item name="activity_id" label={t('field.activity_id')} extra={t('service.activityHint')}>
          <Select
            allowClear
            loading={activities.isLoading}
            onChange={pickActivity}
            notFoundContent={t('service.noActivities')}
            options={(activities.data ?? []).map((activity) => ({
              value: activity.id,
              label: `${activity.title}（${formatDateTime(activity.starts_at, language)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('field.kind_of_service')}
          rules={[{ required: !activityId, message: t('service.kindRequired') }]}
        >
          <Select allowClear options={options('service_kind')} />
        </Form.Item>
        <Form.Item name="beneficiaries" label={t('field.beneficiaries')}>
          <InputNumber style={{ width: '100%' }} min={0} max={1_000_000} precision={0} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="description" label={t('field.service_description')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount placeholder={t('service.descriptionHint')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={log.isPending}>
          {t('service.submit')}
        </Button>
      </Form>
    </Card>
  );
}
