// A form's list of like rows (the certificates of a package, the modules of a license): each
// in its own fieldset named by its number, removable while more than one is left, and a button
// under them that adds one.
import type { ReactNode } from "react";
import { ActionIcon, Button, Fieldset, Group, Stack } from "@mantine/core";

export function RowList<T extends { key: number }>({
  rows,
  noun,
  onRowsChange,
  newRow,
  children,
}: {
  rows: T[];
  noun: string; // "Certificate": legends "Certificate 1", buttons "Add a certificate"
  onRowsChange: (rows: T[]) => void;
  newRow: () => T;
  children: (row: T, index: number) => ReactNode;
}) {
  return (
    <Stack>
      {rows.map((row, i) => (
        <Fieldset key={row.key} legend={`${noun} ${i + 1}`} p="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <div style={{ flex: 1 }}>{children(row, i)}</div>
            {rows.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
                onClick={() => onRowsChange(rows.filter((r) => r.key !== row.key))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => onRowsChange([...rows, newRow()])}>
          Add a {noun.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}
