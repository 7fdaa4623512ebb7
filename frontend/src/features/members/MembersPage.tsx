import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { keys } from '../../api/keys';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { canReadMembers, canWriteMembers, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { exportMembers, fetchMemberPage } from './api';
import { filtersFromParams, paramsFromFilters } from './filters';
import { MemberFilterBar } from './MemberFilterBar';
import { MemberTable } from './MemberTable';

/** Members in the caller's scope, filtered; phone and identity number masked. */
export function MembersPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const pages = useCursorPages(keys.members.list(filters), (cursor) => fetchMemberPage(filters, cursor, PAGE_SIZE));
  return (
    <>
      <PageHeader
        title={t('nav.members')}
        extra={
          <>
            {canReadMembers(me) ? <ExportButtons onExport={(format) => exportMembers(filters, format)} /> : null}
            {canWriteMembers(me) ? (
              <Button icon={<UploadOutlined />} onClick={() => void navigate('/imports/members')}>
                {t('import.members')}
              </Button>
            ) : null}
            {canWriteMembers(me) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/members/new')}>
                {t('member.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <MemberFilterBar filters={filters} onChange={(next) => setParams(paramsFromFilters(next))} />
      {filters.noHoursFrom && filters.noHoursTo ? (
        <Tag
          closable
          color="red"
          style={{ marginBottom: 12, whiteSpace: 'normal' }}
          onClose={() => setParams(paramsFromFilters({ ...filters, noHoursFrom: null, noHoursTo: null }))}
        >
          {t('member.noHoursBetween', { from: formatDate(filters.noHoursFrom, language), to: formatDate(filters.noHoursTo, language) })}
        </Tag>
      ) : null}
      <Card size="small">
        <MemberTable pages={pages} />
      </Card>
    </>
  );
}
