// The modules a deployment license enables, each with its restrictions one per line.
import { Table } from "@mantine/core";
import type { Schemas } from "../../api/client";
import { formatRestrictions } from "../../lib/restrictions";
import { DataTable } from "../../layout/DataTable";

export function ModulesTable({
  label,
  modules,
}: {
  label: string;
  modules: Schemas["RegistryModule"][];
}) {
  return (
    <DataTable label={label} minWidth={420} columns={["Module", "Restrictions"]}>
      {modules.map((m) => (
        <Table.Tr key={m.code}>
          <Table.Td ff="monospace">{m.code}</Table.Td>
          <Table.Td style={{ whiteSpace: "pre-line" }}>
            {formatRestrictions(m.restrictions) || "none"}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
