import { App, Button, Card, Flex, Popconfirm, Table } from 'antd';
import { Link } from 'react-router';
import { useState } from 'react';
import { keys } from '../../api/keys';
import type { Signup, VolunteerActivity } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MemberSelect } from '../../components/members/MemberSelect';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchSignupPage, useCancelSignup, useSignUp } from './api';

/** Who holds a place (for the organizer's staff): sign a member up, or give a place back. */
export function SignupsCard({ activity }: { activity: VolunteerActivity }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const pages = useCursorPages(keys.activities.signups(activity.id), (cursor) => fetchSignupPage(activity.id, cursor, PAGE_SIZE));
  const signUp = useSignUp(activity.id);
  const cancel = useCancelSignup(activity.id);
  const [memberId, setMemberId] = useState<string | null>(null);
  return (
    <Card size="small" title={t('activity.signups')} style={{ marginTop: 16 }}>
      <ErrorAlert error={signUp.error ?? cancel.error ?? pages.error} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <div style={{ flex: '1 1 220px' }}>
          <MemberSelect value={memberId} onChange={(id) => setMemberId(id)} placeholder={t('activity.signUpMember')} />
        </div>
        <Button
          type="primary"
          disabled={memberId === null}
          loading={signUp.isPending}
          onClick={() =>
            memberId &&
            signUp.mutate(memberId, {
              onSuccess: () => {
                setMemberId(null);
                void message.success(t('activity.memberSignedUp'));
              },
            })
          }
        >
          {t('activity.signUp')}
        </Button>
      </Flex>
      <Table<Signup>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={pages.items}
        loading={pages.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: pages.isLoading ? t('common.loading') : t('activity.noSignups') }}
        columns={[
          { key: 'member', title: t('records.member'), render: (_, row) => <Link to={`/members/${row.member_id}`}>{row.member_name}</Link> },
          { key: 'created_at', title: t('activity.signedUpAt'), render: (_, row) => formatDateTime(row.created_at, language) },
          {
            key: 'actions',
            title: '',
            render: (_, row) => (
              <Popconfirm
                title={t('activity.cancelConfirm')}
                okText={t('activity.cancelSignup')}
                cancelText={t('common.cancel')}
                onConfirm={() => cancel.mutateAsync(row.member_id).then(() => void message.success(t('activity.memberCancelled')))}
              >
                <Button size="small" danger aria-label={t('a11y.rowActions', { action: t('activity.cancelSignup'), object: row.member_name })}>
                  {t('activity.cancelSignup')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} />
    </Card>
  );
}
