import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { saveBlob, type ExportFormat } from '../lib/download';
import { errorText } from '../lib/errors';
import { useT } from '../lib/i18n';

export interface ExportedFile {
  blob: Blob;
  filename: string;
}

/** "Export" with a choice of CSV or Excel; the list's current filters go with it. */
export function ExportButtons({ onExport }: { onExport: (format: ExportFormat) => Promise<ExportedFile> }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const file = await onExport(format);
      saveBlob(file.blob, file.filename);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: t('export.csv') },
          { key: 'xlsx', label: t('export.xlsx') },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy}>
        {t('export.button')}
      </Button>
    </Dropdown>
  );
}
