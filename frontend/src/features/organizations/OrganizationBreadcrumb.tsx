import { useQuery } from '@tanstack/react-query';
import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import type { Organization } from '../../api/types';
import { ancestorsQuery } from '../../components/organizations/queries';
import { useT } from '../../lib/i18n';

/** The way down from the root to this organization, each step a link. */
export function OrganizationBreadcrumb({ organization }: { organization: Organization }) {
  const t = useT();
  const { data: ancestors = [] } = useQuery(ancestorsQuery(organization.id));
  return (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[
        { key: 'all', title: <Link to="/organizations">{t('nav.organizations')}</Link> },
        ...ancestors.map((ancestor) => ({
          key: ancestor.id,
          title: <Link to={`/organizations/${ancestor.id}`}>{ancestor.short_name ?? ancestor.name}</Link>,
        })),
        { key: organization.id, title: organization.short_name ?? organization.name },
      ]}
    />
  );
}
