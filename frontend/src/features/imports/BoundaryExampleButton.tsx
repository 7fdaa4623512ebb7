import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { downloadTemplate } from './template';

/** Downloads the example GeoJSON file of the boundary import (one format, so no choice). */
export function BoundaryExampleButton() {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await downloadTemplate('grid-boundaries', 'csv');
      saveBlob(file.blob, file.filename);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      {t('import.boundaryExample')}
    </Button>
  );
}
