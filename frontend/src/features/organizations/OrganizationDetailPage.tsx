import { ApartmentOutlined, BarChartOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { keys } from '../../api/keys';
import type { Organization } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useCanOn } from '../../components/organizations/permissions';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchChildrenPage, organizationQuery } from './api';
import { DeleteOrganizationButton } from './DeleteOrganizationButton';
import { MoveDialog } from './MoveDialog';
import { OrganizationBreadcrumb } from './OrganizationBreadcrumb';
import { OrganizationDetails } from './OrganizationDetails';
import { OrganizationSummary } from './OrganizationSummary';
import { OrganizationTable } from './OrganizationTable';

function ChildrenCard({ organization }: { organization: Organization }) {
  const t = useT();
  const pages = useCursorPages(keys.organizations.childrenList(organization.id), (cursor) =>
    fetchChildrenPage(organization.id, cursor, PAGE_SIZE),
  );
  return (
    <Card size="small" title={t('organization.children')} style={{ marginTop: 16 }}>
      <OrganizationTable pages={pages} empty={t('organization.noChildren')} />
    </Card>
  );
}

function Actions({ organization, onDeleteError }: { organization: Organization; onDeleteError: (error: unknown) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [moving, setMoving] = useState(false);
  const writable = useCanOn('organizations:write', organization.id);
  const dashboard = (
    <Button icon={<BarChartOutlined />} onClick={() => void navigate(`/dashboard/${organization.id}`)}>
      {t('nav.dashboard')}
    </Button>
  );
  if (!writable) return dashboard;
  return (
    <>
      <Button icon={<EditOutlined />} type="primary" onClick={() => void navigate(`/organizations/${organization.id}/edit`)}>
        {t('common.edit')}
      </Button>
      <Button icon={<PlusOutlined />} onClick={() => void navigate(`/organizations/new?parent=${organization.id}`)}>
        {t('organization.addChild')}
      </Button>
      <Button icon={<ApartmentOutlined />} onClick={() => setMoving(true)}>
        {t('organization.move')}
      </Button>
      {dashboard}
      <DeleteOrganizationButton organization={organization} onError={onDeleteError} />
      <MoveDialog organization={organization} open={moving} onClose={() => setMoving(false)} />
    </>
  );
}

function OrganizationDetail({ organizationId }: { organizationId: string }) {
  const { data: organization, error, isLoading } = useQuery(organizationQuery(organizationId));
  const [deleteError, setDeleteError] = useState<unknown>(null);
  if (isLoading) return <Loading />;
  if (organization === undefined) return <ErrorAlert error={error} />;
  return (
    <>
      <PageHeader
        title={organization.name}
        extra={<Actions organization={organization} onDeleteError={setDeleteError} />}
      >
        <OrganizationBreadcrumb organization={organization} />
      </PageHeader>
      <ErrorAlert error={deleteError} />
      <Flex vertical>
        <OrganizationSummary organization={organization} />
        <OrganizationDetails organization={organization} />
        <ChildrenCard organization={organization} />
      </Flex>
    </>
  );
}

export function OrganizationDetailPage() {
  const { organizationId = '' } = useParams();
  return <OrganizationDetail key={organizationId} organizationId={organizationId} />;
}
