// What happened to one resource, oldest first, from the audit log.
import { Table } from "@mantine/core";
import { api, must } from "../api/client";
import { useActorName } from "../lib/actor";
import { formatTime } from "../lib/format";
import { useCursorPages } from "../lib/paging";
import { PagedList } from "../layout/PagedList";
import { DataTable } from "../layout/DataTable";
import { keys } from "../api/keys";

export function AuditHistory({ type, id }: { type: string; id: string }) {
  const actorName = useActorName();
  const pages = useCursorPages(keys.eventsOf(type, id), (cursor) =>
    must(
      api.GET("/v1/events", {
        params: { query: { resource_type: type, resource_id: id, cursor, limit: 20 } },
      }),
    ),
  );
  return (
    <PagedList pages={pages} empty="Nothing recorded yet.">
      <DataTable label="History" minWidth={560} columns={["When", "What", "Who"]}>
        {pages.items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{formatTime(e.at)}</Table.Td>
            <Table.Td>{e.action}</Table.Td>
            <Table.Td title={e.actor}>{actorName(e.actor, e.actor_name)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </PagedList>
  );
}
