import { useEffect, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { List } from '../kit/List.tsx';
import { Card } from '../kit/Card.tsx';
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api.ts';
import { useAuth } from '../auth.tsx';

interface Step {
  key: string;
  done: boolean | undefined;
  to: string;
  alternative?: string;
  operationId: string;
}

/**
 * A new company's first steps, each checked off when it has happened (products, stock, customers,
 * an order, a colleague), with the Excel import offered beside the ones people usually bring from a
 * spreadsheet. Shown until every step is done (then never asked again in this browser) or it is dismissed.
 */
/** Whether the company has at least `atLeast` of something (one page read), for a checklist step. */
function useHasAny(key: string, enabled: boolean, read: () => Promise<{ items: unknown[] }>, atLeast = 1) {
  return useQuery({
    queryKey: ['getting-started', key],
    queryFn: async () => (await read()).items.length >= atLeast,
    enabled,
    staleTime: 0,
  });
}

export function GettingStarted() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const dismissKey = `dingo.gettingStarted.dismissed.${me?.tenant.id ?? ''}`;
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissKey) === '1');
  const products = useHasAny('products', can('listProducts') && !dismissed, () =>
    call('listProducts', { query: { limit: 1 } }),
  );
  const stock = useHasAny('stock', can('listLevels') && !dismissed, () => call('listLevels', { query: { limit: 1 } }));
  const customers = useHasAny('customers', can('listCustomers') && !dismissed, () =>
    call('listCustomers', { query: { limit: 1 } }),
  );
  const orders = useHasAny('orders', can('listOrders') && !dismissed, () =>
    call('listOrders', { query: { limit: 1 } }),
  );
  const team = useHasAny('team', can('listUsers') && !dismissed, () => call('listUsers', { query: { limit: 2 } }), 2);
  const steps: Step[] = [
    { key: 'products', done: products.data, to: '/products', alternative: '/imports', operationId: 'createProduct' },
    { key: 'stock', done: stock.data, to: '/inventory', operationId: 'recordMovement' },
    {
      key: 'customers',
      done: customers.data,
      to: '/customers/new',
      alternative: '/imports',
      operationId: 'createCustomer',
    },
    { key: 'order', done: orders.data, to: '/orders/new', operationId: 'createOrder' },
    { key: 'team', done: team.data, to: '/users', operationId: 'inviteUser' },
  ].filter((s) => can(s.operationId));
  const allDone = steps.length > 0 && steps.every((s) => s.done);
  // Once every step has happened the checklist is over: remember it, so later visits ask nothing.
  useEffect(() => {
    if (allDone) localStorage.setItem(dismissKey, '1');
  }, [allDone, dismissKey]);
  if (dismissed || !steps.length || steps.some((s) => s.done === undefined) || allDone) return null;
  return (
    <Card
      size="small"
      title={t('gettingStarted.title')}
      data-testid="getting-started"
      extra={
        <Button
          type="link"
          size="small"
          onClick={() => {
            localStorage.setItem(dismissKey, '1');
            setDismissed(true);
          }}
        >
          {t('gettingStarted.dismiss')}
        </Button>
      }
    >
      <List
        size="small"
        dataSource={steps}
        renderItem={(s) => (
          <List.Item
            data-testid={`getting-started-${s.key}`}
            data-done={s.done ? 'yes' : 'no'}
            actions={
              s.done
                ? []
                : [
                    ...(s.alternative
                      ? [
                          <Link key="alt" to={s.alternative}>
                            {t('gettingStarted.fromExcel')}
                          </Link>,
                        ]
                      : []),
                    <Link key="go" to={s.to}>
                      {t('gettingStarted.go')} <RightOutlined />
                    </Link>,
                  ]
            }
          >
            <Space>
              {s.done ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} />
              ) : (
                <span
                  style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 7, border: '1px solid #bbb' }}
                />
              )}
              <Typography.Text delete={s.done} type={s.done ? 'secondary' : undefined}>
                {t(`gettingStarted.steps.${s.key}`)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
