import { App, Button, Flex, Form, Input, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../api/client';
import type { User, UserUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { MemberSelect } from '../../components/members/MemberSelect';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useT } from '../../lib/i18n';
import { useUpdateUser } from './api';
import { phoneRule } from '../../lib/phone';

interface ProfileValues {
  display_name: string;
  phone?: string | null;
  is_active: boolean;
  organization_id?: string | null;
  member_id?: string | null;
  password?: string;
}

function changesOf(user: User, values: ProfileValues): UserUpdate {
  const changes: UserUpdate = {};
  if (values.display_name.trim() !== user.display_name) changes.display_name = values.display_name.trim();
  const phone = values.phone?.trim() || null;
  if (phone !== user.phone) changes.phone = phone;
  if (values.is_active !== user.is_active) changes.is_active = values.is_active;
  if (values.organization_id && values.organization_id !== user.organization_id) changes.organization_id = values.organization_id;
  if ((values.member_id ?? null) !== user.member_id) changes.member_id = values.member_id ?? null;
  if (values.password) changes.password = values.password;
  return changes;
}

/** Name, phone, active and a new password; saved with `If-Match`, reloaded on a 412. */
export function UserProfileForm({ user, onReload }: { user: User; onReload: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateUser();
  useEffect(() => {
    form.setFieldsValue({
      display_name: user.display_name,
      phone: user.phone,
      is_active: user.is_active,
      organization_id: user.organization_id,
      member_id: user.member_id,
      password: '',
    });
  }, [form, user]);
  const stale = update.error instanceof ApiError && update.error.status === 412;
  const submit = (values: ProfileValues) => {
    // The form stays enabled while it is sent (focus stays where it was); Enter sends once.
    if (update.isPending) return;
    const changes = changesOf(user, values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('organization.nothingChanged'));
      return;
    }
    update.mutate(
      { id: user.id, version: user.version, body: changes },
      {
        onSuccess: () => void message.success(t('user.saved')),
        onError: (error) =>
          showFieldErrors(form, error, t, {
            password_too_short: 'password',
            password_too_common: 'password',
            member_already_linked: 'member_id',
            member_not_found: 'member_id',
          }),
      },
    );
  };
  return (
    <>
      <ErrorAlert
        error={update.error}
        action={
          stale ? (
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload();
              }}
            >
              {t('user.reload')}
            </Button>
          ) : undefined
        }
      />
      <Form<ProfileValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="display_name" label={t('field.display_name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')} rules={[phoneRule(t, user.phone)]}>
          <Input inputMode="tel" maxLength={32} />
        </Form.Item>
        <Form.Item name="organization_id" label={t('user.organization')} extra={t('user.organizationHint')}>
          <OrganizationSelect key={user.organization_id ?? 'none'} />
        </Form.Item>
        <Form.Item name="member_id" label={t('field.member_id')} extra={t('user.memberHint')}>
          <MemberSelect allowClear />
        </Form.Item>
        <Form.Item name="password" label={t('user.newPassword')} extra={t('user.newPasswordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="is_active" label={t('field.is_active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
