import { Button, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { MemberStatus, Position } from '../../api/types';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import { hasFilters, NO_MEMBER_FILTERS, type MemberFilters } from './filters';

type Tri = 'yes' | 'no';

function tri(value: boolean | null): Tri | undefined {
  if (value === null) return undefined;
  return value ? 'yes' : 'no';
}

function fromTri(value: Tri | undefined): boolean | null {
  return value === undefined ? null : value === 'yes';
}

/** Search by name or a whole identity number, and the filters; every change lands in the URL. */
export function MemberFilterBar({ filters, onChange }: { filters: MemberFilters; onChange: (filters: MemberFilters) => void }) {
  const t = useT();
  const { options } = useEnums();
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const selectStyle = { minWidth: 140, flex: '1 1 140px' };
  const yesNo = (name: string) => [
    { value: 'yes' as Tri, label: t('member.filterYes', { name }) },
    { value: 'no' as Tri, label: t('member.filterNo', { name }) },
  ];
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        enterButton
        value={text}
        placeholder={t('member.searchPlaceholder')}
        aria-label={t('member.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => onChange({ ...filters, q: value.trim() })}
        maxLength={50}
      />
      <Flex gap={8} wrap>
        <div style={{ ...selectStyle, minWidth: 220 }}>
          <OrganizationSelect
            allowClear
            value={filters.within}
            placeholder={t('member.within')}
            onChange={(within) => onChange({ ...filters, within })}
          />
        </div>
        <Select<MemberStatus>
          allowClear
          style={selectStyle}
          placeholder={t('field.member_status')}
          aria-label={t('field.member_status')}
          value={filters.status ?? undefined}
          options={options('member_status')}
          onChange={(status) => onChange({ ...filters, status: status ?? null })}
        />
        <Select<Position>
          allowClear
          style={selectStyle}
          placeholder={t('member.position')}
          aria-label={t('member.position')}
          value={filters.position ?? undefined}
          options={options('member_position')}
          onChange={(position) => onChange({ ...filters, position: position ?? null })}
        />
        <Select<Tri>
          allowClear
          style={selectStyle}
          placeholder={t('field.is_migrant')}
          aria-label={t('field.is_migrant')}
          value={tri(filters.isMigrant)}
          options={yesNo(t('field.is_migrant'))}
          onChange={(value) => onChange({ ...filters, isMigrant: fromTri(value) })}
        />
        <Select<Tri>
          allowClear
          style={selectStyle}
          placeholder={t('field.is_in_service')}
          aria-label={t('field.is_in_service')}
          value={tri(filters.isInService)}
          options={yesNo(t('field.is_in_service'))}
          onChange={(value) => onChange({ ...filters, isInService: fromTri(value) })}
        />
      </Flex>
      {hasFilters(filters) ? (
        <Flex>
          <Button type="link" style={{ paddingInline: 0 }} onClick={() => onChange(NO_MEMBER_FILTERS)}>
            {t('organization.clearFilters')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
