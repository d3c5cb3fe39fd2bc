// Each card type with the days left on its cards, the device models it fits, and its cards by
// status (seed 002's license-type list), as the card statistics count them; and the forecast:
// how many devices draw from its days now, and when at that rate the days stop covering them.
import { Table, Text } from "@mantine/core";
import type { Schemas } from "../../api/client";
import { formatDay } from "../../lib/format";
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
      minWidth={960}
      columns={[
        "Type",
        "Available days",
        "Models",
        ...cardStatuses.map((s) => s.replace("_", " ")),
        "Total",
        "Days run out",
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
          <Table.Td miw={120}>
            {t.runs_out_at ? (
              <>
                {formatDay(t.runs_out_at)}
                <Text size="xs" c="dimmed">
                  {t.drawing === 1 ? "1 device drawing" : `${t.drawing} devices drawing`}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                No device draws on them
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
