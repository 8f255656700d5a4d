import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Previous/next over cursor pages: `cursors` is the stack of cursors that led to this page. Next
 * is there as long as the server gives a cursor, so a list is read to its end.
 */
export function Pager({
  cursors,
  setCursors,
  nextCursor,
}: {
  cursors: string[];
  setCursors: (c: string[]) => void;
  nextCursor?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 16 }}>
      <Button disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="pager-previous">
        {t('common.previous')}
      </Button>
      <Button disabled={!nextCursor} onClick={() => setCursors([...cursors, nextCursor!])} data-testid="pager-next">
        {t('common.next')}
      </Button>
    </Space>
  );
}
