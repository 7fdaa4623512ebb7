import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useT } from '../../lib/i18n';
import { gridQueryById, gridSearchQuery } from './api';

interface GridSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Only grids of this organization's subtree. */
  within: string | null;
  disabled?: boolean;
}

/** Picks one grid by searching its code or name on the server. */
export function GridSelect({ id, value, onChange, within, disabled }: GridSelectProps) {
  const t = useT();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text.trim());
  const found = useQuery({ ...gridSearchQuery(deferred, within), enabled: within !== null });
  const items = found.data?.items ?? [];
  const unknown = value && !items.some((grid) => grid.id === value) ? value : null;
  const current = useQuery({ ...gridQueryById(unknown ?? ''), enabled: unknown !== null });
  const options = [...(current.data && unknown ? [current.data] : []), ...items];
  return (
    <Select
      id={id}
      allowClear
      disabled={disabled || within === null}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      placeholder={within === null ? t('unit.gridNeedsOrganization') : t('unit.pickGrid')}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.noResults')}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options.map((grid) => ({ value: grid.id, label: `${grid.code} ${grid.name}` }))}
    />
  );
}
