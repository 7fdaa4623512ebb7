import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import type { Member } from '../../api/types';
import { useT } from '../../lib/i18n';
import { memberQuery, searchMembersQuery } from './queries';

interface MemberSelectProps {
  value?: string | null;
  onChange?: (id: string | null, member: Member | null) => void;
  /** Shown for the current value before the user has searched. */
  initial?: Member | null;
  /** Only members of this organization's subtree. */
  within?: string | null;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
}

/** Picks one member by searching their name (or a whole identity number) on the server. */
export function MemberSelect({ value, onChange, initial, within = null, allowClear, placeholder, id, style }: MemberSelectProps) {
  const t = useT();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text.trim());
  const { data, isFetching } = useQuery(searchMembersQuery(deferred, within));
  const [chosen, setChosen] = useState<Member | null>(initial ?? null);
  const found = data?.items ?? [];
  const known = [...(chosen && !found.some((item) => item.id === chosen.id) ? [chosen] : []), ...found];
  // A value set from outside (an edit form) is read by id, so that it shows its name.
  const unknownValue = value && !known.some((item) => item.id === value) ? value : null;
  const current = useQuery({ ...memberQuery(unknownValue ?? ''), enabled: unknownValue !== null });
  const options = current.data && unknownValue !== null ? [current.data, ...known] : known;
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear={allowClear}
      value={value ?? undefined}
      placeholder={placeholder ?? t('member.pick')}
      aria-label={placeholder ?? t('member.pick')}
      loading={isFetching}
      notFoundContent={isFetching ? t('common.loading') : t('common.noResults')}
      style={{ width: '100%', ...style }}
      onChange={(next: string | undefined) => {
        const member = options.find((option) => option.id === next) ?? null;
        setChosen(member);
        onChange?.(next ?? null, member);
      }}
      options={options.map((member) => ({
        value: member.id,
        label: (
          <span>
            <span>{member.name}</span>{' '}
            {member.id_number ? (
              <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
                {member.id_number}
              </Typography.Text>
            ) : null}
          </span>
        ),
      }))}
    />
  );
}
