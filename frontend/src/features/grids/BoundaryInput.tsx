import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, List, Typography, Upload } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../lib/i18n';
import type { BoundaryProblem } from './boundaryErrors';
import { readBoundary } from './geo';
import { GridMap } from './GridMap';

/** A boundary file is bounded before it is read: 5,000 positions fit well within this. */
const MAX_FILE_BYTES = 1_000_000;

interface BoundaryInputProps {
  id?: string;
  value?: string;
  onChange?: (text: string) => void;
  /** The server's refusals of the last boundary sent, placed on its rings. */
  problems: BoundaryProblem[];
}

/**
 * GeoJSON pasted or read from a .geojson file, previewed on a map; the server's errors are
 * listed by polygon, ring and position and marked on the preview.
 */
export function BoundaryInput({ id, value = '', onChange, problems }: BoundaryInputProps) {
  const t = useT();
  const read = useMemo(() => (value.trim() ? readBoundary(value) : null), [value]);
  const preview = useMemo(
    () => (read && 'boundary' in read ? [{ id: 'preview', code: '', name: '', boundary: read.boundary, bbox: null }] : []),
    [read],
  );
  const markers = problems.flatMap((problem) => (problem.point ? [problem.point] : []));
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        id={id}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        autoSize={{ minRows: 4, maxRows: 12 }}
        placeholder={t('grid.boundaryPlaceholder')}
        style={{ fontFamily: 'monospace', fontSize: '0.8125rem' }}
        spellCheck={false}
      />
      <Flex gap={8} wrap>
        <Upload
          accept=".geojson,.json,application/geo+json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > MAX_FILE_BYTES) {
              onChange?.('');
              return Upload.LIST_IGNORE;
            }
            void file.text().then((text) => onChange?.(text));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('grid.boundaryUpload')}</Button>
        </Upload>
        {value ? <Button onClick={() => onChange?.('')}>{t('grid.boundaryClear')}</Button> : null}
      </Flex>
      {read && 'error' in read ? <Alert type="warning" showIcon title={t(`grid.boundaryRead.${read.error}`)} /> : null}
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('grid.boundaryRefused')}
          description={
            <List
              size="small"
              dataSource={problems}
              renderItem={(problem) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Typography.Text strong>{problem.where}</Typography.Text>
                  {'：'}
                  {problem.message}
                </List.Item>
              )}
            />
          }
        />
      ) : null}
      {preview.length ? (
        <GridMap grids={preview} statusOf={() => 'covered'} colour="#5b8ff9" markers={markers} ariaLabel={t('grid.boundaryPreview')} legend={false} />
      ) : null}
    </Flex>
  );
}
