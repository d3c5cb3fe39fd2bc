// A card's or device's number in a table: monospace and never broken at its hyphen, so each
// number reads as one word (the table scrolls sideways instead).
import type { ReactNode } from "react";
import { Table } from "@mantine/core";

export function NumberCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: "nowrap" }}>
      {children}
    </Table.Td>
  );
}
