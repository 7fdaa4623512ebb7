import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationTree } from '../../components/organizations/OrganizationTree';
import { useOrganizationRoots } from '../../components/organizations/queries';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { canWriteOrganizations, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchOrganizationPage } from './api';
import { filtersFromParams, hasFilters, paramsFromFilters, type OrganizationFilters } from './filters';
import { OrganizationFilterBar } from './OrganizationFilterBar';
import { OrganizationTable } from './OrganizationTable';

function SearchResults({ filters }: { filters: OrganizationFilters }) {
  const pages = useCursorPages(keys.organizations.list(filters), (cursor) =>
    fetchOrganizationPage(filters, cursor, PAGE_SIZE),
  );
  return <OrganizationTable pages={pages} showParent />;
}

function TreeBrowser() {
  const t = useT();
  const navigate = useNavigate();
  const roots = useOrganizationRoots();
  if (roots.isLoading) return <Loading />;
  if (roots.error) return <ErrorAlert error={roots.error} />;
  if (!roots.data?.length) return <Empty description={t('organization.emptyTree')} />;
  return <OrganizationTree roots={roots.data} onSelect={(organization) => void navigate(`/organizations/${organization.id}`)} />;
}

/** The organization tree, or, once the user searches or filters, the matching list. */
export function OrganizationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  return (
    <>
      <PageHeader
        title={t('nav.organizations')}
        extra={
          canWriteOrganizations(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/organizations/new')}>
              {t('organization.create')}
            </Button>
          ) : undefined
        }
      />
      <OrganizationFilterBar filters={filters} onChange={(next) => setParams(paramsFromFilters(next))} />
      <Card size="small" title={hasFilters(filters) ? t('organization.results') : t('organization.tree')}>
        {hasFilters(filters) ? <SearchResults filters={filters} /> : <TreeBrowser />}
      </Card>
    </>
  );
}
