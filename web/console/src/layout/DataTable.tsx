// Every table of the console: named (for assistive technology and tests), striped, with its
// column titles, in a frame that scrolls sideways on a narrow screen instead of the page. The
// frame takes the focus, so the keyboard scrolls it too, and it is the containing block of the
// visually hidden titles (positioned absolutely), so they are clipped with the table. A row's
// actions (the last column, titled only for screen readers) stay in view at the frame's right
// edge while the rest scrolls beneath them.
import type { ReactNode } from "react";
import { Table } from "@mantine/core";

// A column's title; `hidden` ones (a row's action buttons) are read out but not shown.
export type Column = string | { hidden: string };

export function DataTable({
  label,
  minWidth,
  columns,
  children,
}: {
  label: string;
  minWidth: number;
  columns: Column[];
  children: ReactNode;
}) {
  const actionsLast = typeof columns[columns.length - 1] === "object";
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      type="native"
      pos="relative"
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <Table
        striped
        highlightOnHover
        aria-label={label}
        className={actionsLast ? "data-table-sticky-end" : undefined}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <Table.Th key={column}>{column}</Table.Th>
              ) : (
                <Table.Th key={column.hidden}>
                  <span className="visually-hidden">{column.hidden}</span>
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
