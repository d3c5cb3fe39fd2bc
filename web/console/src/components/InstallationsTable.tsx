// Installations in a table, each linking to its page. `customerName`, when given, adds the
// customer column (the customer's own page leaves it out).
import { Link } from "react-router-dom";
import { Anchor, Table } from "@mantine/core";
import type { Schemas } from "../api/client";
import { formatTime } from "../lib/format";
import { DataTable } from "../layout/DataTable";

// `linked`: each name opens the installation's page (the vendor's); a customer's own users
// have no such page.
export function InstallationsTable({
  installations,
  customerName,
  linked = true,
}: {
  installations: Schemas["Installation"][];
  customerName?: (id: string) => string;
  linked?: boolean;
}) {
  return (
    <DataTable
      label="Installations"
      minWidth={760}
      columns={[
        "Name",
        ...(customerName ? ["Customer"] : []),
        "Tenant",
        "Environment",
        "License id",
        "Created",
      ]}
    >
      {installations.map((i) => (
        <Table.Tr key={i.id}>
          <Table.Td>
            {linked ? (
              <Anchor component={Link} to={`/installations/${i.id}`}>
                {i.name}
              </Anchor>
            ) : (
              i.name
            )}
          </Table.Td>
          {customerName && <Table.Td>{customerName(i.customer_id)}</Table.Td>}
          <Table.Td>{i.tenant_id}</Table.Td>
          <Table.Td>{i.environment}</Table.Td>
          <Table.Td ff="monospace" fz="sm">
            {i.license_id}
          </Table.Td>
          <Table.Td>{formatTime(i.created_at)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
