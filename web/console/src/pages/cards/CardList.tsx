// The cards of the customer in view, filtered by what the address says, with what a customer's
// own users may do to each.
import { useSearchParams } from "react-router-dom";
import { Badge, Button, Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { cardStatuses } from "./CardTypeTable";

type Card = Schemas["Card"];
const statusColors: Record<Card["status"], string> = {
  UNUSED: "gray",
  INACTIVE: "yellow",
  IN_USE: "teal",
  DEACTIVATED: "orange",
  EXPIRED: "red",
};

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

type CardAction = "lock" | "unlock" | "unbind";

// What a customer's own user may do to a card from the list, each confirmed first: lock an
// unused card (it can then be neither sold nor bound), unlock it, or unbind it from its device.
const cardActions: {
  action: CardAction;
  label: string;
  when: (c: Card) => boolean;
  message: string;
}[] = [
  {
    action: "lock",
    label: "Lock",
    when: (c) => c.status === "UNUSED" && !c.locked,
    message: "A locked card can be neither sold nor bound until it is unlocked.",
  },
  {
    action: "unlock",
    label: "Unlock",
    when: (c) => c.locked,
    message: "The card can be sold and bound again.",
  },
  {
    action: "unbind",
    label: "Unbind",
    when: (c) => c.device_number !== null,
    message: "The device stops drawing days from this card.",
  },
];

// `returnFrom`: the customer whose card this is, when it has a superior to return it to (the
// caller's own customer needs no `from`).
function CardActions({
  card,
  disabled,
  returnFrom,
}: {
  card: Card;
  disabled: boolean;
  returnFrom: { from?: string } | null;
}) {
  const client = useQueryClient();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ["cards"] });
    await client.invalidateQueries({ queryKey: ["card-statistics"] });
  };
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {cardActions
        .filter((a) => a.when(card))
        .map((a) => (
          <ConfirmButton
            key={a.action}
            variant="subtle"
            size="xs"
            aria-label={`${a.label} ${card.number}`}
            disabled={disabled}
            title={`${a.label} card ${card.number}?`}
            message={a.message}
            confirmLabel={a.label}
            onConfirm={async () => {
              await must(
                api.POST(`/v1/cards/{number}/${a.action}`, {
                  params: { path: { number: card.number } },
                }),
              );
              await refresh();
            }}
          >
            {a.label}
          </ConfirmButton>
        ))}
      {returnFrom && card.status === "UNUSED" && !card.locked && (
        <ConfirmButton
          variant="subtle"
          size="xs"
          aria-label={`Return ${card.number}`}
          disabled={disabled}
          title={`Return card ${card.number}?`}
          message="The card goes back to the superior customer, with its days."
          confirmLabel="Return"
          onConfirm={async () => {
            await must(
              api.POST("/v1/cards/return", { body: { numbers: [card.number], ...returnFrom } }),
            );
            await refresh();
          }}
        >
          Return
        </ConfirmButton>
      )}
    </Group>
  );
}

export function CardList({
  customerId,
  access,
  returnFrom,
}: {
  customerId: string | undefined;
  access: { allowed: boolean; reason?: string };
  returnFrom: { from?: string } | null;
}) {
  const { can } = useSession();
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(
    filterNames.map((name) => [name, search.get(name) ?? undefined]),
  ) as Record<(typeof filterNames)[number], string | undefined>;
  const pages = useCursorPages(["cards", customerId ?? "all", filters], (cursor) =>
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
            "Card number",
            "Type",
            "Status",
            "Lock",
            "Total days",
            "Available days",
            "Activated",
            "Bound device",
            ...(can("operate_cards") ? [{ hidden: "Actions" }] : []),
          ]}
        >
          {pages.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td ff="monospace" fz="sm">
                {c.number}
              </Table.Td>
              <Table.Td>{c.type_code}</Table.Td>
              <Table.Td>
                <Badge
                  miw="max-content"
                  color={statusColors[c.status]}
                  c={c.status === "INACTIVE" ? "black" : undefined}
                >
                  {c.status.replace("_", " ")}
                </Badge>
              </Table.Td>
              <Table.Td>{c.locked ? "Locked" : "—"}</Table.Td>
              <Table.Td>{c.total_days}</Table.Td>
              <Table.Td>{c.available_days}</Table.Td>
              <Table.Td>{formatTime(c.activated_at)}</Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {c.device_number ?? "—"}
              </Table.Td>
              {can("operate_cards") && (
                <Table.Td>
                  <CardActions card={c} disabled={!access.allowed} returnFrom={returnFrom} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
    </Stack>
  );
}
