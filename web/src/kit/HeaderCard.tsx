import { Grid } from 'antd';
import { Card } from './Card.tsx';
import type { ReactNode } from 'react';

/**
 * A record's card (an order, a customer, a statement): its title and status in the header, its
 * actions beside them on a wide screen. On a phone the actions move to the top of the body, so
 * they never push the title out of sight, and a long title wraps instead of being cut.
 */
export function HeaderCard({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  return (
    <Card title={title} extra={phone ? undefined : actions} styles={{ title: { whiteSpace: 'normal' } }}>
      {phone && actions && <div style={{ marginBottom: 16 }}>{actions}</div>}
      {children}
    </Card>
  );
}
