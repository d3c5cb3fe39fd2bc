// The audit log: every change, who made it, from where, and what it was before and after,
// oldest first. The filters live in the address, so a filtered view can be shared; a resource or
// an actor in a row narrows the view to it.
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import {
  Anchor,
  Autocomplete,
  Button,
  Code,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { api, must, type Schemas } from "../../api/client";
import { useActorName } from "../../lib/actor";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { fromSearch, toQuery, toSearch } from "../../lib/query";
import { PageHeader } from "../../layout/PageHeader";
import { fromUtcField, toUtcField } from "../../lib/utcField";
import { DataTable } from "../../layout/DataTable";
import { PagedList } from "../../layout/PagedList";
import { keys } from "../../api/keys";
import { UtcTimeField } from "../../layout/UtcTimeField";

type Event = Schemas["Event"];
type FilterKey = (typeof auditFilterKeys)[number];

export const auditFilterKeys = [
  "resource_type",
  "resource_id",
  "action",
  "actor",
  "since",
  "until",
] as const;

// Suggestions only: the filters take any text, and the log holds whatever the server records.
const resourceTypes = [
  "activation",
  "customer",
  "installation",
  "key",
  "license",
  "policy",
  "product",
  "token",
  "user",
  "webhook",
];
const actions = [
  "license.issued",
  "license.updated",
  "license.renewed",
  "license.suspended",
  "license.reinstated",
  "license.revoked",
  "license.expired",
  "license_file.issued",
  "bundle.issued",
  "activation.created",
  "activation.released",
  "policy.created",
  "policy.updated",
  "key.created",
  "key.imported",
  "key.rotated",
  "key.retired",
  "token.created",
  "token.revoked",
  "user.created",
  "user.updated",
  "user.signed_in",
  "user.sign_in_failed",
  "user.signed_out",
  "webhook.created",
  "webhook.deleted",
];

// Where a resource has its own page in the console.
function resourceLink(e: Event): string | null {
  if (e.resource_type === "license") return `/licenses/${e.resource_id}`;
  return null;
}

function Details({ event }: { event: Event }) {
  const shown: [string, unknown][] = [
    ["Before", event.before],
    ["After", event.after],
  ];
  return (
    <Stack gap="sm">
      <Text size="sm">
        {event.action} of {event.resource_type} {event.resource_id} by {event.actor_name} (
        {event.actor}){event.address ? ` from ${event.address}` : ""}, {formatTime(event.at)}.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {shown.map(([label, value]) => (
          <div key={label}>
            <Title order={3} size="h5" mb={4}>
              {label}
            </Title>
            {value === null ? (
              <Text size="sm" c="dimmed">
                nothing
              </Text>
            ) : (
              <Code block style={{ maxHeight: "50vh", overflow: "auto" }}>
                {JSON.stringify(value, null, 2)}
              </Code>
            )}
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

// The fields' text for the address's filters: its times as a person types them.
function draftFrom(filters: Record<string, string>): Record<string, string> {
  const draft = { ...filters };
  for (const key of ["since", "until"]) {
    if (draft[key]) draft[key] = toUtcField(draft[key]);
  }
  return draft;
}

export function AuditPage() {
  const actorName = useActorName();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const phone = useMediaQuery("(max-width: 36em)");
  const [shown, setShown] = useState<Event | null>(null);
  const searchText = search.toString();
  const filters = fromSearch(searchText, auditFilterKeys);
  const pages = useCursorPages(keys.events(toSearch(filters)), (cursor) =>
    must(api.GET("/v1/events", { params: { query: { ...toQuery(filters), cursor, limit: 50 } } })),
  );

  // The fields hold what is typed; a filter applies when its field is left or Enter is
  // pressed, not at each keystroke. A filter set from a row shows in its field at once: the
  // draft starts again whenever the address's filters change.
  const [draft, setDraft] = useState<Record<string, string>>(() => draftFrom(filters));
  const [draftOf, setDraftOf] = useState(searchText);
  if (draftOf !== searchText) {
    setDraftOf(searchText);
    setDraft(draftFrom(filters));
  }

  function set(changes: Partial<Record<FilterKey, string | null>>) {
    navigate({ search: toSearch({ ...filters, ...changes }) }, { replace: true });
  }
  function field(key: FilterKey) {
    const apply = () => set({ [key]: draft[key]?.trim() || null });
    return {
      value: draft[key] ?? "",
      onBlur: apply,
      onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => e.key === "Enter" && apply(),
    };
  }
  function typed(key: FilterKey) {
    return (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  }
  // The typed text is the draft; what applies is the time it reads as, when it reads as one.
  function timeField(key: "since" | "until") {
    return {
      value: draft[key] ?? "",
      onChange: typed(key),
      onBlur: () => set({ [key]: fromUtcField(draft[key] ?? "") }),
    };
  }

  return (
    <>
      <PageHeader title="Audit log" description="Every change, oldest first." />
      <Group mb="md" gap="sm" align="flex-end">
        <Autocomplete
          label="Resource type"
          data={resourceTypes}
          w={170}
          {...field("resource_type")}
          onChange={typed("resource_type")}
          onOptionSubmit={(value) => set({ resource_type: value })}
        />
        <TextInput
          label="Resource id"
          w={200}
          {...field("resource_id")}
          onChange={(e) => typed("resource_id")(e.currentTarget.value)}
        />
        <Autocomplete
          label="Action"
          data={actions}
          w={210}
          {...field("action")}
          onChange={typed("action")}
          onOptionSubmit={(value) => set({ action: value })}
        />
        <TextInput
          label="Actor"
          w={200}
          {...field("actor")}
          onChange={(e) => typed("actor")(e.currentTarget.value)}
        />
        <UtcTimeField label="Since (UTC)" w={200} {...timeField("since")} />
        <UtcTimeField label="Until (UTC)" w={200} {...timeField("until")} />
        {Object.keys(filters).length > 0 && (
          <Button variant="subtle" onClick={() => navigate({ search: "" }, { replace: true })}>
            Clear filters
          </Button>
        )}
      </Group>
      <PagedList pages={pages} empty="No event matches these filters.">
        <DataTable
          label="Audit log"
          minWidth={900}
          columns={["When", "Action", "Resource", "Actor", "Address", { hidden: "Details" }]}
        >
          {pages.items.map((e) => {
            const page = resourceLink(e);
            return (
              <Table.Tr key={e.id}>
                <Table.Td>{formatTime(e.at)}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {e.resource_type}{" "}
                    {page ? (
                      <Anchor component={Link} to={page} ff="monospace" size="sm">
                        {e.resource_id}
                      </Anchor>
                    ) : (
                      <Text span ff="monospace" size="sm">
                        {e.resource_id}
                      </Text>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    title={`${e.actor}: show only this actor's changes`}
                    onClick={() => set({ actor: e.actor })}
                  >
                    {actorName(e.actor, e.actor_name)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{e.address ?? "—"}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="xs"
                    aria-label={`Details of ${e.action} at ${formatTime(e.at)}`}
                    onClick={() => setShown(e)}
                  >
                    Details
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      </PagedList>
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title="Audit event"
        size="xl"
        fullScreen={phone}
      >
        {shown && <Details event={shown} />}
      </Modal>
    </>
  );
}
