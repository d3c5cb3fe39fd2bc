// What happened to one resource, oldest first, from the audit log.
import { Table, Text } from "@mantine/core";
import { api, must } from "../../api/client";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { Pager } from "../../layout/Pager";
import { Empty, Failure, Loading } from "../../layout/states";

export function AuditHistory({ type, id }: { type: string; id: string }) {
  const pages = useCursorPages(["events", type, id], (cursor) =>
    must(
      api.GET("/v1/events", {
        params: { query: { resource_type: type, resource_id: id, cursor, limit: 20 } },
      }),
    ),
  );
  if (pages.query.isPending) return <Loading />;
  if (pages.query.isError) return <Failure error={pages.query.error} />;
  if (pages.items.length === 0) return <Empty>Nothing recorded yet.</Empty>;
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="History">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Who</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pages.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatTime(e.at)}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {e.actor}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager {...pages} />
    </>
  );
}
