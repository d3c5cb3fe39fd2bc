// Policies: how the licenses issued from each behave.
import { useState } from "react";
import { Badge, Button, Modal, Table } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { nameOf, usePolicies, useProducts } from "../../lib/catalog";
import { PageHeader } from "../../layout/PageHeader";
import { Empty, Failure, Loading } from "../../layout/states";
import { PolicyForm } from "./PolicyForm";
import { DataTable } from "../../layout/DataTable";

function heartbeat(p: Schemas["Policy"]) {
  return p.heartbeat_interval_s ? `every ${p.heartbeat_interval_s} s` : "none";
}

export function PoliciesPage() {
  const { can } = useSession();
  const policies = usePolicies();
  const products = useProducts();
  const [creating, create] = useDisclosure(false);
  const [editing, setEditing] = useState<Schemas["Policy"] | null>(null);

  return (
    <>
      <PageHeader
        title="Policies"
        description="A policy says how its licenses behave: validity, machines, heartbeats, fingerprints."
        actions={can("manage_licensing") && <Button onClick={create.open}>New policy</Button>}
      />
      {policies.isPending ? (
        <Loading />
      ) : policies.isError ? (
        <Failure error={policies.error} />
      ) : policies.data.length === 0 ? (
        <Empty>No policies yet.</Empty>
      ) : (
        <DataTable
          label="Policies"
          minWidth={840}
          columns={[
            "Name",
            "Product",
            "SKU",
            "Validity",
            "Machines",
            "Mode",
            "Heartbeat",
            { hidden: "Actions" },
          ]}
        >
          {policies.data.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                {p.name}{" "}
                {p.trial && (
                  <Badge size="sm" color="grape" variant="filled">
                    Trial
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{nameOf(products.data, p.product_id)}</Table.Td>
              <Table.Td>{p.sku || "—"}</Table.Td>
              <Table.Td>{p.duration_days ? `${p.duration_days} days` : "perpetual"}</Table.Td>
              <Table.Td>{p.max_activations}</Table.Td>
              <Table.Td>{p.deployment_mode}</Table.Td>
              <Table.Td>{heartbeat(p)}</Table.Td>
              <Table.Td>
                {can("manage_licensing") && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEditing(p)}
                    aria-label={`Edit ${p.name}`}
                  >
                    Edit
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal opened={creating} onClose={create.close} title="New policy" size="xl" centered>
        <PolicyForm onDone={create.close} />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`Edit ${editing?.name ?? ""}`}
        size="xl"
        centered
      >
        {editing && <PolicyForm policy={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
