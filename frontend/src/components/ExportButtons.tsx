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

interface ExportButtonsProps {
  onExport: (format: ExportFormat) => Promise<ExportedFile>;
  /** The button's words ("导出" unless told). */
  label?: string;
  /** The words of the two choices ("导出 CSV 表格", "导出 Excel 表格" unless told). */
  choices?: Record<ExportFormat, string>;
}

/** "Export" with a choice of CSV or Excel; the list's current filters go with it. */
export function ExportButtons({ onExport, label, choices }: ExportButtonsProps) {
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
          { key: 'xlsx', label: choices?.xlsx ?? t('export.xlsx') },
          { key: 'csv', label: choices?.csv ?? t('export.csv') },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy}>
        {label ?? t('export.button')}
      </Button>
    </Dropdown>
  );
}
