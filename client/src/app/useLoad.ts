// One API resource a page shows: fetched again when its address (or `again`) changes; an answer that
// comes back after a newer request was made is dropped, so a slow old reply never overwrites a new one.
// The data of the previous address stay on screen while the next one loads.
import { useEffect, useState } from 'react';
import { api, type ApiError } from './api';
import { asApiError } from './campaigns/parts';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

export function useLoad<T>(path: string, again: unknown = 0): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>('GET', path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState((s) => ({ ...s, error: asApiError(e), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [path, again]);
  return state;
}
