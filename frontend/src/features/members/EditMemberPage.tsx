import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { Member } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showFieldErrors } from '../../components/formErrors';
import { RequirePermission } from '../../components/Forbidden';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { memberDetailQuery, useUpdateMember } from './api';
import { MEMBER_CODE_FIELDS } from './CreateMemberPage';
import { changedFields, formFromMember, type MemberFormValues } from './formValues';
import { MemberForm } from './MemberForm';

/** Sends only the changed fields with `If-Match`; on 412 offers to reload the current file. */
function EditMemberForm({ member, onReload }: { member: Member; onReload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const update = useUpdateMember();
  const stale = update.error instanceof ApiError && update.error.status === 412;
  const submit = (values: MemberFormValues) => {
    // The form stays enabled while it is sent (focus stays where it was); Enter sends once.
    if (update.isPending) return;
    const changes = changedFields(member, values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('organization.nothingChanged'));
      return;
    }
    update.mutate(
      { member, body: changes },
      {
        onSuccess: (saved) => {
          void message.success(t('member.saved', { name: saved.name }));
          void navigate(`/members/${saved.id}`);
        },
        onError: (error) => showFieldErrors(form, error, t, MEMBER_CODE_FIELDS),
      },
    );
  };
  return (
    <Card>
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
      <MemberForm
        key={member.version}
        form={form}
        initialValues={formFromMember(member)}
        onSubmit={submit}
        editing={{ phone: member.phone, idNumber: member.id_number, birthDateHidden: !member.revealed.includes('birth_date') }}
      />
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={() => void navigate(`/members/${member.id}`)}>{t('common.cancel')}</Button>
        <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      </Flex>
    </Card>
  );
}

export function EditMemberPage() {
  return (
    <RequirePermission permission="members:write">
      <EditMemberPageContent />
    </RequirePermission>
  );
}

function EditMemberPageContent() {
  const t = useT();
  const { memberId = '' } = useParams();
  // Edits start from the server's current version, never from a cached copy.
  const query = useQuery({ ...memberDetailQuery(memberId), refetchOnMount: 'always' });
  if (query.isLoading || (query.isFetching && !query.isFetchedAfterMount)) return <Loading />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  return (
    <>
      <PageHeader title={t('member.editTitle', { name: query.data.name })} />
      <EditMemberForm member={query.data} onReload={() => void query.refetch()} />
    </>
  );
}
