// Sales records (seed 002): cards sold down, returned up, or moved with a device to a
// sub-customer, filtered by date, card number and method, for the customer in view.
import { useState } from "react";
import { Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { api, must } from "../../api/client";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { useActorName } from "../../lib/actor";
import { DataTable } from "../../layout/DataTable";
import { DayFilter } from "../../layout/DayFilter";
import { PagedList } from "../../layout/PagedList";
import { CodeCell } from "../../layout/CodeCell";
import { keys } from "../../api/keys";

// The methods a card changes hands by, as the API's record kinds.
const methods = [
  { value: "SALE", label: "Sold" },
  { value: "RETURN", label: "Returned" },
  { value: "TRANSFER", label: "Moved with a device" },
];
const methodLabel = (kind: string) => methods.find((m) => m.value === kind)?.label ?? kind;

export function CardRecords({
  customerId,
  customerName,
}: {
  customerId: string | undefined;
  customerName: (id: string | null) => string;
}) {
  const actorName = useActorName();
  const [since, setSince] = useState<string | undefined>();
  const [until, setUntil] = useState<string | undefined>();
  const [number, setNumber] = useState("");
  const [method, setMethod] = useState<string | null>(null);
  const filter = {
    customer_id: customerId,
    card_number: number || undefined,
    kind: method ?? methods.map((m) => m.value).join(","),
    since,
    until,
  };
  const pages = useCursorPages(keys.cardRecordList(filter), (cursor) =>
    must(api.GET("/v1/card-records", { params: { query: { cursor, limit: 50, ...filter } } })),
  );
  return (
    <Stack>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <DayFilter
          label="From"
          value={since}
          end={false}
          onChange={(v) => setSince(v ?? undefined)}
        />
        <DayFilter label="To" value={until} end onChange={(v) => setUntil(v ?? undefined)} />
        <TextInput
          label="Card number"
          w={180}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value.trim())}
        />
        <Select
          label="Method"
          w={200}
          clearable
          placeholder="Every method"
          data={methods}
          value={method}
          onChange={setMethod}
        />
      </Group>
      <PagedList pages={pages} empty="No card has changed hands.">
        <DataTable
          label="Sales records"
          minWidth={820}
          columns={["When", "Card number", "Type", "Method", "From", "To", "Device", "By"]}
        >
          {pages.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatTime(r.at)}</Table.Td>
              <CodeCell>{r.card_number}</CodeCell>
              <CodeCell>{r.type_code}</CodeCell>
              <Table.Td>{methodLabel(r.kind)}</Table.Td>
              <Table.Td>{customerName(r.from_customer)}</Table.Td>
              <Table.Td>{customerName(r.to_customer)}</Table.Td>
              <CodeCell>{r.device_number ?? "—"}</CodeCell>
              <Table.Td title={r.actor}>{actorName(r.actor, r.actor_name)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
    </Stack>
  );
}
