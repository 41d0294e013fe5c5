/**
 * Load one GET resource: data, error and loading state, and `reload`. A newer request replaces an
 * older one, so a fast year switch never shows the answer for the year before.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from './api.ts';
import { api, asApiError } from './api.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Fetch `path` (nothing while it is null) and again whenever it changes. */
export function useApi<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const id = ++latest.current;
    setLoading(true);
    setError(undefined);
    api.get<T>(path).then(
      (result) => {
        if (id !== latest.current) return;
        setData(result);
        setLoading(false);
      },
      (err: unknown) => {
        if (id !== latest.current) return;
        setError(asApiError(err, { zh: String(err), en: String(err) }));
        setLoading(false);
      },
    );
  }, [path, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
