import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Member } from '../../api/types';
import { DutyReviewsCard } from '../../components/evaluations/DutyReviewsCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { can, useMe } from '../../lib/me';
import { useCanOn } from '../../components/organizations/permissions';
import { memberDetailQuery } from './api';
import { DeleteMemberButton } from './DeleteMemberButton';
import { MemberDetails } from './MemberDetails';
import { MemberService } from './MemberService';
import { PositionsCard } from './PositionsCard';
import { RevealButton } from './RevealButton';
import { TransferDialog } from './TransferDialog';
import { TransfersCard } from './TransfersCard';

function Actions({ member, onRevealed, onDeleteError }: {
  member: Member;
  onRevealed: (member: Member) => void;
  onDeleteError: (error: unknown) => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const writable = useCanOn('members:write', member.organization_id);
  const reveals = useCanOn('members:reveal', member.organization_id);
  const [transferring, setTransferring] = useState(false);
  // The birth date is hidden without saying whether there is one: the control is always offered.
  return (
    <>
      {reveals && member.revealed.length === 0 ? <RevealButton member={member} onRevealed={onRevealed} /> : null}
      {writable ? (
        <>
          <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(`/members/${member.id}/edit`)}>
            {t('common.edit')}
          </Button>
          <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)}>
            {t('member.transfer')}
          </Button>
          <DeleteMemberButton member={member} onError={onDeleteError} />
          <TransferDialog member={member} open={transferring} onClose={() => setTransferring(false)} />
        </>
      ) : null}
    </>
  );
}

function MemberDetail({ memberId }: { memberId: string }) {
  const t = useT();
  const { data: me } = useMe();
  const query = useQuery(memberDetailQuery(memberId));
  const [revealed, setRevealed] = useState<Member | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  if (query.isLoading) return <Loading />;
  if (query.data === undefined) return <ErrorAlert error={query.error} />;
  // The unmasked copy holds only while it is the version on file.
  const member = revealed !== null && revealed.version === query.data.version ? revealed : query.data;
  const wasSecretary = member.positions.some((p) => p.position === 'secretary');
  return (
    <>
      <PageHeader title={member.name} extra={<Actions member={member} onRevealed={setRevealed} onDeleteError={setDeleteError} />}>
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[{ key: 'members', title: <Link to="/members">{t('nav.members')}</Link> }, { key: member.id, title: member.name }]}
        />
      </PageHeader>
      <ErrorAlert error={deleteError} />
      {member.revealed.length > 0 ? <Alert type="warning" showIcon title={t('member.revealedNotice')} style={{ marginBottom: 16 }} /> : null}
      <MemberDetails member={member} />
      <PositionsCard positions={member.positions} />
      {wasSecretary && can(me, 'evaluations:read') ? <DutyReviewsCard memberId={member.id} /> : null}
      <MemberService member={member} />
      <TransfersCard memberId={member.id} />
    </>
  );
}

export function MemberDetailPage() {
  const { memberId = '' } = useParams();
  return <MemberDetail key={memberId} memberId={memberId} />;
}
