// Deduction records (seed 002): each day a card paid for a device, with the days left after
// it; for one card, one device, or every card of the customer in view.
import { Table } from "@mantine/core";
import { api, must } from "../../api/client";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { CodeCell } from "../../layout/CodeCell";
import { keys } from "../../api/keys";

export function DeductionList({
  filter,
}: {
  filter: { card_number?: string; device_number?: string; customer_id?: string };
}) {
  const pages = useCursorPages(keys.deductions(filter), (cursor) =>
    must(api.GET("/v1/deductions", { params: { query: { cursor, limit: 50, ...filter } } })),
  );
  return (
    <PagedList pages={pages} empty="No day has been deducted yet.">
      <DataTable
        label="Deductions"
        minWidth={640}
        columns={["Deducted", "Card number", "Device", "Usage paid from", "Days", "Days left"]}
      >
        {pages.items.map((d) => (
          <Table.Tr key={`${d.device_number}-${d.period_start}`}>
            <Table.Td>{formatTime(d.at)}</Table.Td>
            <CodeCell>{d.card_number}</CodeCell>
            <CodeCell>{d.device_number}</CodeCell>
            <Table.Td>{formatTime(d.period_start)}</Table.Td>
            <Table.Td>{d.days}</Table.Td>
            <Table.Td>{d.balance_after}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </PagedList>
  );
}
