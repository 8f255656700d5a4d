import { Card, Typography } from 'antd';
import type { CardProps } from 'antd';
import type { ReactNode } from 'react';

/** A page's frame: its title as the page heading and the page's actions on the right. */
export function PageCard({ title, children, ...rest }: Omit<CardProps, 'title'> & { title: ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      }
      {...rest}
    >
      {children}
    </Card>
  );
}
