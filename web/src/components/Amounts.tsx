import { Col, Grid, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chineseCapitals } from '#shared/domain/money.ts';
import { formatMoney } from '../format.ts';

/** 含税 / 不含税: how a document's unit prices are to be read. */
export function TaxBasis({ includesTax, testId }: { includesTax: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={includesTax ? 'orange' : 'blue'} data-testid={testId}>
      {t(includesTax ? 'money.inclusive' : 'money.exclusive')}
    </Tag>
  );
}

/** The unit-price label that says how the price is read: 单价(含税) / 单价(不含税). */
export const unitPriceLabel = (t: (key: string) => string, includesTax: boolean) =>
  t(includesTax ? 'money.unitPriceInclusive' : 'money.unitPriceExclusive');

/**
 * A document's totals, named so they cannot be misread: 不含税金额 (net), 税额 (tax), 价税合计
 * (total incl. tax), and for CNY the total in Chinese capitals (大写金额). Side by side on a wide
 * screen; on a phone one per line, label left and amount right, so they never run together.
 */
export function Totals({
  subtotal,
  tax,
  total,
  currency,
  capitals = false,
  testId = 'totals',
}: {
  subtotal: number;
  tax: number;
  total: number;
  currency: string;
  /** Show 大写金额 (CNY only). */
  capitals?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.sm;
  const figures = [
    { key: 'net', label: t('money.net'), value: subtotal },
    { key: 'tax', label: t('money.tax'), value: tax },
    { key: 'total', label: t('money.total'), value: total },
  ];
  const words = capitals && currency === 'CNY' && Number.isSafeInteger(total) ? chineseCapitals(total) : null;
  return (
    <div data-testid={testId} style={{ marginTop: 12 }}>
      {phone ? (
        figures.map((f) => (
          <div
            key={f.key}
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              gap: 12,
              padding: '6px 0',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            <Typography.Text type="secondary">{f.label}</Typography.Text>
            <Typography.Text strong={f.key === 'total'} data-testid={`${testId}-${f.key}`}>
              {formatMoney(f.value, currency)}
            </Typography.Text>
          </div>
        ))
      ) : (
        <Row gutter={16}>
          {figures.map((f) => (
            <Col key={f.key} span={8}>
              <Statistic
                title={f.label}
                value={formatMoney(f.value, currency)}
                styles={f.key === 'total' ? { content: { fontWeight: 600 } } : undefined}
                data-testid={`${testId}-${f.key}`}
              />
            </Col>
          ))}
        </Row>
      )}
      {words && (
        <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }} data-testid={`${testId}-capitals`}>
          {t('money.capitals', { words })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
