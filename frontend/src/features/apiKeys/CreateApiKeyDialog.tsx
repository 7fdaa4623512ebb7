import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ApiKeyCreated, Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useT } from '../../lib/i18n';
import { ROLES } from '../../lib/roles';
import { useCreateApiKey } from './api';

interface NewKeyValues {
  name: string;
  organization_id: string;
  role: Role;
  expires_at?: Dayjs | null;
}

export function CreateApiKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: ApiKeyCreated) => void }) {
  const t = useT();
  const [form] = Form.useForm<NewKeyValues>();
  const create = useCreateApiKey();
  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };
  const submit = (values: NewKeyValues) =>
    create.mutate(
      {
        name: values.name.trim(),
        organization_id: values.organization_id,
        role: values.role,
        expires_at: values.expires_at ? values.expires_at.endOf('day').toISOString() : null,
      },
      {
        onSuccess: (created) => {
          close();
          onCreated(created);
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('apiKey.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form<NewKeyValues> form={form} layout="vertical" initialValues={{ role: 'org_staff' }} onFinish={submit}>
        <Form.Item name="name" label={t('apiKey.name')} extra={t('apiKey.nameHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="organization_id" label={t('field.organization')} rules={[{ required: true, message: t('form.required') }]}>
          <OrganizationSelect />
        </Form.Item>
        <Form.Item name="role" label={t('field.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
        </Form.Item>
        <Form.Item name="expires_at" label={t('field.expires_at')} extra={t('apiKey.expiresHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
