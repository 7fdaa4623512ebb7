import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Segmented, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { keys } from '../../api/keys';
import type { Grid } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganizationSelect } from '../../components/organizations/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { canWriteGrids, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { allGridsQuery, coverageQuery, fetchGridPage, MAP_GRID_LIMIT } from './api';
import {
  gridFiltersFromParams,
  gridViewFromParams,
  NO_GRID_FILTERS,
  paramsFromGridFilters,
  type GridFilters,
  type GridView,
} from './filters';
import { gridStatus, incompleteGridIds } from './geo';
import { GridImportMenu } from './GridImportMenu';
import { GridMap } from './GridMap';
import { GridTable } from './GridTable';

type Tri = 'yes' | 'no';

function GridFilterBar({ filters, onChange }: { filters: GridFilters; onChange: (filters: GridFilters) => void }) {
  const t = useT();
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const hasTeam: Tri | undefined = filters.hasTeam === null ? undefined : filters.hasTeam ? 'yes' : 'no';
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        enterButton
        value={text}
        placeholder={t('grid.searchPlaceholder')}
        aria-label={t('grid.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => onChange({ ...filters, q: value.trim() })}
        maxLength={100}
      />
      <Flex gap={8} wrap>
        <div style={{ flex: '1 1 220px', minWidth: 220 }}>
          <OrganizationSelect
            allowClear
            value={filters.within}
            placeholder={t('grid.within')}
            onChange={(within) => onChange({ ...filters, within })}
          />
        </div>
        <Select<Tri>
          allowClear
          style={{ flex: '1 1 160px', minWidth: 160 }}
          placeholder={t('grid.hasTeam')}
          aria-label={t('grid.hasTeam')}
          value={hasTeam}
          options={[
            { value: 'yes', label: t('grid.withTeam') },
            { value: 'no', label: t('grid.withoutTeam') },
          ]}
          onChange={(value) => onChange({ ...filters, hasTeam: value === undefined ? null : value === 'yes' })}
        />
      </Flex>
      {JSON.stringify(filters) !== JSON.stringify(NO_GRID_FILTERS) ? (
        <Flex>
          <Button type="link" style={{ paddingInline: 0 }} onClick={() => onChange(NO_GRID_FILTERS)}>
            {t('organization.clearFilters')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

function GridListView({ filters }: { filters: GridFilters }) {
  const t = useT();
  const pages = useCursorPages(keys.grids.list(filters), (cursor) => fetchGridPage(filters, cursor, PAGE_SIZE));
  return (
    <>
      <ErrorAlert error={pages.error} />
      {pages.total !== null ? (
        <Typography.Paragraph type="secondary">{t('grid.count', { count: pages.total })}</Typography.Paragraph>
      ) : null}
      <GridTable grids={pages.items} loading={pages.isFetching} />
      <CursorPager pages={pages} />
    </>
  );
}

function GridMapView({ filters }: { filters: GridFilters }) {
  const t = useT();
  const navigate = useNavigate();
  const grids = useQuery(allGridsQuery(filters));
  const coverage = useQuery(coverageQuery(filters.within));
  const incomplete = incompleteGridIds(coverage.data);
  const statusOf = (grid: Grid) => gridStatus(grid, incomplete);
  const items = grids.data?.items ?? [];
  const withoutBoundary = items.filter((grid) => grid.boundary === null).length;
  return (
    <Flex vertical gap={16}>
      <ErrorAlert error={grids.error ?? coverage.error} />
      {grids.data?.truncated ? <Alert type="warning" showIcon title={t('grid.mapTruncated', { limit: MAP_GRID_LIMIT })} /> : null}
      {grids.isLoading ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : (
        <GridMap
          grids={items}
          statusOf={statusOf}
          onOpen={(id) => void navigate(`/grids/${id}`)}
          ariaLabel={t('grid.mapLabel', { count: items.length - withoutBoundary })}
        />
      )}
      {withoutBoundary > 0 ? (
        <Typography.Text type="secondary">{t('grid.withoutBoundaryCount', { count: withoutBoundary })}</Typography.Text>
      ) : null}
      <GridTable grids={items} statusOf={statusOf} loading={grids.isFetching} pageSize={PAGE_SIZE} caption={t('grid.mapTable')} />
    </Flex>
  );
}

/** The grids of a subtree as a keyset-paged list, or drawn on a map with the same rows beside it. */
export function GridsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = gridFiltersFromParams(params);
  const view = gridViewFromParams(params);
  const change = (next: GridFilters, nextView: GridView = view) => setParams(paramsFromGridFilters(next, nextView));
  return (
    <>
      <PageHeader
        title={t('nav.grids')}
        extra={
          <>
            <Segmented<GridView>
              aria-label={t('grid.view')}
              value={view}
              options={[
                { value: 'list', label: t('grid.viewList') },
                { value: 'map', label: t('grid.viewMap') },
              ]}
              onChange={(next) => change(filters, next)}
            />
            {canWriteGrids(me) ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate(filters.within ? `/grids/new?organization=${filters.within}` : '/grids/new')}
              >
                {t('grid.create')}
              </Button>
            ) : null}
            {canWriteGrids(me) ? <GridImportMenu kinds={['grids', 'grid-teams', 'grid-boundaries']} /> : null}
          </>
        }
      />
      <GridFilterBar filters={filters} onChange={(next) => change(next)} />
      <Card size="small">{view === 'map' ? <GridMapView filters={filters} /> : <GridListView filters={filters} />}</Card>
    </>
  );
}
