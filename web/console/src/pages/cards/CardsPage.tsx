// License Management for device day-cards (seed 002), for the vendor and for customers' own
// users: the statistics overview (cards running low, the distribution by type and status),
// the list of card types with their quantities by status, and the cards themselves, filtered
// by what the address says.
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { useCardCustomers } from "../../lib/catalog";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { manageAccess } from "./cardScope";
import { CardTypeTable, cardStatuses } from "./CardTypeTable";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { DataTable } from "../../layout/DataTable";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { PieChart } from "../../layout/PieChart";
import { Empty, Failure, Loading } from "../../layout/states";

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

function Statistics({ customerId }: { customerId: string | undefined }) {
  const statistics = useQuery({
    queryKey: ["card-statistics", customerId ?? "all"],
    queryFn: () =>
      must(api.GET("/v1/card-statistics", { params: { query: { customer_id: customerId } } })),
  });
  if (statistics.isPending) return <Loading />;
  if (statistics.isError) return <Failure error={statistics.error} />;
  const s = statistics.data;
  // The API names each count's list as a /v1/cards query; the console's list takes the same
  // filters, and the customer in view as `customer`.
  const listOf = (link: Schemas["CardCountLink"]) => {
    const query = new URLSearchParams(link.list.split("?")[1] ?? "");
    const customer = query.get("customer_id");
    query.delete("customer_id");
    if (customer) query.set("customer", customer);
    return `/cards?${query}`;
  };
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {(
          [
            ["Fewer than 30 days left", s.fewer_than_30_days],
            ["Fewer than 7 days left", s.fewer_than_7_days],
          ] as const
        ).map(([label, link]) => (
          <Paper key={label} withBorder p="md" radius="md">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Anchor
              component={Link}
              to={listOf(link)}
              fz={28}
              fw={700}
              aria-label={`${label}: ${link.count} cards`}
            >
              {link.count}
            </Anchor>
          </Paper>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            By license type
          </Title>
          <PieChart title="Cards by license type" counts={Object.entries(s.by_type)} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            By status
          </Title>
          <PieChart
            title="Cards by status"
            counts={cardStatuses.map((status) => [status, s.by_status[status] ?? 0])}
          />
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          License types
        </Title>
        {s.types.length === 0 ? (
          <Empty>No cards of any type yet.</Empty>
        ) : (
          <CardTypeTable label="License types" types={s.types} />
        )}
      </Paper>
    </Stack>
  );
}

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

function CardList({
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

// The customer's own administrator decides whether its superior may manage its cards.
function CustomerSettings({ customer }: { customer: Schemas["Customer"] }) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        Customer Settings
      </Title>
      <Switch
        label="Allow superior to manage licenses"
        description="Your superior may then bind, unbind, lock, sell and return your cards. It may always view them."
        checked={customer.allow_superior_manage_licenses}
        disabled={busy}
        onChange={async (e) => {
          const allow = e.currentTarget.checked;
          setBusy(true);
          setError(null);
          try {
            await must(
              api.PATCH("/v1/customers/{id}/settings", {
                params: { path: { id: customer.id } },
                body: { allow_superior_manage_licenses: allow },
              }),
            );
            await client.invalidateQueries({ queryKey: ["card-customers"] });
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      />
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
    </Paper>
  );
}

// Selling cards of the customer in view to one of its direct sub-customers: the system picks
// the quantity asked for ("batch select").
function SellForm({
  from,
  own,
  customers,
  onSold,
}: {
  from: Schemas["Customer"];
  own: string;
  customers: Schemas["Customer"][];
  onSold: () => void;
}) {
  const client = useQueryClient();
  const [to, setTo] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const { errors, busy, submit } = useApiForm(["to", "quantity"], async () => {
    await must(
      api.POST("/v1/cards/sell", {
        body: {
          to: to ?? "",
          quantity: Number(quantity),
          ...(from.id === own ? {} : { from: from.id }),
        },
      }),
    );
    await client.invalidateQueries({ queryKey: ["cards"] });
    await client.invalidateQueries({ queryKey: ["card-statistics"] });
    onSold();
  });
  const children = customers.filter((c) => c.parent_id === from.id);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <NumberInput
          label="How many cards"
          description="The system picks that many unused, unlocked cards"
          min={1}
          max={10000}
          allowDecimal={false}
          required
          value={quantity}
          onChange={setQuantity}
          error={errors.quantity}
        />
        <Select
          label="Sell to"
          placeholder={children.length ? "Choose a sub-customer" : "No sub-customer"}
          data={children.map((c) => ({ value: c.id, label: c.name }))}
          value={to}
          onChange={setTo}
          required
          error={errors.to}
        />
        <FormFooter error={errors.form} busy={busy} label="Sell" disabled={!to} />
      </Stack>
    </form>
  );
}

export function CardsPage() {
  const { can, session } = useSession();
  const [search, setSearch] = useSearchParams();
  const [selling, sell] = useDisclosure(false);
  const customers = useCardCustomers();
  const own = session?.user.customer_id ?? null;
  // The vendor's staff see every customer unless they choose one; a customer, its own.
  const customerId = search.get("customer") ?? own ?? undefined;
  const viewed = customers.data?.find((c) => c.id === customerId);
  const access = manageAccess(own, viewed, can("operate_cards"));
  const choices = customers.data ?? [];
  return (
    <>
      <PageHeader
        title="License Management"
        description="Device day-cards: their days, their statuses and the devices they pay for."
        actions={
          <>
            {choices.length > 1 && (
              <Select
                aria-label="Customer in view"
                placeholder="Every customer"
                clearable={!own}
                allowDeselect={!own}
                searchable
                w={220}
                data={choices.map((c) => ({ value: c.id, label: c.name }))}
                value={customerId ?? null}
                onChange={(v) => {
                  const next = new URLSearchParams(search);
                  if (v) next.set("customer", v);
                  else next.delete("customer");
                  setSearch(next, { replace: true });
                }}
              />
            )}
            {own && can("operate_cards") && viewed && (
              <Button onClick={sell.open} disabled={!access.allowed}>
                Sell cards
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {own && can("operate_cards") && !access.allowed && access.reason && (
          <Alert color="yellow" variant="light" role="note">
            {access.reason}
          </Alert>
        )}
        <Statistics customerId={customerId} />
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Cards
          </Title>
          <CardList
            customerId={customerId}
            access={access}
            returnFrom={viewed?.parent_id ? (viewed.id === own ? {} : { from: viewed.id }) : null}
          />
        </Paper>
        {viewed && viewed.id === own && viewed.parent_id && can("manage_users") && (
          <CustomerSettings customer={viewed} />
        )}
      </Stack>
      <Modal opened={selling} onClose={sell.close} title="Sell cards" centered>
        {viewed && own && (
          <SellForm from={viewed} own={own} customers={choices} onSold={sell.close} />
        )}
      </Modal>
    </>
  );
}
