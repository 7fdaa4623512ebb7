import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { Organization, OrganizationUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { RequirePermission } from '../../components/Forbidden';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { fetchCurrentOrganization, organizationQuery, useUpdateOrganization } from './api';
import { ConflictPanel, type Conflict } from './ConflictPanel';
import { changedFields, fieldsFromForm, fieldsOf, formFromOrganization, type OrganizationFormValues } from './formValues';
import { OrganizationBreadcrumb } from './OrganizationBreadcrumb';
import { OrganizationForm } from './OrganizationForm';

interface EditOrganizationFormProps {
  organization: Organization;
  onSaved: (organization: Organization) => void;
  onCancel: () => void;
}

/**
 * Sends only the changed fields with `If-Match`; when someone saved in between (412) it shows
 * their values next to the user's and lets the user apply the change again on top of theirs.
 */
export function EditOrganizationForm({ organization, onSaved, onCancel }: EditOrganizationFormProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrganizationFormValues>();
  const update = useUpdateOrganization();
  const [base, setBase] = useState(organization);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingCurrent, setLoadingCurrent] = useState(false);

  const save = async (target: Organization, changes: OrganizationUpdate) => {
    setError(null);
    try {
      const saved = await update.mutateAsync({ id: target.id, version: target.version, body: changes });
      setConflict(null);
      void message.success(t('organization.saved', { name: saved.name }));
      onSaved(saved);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 412) {
        setLoadingCurrent(true);
        try {
          const current = await fetchCurrentOrganization(target.id);
          setConflict({ base: fieldsOf(base), current, changes });
        } catch (reloadFailure) {
          setError(reloadFailure);
        } finally {
          setLoadingCurrent(false);
        }
        return;
      }
      setError(failure);
      showFieldErrors(form, failure, t, { organization_code_taken: 'code' });
    }
  };

  const submit = (values: OrganizationFormValues) => {
    const changes = changedFields(fieldsOf(base), fieldsFromForm(values));
    if (Object.keys(changes).length === 0) {
      void message.info(t('organization.nothingChanged'));
      return;
    }
    void save(base, changes);
  };

  const reapply = () => {
    if (conflict === null) return;
    setBase(conflict.current);
    void save(conflict.current, conflict.changes);
  };

  const discard = () => {
    if (conflict === null) return;
    setBase(conflict.current);
    form.setFieldsValue(formFromOrganization(conflict.current));
    setConflict(null);
  };

  const busy = update.isPending || loadingCurrent;
  return (
    <Card>
      {conflict ? <ConflictPanel conflict={conflict} saving={busy} onReapply={reapply} onDiscard={discard} /> : null}
      <ErrorAlert error={error} />
      <OrganizationForm form={form} initialValues={formFromOrganization(organization)} onSubmit={submit} disabled={busy || conflict !== null} />
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} disabled={conflict !== null} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      </Flex>
    </Card>
  );
}

export function EditOrganizationPage() {
  return (
    <RequirePermission permission="organizations:write">
      <EditOrganization />
    </RequirePermission>
  );
}

function EditOrganization() {
  const t = useT();
  const navigate = useNavigate();
  const { organizationId = '' } = useParams();
  // Edits start from the server's current version, never from a cached copy.
  const query = useQuery({ ...organizationQuery(organizationId), refetchOnMount: 'always' });
  const { data: organization, error } = query;
  if (query.isLoading || (query.isFetching && !query.isFetchedAfterMount)) return <Loading />;
  if (organization === undefined) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader title={t('organization.editTitle', { name: organization.name })}>
        <OrganizationBreadcrumb organization={organization} />
      </PageHeader>
      <EditOrganizationForm
        key={organization.id}
        organization={organization}
        onSaved={(saved) => void navigate(`/organizations/${saved.id}`)}
        onCancel={() => void navigate(`/organizations/${organization.id}`)}
      />
    </>
  );
}
