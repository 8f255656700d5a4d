import { Grid } from 'antd';
import { Card, type CardProps } from './Card.tsx';
import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading.tsx';

/**
 * A page's frame: its title as the page heading (its one h1) and the page's actions on the right; on a phone
 * the actions sit at the top of the page instead, so they never push the title out of sight.
 */
export function PageCard({ title, extra, children, ...rest }: Omit<CardProps, 'title'> & { title: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  return (
    <Card
      title={<PageHeading>{title}</PageHeading>}
      styles={{ title: { whiteSpace: 'normal' } }}
      extra={phone ? undefined : extra}
      {...rest}
    >
      {phone && extra && <div style={{ marginBottom: 16 }}>{extra}</div>}
      {children}
    </Card>
  );
}
