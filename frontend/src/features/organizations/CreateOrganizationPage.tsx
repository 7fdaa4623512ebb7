import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Typography } from 'antd';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { RequirePermission } from '../../components/Forbidden';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { organizationQuery, useCreateOrganization } from './api';
import { createBody, type OrganizationFormValues } from './formValues';
import { OrganizationForm } from './OrganizationForm';

export function CreateOrganizationPage() {
  return (
    <RequirePermission permission="organizations:write">
      <CreateOrganization />
    </RequirePermission>
  );
}

function CreateOrganization() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const parentId = params.get('parent');
  const parent = useQuery({ ...organizationQuery(parentId ?? ''), enabled: parentId !== null });
  const [form] = Form.useForm<OrganizationFormValues>();
  const create = useCreateOrganization();
  // One key per attempt at this body: a network retry replays, a corrected body gets a new key.
  const idempotencyKey = useRef(newIdempotencyKey());

  if (parentId !== null && parent.isLoading) return <Loading />;
  if (parentId !== null && parent.error) return <ErrorAlert error={parent.error} />;

  const submit = (values: OrganizationFormValues) =>
    create.mutate(
      { body: createBody(values, parentId), idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (created) => {
          void message.success(t('organization.created', { name: created.name }));
          void navigate(`/organizations/${created.id}`, { replace: true });
        },
        onError: (error) => {
          if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
          showFieldErrors(form, error, t, { organization_code_taken: 'code' });
        },
      },
    );

  return (
    <>
      <PageHeader title={t('organization.create')} />
      <Card>
        <Typography.Paragraph>
          {parent.data ? t('organization.createUnder', { name: parent.data.name }) : t('organization.createRoot')}
        </Typography.Paragraph>
        <ErrorAlert error={create.error} />
        <OrganizationForm
          form={form}
          onSubmit={submit}
          initialValues={parent.data ? { domain: parent.data.domain } : undefined}
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
