// A license's activated machines, a page at a time, with the slot of each releasable; and the
// table of machines itself, which the customer's overview shows too.
import { useState, type ReactNode } from "react";
import { Badge, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { keys } from "../../api/keys";
import { StatusBadge } from "../StatusBadge";
import { ShortCode } from "../../layout/ShortCode";

type Activation = Schemas["Activation"];

// Machines in a table: fingerprint, whether alive or offline, hostname, platform, when
// activated and last seen; `action`, when given, adds what may be done to each. With the
// license's `version`, a machine that has not fetched it yet is marked "Pending sync".
export function MachinesTable({
  label,
  machines,
  action,
  version,
}: {
  label: string;
  machines: Activation[];
  action?: (a: Activation) => ReactNode;
  version?: number;
}) {
  return (
    <DataTable
      label={label}
      minWidth={720}
      columns={[
        "Fingerprint",
        "State",
        "Hostname",
        "Platform",
        "Activated",
        "Last seen",
        ...(action ? [{ hidden: "Actions" }] : []),
      ]}
    >
      {machines.map((a) => (
        <Table.Tr key={a.id}>
          <Table.Td>
            <ShortCode value={a.fingerprint} label="fingerprint" />
          </Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              <StatusBadge of="machine" status={a.state} />
              {a.offline && (
                <Badge color="violet" variant="filled">
                  OFFLINE
                </Badge>
              )}
              {version !== undefined && a.fetched_version < version && (
                <Badge
                  color="yellow.3"
                  c="black"
                  miw="max-content"
                  title={`Has version ${a.fetched_version} of the license; version ${version} waits for its next check-in`}
                >
                  Pending sync
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td>{a.hostname || "—"}</Table.Td>
          <Table.Td>{a.platform || "—"}</Table.Td>
          <Table.Td>{formatTime(a.activated_at)}</Table.Td>
          <Table.Td>{formatTime(a.last_seen_at)}</Table.Td>
          {action && <Table.Td>{action(a)}</Table.Td>}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

// `label` names the table, which must be unique on a page that shows several licenses.
export function ActivationsTable({
  licenseId,
  version,
  label = "Activated machines",
}: {
  licenseId: string;
  version: number;
  label?: string;
}) {
  const { can } = useSession();
  const client = useQueryClient();
  const [alive, setAlive] = useState("all");
  const pages = useCursorPages(keys.machines(licenseId, alive), (cursor) =>
    must(
      api.GET("/v1/licenses/{id}/activations", {
        params: {
          path: { id: licenseId },
          query: {
            cursor,
            limit: 50,
            ...(alive === "all" ? {} : { alive: alive === "alive" ? "true" : "false" }),
          },
        },
      }),
    ),
  );

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Activated machines</Text>
        <SegmentedControl
          size="xs"
          aria-label="Which machines"
          value={alive}
          onChange={(v) => {
            setAlive(v);
            pages.reset();
          }}
          data={[
            { value: "all", label: "All" },
            { value: "alive", label: "Alive" },
            { value: "dead", label: "Dead" },
          ]}
        />
      </Group>
      <PagedList pages={pages} empty="No machine has activated this license.">
        <MachinesTable
          label={label}
          machines={pages.items}
          version={version}
          action={(a) =>
            can("manage_licensing") && (
              <ConfirmButton
                variant="subtle"
                color="red"
                size="xs"
                aria-label={`Release ${a.fingerprint}`}
                title="Release this machine's slot?"
                message={`The machine ${a.hostname || a.fingerprint} loses its activation; the slot is free for another.`}
                confirmLabel="Release"
                onConfirm={async () => {
                  await must(
                    api.DELETE("/v1/activations/{id}", { params: { path: { id: a.id } } }),
                  );
                  await client.invalidateQueries({ queryKey: keys.license(licenseId) });
                }}
              >
                Release
              </ConfirmButton>
            )
          }
        />
      </PagedList>
    </>
  );
}
