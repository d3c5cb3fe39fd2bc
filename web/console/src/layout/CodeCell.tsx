// A number or code in a table (a card's, a device's, a card type's): monospace and never broken
// at its hyphen, so each reads as one word (the table scrolls sideways instead).
import type { ReactNode } from "react";
import { Table } from "@mantine/core";

export function CodeCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: "nowrap" }}>
      {children}
    </Table.Td>
  );
}
