import { DeleteOutlined, EditOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { VolunteerActivity } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { useEnums } from '../../lib/enums';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useCanOn } from '../../components/organizations/permissions';
import { canReadVolunteering, linkedMemberId, useMe } from '../../lib/me';
import { ActivityFormDialog } from './ActivityFormDialog';
import { activityQuery, useDeleteActivity } from './api';
import { PlacesLeft } from './PlacesLeft';
import { SignUpButtons } from './SignUpButtons';
import { SignupsCard } from './SignupsCard';

function StaffActions({ activity, onDeleteError }: { activity: VolunteerActivity; onDeleteError: (error: unknown) => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState(false);
  const confirmDelete = () =>
    modal.confirm({
      title: t('activity.deleteConfirmTitle', { title: activity.title }),
      content: t('activity.deleteConfirmBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(activity).then(
          () => {
            void message.success(t('activity.deleted', { title: activity.title }));
            void navigate('/activities', { replace: true });
          },
          (error: unknown) => onDeleteError(error),
        ),
    });
  return (
    <>
      <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('common.edit')}
      </Button>
      <Button danger icon={<DeleteOutlined />} loading={remove.isPending} onClick={confirmDelete}>
        {t('common.delete')}
      </Button>
      <ActivityFormDialog open={editing} activity={activity} onClose={() => setEditing(false)} />
    </>
  );
}

function ActivityDetail({ activityId }: { activityId: string }) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const { data: me } = useMe();
  const query = useQuery(activityQuery(activityId));
  const manages = useCanOn('volunteer:manage', query.data?.organization_id);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  if (query.isLoading) return <Loading />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  const activity = query.data;
  const memberId = linkedMemberId(me);
  return (
    <>
      <PageHeader
        title={activity.title}
        extra={
          <>
            {canReadVolunteering(me) ? (
              <Link to={`/volunteer-records?${new URLSearchParams({ activity_id: activity.id, status: 'all' }).toString()}`}>
                <Button icon={<UnorderedListOutlined />}>{t('activity.records')}</Button>
              </Link>
            ) : null}
            {manages ? <StaffActions activity={activity} onDeleteError={setDeleteError} /> : null}
          </>
        }
      >
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[{ key: 'list', title: <Link to="/activities">{t('nav.activities')}</Link> }, { key: activity.id, title: activity.title }]}
        />
      </PageHeader>
      <ErrorAlert error={deleteError} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'kind', label: t('field.kind_of_service'), children: label('service_kind', activity.kind) },
          { key: 'organizer', label: t('activity.organizer'), children: <OrganizationName id={activity.organization_id} /> },
          { key: 'starts_at', label: t('field.starts_at'), children: formatDateTime(activity.starts_at, language) },
          { key: 'ends_at', label: t('field.ends_at'), children: formatDateTime(activity.ends_at, language) },
          { key: 'place', label: t('field.place'), children: activity.place ?? '—' },
          { key: 'places', label: t('field.capacity'), children: <PlacesLeft activity={activity} /> },
          ...(memberId ? [{ key: 'mine', label: t('activity.myPlace'), children: <SignUpButtons activity={activity} memberId={memberId} /> }] : []),
          {
            key: 'description',
            label: t('field.description'),
            span: 2,
            children: activity.description ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{activity.description}</Typography.Text> : '—',
          },
        ]}
      />
      {manages ? <SignupsCard activity={activity} /> : null}
    </>
  );
}

export function ActivityDetailPage() {
  const { activityId = '' } = useParams();
  return <ActivityDetail key={activityId} activityId={activityId} />;
}
