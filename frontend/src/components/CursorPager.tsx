import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useT } from '../lib/i18n';

interface Pages {
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  isFetching: boolean;
  total: number | null;
  next: () => void;
  previous: () => void;
}

/** Previous / next buttons over a keyset-paged list (the API has cursors, not page numbers). */
export function CursorPager({ pages }: { pages: Pages }) {
  const t = useT();
  if (!pages.hasNext && !pages.hasPrevious) return null;
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 16 }} wrap>
      <Typography.Text type="secondary">
        {pages.total !== null
          ? t('pager.pageOfTotal', { page: pages.pageNumber, total: pages.total })
          : t('pager.page', { page: pages.pageNumber })}
      </Typography.Text>
      <Button icon={<LeftOutlined />} disabled={!pages.hasPrevious || pages.isFetching} onClick={pages.previous}>
        {t('pager.previous')}
      </Button>
      <Button disabled={!pages.hasNext || pages.isFetching} onClick={pages.next}>
        {t('pager.next')}
        <RightOutlined />
      </Button>
    </Flex>
  );
}
