import { UploadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n';

/** "Import" on the grid pages: grids, their teams, their boundaries, or units, each its own wizard. */
export function GridImportMenu({ kinds = ['grids', 'grid-teams', 'grid-boundaries', 'units'] }: { kinds?: readonly ('grids' | 'grid-teams' | 'grid-boundaries' | 'units')[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const labels = {
    grids: t('import.grids'),
    'grid-teams': t('import.gridTeams'),
    'grid-boundaries': t('import.gridBoundaries'),
    units: t('import.units'),
  } as const;
  if (kinds.length === 1) {
    const only = kinds[0] ?? 'units';
    return (
      <Button icon={<UploadOutlined />} onClick={() => void navigate(`/imports/${only}`)}>
        {labels[only]}
      </Button>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items: kinds.map((kind) => ({ key: kind, label: labels[kind] })), onClick: ({ key }) => void navigate(`/imports/${key}`) }}
    >
      <Button icon={<UploadOutlined />}>{t('grid.import')}</Button>
    </Dropdown>
  );
}
