import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';

/** A value that follows another once it has stopped changing for `ms` (a search as the user types). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * A list's search box: it searches as the user types (once they pause), at once on Enter or the
 * search button, and clears with the clear icon. The list gets the trimmed text, or undefined
 * when there is none (the API's `q` is never blank).
 */
export function SearchBox({
  onSearch,
  placeholder,
  maxLength,
  testId,
  width = 260,
}: {
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  /** The API's longest `q` for this list. */
  maxLength: number;
  testId?: string;
  width?: number;
}) {
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), 300);
  // What the list was last given: Enter gives it at once, and the pause after it changes nothing.
  const sent = useRef<string | undefined>(undefined);
  const send = (q: string | undefined) => {
    if (q === sent.current) return;
    sent.current = q;
    onSearch(q);
  };
  const latest = useRef(send);
  latest.current = send;
  useEffect(() => latest.current(settled || undefined), [settled]);
  return (
    <Input.Search
      allowClear
      value={text}
      maxLength={maxLength}
      placeholder={placeholder}
      style={{ width }}
      data-testid={testId}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => send(v.trim() || undefined)}
    />
  );
}
