import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Image, Popconfirm, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { formatSize, useLimits } from '../../lib/limits';
import { photoBlobQuery, photoProblem, photosQuery, useAddPhoto, useRemovePhoto } from './photos';

const THUMB = 88;

/** One photo: its bytes read with the token, shown through an object URL, opened large on a tap. */
function Thumbnail({ recordId, photoId, index }: { recordId: string; photoId: string; index: number }) {
  const t = useT();
  const { data: blob, isError } = useQuery(photoBlobQuery(recordId, photoId));
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return undefined;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  if (isError) {
    return (
      <Flex align="center" justify="center" style={{ width: THUMB, height: THUMB, background: '#fafafa', border: '1px solid #f0f0f0' }}>
        <Typography.Text type="secondary">{t('photos.unavailable')}</Typography.Text>
      </Flex>
    );
  }
  if (url === null) return <Skeleton.Image active style={{ width: THUMB, height: THUMB }} />;
  return (
    <Image
      src={url}
      width={THUMB}
      height={THUMB}
      alt={t('photos.alt', { number: index + 1 })}
      style={{ objectFit: 'cover', borderRadius: 6 }}
    />
  );
}

interface RecordPhotosProps {
  recordId: string;
  /** Pending records take new photos and give them up; others only show theirs. */
  editable: boolean;
  /** The record's `photo_count`, when known: with none, the list is not asked for. */
  photoCount?: number;
}

/** The photos behind a record: thumbnails; and, while it is pending, take or upload one, or remove one. */
export function RecordPhotos({ recordId, editable, photoCount }: RecordPhotosProps) {
  const t = useT();
  const { message } = App.useApp();
  const photos = useQuery({ ...photosQuery(recordId), enabled: photoCount === undefined || photoCount > 0 });
  const limits = useLimits();
  const add = useAddPhoto(recordId);
  const remove = useRemovePhoto(recordId);
  const input = useRef<HTMLInputElement>(null);
  const items = photos.data?.items ?? [];
  const fail = (error: unknown) => void message.error(errorText(error, t));
  const upload = (files: FileList | null) => {
    const file = files?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    const problem = photoProblem(file, items.length, limits);
    if (problem) {
      void message.error(t(problem, { size: formatSize(limits.photo_max_bytes), max: limits.photos_per_record }));
      return;
    }
    add.mutate(file, { onSuccess: () => void message.success(t('photos.added')), onError: fail });
  };
  if (photos.isLoading) return <Skeleton.Image active style={{ width: THUMB, height: THUMB }} />;
  return (
    <div>
      {photos.error ? <Typography.Text type="danger">{errorText(photos.error, t)}</Typography.Text> : null}
      <Image.PreviewGroup>
        <Flex gap={8} wrap align="flex-start" aria-label={t('photos.title')} role="list">
          {items.map((photo, index) => (
            <div key={photo.id} role="listitem" style={{ position: 'relative' }}>
              <Thumbnail recordId={recordId} photoId={photo.id} index={index} />
              {editable ? (
                <Popconfirm
                  title={t('photos.removeConfirm')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove.mutateAsync(photo.id).then(
                      () => void message.success(t('photos.removed')),
                      (error: unknown) => fail(error),
                    )
                  }
                >
                  <Button
                    size="small"
                    danger
                    shape="circle"
                    icon={<DeleteOutlined />}
                    aria-label={t('photos.remove', { number: index + 1 })}
                    style={{ position: 'absolute', top: 4, right: 4 }}
                  />
                </Popconfirm>
              ) : null}
            </div>
          ))}
          {items.length === 0 && !editable ? <Typography.Text type="secondary">{t('photos.none')}</Typography.Text> : null}
        </Flex>
      </Image.PreviewGroup>
      {editable ? (
        <Flex gap={8} align="center" wrap style={{ marginTop: items.length ? 8 : 0 }}>
          <input
            ref={input}
            type="file"
            accept={[...limits.photo_types, '.heic', '.heif'].join(',')}
            aria-label={t('photos.add')}
            style={{ display: 'none' }}
            onChange={(event) => upload(event.target.files)}
          />
          <Button
            icon={<CameraOutlined />}
            loading={add.isPending}
            disabled={items.length >= limits.photos_per_record}
            onClick={() => input.current?.click()}
          >
            {t('photos.add')}
          </Button>
          <Typography.Text type="secondary">{t('photos.limits', { count: items.length, max: limits.photos_per_record, size: formatSize(limits.photo_max_bytes) })}</Typography.Text>
        </Flex>
      ) : null}
    </div>
  );
}
