import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { Member } from '../../api/types';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';

/** Probationary, migrant, in-service, elderly, in hardship: what a keeper looks out for. */
export function MemberTags({ member }: { member: Member }) {
  const t = useT();
  const { label } = useEnums();
  return (
    <>
      {member.status === 'probationary' ? <Tag color="gold">{label('member_status', member.status)}</Tag> : null}
      {member.is_migrant ? <Tag color="blue">{t('field.is_migrant')}</Tag> : null}
      {member.is_in_service ? <Tag color="cyan">{t('field.is_in_service')}</Tag> : null}
      {member.is_elderly ? <Tag>{t('field.is_elderly')}</Tag> : null}
      {member.is_in_hardship ? <Tag color="volcano">{t('field.is_in_hardship')}</Tag> : null}
    </>
  );
}

/** The positions held now (not ended), as tags. */
export function PositionTags({ member }: { member: Member }) {
  const { label } = useEnums();
  const today = dayjs().format('YYYY-MM-DD');
  const current = member.positions.filter((position) => !position.ended_on || position.ended_on >= today);
  return (
    <>
      {current.map((position) => (
        <Tag key={position.id} color="red">
          {label('member_position', position.position)}
        </Tag>
      ))}
    </>
  );
}
