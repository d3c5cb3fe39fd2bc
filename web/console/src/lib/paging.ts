// Paging through a list with the API's cursors: the cursors of the pages seen so far are kept,
// so that "Previous" goes back exactly.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export function useCursorPages<T>(
  key: readonly unknown[],
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: [...key, cursor ?? ""],
    queryFn: () => fetchPage(cursor),
    placeholderData: keepPreviousData,
  });
  const next = query.data?.next_cursor ?? null;
  return {
    query,
    items: query.data?.data ?? [],
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: next !== null,
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    next: () => next !== null && setCursors((c) => [...c, next]),
    reset: () => setCursors([undefined]),
  };
}

export type CursorPages<T> = ReturnType<typeof useCursorPages<T>>;
