// A history read page by page: the first page of `path` (null: nothing to load yet), then each `next` link appended.
import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError } from '../app/api/client';
import type { TimelinePage } from '../../../forms/types/api';

export function useHistoryPages(path: string | null) {
  const [page, setPage] = useState<TimelinePage | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setPage(null);
    setError(null);
    if (!path) return;
    let live = true;
    api<TimelinePage>(path).then(
      (p) => live && setPage(p),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [path]);
  const more = useCallback(() => {
    if (!page?.next) return;
    setLoadingMore(true);
    api<TimelinePage>(page.next).then(
      (p) => {
        setPage({ ...p, items: [...page.items, ...p.items], agencies: page.agencies });
        setLoadingMore(false);
      },
      (e: Error) => {
        setError(e);
        setLoadingMore(false);
      },
    );
  }, [page]);
  return { page, error, more, loadingMore };
}
