// A list read a page at a time: while loading, on failure and when empty it says so; otherwise
// it shows the list, with "Previous" and "Next" under it.
import type { ReactNode } from "react";
import type { CursorPages } from "../lib/paging";
import { Pager } from "./Pager";
import { Empty, Failure, Loading } from "./states";

export function PagedList<T>({
  pages,
  empty,
  children,
}: {
  pages: CursorPages<T>;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { query, items } = pages;
  return (
    <>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Failure error={query.error} />
      ) : items.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        children
      )}
      <Pager {...pages} />
    </>
  );
}
