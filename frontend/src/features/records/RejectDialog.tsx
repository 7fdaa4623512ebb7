import { App, Form, Input, Modal } from 'antd';
import type { VolunteerRecord } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../lib/i18n';
import { useRejectRecord } from './api';

/** Sends a pending record back to its member, with the reason they will read. */
export function RejectDialog({ record, onClose }: { record: VolunteerRecord | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useRejectRecord();
  const close = () => {
    reject.reset();
    form.resetFields();
    onClose();
  };
  const submit = ({ reason }: { reason: string }) => {
    if (record === null) return;
    reject.mutate(
      { id: record.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('records.rejected'));
          close();
        },
      },
    );
  };
  return (
    <Modal
      open={record !== null}
      title={t('records.rejectTitle')}
      okText={t('records.reject')}
      okButtonProps={{ danger: true, loading: reject.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={reject.error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('field.reason')}
          extra={t('records.rejectHint')}
          rules={[{ required: true, whitespace: true, message: t('records.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
