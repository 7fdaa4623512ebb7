import { Button, Card, Flex, Select, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { keys } from '../../api/keys';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchTeamPage } from './api';
import { NO_TEAM_FILTERS, paramsFromTeamFilters, teamFiltersFromParams, type TeamFilters } from './filters';
import { TeamTable } from './TeamTable';

type Tri = 'yes' | 'no';

function tri(value: boolean | null): Tri | undefined {
  return value === null ? undefined : value ? 'yes' : 'no';
}

function fromTri(value: Tri | undefined): boolean | null {
  return value === undefined ? null : value === 'yes';
}

/** A yes/no filter shown as a clearable select: set from the URL, removed with its clear button. */
function TriSelect({ label, value, yes, no, onChange }: { label: string; value: boolean | null; yes: string; no: string; onChange: (value: boolean | null) => void }) {
  return (
    <Select<Tri>
      allowClear
      style={{ flex: '1 1 150px', minWidth: 150 }}
      placeholder={label}
      aria-label={label}
      value={tri(value)}
      options={[
        { value: 'yes', label: yes },
        { value: 'no', label: no },
      ]}
      onChange={(next) => onChange(fromTri(next))}
    />
  );
}

function TeamFilterBar({ filters, onChange }: { filters: TeamFilters; onChange: (filters: TeamFilters) => void }) {
  const t = useT();
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <div style={{ flex: '1 1 220px', minWidth: 220 }}>
        <OrganizationSelect allowClear value={filters.within} placeholder={t('grid.within')} onChange={(within) => onChange({ ...filters, within })} />
      </div>
      <TriSelect
        label={t('team.active')}
        value={filters.active}
        yes={t('team.isActive')}
        no={t('team.isInactive')}
        onChange={(active) => onChange({ ...filters, active })}
      />
      <TriSelect
        label={t('team.hasLeader')}
        value={filters.hasLeader}
        yes={t('team.withLeader')}
        no={t('team.noLeader')}
        onChange={(hasLeader) => onChange({ ...filters, hasLeader })}
      />
      <TriSelect
        label={t('team.hasPartyMembers')}
        value={filters.hasPartyMembers}
        yes={t('team.withPartyMembers')}
        no={t('team.withoutPartyMembers')}
        onChange={(hasPartyMembers) => onChange({ ...filters, hasPartyMembers })}
      />
      {JSON.stringify(filters) !== JSON.stringify(NO_TEAM_FILTERS) ? (
        <Button type="link" onClick={() => onChange(NO_TEAM_FILTERS)}>
          {t('organization.clearFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}

/** The grid service teams of a subtree, filtered from the URL (coverage's team gaps link here). */
export function TeamsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filters = teamFiltersFromParams(params);
  const pages = useCursorPages(keys.grids.teamList(filters), (cursor) => fetchTeamPage(filters, cursor, PAGE_SIZE));
  return (
    <>
      <PageHeader title={t('team.list')} />
      <TeamFilterBar filters={filters} onChange={(next) => setParams(paramsFromTeamFilters(next))} />
      <Card size="small">
        <ErrorAlert error={pages.error} />
        {pages.total !== null ? <Typography.Paragraph type="secondary">{t('team.count', { count: pages.total })}</Typography.Paragraph> : null}
        <TeamTable
          teams={pages.items}
          withGrid
          loading={pages.isFetching}
          emptyText={pages.isLoading ? t('common.loading') : t('team.noneFound')}
        />
        <CursorPager pages={pages} />
      </Card>
    </>
  );
}
