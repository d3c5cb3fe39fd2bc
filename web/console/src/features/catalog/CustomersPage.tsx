// Customers, shown as their hierarchy (a reseller and its sub-customers).
import { useState } from "react";
import { Link } from "react-router-dom";
import { Anchor, Box, Button, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { useCustomers, type Customer } from "../../lib/catalog";
import { PageHeader } from "../../layout/PageHeader";
import { Empty, Failure, Loading } from "../../layout/states";
import { buildTree, type TreeNode } from "../../lib/customerTree";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { keys } from "../../api/keys";

function NewCustomer({ customers, onDone }: { customers: Customer[]; onDone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [parent, setParent] = useState<string | null>(null);
  const { errors, busy, submit } = useApiForm(["name", "email", "parent_id"], async () => {
    await must(
      api.POST("/v1/customers", {
        body: { name, ...(email ? { email } : {}), ...(parent ? { parent_id: parent } : {}) },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.customers });
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
        <TextInput
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        <Select
          label="Parent customer"
          description="Empty: a customer of the vendor's own"
          clearable
          searchable
          data={customers.map((c) => ({ value: c.id, label: c.name }))}
          value={parent}
          onChange={setParent}
          error={errors.parent_id}
        />
        <FormFooter error={errors.form} busy={busy} label="Create customer" />
      </Stack>
    </form>
  );
}

function Branch({ nodes }: { nodes: TreeNode<Customer>[] }) {
  return (
    <Box component="ul" role="group" pl="md" my={4} style={{ listStyle: "none" }}>
      {nodes.map((n) => (
        <li key={n.customer.id} role="treeitem" aria-expanded={n.children.length > 0 || undefined}>
          <Text size="sm" py={2}>
            <Anchor component={Link} to={`/catalog/customers/${n.customer.id}`} fw={700}>
              {n.customer.name}
            </Anchor>{" "}
            <Text span c="dimmed" size="xs">
              {n.customer.email}
            </Text>
          </Text>
          {n.children.length > 0 && <Branch nodes={n.children} />}
        </li>
      ))}
    </Box>
  );
}

export function CustomersPage() {
  const { can } = useSession();
  const customers = useCustomers();
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Customers"
        actions={can("manage_licensing") && <Button onClick={dialog.open}>New customer</Button>}
      />
      {customers.isPending ? (
        <Loading />
      ) : customers.isError ? (
        <Failure error={customers.error} />
      ) : customers.data.length === 0 ? (
        <Empty>No customers yet.</Empty>
      ) : (
        <Box role="tree" aria-label="Customers" ml={-16}>
          <Branch nodes={buildTree(customers.data)} />
        </Box>
      )}
      <Modal opened={opened} onClose={dialog.close} title="New customer" centered>
        <NewCustomer customers={customers.data ?? []} onDone={dialog.close} />
      </Modal>
    </>
  );
}
