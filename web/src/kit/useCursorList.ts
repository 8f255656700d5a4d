import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page that has items, unless the list is over: a page the server filtered after reading (a
 * search narrowed by status, a DynamoDB filter) can come back empty with more after it, so the
 * next ones are read until one has items. A bounded number of hops, so a sparse list still answers.
 */
async function pageWithItems<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  cursor: string | undefined,
): Promise<CursorPage<T>> {
  let page = await fetchPage(cursor);
  for (let hops = 0; !page.items.length && page.nextCursor && hops < 10; hops += 1)
    page = await fetchPage(page.nextCursor);
  return page;
}

/**
 * A list read page by page through the API's cursors, to the end: the current page's items and
 * what the `Pager` needs to go back and forth. The page restarts when the filters (the query
 * key) change. Every list of the web app uses it, so none stops at its first page.
 */
export function useCursorList<T>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: {
    enabled?: boolean;
    /** A number, or by the page shown (polling only while a record on it is still being worked on). */
    refetchInterval?: number | ((page: CursorPage<T> | undefined) => number | false);
  } = {},
) {
  // The cursors that led to this page belong to the filters they were read with: new filters, first page.
  const filters = JSON.stringify(queryKey);
  const [paging, setPaging] = useState<{ filters: string; cursors: string[] }>({ filters, cursors: [] });
  const cursors = paging.filters === filters ? paging.cursors : [];
  const setCursors = (next: string[]) => setPaging({ filters, cursors: next });
  const cursor = cursors.at(-1);
  const poll = options.refetchInterval;
  const query = useQuery({
    queryKey: [...queryKey, 'page', cursor],
    queryFn: () => pageWithItems(fetchPage, cursor),
    enabled: options.enabled,
    refetchInterval: typeof poll === 'function' ? (q) => poll(q.state.data) : poll,
  });
  return {
    ...query,
    items: query.data?.items ?? [],
    pager: { cursors, setCursors, nextCursor: query.data?.nextCursor ?? null },
  };
}

/**
 * Every item of a list, read through its cursors to the end (for what a page must see whole: the
 * open invoices an allocation may take, the payments that make a customer's credit).
 */
export async function readAll<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
