import { Button, Space } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button that opens the browser's file chooser and hands over the file picked (nothing is sent
 * anywhere by it), the file's name under it once chosen, with a button that takes it away. What
 * antd's Upload did for us with beforeUpload returning false, without its upload list and progress.
 */
export function FilePick({
  accept,
  disabled,
  onFile,
  chosen,
  onRemove,
  children,
}: {
  accept: string;
  disabled?: boolean;
  onFile: (file: File) => void;
  /** The name of the file chosen, shown with a button that calls onRemove. */
  chosen?: string;
  onRemove?: () => void;
  /** The button (a click on it opens the chooser). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space direction="vertical" size={4}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the button inside is what is clicked or pressed; its click reaches here */}
      <span onClick={() => !disabled && input.current?.click()}>{children}</span>
      <input
        ref={input}
        type="file"
        accept={accept}
        disabled={disabled}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Emptied, so that choosing the same file again is a change too.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      {chosen && (
        <Space size={4}>
          <PaperClipOutlined aria-hidden />
          <span>{chosen}</span>
          {onRemove && (
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={`${t('common.delete')} ${chosen}`}
              onClick={onRemove}
            />
          )}
        </Space>
      )}
    </Space>
  );
}
