// The platform's agents (seed 000): which are licensed and until when, each with its settings
// page. Agents are counted against the deployment license's max_agents; deleting one ends the
// certificate bound to it.
import { Link } from "react-router-dom";
import { Anchor, Badge, Button, Modal, Table } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { formatCoverage, usePlatform } from "../../lib/registry";
import { DeleteButton } from "../../layout/DeleteButton";
import { DataTable } from "../../layout/DataTable";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { NewNameForm } from "./NewNameForm";
import { keys } from "../../api/keys";

type Agent = Schemas["RegistryAgent"];

export function AgentLicenseBadge({ agent }: { agent: Agent }) {
  if (agent.deleted)
    return (
      <Badge color="gray" miw="max-content">
        Deleted
      </Badge>
    );
  return agent.licensed ? (
    <Badge color="teal" miw="max-content">
      Licensed
    </Badge>
  ) : (
    <Badge color="orange" miw="max-content">
      Unlicensed
    </Badge>
  );
}

// Until when an agent may run: its certificate's end, or the platform's when the platform's
// certificate covers unlimited agents.
export function licensedUntil(agent: Agent) {
  if (!agent.licensed) return "—";
  return `${formatCoverage(agent.expires_at)}${agent.unlimited ? " (the platform's certificate)" : ""}`;
}

export function AgentsPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const platform = usePlatform();
  const [adding, add] = useDisclosure(false);
  const pages = useCursorPages(keys.registryAgentsPage, (cursor) =>
    must(api.GET("/v1/registry/agents", { params: { query: { cursor, limit: 50 } } })),
  );
  const limit = platform.data?.max_agents;
  return (
    <>
      <PageHeader
        title="Agents"
        description={
          platform.data &&
          `${platform.data.agents} agents${limit === null || limit === undefined ? "" : ` of the ${limit} the deployment license allows`}.`
        }
        actions={can("manage_registry") && <Button onClick={add.open}>New agent</Button>}
      />
      <PagedList pages={pages} empty="No agents yet.">
        <DataTable
          label="Agents"
          minWidth={640}
          columns={["Name", "License", "Licensed until", "Created", { hidden: "Actions" }]}
        >
          {pages.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component={Link} to={`/platform/agents/${a.id}`}>
                  {a.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <AgentLicenseBadge agent={a} />
              </Table.Td>
              <Table.Td>{licensedUntil(a)}</Table.Td>
              <Table.Td>{formatTime(a.created_at)}</Table.Td>
              <Table.Td>
                {can("manage_registry") && !a.deleted && (
                  <DeleteButton
                    name={a.name}
                    message="The agent stops, and the certificate bound to it expires: it cannot be bound again."
                    onDelete={async () => {
                      await must(
                        api.DELETE("/v1/registry/agents/{id}", { params: { path: { id: a.id } } }),
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
      <Modal opened={adding} onClose={add.close} title="New agent" centered>
        <NewNameForm
          label="Agent name"
          placeholder="build-agent-1"
          submitLabel="Create agent"
          create={async (name) => {
            await must(api.POST("/v1/registry/agents", { body: { name } }));
            await client.invalidateQueries({ queryKey: keys.registry });
            add.close();
          }}
        />
      </Modal>
    </>
  );
}
