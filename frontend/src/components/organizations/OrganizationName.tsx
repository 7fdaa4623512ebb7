import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../lib/i18n';
import { organizationByIdQuery } from './queries';

/**
 * An organization's name, linking to it. When the caller already has the name (a grant, an
 * API key carry it) it is shown at once; otherwise it is read by id once and cached.
 */
export function OrganizationName({ id, name }: { id: string | null | undefined; name?: string | null }) {
  const t = useT();
  const known = name !== undefined && name !== null;
  const { data, isError } = useQuery({ ...organizationByIdQuery(id ?? ''), enabled: Boolean(id) && !known });
  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  if (known) return <Link to={`/organizations/${id}`}>{name}</Link>;
  if (isError) return <Typography.Text type="secondary">{t('organization.unavailable')}</Typography.Text>;
  return <Link to={`/organizations/${id}`}>{data?.name ?? '…'}</Link>;
}
