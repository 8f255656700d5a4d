import { useEffect } from 'react';

/**
 * A table wider than the screen scrolls inside its own box; keyboard users can scroll it only when
 * the box takes focus. antd does not make it focusable, so every such box is given a tab stop.
 */
export function useFocusableScroll() {
  useEffect(() => {
    const mark = () => {
      for (const box of document.querySelectorAll<HTMLElement>('.ant-table-content:not([tabindex])')) {
        box.tabIndex = 0;
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}
