import { Flex, Spin } from 'antd';
import { useT } from '../lib/i18n';

/** A centred spinner with words, for a page or a panel that is loading. */
export function Loading() {
  const t = useT();
  return (
    <Flex justify="center" align="center" style={{ padding: 48 }} role="status">
      <Spin description={t('common.loading')} />
    </Flex>
  );
}
