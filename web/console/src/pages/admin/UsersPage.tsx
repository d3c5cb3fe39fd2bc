// The console's users: admins see and manage everyone, customer admins their own customer's.
import { useState } from "react";
import { Badge, Button, Checkbox, Modal, Select, Stack, Table, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime, humanize } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { isCustomerRole, roles, type Role } from "../../lib/roles";
import { PageHeader } from "../../layout/PageHeader";
import { CustomerSelect } from "./CustomerSelect";
import { DataTable } from "../../layout/DataTable";
import { PasswordField } from "../../layout/PasswordField";
import { PagedList } from "../../layout/PagedList";

type User = Schemas["User"];

function assignableRoles(myRole: string) {
  return roles.filter((r) => myRole === "admin" || isCustomerRole(r.value));
}

function UserForm({ user, onDone }: { user?: User; onDone: () => void }) {
  const { session } = useSession();
  const client = useQueryClient();
  const me = session!.user;
  const [email, setEmail] = useState(user?.email ?? "");
  const [name, setName] = useState(user?.display_name ?? "");
  const [role, setRole] = useState<Role>(
    user?.role ?? (me.role === "admin" ? "viewer" : "customer_viewer"),
  );
  const [customer, setCustomer] = useState<string | null>(user?.customer_id ?? me.customer_id);
  const [password, setPassword] = useState("");
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const fields = ["email", "display_name", "role", "customer_id", "password", "disabled"];

  const { errors, busy, submit } = useApiForm(fields, async () => {
    const customer_id = isCustomerRole(role) ? (customer ?? undefined) : undefined;
    if (user) {
      await must(
        api.PATCH("/v1/users/{id}", {
          params: { path: { id: user.id } },
          body: {
            display_name: name,
            role,
            customer_id: customer_id ?? null,
            disabled,
            ...(password ? { password } : {}),
          },
        }),
      );
    } else {
      await must(
        api.POST("/v1/users", { body: { email, display_name: name, role, customer_id, password } }),
      );
    }
    await client.invalidateQueries({ queryKey: ["users"] });
    onDone();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {!user && (
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
        )}
        <TextInput
          label="Display name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.display_name}
        />
        <Select
          label="Role"
          required
          allowDeselect={false}
          data={assignableRoles(me.role).map((r) => ({ value: r.value, label: r.label }))}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          description={roles.find((r) => r.value === role)?.description}
          error={errors.role}
        />
        {isCustomerRole(role) && (
          <CustomerSelect value={customer} onChange={setCustomer} error={errors.customer_id} />
        )}
        <PasswordField
          label={user ? "New password (leave empty to keep it)" : "Password"}
          description="At least 12 characters"
          autoComplete="new-password"
          required={!user}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        {user && (
          <Checkbox
            label="Disabled: the user cannot sign in"
            checked={disabled}
            onChange={(e) => setDisabled(e.currentTarget.checked)}
          />
        )}
        <FormFooter error={errors.form} busy={busy} label={user ? "Save changes" : "Create user"} />
      </Stack>
    </form>
  );
}

export function UsersPage() {
  const [creating, create] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  const pages = useCursorPages(["users"], (cursor) =>
    must(api.GET("/v1/users", { params: { query: { cursor, limit: 50 } } })),
  );

  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to the console. A change of role, password or the disabled flag signs the user out."
        actions={<Button onClick={create.open}>New user</Button>}
      />
      <PagedList pages={pages} empty="No users yet.">
        <DataTable
          label="Users"
          minWidth={720}
          columns={[
            "Email",
            "Display name",
            "Role",
            "Customer",
            "Last sign-in",
            { hidden: "Actions" },
          ]}
        >
          {pages.items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                {u.email}{" "}
                {u.disabled && (
                  <Badge color="gray" size="sm">
                    Disabled
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{u.display_name}</Table.Td>
              <Table.Td>{humanize(u.role)}</Table.Td>
              <Table.Td>{u.customer_id ?? "—"}</Table.Td>
              <Table.Td>{formatTime(u.last_login_at, "never")}</Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => setEditing(u)}
                  aria-label={`Edit ${u.email}`}
                >
                  Edit
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
      <Modal opened={creating} onClose={create.close} title="New user" centered>
        <UserForm onDone={create.close} />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`Edit ${editing?.email ?? ""}`}
        centered
      >
        {editing && <UserForm user={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </>
  );
}
