// The platform's users, counted against the deployment license's max_users: past it the
// server refuses another, and the form says so.
import { Button, Modal, Table } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { usePlatform } from "../../lib/registry";
import { DeleteButton } from "../../layout/DeleteButton";
import { DataTable } from "../../layout/DataTable";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { NewNameForm } from "./NewNameForm";
import { keys } from "../../api/keys";

export function PlatformUsersPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const platform = usePlatform();
  const [adding, add] = useDisclosure(false);
  const pages = useCursorPages(keys.registryUsers, (cursor) =>
    must(api.GET("/v1/registry/users", { params: { query: { cursor, limit: 50 } } })),
  );
  const p = platform.data;
  return (
    <>
      <PageHeader
        title="Platform users"
        description={
          p &&
          (p.max_users === null
            ? `${p.users} users; no deployment license limits them yet.`
            : `${p.users} of the ${p.max_users} users the deployment license allows.`)
        }
        actions={can("manage_registry") && <Button onClick={add.open}>New user</Button>}
      />
      <PagedList pages={pages} empty="No platform users yet.">
        <DataTable
          label="Platform users"
          minWidth={480}
          columns={["Name", "Created", { hidden: "Actions" }]}
        >
          {pages.items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{formatTime(u.created_at)}</Table.Td>
              <Table.Td>
                {can("manage_registry") && (
                  <DeleteButton
                    name={u.name}
                    message="The user's place is freed for another."
                    onDelete={async () => {
                      await must(
                        api.DELETE("/v1/registry/users/{id}", { params: { path: { id: u.id } } }),
                      );
                      await client.invalidateQueries({ queryKey: keys.registry });
                    }}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
      <Modal opened={adding} onClose={add.close} title="New platform user" centered>
        <NewNameForm
          label="User name"
          placeholder="Grace Hopper"
          submitLabel="Create user"
          create={async (name) => {
            await must(api.POST("/v1/registry/users", { body: { name } }));
            await client.invalidateQueries({ queryKey: keys.registry });
            add.close();
          }}
        />
      </Modal>
    </>
  );
}
