import { Flex, Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { setPageTitle, takeHeadingFocus } from '../lib/pageFocus';

/**
 * A page's title with its actions; the actions wrap under the title on a phone. The title is the
 * page's one `h1`: it names the browser tab too, and takes the focus after a navigation.
 */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    takeHeadingFocus(heading.current);
  }, []);
  // The text the heading shows, whatever nodes make it up (a name, a tag).
  const text = typeof title === 'string' ? title : null;
  useEffect(() => {
    setPageTitle(text ?? heading.current?.textContent ?? null);
  });
  useEffect(() => () => setPageTitle(null), []);
  return (
    <div style={{ marginBottom: '1rem' }}>
      {children}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="page-title" ref={heading} tabIndex={-1}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}
