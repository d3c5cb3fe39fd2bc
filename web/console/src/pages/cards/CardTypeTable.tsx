// Each card type with the days left on its cards, the device models it fits, and its cards by
// status (seed 002's license-type list), as the card statistics count them.
import { Table, Text } from "@mantine/core";
import type { Schemas } from "../../api/client";
import { DataTable } from "../../layout/DataTable";

export const cardStatuses: Schemas["Card"]["status"][] = [
  "UNUSED",
  "INACTIVE",
  "IN_USE",
  "DEACTIVATED",
  "EXPIRED",
];

export function CardTypeTable({
  label,
  types,
}: {
  label: string;
  types: Schemas["CardTypeStatistics"][];
}) {
  return (
    <DataTable
      label={label}
      minWidth={860}
      columns={[
        "Type",
        "Available days",
        "Models",
        ...cardStatuses.map((s) => s.replace("_", " ")),
        "Total",
      ]}
    >
      {types.map((t) => (
        <Table.Tr key={t.type_code}>
          <Table.Td>
            {t.name}{" "}
            <Text span size="xs" c="dimmed" ff="monospace">
              {t.type_code}
            </Text>
          </Table.Td>
          <Table.Td>{t.available_days}</Table.Td>
          <Table.Td>{t.models.join(", ")}</Table.Td>
          {cardStatuses.map((status) => (
            <Table.Td key={status}>{t[status]}</Table.Td>
          ))}
          <Table.Td fw={600}>{t.total}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
