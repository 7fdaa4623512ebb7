import { Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Member } from '../../api/types';
import { OrganizationName } from '../../components/organizations/OrganizationName';
import { useEnums } from '../../lib/enums';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { MemberTags } from './MemberTags';

/**
 * A member's file; phone and identity number as the server sent them (masked unless revealed),
 * and the birth date, which the server sends only when revealed, shown as hidden until then.
 */
export function MemberDetails({ member: m }: { member: Member }) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const orDash = (value: ReactNode) =>
    value === null || value === undefined || value === '' ? <Typography.Text type="secondary">—</Typography.Text> : value;
  const yes = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const items: { key: string; label: string; children: ReactNode; span?: number }[] = [
    { key: 'name', label: t('field.person_name'), children: m.name },
    { key: 'organization', label: t('member.organization'), children: <OrganizationName id={m.organization_id} /> },
    { key: 'status', label: t('field.member_status'), children: label('member_status', m.status) },
    { key: 'gender', label: t('field.gender'), children: orDash(m.gender ? label('member_gender', m.gender) : null) },
    {
      key: 'birth_date',
      label: t('field.birth_date'),
      children: m.revealed.includes('birth_date') ? (
        orDash(formatDate(m.birth_date, language))
      ) : (
        <Typography.Text type="secondary">{t('member.hiddenValue')}</Typography.Text>
      ),
    },
    { key: 'ethnicity', label: t('field.ethnicity'), children: orDash(m.ethnicity) },
    { key: 'phone', label: t('field.phone'), children: orDash(m.phone) },
    { key: 'id_number', label: t('field.id_number'), children: orDash(m.id_number) },
    { key: 'joined_on', label: t('field.joined_on'), children: orDash(formatDate(m.joined_on, language)) },
    { key: 'is_migrant', label: t('field.is_migrant'), children: yes(m.is_migrant) },
    { key: 'current_location', label: t('field.current_location'), children: orDash(m.current_location) },
    { key: 'is_in_service', label: t('field.is_in_service'), children: yes(m.is_in_service) },
    { key: 'work_unit', label: t('field.work_unit'), children: orDash(m.work_unit) },
    {
      key: 'residence',
      label: t('field.residence_organization_id'),
      children: m.residence_organization_id ? <OrganizationName id={m.residence_organization_id} /> : orDash(null),
    },
    { key: 'registered_on', label: t('field.registered_on'), children: orDash(formatDate(m.registered_on, language)) },
    { key: 'is_elderly', label: t('field.is_elderly'), children: yes(m.is_elderly) },
    { key: 'is_in_hardship', label: t('field.is_in_hardship'), children: yes(m.is_in_hardship) },
    { key: 'tags', label: t('member.tags'), children: orDash(<MemberTags member={m} />) },
    { key: 'updated_at', label: t('field.updated_at'), children: formatDateTime(m.updated_at, language) },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} />;
}
