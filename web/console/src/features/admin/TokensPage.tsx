// API tokens: for programs (CI, the vendor's shop, the CLI). The secret is shown once, when the
// token is made.
import { useState } from "react";
import { Badge, Button, Modal, Select, Stack, Table, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { formatTime, humanize } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { isCustomerRole, roles, type Role } from "../../lib/roles";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { SecretShownOnce } from "../../layout/SecretShownOnce";
import { PageHeader } from "../../layout/PageHeader";
import { CustomerSelect } from "../../components/CustomerSelect";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { keys } from "../../api/keys";

function NewTokenForm({ onCreated }: { onCreated: (token: Schemas["NewToken"]) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const [customer, setCustomer] = useState<string | null>(null);

  const { errors, busy, submit } = useApiForm(["name", "role", "customer_id"], async () => {
    const created = await must(
      api.POST("/v1/tokens", {
        body: {
          name,
          role,
          ...(isCustomerRole(role) && customer ? { customer_id: customer } : {}),
        },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.tokens });
    onCreated(created);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Name"
          description="What the token is for, e.g. the shop's license issuer"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label="Role"
          allowDeselect={false}
          data={roles.map((r) => ({ value: r.value, label: r.label }))}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          description={roles.find((r) => r.value === role)?.description}
          error={errors.role}
        />
        {isCustomerRole(role) && (
          <CustomerSelect value={customer} onChange={setCustomer} error={errors.customer_id} />
        )}
        <FormFooter error={errors.form} busy={busy} label="Create token" />
      </Stack>
    </form>
  );
}

export function TokensPage() {
  const client = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const [created, setCreated] = useState<Schemas["NewToken"] | null>(null);
  const pages = useCursorPages(keys.tokens, (cursor) =>
    must(api.GET("/v1/tokens", { params: { query: { cursor, limit: 50 } } })),
  );

  function close() {
    dialog.close();
    setCreated(null);
  }

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Credentials for programs. A token acts with its role, as a user of that role would."
        actions={<Button onClick={dialog.open}>New token</Button>}
      />
      <PagedList pages={pages} empty="No tokens.">
        <DataTable
          label="API tokens"
          minWidth={640}
          columns={["Name", "Role", "Created", "State", { hidden: "Actions" }]}
        >
          {pages.items.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>{humanize(t.role)}</Table.Td>
              <Table.Td>{formatTime(t.created_at)}</Table.Td>
              <Table.Td>
                {t.revoked_at ? (
                  <Badge color="gray">Revoked {formatTime(t.revoked_at)}</Badge>
                ) : (
                  <Badge color="teal">Active</Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!t.revoked_at && (
                  <ConfirmButton
                    variant="subtle"
                    color="red"
                    size="xs"
                    title="Revoke this token?"
                    message={`Programs using "${t.name}" are refused from now on. This cannot be undone.`}
                    confirmLabel="Revoke"
                    aria-label={`Revoke ${t.name}`}
                    onConfirm={async () => {
                      await must(api.DELETE("/v1/tokens/{id}", { params: { path: { id: t.id } } }));
                      await client.invalidateQueries({ queryKey: keys.tokens });
                    }}
                  >
                    Revoke
                  </ConfirmButton>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
      <Modal
        opened={opened}
        onClose={close}
        title={created ? "Token created" : "New token"}
        centered
      >
        {created ? (
          <SecretShownOnce secret={created.token ?? ""} label="token" onDone={close}>
            Copy the secret now: it is shown only once, and Licensor keeps only its hash.
          </SecretShownOnce>
        ) : (
          <NewTokenForm onCreated={setCreated} />
        )}
      </Modal>
    </>
  );
}
