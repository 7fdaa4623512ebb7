import { App, Button, Form, Input, Modal, Select } from 'antd';
import { ApiError } from '../../api/client';
import type { Pledge, PledgeStatus, PledgeUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { useUpdatePledge } from './api';

interface PledgeValues {
  content: string;
  status: PledgeStatus;
  fulfilment_note?: string | null;
}

/** The member reports progress; staff (`review`) decide whether the pledge was kept. */
const MEMBER_STATUSES: PledgeStatus[] = ['pledged', 'in_progress'];

function changesOf(pledge: Pledge, values: PledgeValues): PledgeUpdate {
  const changes: PledgeUpdate = {};
  if (values.content.trim() !== pledge.content) changes.content = values.content.trim();
  if (values.status !== pledge.status) changes.status = values.status;
  const note = values.fulfilment_note?.trim() || null;
  if (note !== pledge.fulfilment_note) changes.fulfilment_note = note;
  return changes;
}

export function PledgeDialog({ pledge, review, onClose }: { pledge: Pledge | null; review: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { options } = useEnums();
  const [form] = Form.useForm<PledgeValues>();
  const update = useUpdatePledge();
  const close = () => {
    update.reset();
    onClose();
  };
  const submit = (values: PledgeValues) => {
    if (pledge === null) return;
    const changes = changesOf(pledge, values);
    if (Object.keys(changes).length === 0) {
      close();
      return;
    }
    update.mutate(
      { pledge, body: changes },
      {
        onSuccess: () => {
          void message.success(t('pledge.saved'));
          close();
        },
      },
    );
  };
  const statuses = options('pledge_status').filter(
    (option) => review || MEMBER_STATUSES.includes(option.value as PledgeStatus) || option.value === pledge?.status,
  );
  const stale = update.error instanceof ApiError && update.error.status === 412;
  return (
    <Modal
      open={pledge !== null}
      title={review ? t('pledge.reviewTitle') : t('pledge.reportTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: update.isPending, disabled: stale }}
      destroyOnHidden
    >
      <ErrorAlert error={update.error} action={stale ? <Button size="small" onClick={close}>{t('common.close')}</Button> : undefined} />
      {pledge ? (
        <Form<PledgeValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ content: pledge.content, status: pledge.status, fulfilment_note: pledge.fulfilment_note }}
        >
          <Form.Item name="content" label={t('field.content')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount disabled={review} />
          </Form.Item>
          <Form.Item name="status" label={t('pledge.status')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={statuses} />
          </Form.Item>
          <Form.Item name="fulfilment_note" label={t('field.fulfilment_note')} extra={review ? undefined : t('pledge.noteHint')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
