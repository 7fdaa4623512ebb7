import { App, Button, Card, Flex, Form } from 'antd';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { RequirePermission } from '../../components/Forbidden';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { useCreateMember } from './api';
import { createBody, EMPTY_MEMBER, type MemberFormValues } from './formValues';
import { MemberForm } from './MemberForm';

/** Problem codes about one field of the member form. */
export const MEMBER_CODE_FIELDS = {
  member_id_number_taken: 'id_number',
  member_birth_date_mismatch: 'id_number',
  organization_not_found: 'organization_id',
};

export function CreateMemberPage() {
  return (
    <RequirePermission permission="members:write">
      <CreateMemberPageContent />
    </RequirePermission>
  );
}

function CreateMemberPageContent() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<MemberFormValues>();
  const create = useCreateMember();
  // One key per attempt at this body: a network retry replays, a corrected body gets a new key.
  const idempotencyKey = useRef(newIdempotencyKey());
  const submit = (values: MemberFormValues) =>
    create.mutate(
      { body: createBody(values), idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (created) => {
          void message.success(t('member.created', { name: created.name }));
          void navigate(`/members/${created.id}`, { replace: true });
        },
        onError: (error) => {
          if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
          showFieldErrors(form, error, t, MEMBER_CODE_FIELDS);
        },
      },
    );
  return (
    <>
      <PageHeader title={t('member.create')} />
      <Card>
        <ErrorAlert error={create.error} />
        <MemberForm
          form={form}
          initialValues={{ ...EMPTY_MEMBER, organization_id: params.get('organization') }}
          onSubmit={submit}
        />
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('common.create')}
          </Button>
        </Flex>
      </Card>
    </>
  );
}
