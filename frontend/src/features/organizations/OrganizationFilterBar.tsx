import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Input, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { Domain, Flag, Kind, Tier } from '../../api/types';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { organizationQuery } from './api';
import { hasFilters, NO_FILTERS, type OrganizationFilters } from './filters';

interface FilterBarProps {
  filters: OrganizationFilters;
  onChange: (filters: OrganizationFilters) => void;
}

function WithinTag({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const { data } = useQuery(organizationQuery(id));
  return (
    <Tag closable onClose={onClose} color="red" style={{ paddingBlock: 4 }}>
      {t('organization.within', { name: data?.name ?? '…' })}
    </Tag>
  );
}

/** Search by name or code, and the enumeration filters; every change lands in the URL. */
export function OrganizationFilterBar({ filters, onChange }: FilterBarProps) {
  const t = useT();
  const { options } = useEnums();
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const selectStyle = { minWidth: 140, flex: '1 1 140px' };
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        enterButton
        value={text}
        placeholder={t('organization.searchPlaceholder')}
        aria-label={t('organization.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => onChange({ ...filters, q: value.trim() })}
        maxLength={100}
      />
      <Flex gap={8} wrap>
        <Select<Domain>
          allowClear
          style={selectStyle}
          placeholder={t('field.domain')}
          aria-label={t('field.domain')}
          value={filters.domain ?? undefined}
          options={options('organization_domain')}
          onChange={(domain) => onChange({ ...filters, domain: domain ?? null })}
        />
        <Select<Tier>
          allowClear
          style={selectStyle}
          placeholder={t('field.tier')}
          aria-label={t('field.tier')}
          value={filters.tier ?? undefined}
          options={options('organization_tier')}
          onChange={(tier) => onChange({ ...filters, tier: tier ?? null })}
        />
        <Select<Kind>
          allowClear
          style={selectStyle}
          placeholder={t('field.kind')}
          aria-label={t('field.kind')}
          value={filters.kind ?? undefined}
          options={options('organization_kind')}
          onChange={(kind) => onChange({ ...filters, kind: kind ?? null })}
        />
        <Select<Flag[]>
          mode="multiple"
          allowClear
          style={{ ...selectStyle, minWidth: 180 }}
          placeholder={t('field.flags')}
          aria-label={t('field.flags')}
          value={filters.flags}
          options={options('organization_flag')}
          onChange={(flags) => onChange({ ...filters, flags })}
        />
      </Flex>
      {hasFilters(filters) ? (
        <Flex gap={8} align="center" wrap>
          {filters.within ? <WithinTag id={filters.within} onClose={() => onChange({ ...filters, within: null })} /> : null}
          {filters.secretaryVacant ? (
            <Tag closable onClose={() => onChange({ ...filters, secretaryVacant: false })} color="red" style={{ paddingBlock: 4 }}>
              {t('organization.filterSecretaryVacant')}
            </Tag>
          ) : null}
          {filters.hasGrid !== null ? (
            <Tag closable onClose={() => onChange({ ...filters, hasGrid: null })} color="red" style={{ paddingBlock: 4 }}>
              {t(filters.hasGrid ? 'organization.filterWithGrid' : 'organization.filterWithoutGrid')}
            </Tag>
          ) : null}
          <Button type="link" onClick={() => onChange(NO_FILTERS)}>
            {t('organization.clearFilters')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
