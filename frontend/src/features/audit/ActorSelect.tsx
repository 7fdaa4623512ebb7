import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useT } from '../../lib/i18n';
import { userSearchQuery } from './api';

/** Picks the user whose actions to show, searching users by name on the server. */
export function ActorSelect({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text.trim());
  const { data, isFetching } = useQuery(userSearchQuery(deferred));
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange(next ?? null)}
      placeholder={t('audit.actor')}
      aria-label={t('audit.actor')}
      loading={isFetching}
      notFoundContent={isFetching ? t('common.loading') : t('common.noResults')}
      options={(data?.items ?? []).map((user) => ({ value: user.id, label: `${user.display_name} (${user.username})` }))}
      style={{ width: '100%' }}
    />
  );
}
