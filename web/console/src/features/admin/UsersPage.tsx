// The console's users: admins see and manage everyone, customer admins their own customer's.
// People are invited by e-mail and choose their own password; an admin may also create a user
// with a password, for a licensord that sends no e-mail.
import { useState } from "react";
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
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
import { CustomerSelect } from "../../components/CustomerSelect";
import { DataTable } from "../../layout/DataTable";
import { PasswordField } from "../../layout/PasswordField";
import { PagedList } from "../../layout/PagedList";
import { keys } from "../../api/keys";
import { nameOf, useCardCustomers } from "../../lib/catalog";

type User = Schemas["User"];
type Invitation = Schemas["Invitation"];

function assignableRoles(myRole: string) {
  return roles.filter((r) => myRole === "admin" || isCustomerRole(r.value));
}

// The roles `myRole` may hand out, each described.
function RoleSelect({
  myRole,
  value,
  onChange,
  error,
}: {
  myRole: string;
  value: Role;
  onChange: (role: Role) => void;
  error?: string;
}) {
  return (
    <Select
      label="Role"
      required
      allowDeselect={false}
      data={assignableRoles(myRole).map((r) => ({ value: r.value, label: r.label }))}
      value={value}
      onChange={(v) => v && onChange(v as Role)}
      description={roles.find((r) => r.value === value)?.description}
      error={error}
    />
  );
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
    await client.invalidateQueries({ queryKey: keys.users });
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
        <RoleSelect myRole={me.role} value={role} onChange={setRole} error={errors.role} />
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

function InviteForm({ onDone }: { onDone: (email: string) => void }) {
  const { session } = useSession();
  const client = useQueryClient();
  const me = session!.user;
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(me.role === "admin" ? "viewer" : "customer_viewer");
  const [customer, setCustomer] = useState<string | null>(me.customer_id);
  const { errors, busy, submit } = useApiForm(["email", "role", "customer_id"], async () => {
    const customer_id = isCustomerRole(role) ? (customer ?? undefined) : undefined;
    await must(api.POST("/v1/invitations", { body: { email, role, customer_id } }));
    await client.invalidateQueries({ queryKey: keys.invitations });
    onDone(email);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          The person receives a link by e-mail to choose their name and password. It works once, for
          a week.
        </Text>
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        <RoleSelect myRole={me.role} value={role} onChange={setRole} error={errors.role} />
        {isCustomerRole(role) && me.role === "admin" && (
          <CustomerSelect value={customer} onChange={setCustomer} error={errors.customer_id} />
        )}
        <FormFooter error={errors.form} busy={busy} label="Send invitation" />
      </Stack>
    </form>
  );
}

function Invitations() {
  const client = useQueryClient();
  const pages = useCursorPages(keys.invitations, (cursor) =>
    must(api.GET("/v1/invitations", { params: { query: { cursor, limit: 50 } } })),
  );
  async function withdraw(invitation: Invitation) {
    await must(api.DELETE("/v1/invitations/{id}", { params: { path: { id: invitation.id } } }));
    await client.invalidateQueries({ queryKey: keys.invitations });
  }
  if (pages.items.length === 0) return null;
  return (
    <Stack mt="xl" gap="xs">
      <Title order={2} size="h4">
        Invitations not yet accepted
      </Title>
      <DataTable
        label="Invitations"
        minWidth={340}
        columns={["Email", "Role", "Link works until", { hidden: "Actions" }]}
      >
        {pages.items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{i.email}</Table.Td>
            <Table.Td>{humanize(i.role)}</Table.Td>
            <Table.Td>{formatTime(i.expires_at)}</Table.Td>
            <Table.Td>
              <Button
                variant="subtle"
                size="xs"
                color="red"
                onClick={() => void withdraw(i)}
                aria-label={`Withdraw the invitation of ${i.email}`}
              >
                Withdraw
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

export function UsersPage() {
  const { session } = useSession();
  const isAdmin = session!.user.role === "admin";
  const [inviting, invite] = useDisclosure(false);
  const [invited, setInvited] = useState<string | null>(null);
  const [creating, create] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  const customers = useCardCustomers();
  const pages = useCursorPages(keys.users, (cursor) =>
    must(api.GET("/v1/users", { params: { query: { cursor, limit: 50 } } })),
  );

  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to the console. A change of role, password or the disabled flag signs the user out."
        actions={
          <Group gap="xs">
            <Button onClick={invite.open}>Invite</Button>
            {isAdmin && (
              <Button variant="default" onClick={create.open}>
                New user with password
              </Button>
            )}
          </Group>
        }
      />
      {invited && (
        <Alert
          color="green"
          role="status"
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setInvited(null)}
        >
          An invitation is on its way to {invited}. If the address has an account already, its owner
          is told so by e-mail instead.
        </Alert>
      )}
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
              <Table.Td title={u.customer_id ?? undefined}>
                {u.customer_id ? nameOf(customers.data, u.customer_id) : "—"}
              </Table.Td>
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
      <Invitations />
      <Modal opened={inviting} onClose={invite.close} title="Invite someone" centered>
        <InviteForm
          onDone={(email) => {
            invite.close();
            setInvited(email);
          }}
        />
      </Modal>
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
