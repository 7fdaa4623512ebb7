import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useT } from '../../lib/i18n';

/** An organization's name by its id, linking to it; read once and cached. */
export function OrganizationName({ id }: { id: string | null | undefined }) {
  const t = useT();
  const { data, isError } = useQuery({
    queryKey: ['organizations', id ?? '', 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{organization_id}', { params: { path: { organization_id: id ?? '' } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  if (isError) return <Typography.Text type="secondary">{t('organization.unavailable')}</Typography.Text>;
  return <Link to={`/organizations/${id}`}>{data?.name ?? '…'}</Link>;
}
