// Products: what the vendor sells; policies and licenses belong to one.
import { useState } from "react";
import { Button, Modal, Stack, Table, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { useSession } from "../../auth/session";
import { useProducts } from "../../lib/catalog";
import { formatTime } from "../../lib/format";
import { PageHeader } from "../../layout/PageHeader";
import { Empty, Failure, Loading } from "../../layout/states";
import { DataTable } from "../../layout/DataTable";
import { keys } from "../../api/keys";

function NewProduct({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const { errors, busy, submit } = useApiForm(["name"], async () => {
    await must(api.POST("/v1/products", { body: { name } }));
    await client.invalidateQueries({ queryKey: keys.products });
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <FormFooter error={errors.form} busy={busy} label="Create product" />
      </Stack>
    </form>
  );
}

export function ProductsPage() {
  const { can } = useSession();
  const products = useProducts();
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Products"
        actions={can("manage_licensing") && <Button onClick={dialog.open}>New product</Button>}
      />
      {products.isPending ? (
        <Loading />
      ) : products.isError ? (
        <Failure error={products.error} />
      ) : products.data.length === 0 ? (
        <Empty>No products yet.</Empty>
      ) : (
        <DataTable label="Products" minWidth={520} columns={["Name", "Id", "Created"]}>
          {products.data.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {p.id}
              </Table.Td>
              <Table.Td>{formatTime(p.created_at)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal opened={opened} onClose={dialog.close} title="New product" centered>
        <NewProduct onDone={dialog.close} />
      </Modal>
    </>
  );
}
