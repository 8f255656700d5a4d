import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { setPageTitle } from '../i18n.ts';

/**
 * The page's one heading (h1), sized for a console rather than a document; a text heading also
 * titles the browser tab, in the language shown.
 */
export function PageHeading({ children, testId }: { children: ReactNode; testId?: string }) {
  const text = typeof children === 'string' ? children : undefined;
  useEffect(() => {
    if (text) setPageTitle(text);
  }, [text]);
  return (
    <Typography.Title level={1} style={{ margin: 0, fontSize: 20, lineHeight: 1.4 }} data-testid={testId}>
      {children}
    </Typography.Title>
  );
}
