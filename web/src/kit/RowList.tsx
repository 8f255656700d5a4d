import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row } from 'antd';
import type { FormItemProps } from 'antd';

type Rule = NonNullable<FormItemProps['rules']>[number];
import { useTranslation } from 'react-i18next';

export interface RowField {
  name: string;
  label: string;
  /** Column widths at phone (xs) and wider (sm) sizes, of 24. */
  xs: number;
  sm: number;
  rules?: Rule[];
  checkbox?: boolean;
  /** The input's test id is `<testId>-<row>`. */
  testId?: string;
}

/**
 * A form list of rows (a customer's contacts, addresses): one column per field, a remove icon per
 * row, an add button under them. Rows wrap on a phone by their `xs` widths.
 */
export function RowList({
  name,
  fields,
  addLabel,
  newRow,
  addTestId,
}: {
  name: string;
  fields: RowField[];
  addLabel: string;
  /** The values of an added row, knowing how many there are. */
  newRow: (count: number) => Record<string, unknown>;
  addTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Row gutter={8} key={row.key} align="middle">
              {fields.map((f) => (
                <Col key={f.name} xs={f.xs} sm={f.sm}>
                  <Form.Item
                    name={[row.name, f.name]}
                    label={f.label}
                    rules={f.rules}
                    valuePropName={f.checkbox ? 'checked' : undefined}
                  >
                    {f.checkbox ? <Checkbox /> : <Input data-testid={f.testId && `${f.testId}-${row.name}`} />}
                  </Form.Item>
                </Col>
              ))}
              <Col xs={4} sm={1}>
                <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('common.remove')} />
              </Col>
            </Row>
          ))}
          <div style={{ marginBottom: 24 }}>
            <Button
              type="dashed"
              onClick={() => add(newRow(rows.length))}
              icon={<PlusOutlined />}
              data-testid={addTestId}
            >
              {addLabel}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}
