import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { gridQueryById } from './api';

/** A grid named by its code and name, linking to it; a dash for none. */
export function GridCode({ id }: { id: string | null }) {
  const grid = useQuery({ ...gridQueryById(id ?? ''), enabled: id !== null, staleTime: 60_000 });
  if (id === null) return <>—</>;
  return <Link to={`/grids/${id}`}>{grid.data ? `${grid.data.code} ${grid.data.name}` : '…'}</Link>;
}
