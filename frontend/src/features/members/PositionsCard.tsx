import { Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { PositionRead } from '../../api/types';
import { useEnums } from '../../lib/enums';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** Positions held, current and ended. */
export function PositionsCard({ positions }: { positions: PositionRead[] }) {
  const { t, language } = useI18n();
  const { label } = useEnums();
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Card size="small" title={t('member.positions')} style={{ marginTop: 16 }}>
      <Table<PositionRead>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={positions}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('member.noPositions') }}
        columns={[
          {
            key: 'position',
            title: t('member.position'),
            render: (_, p) => (
              <>
                {label('member_position', p.position)}{' '}
                {p.ended_on && p.ended_on < today ? <Tag>{t('member.positionEnded')}</Tag> : <Tag color="green">{t('member.positionCurrent')}</Tag>}
              </>
            ),
          },
          { key: 'dispatched_by', title: t('field.dispatched_by'), render: (_, p) => p.dispatched_by || '—' },
          { key: 'started_on', title: t('field.started_on'), render: (_, p) => formatDate(p.started_on, language) || '—' },
          { key: 'ended_on', title: t('field.ended_on'), render: (_, p) => formatDate(p.ended_on, language) || '—' },
        ]}
      />
    </Card>
  );
}
