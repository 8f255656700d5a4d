import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** Previous/next over cursor pages: `cursors` is the stack of cursors that led to this page. */
export function Pager({
  cursors,
  setCursors,
  nextCursor,
  empty,
}: {
  cursors: string[];
  setCursors: (c: string[]) => void;
  nextCursor?: string | null;
  empty: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ marginTop: 16 }}>
      <Button disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>
        {t('common.previous')}
      </Button>
      <Button disabled={!nextCursor || empty} onClick={() => setCursors([...cursors, nextCursor!])}>
        {t('common.next')}
      </Button>
    </Space>
  );
}
