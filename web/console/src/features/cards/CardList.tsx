// The cards of the customer in view, filtered by what the address says, with what may be done
// to each; unused cards can be ticked to sell them together.
import { useSearchParams } from "react-router-dom";
import { Button, Checkbox, Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { api, must, type Schemas } from "../../api/client";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { useCardTypes } from "../../lib/fleet";
import { DataTable } from "../../layout/DataTable";
import { DayFilter } from "../../layout/DayFilter";
import { PagedList } from "../../layout/PagedList";
import { CardActions } from "./CardActions";
import { cardStatuses } from "../../components/cards/CardTypeTable";
import { CodeCell } from "../../layout/CodeCell";
import { keys } from "../../api/keys";
import { StatusBadge } from "../../components/StatusBadge";

type Card = Schemas["Card"];
// The card list's filters, as the address and the API both name them.
const filterNames = [
  "number",
  "type_code",
  "status",
  "locked",
  "min_days",
  "max_days",
  "device_number",
  "activated_from",
  "activated_to",
] as const;

// A card can be sold when unused and unlocked.
const sellable = (c: Card) => c.status === "UNUSED" && !c.locked;

// `selected`, when given, is the set of ticked card numbers, to sell together.
export function CardList({
  customerId,
  access,
  returnFrom,
  selected,
  onSelect,
}: {
  customerId: string | undefined;
  access: { allowed: boolean; reason?: string };
  returnFrom: { from?: string } | null;
  selected?: Set<string>;
  onSelect?: (numbers: Set<string>) => void;
}) {
  const [search, setSearch] = useSearchParams();
  const types = useCardTypes();
  const filters = Object.fromEntries(
    filterNames.map((name) => [name, search.get(name) ?? undefined]),
  ) as Record<(typeof filterNames)[number], string | undefined>;
  const pages = useCursorPages(keys.cardList(customerId, filters), (cursor) =>
    must(
      api.GET("/v1/cards", {
        params: {
          query: {
            cursor,
            limit: 50,
            customer_id: customerId,
            number: filters.number,
            type_code: filters.type_code,
            status: filters.status,
            device_number: filters.device_number,
            activated_from: filters.activated_from,
            activated_to: filters.activated_to,
            locked: filters.locked === undefined ? undefined : filters.locked === "true",
            min_days: filters.min_days === undefined ? undefined : Number(filters.min_days),
            max_days: filters.max_days === undefined ? undefined : Number(filters.max_days),
          },
        },
      }),
    ),
  );
  const set = (name: (typeof filterNames)[number], value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  return (
    <Stack>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Card number"
          w={180}
          value={filters.number ?? ""}
          onChange={(e) => set("number", e.currentTarget.value.trim())}
        />
        <Select
          label="License type"
          w={170}
          clearable
          data={(types.data ?? []).map((t) => ({ value: t.code, label: t.code }))}
          value={filters.type_code ?? null}
          onChange={(v) => set("type_code", v)}
        />
        <Select
          label="Status"
          w={160}
          clearable
          data={cardStatuses}
          value={filters.status ?? null}
          onChange={(v) => set("status", v)}
        />
        <Select
          label="Lock status"
          w={150}
          clearable
          data={[
            { value: "true", label: "Locked" },
            { value: "false", label: "Not locked" },
          ]}
          value={filters.locked ?? null}
          onChange={(v) => set("locked", v)}
        />
        <TextInput
          label="Days left, at most"
          w={150}
          inputMode="numeric"
          value={filters.max_days ?? ""}
          onChange={(e) => set("max_days", e.currentTarget.value.replace(/\D/g, ""))}
        />
        <DayFilter
          label="Activated from"
          value={filters.activated_from}
          end={false}
          onChange={(v) => set("activated_from", v)}
        />
        <DayFilter
          label="Activated to"
          value={filters.activated_to}
          end
          onChange={(v) => set("activated_to", v)}
        />
        <TextInput
          label="Bound device"
          w={160}
          value={filters.device_number ?? ""}
          onChange={(e) => set("device_number", e.currentTarget.value.trim())}
        />
        {filterNames.some((name) => search.has(name)) && (
          <Button
            variant="subtle"
            onClick={() => {
              // The customer in view stays; only the filters go.
              const next = new URLSearchParams(search);
              filterNames.forEach((name) => next.delete(name));
              setSearch(next, { replace: true });
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <PagedList pages={pages} empty="No card matches.">
        <DataTable
          label="Cards"
          minWidth={860}
          columns={[
            ...(selected ? [{ hidden: "Selected" }] : []),
            "Card number",
            "Type",
            "Status",
            "Lock",
            "Total days",
            "Available days",
            "Activated",
            "Bound device",
            { hidden: "Actions" },
          ]}
        >
          {pages.items.map((c) => (
            <Table.Tr key={c.id}>
              {selected && onSelect && (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${c.number}`}
                    disabled={!sellable(c) || !access.allowed}
                    checked={selected.has(c.number)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(c.number);
                      else next.delete(c.number);
                      onSelect(next);
                    }}
                  />
                </Table.Td>
              )}
              <CodeCell>{c.number}</CodeCell>
              <CodeCell>{c.type_code}</CodeCell>
              <Table.Td>
                <StatusBadge of="card" status={c.status} />
              </Table.Td>
              <Table.Td>{c.locked ? "Locked" : "—"}</Table.Td>
              <Table.Td>{c.total_days}</Table.Td>
              <Table.Td>{c.available_days}</Table.Td>
              <Table.Td>{formatTime(c.activated_at)}</Table.Td>
              <CodeCell>{c.device_number ?? "—"}</CodeCell>
              <Table.Td>
                <CardActions card={c} disabled={!access.allowed} returnFrom={returnFrom} />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
    </Stack>
  );
}
