import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { keys } from '../../api/keys';
import type { VolunteerRecord } from '../../api/types';
import { ExportButtons } from '../../components/ExportButtons';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { can, canManageVolunteering, useMe } from '../../lib/me';
import { PAGE_SIZE, useCursorPages } from '../../lib/paging';
import { exportRecords, fetchRecordPage } from './api';
import { BulkVerifyBar } from './BulkVerifyBar';
import { filtersFromParams, paramsFromFilters } from './filters';
import { RecordFilterBar } from './RecordFilterBar';
import { RecordTable } from './RecordTable';
import { RejectDialog } from './RejectDialog';
import { useRecordSelection } from './selection';

/** Volunteer records in scope; for staff, the queue of pending ones to verify or reject. */
export function RecordsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canDecide = canManageVolunteering(me);
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params, canDecide ? 'pending' : 'all');
  const pages = useCursorPages(keys.volunteerRecords.list(filters), (cursor) => fetchRecordPage(filters, cursor, PAGE_SIZE));
  const selection = useRecordSelection();
  const [rejecting, setRejecting] = useState<VolunteerRecord | null>(null);
  return (
    <>
      <PageHeader
        title={canDecide ? t('nav.records') : t('records.titleReadOnly')}
        extra={
          <>
            <ExportButtons onExport={(format) => exportRecords(filters, format)} />
            {canDecide ? (
              <Button icon={<UploadOutlined />} onClick={() => void navigate('/imports/volunteer-records')}>
                {t('import.records')}
              </Button>
            ) : null}
          </>
        }
      />
      {canDecide ? <Typography.Paragraph type="secondary">{t('records.intro')}</Typography.Paragraph> : null}
      <Card size="small">
        <RecordFilterBar
          filters={filters}
          onChange={(next) => {
            selection.clear();
            setParams(paramsFromFilters(next));
          }}
        />
        {canDecide ? <BulkVerifyBar selection={selection} /> : null}
        <RecordTable pages={pages} selection={canDecide ? selection : null} canRevert={can(me, 'volunteer:revert')} onReject={setRejecting} />
      </Card>
      <RejectDialog record={rejecting} onClose={() => setRejecting(null)} />
    </>
  );
}
