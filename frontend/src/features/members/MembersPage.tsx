import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { canWriteMembers, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { fetchMemberPage } from './api';
import { filtersFromParams, paramsFromFilters } from './filters';
import { MemberFilterBar } from './MemberFilterBar';
import { MemberTable } from './MemberTable';

/** Members in the caller's scope, filtered; phone and identity number masked. */
export function MembersPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const pages = useCursorPages(['members', 'list', filters], (cursor) => fetchMemberPage(filters, cursor, PAGE_SIZE));
  return (
    <>
      <PageHeader
        title={t('nav.members')}
        extra={
          canWriteMembers(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/members/new')}>
              {t('member.create')}
            </Button>
          ) : undefined
        }
      />
      <MemberFilterBar filters={filters} onChange={(next) => setParams(paramsFromFilters(next))} />
      <Card size="small">
        <MemberTable pages={pages} />
      </Card>
    </>
  );
}
