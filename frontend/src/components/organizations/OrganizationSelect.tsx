import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import type { Organization } from '../../api/types';
import { useT } from '../../lib/i18n';
import { organizationByIdQuery, searchOrganizationsQuery } from './queries';

interface OrganizationSelectProps {
  value?: string | null;
  onChange?: (id: string | null, organization: Organization | null) => void;
  /** Shown for the current value before the user has searched. */
  initial?: Organization | null;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  /** The control's name when no form label names it (a filter bar); defaults to the placeholder. */
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** Picks one organization by searching its name or code on the server. */
export function OrganizationSelect({
  value,
  onChange,
  initial,
  allowClear,
  placeholder,
  id,
  'aria-label': ariaLabel,
  style,
}: OrganizationSelectProps) {
  const t = useT();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text);
  const { data, isFetching } = useQuery(searchOrganizationsQuery(deferred.trim()));
  const [chosen, setChosen] = useState<Organization | null>(initial ?? null);
  const found = data?.items ?? [];
  const known = [...(chosen && !found.some((item) => item.id === chosen.id) ? [chosen] : []), ...found];
  // A value set from outside (an edit form) is read by id, so that it shows its name.
  const unknownValue = value && !known.some((item) => item.id === value) ? value : null;
  const current = useQuery({ ...organizationByIdQuery(unknownValue ?? ''), enabled: unknownValue !== null });
  const options = current.data && unknownValue !== null ? [current.data, ...known] : known;
  return (
    <Select
      id={id}
      // Inside a Form.Item the label names it (by id); in a filter bar the placeholder does.
      aria-label={ariaLabel ?? (id === undefined ? (placeholder ?? t('organization.pick')) : undefined)}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear={allowClear}
      value={value ?? undefined}
      placeholder={placeholder ?? t('organization.pick')}
      loading={isFetching}
      notFoundContent={isFetching ? t('common.loading') : t('common.noResults')}
      style={{ width: '100%', ...style }}
      onChange={(next: string | undefined) => {
        const organization = options.find((option) => option.id === next) ?? null;
        setChosen(organization);
        onChange?.(next ?? null, organization);
      }}
      options={options.map((organization) => ({
        value: organization.id,
        label: (
          <span>
            <span>{organization.name}</span>{' '}
            <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
              {organization.code}
            </Typography.Text>
          </span>
        ),
      }))}
    />
  );
}
