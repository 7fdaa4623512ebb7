/** Enumeration labels from `GET /api/v1/meta/enums`, in the user's language. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client';
import { keys } from '../api/keys';
import type { EnumOption } from '../api/types';
import { useI18n } from './i18n';

export type EnumName =
  | 'organization_kind'
  | 'organization_tier'
  | 'organization_domain'
  | 'organization_formation'
  | 'organization_flag'
  | 'member_gender'
  | 'member_status'
  | 'member_position'
  | 'service_kind'
  | 'volunteer_record_status'
  | 'pledge_status'
  | 'grid_team_role'
  | 'unit_kind'
  | 'unit_coverage';

export const enumsQuery = queryOptions({
  queryKey: keys.meta.enums,
  queryFn: () => unwrap(api.GET('/api/v1/meta/enums')),
  staleTime: Infinity,
});

export interface LabeledOption {
  value: string;
  label: string;
}

/** `label(name, value)` and `options(name)` for the current language; empty until loaded. */
export function useEnums() {
  const { language } = useI18n();
  const { data, isLoading } = useQuery(enumsQuery);
  const pick = useCallback(
    (option: EnumOption) => (language === 'zh-CN' ? option.zh : option.en),
    [language],
  );
  const options = useCallback(
    (name: EnumName): LabeledOption[] =>
      (data?.[name] ?? []).map((option) => ({ value: option.value, label: pick(option) })),
    [data, pick],
  );
  const label = useCallback(
    (name: EnumName, value: string): string => {
      const option = data?.[name]?.find((candidate) => candidate.value === value);
      return option ? pick(option) : '';
    },
    [data, pick],
  );
  return { label, options, isLoading };
}
