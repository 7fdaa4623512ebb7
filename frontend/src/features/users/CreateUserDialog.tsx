import { App, Form, Input, Modal, Switch } from 'antd';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { MemberSelect } from '../../components/members/MemberSelect';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useT } from '../../lib/i18n';
import { useCreateUser } from './api';
import { phoneRule } from '../../lib/phone';

interface NewUserValues {
  username: string;
  display_name: string;
  password: string;
  phone?: string;
  organization_id: string;
  member_id?: string | null;
  is_active: boolean;
}

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserValues>();
  const create = useCreateUser();
  const idempotencyKey = useRef(newIdempotencyKey());
  const close = () => {
    create.reset();
    form.resetFields();
    idempotencyKey.current = newIdempotencyKey();
    onClose();
  };
  const submit = (values: NewUserValues) =>
    create.mutate(
      {
        body: { ...values, username: values.username.trim(), phone: values.phone?.trim() || null, member_id: values.member_id ?? null },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (user) => {
          void message.success(t('user.created', { name: user.display_name }));
          close();
          void navigate(`/users/${user.id}`);
        },
        onError: (error) => {
          if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
          showFieldErrors(form, error, t, {
            username_taken: 'username',
            password_too_short: 'password',
            password_too_common: 'password',
            member_already_linked: 'member_id',
            member_not_found: 'member_id',
          });
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('user.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form<NewUserValues> form={form} layout="vertical" initialValues={{ is_active: true }} onFinish={submit}>
        <Form.Item name="username" label={t('field.username')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="display_name" label={t('field.display_name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label={t('field.password')} extra={t('user.passwordHint')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="organization_id"
          label={t('user.organization')}
          extra={t('user.organizationHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrganizationSelect />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')} rules={[phoneRule(t)]}>
          <Input inputMode="tel" maxLength={32} />
        </Form.Item>
        <Form.Item name="member_id" label={t('field.member_id')} extra={t('user.memberHint')}>
          <MemberSelect allowClear />
        </Form.Item>
        <Form.Item name="is_active" label={t('field.is_active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
