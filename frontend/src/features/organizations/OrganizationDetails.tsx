import { Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Organization } from '../../api/types';
import { useEnums } from '../../lib/enums';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** Every field of an organization, labelled; an empty one shows a dash. */
export function OrganizationDetails({ organization: o }: { organization: Organization }) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const orDash = (value: ReactNode) =>
    value === null || value === undefined || value === '' ? <Typography.Text type="secondary">—</Typography.Text> : value;
  const items: { key: string; label: string; children: ReactNode; span?: number }[] = [
    { key: 'name', label: t('field.name'), children: o.name },
    { key: 'short_name', label: t('field.short_name'), children: orDash(o.short_name) },
    { key: 'code', label: t('field.code'), children: o.code },
    { key: 'kind', label: t('field.kind'), children: label('organization_kind', o.kind) },
    { key: 'tier', label: t('field.tier'), children: label('organization_tier', o.tier) },
    { key: 'domain', label: t('field.domain'), children: label('organization_domain', o.domain) },
    { key: 'formation', label: t('field.formation'), children: label('organization_formation', o.formation) },
    {
      key: 'flags',
      label: t('field.flags'),
      children: orDash(
        o.flags.length
          ? o.flags.map((flag) => (
              <Tag key={flag} color={flag === 'weak_and_lax' ? 'red' : 'orange'}>
                {label('organization_flag', flag)}
              </Tag>
            ))
          : null,
      ),
    },
    { key: 'depth', label: t('field.depth'), children: t('organization.depthValue', { depth: o.depth + 1 }) },
    { key: 'venue_address', label: t('field.venue_address'), children: orDash(o.venue_address) },
    {
      key: 'venue_area_m2',
      label: t('field.venue_area_m2'),
      children: orDash(o.venue_area_m2 === null ? null : `${formatNumber(o.venue_area_m2, language)} m²`),
    },
    {
      key: 'annual_funds',
      label: t('field.annual_funds'),
      children: orDash(o.annual_funds === null ? null : `${formatNumber(o.annual_funds, language)} ${t('organization.yuan')}`),
    },
    { key: 'founded_on', label: t('field.founded_on'), children: orDash(formatDate(o.founded_on, language)) },
    { key: 'contact_phone', label: t('field.contact_phone'), children: orDash(o.contact_phone) },
    { key: 'created_at', label: t('field.created_at'), children: formatDateTime(o.created_at, language) },
    { key: 'updated_at', label: t('field.updated_at'), children: formatDateTime(o.updated_at, language) },
    { key: 'version', label: t('field.version'), children: o.version },
    {
      key: 'description',
      label: t('field.description'),
      span: 3,
      children: orDash(o.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{o.description}</span> : null),
    },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} />;
}
