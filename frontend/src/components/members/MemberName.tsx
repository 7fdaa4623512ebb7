import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../lib/i18n';
import { memberQuery } from './queries';

/** A member's name by id, read once and cached; a link to their file when `link` is set. */
export function MemberName({ id, link = false }: { id: string | null | undefined; link?: boolean }) {
  const t = useT();
  const { data, isError } = useQuery({ ...memberQuery(id ?? ''), enabled: Boolean(id), staleTime: 5 * 60_000 });
  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  if (isError) return <Typography.Text type="secondary">{t('member.unavailable')}</Typography.Text>;
  const name = data?.name ?? '…';
  return link ? <Link to={`/members/${id}`}>{name}</Link> : <span>{name}</span>;
}
