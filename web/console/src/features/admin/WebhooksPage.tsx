// Webhooks: endpoints that receive Licensor's events, each delivery signed with the webhook's
// secret (shown once, when the webhook is added). Each webhook's deliveries show whether its
// endpoint is answering.
import { useState } from "react";
import { Button, Group, Modal, Stack, Table, TextInput } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { useApiForm } from "../../lib/useApiForm";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { SecretShownOnce } from "../../layout/SecretShownOnce";
import { FormFooter } from "../../layout/FormFooter";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { DataTable } from "../../layout/DataTable";
import { keys } from "../../api/keys";
import { StatusBadge } from "../../components/StatusBadge";

type Webhook = Schemas["Webhook"];
type NewWebhook = Schemas["NewWebhook"];

function NewWebhookForm({ onCreated }: { onCreated: (webhook: NewWebhook) => void }) {
  const client = useQueryClient();
  const [url, setUrl] = useState("");
  const { errors, busy, submit } = useApiForm(["url"], async () => {
    const created = await must(api.POST("/v1/webhooks", { body: { url } }));
    await client.invalidateQueries({ queryKey: keys.webhooks });
    onCreated(created);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Endpoint URL"
          description="http:// or https://; each event is POSTed to it as signed JSON"
          placeholder="https://hooks.example.com/licensor"
          required
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
        />
        <FormFooter error={errors.form} busy={busy} label="Add webhook" />
      </Stack>
    </form>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const pages = useCursorPages(keys.deliveries(webhook.id), (cursor) =>
    must(
      api.GET("/v1/webhooks/{id}/deliveries", {
        params: { path: { id: webhook.id }, query: { cursor, limit: 20 } },
      }),
    ),
  );
  return (
    <PagedList pages={pages} empty="No event has been sent to this webhook yet.">
      <DataTable
        label="Deliveries"
        minWidth={720}
        columns={[
          "Event",
          "State",
          "Attempts",
          "Created",
          "Delivered or next attempt",
          "Last error",
        ]}
      >
        {pages.items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{d.event_type}</Table.Td>
            <Table.Td>
              <StatusBadge of="delivery" status={d.state} />
            </Table.Td>
            <Table.Td>{d.attempts}</Table.Td>
            <Table.Td>{formatTime(d.created_at)}</Table.Td>
            <Table.Td>
              {d.delivered_at
                ? formatTime(d.delivered_at)
                : d.next_attempt_at
                  ? `next ${formatTime(d.next_attempt_at)}`
                  : "—"}
            </Table.Td>
            <Table.Td>{d.last_error || "—"}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </PagedList>
  );
}

export function WebhooksPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const phone = useMediaQuery("(max-width: 36em)");
  const [adding, add] = useDisclosure(false);
  const [created, setCreated] = useState<NewWebhook | null>(null);
  const [shown, setShown] = useState<Webhook | null>(null);
  const pages = useCursorPages(keys.webhooks, (cursor) =>
    must(api.GET("/v1/webhooks", { params: { query: { cursor, limit: 50 } } })),
  );

  function closeAdding() {
    add.close();
    setCreated(null);
  }

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints that receive Licensor's events, such as certificate expiry reminders."
        actions={can("manage_webhooks") && <Button onClick={add.open}>Add webhook</Button>}
      />
      <PagedList pages={pages} empty="No webhooks: events are kept only in the audit log.">
        <DataTable
          label="Webhooks"
          minWidth={640}
          columns={["Endpoint", "Added", { hidden: "Actions" }]}
        >
          {pages.items.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td ff="monospace" fz="sm" style={{ overflowWrap: "anywhere" }}>
                {w.url}
              </Table.Td>
              <Table.Td>{formatTime(w.created_at)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    variant="subtle"
                    size="xs"
                    aria-label={`Deliveries to ${w.url}`}
                    onClick={() => setShown(w)}
                  >
                    Deliveries
                  </Button>
                  {can("manage_webhooks") && (
                    <ConfirmButton
                      variant="subtle"
                      color="red"
                      size="xs"
                      aria-label={`Delete ${w.url}`}
                      title="Delete this webhook?"
                      message={`${w.url} receives no more events; deliveries not yet made are dropped.`}
                      confirmLabel="Delete"
                      onConfirm={async () => {
                        await must(
                          api.DELETE("/v1/webhooks/{id}", { params: { path: { id: w.id } } }),
                        );
                        await client.invalidateQueries({ queryKey: keys.webhooks });
                      }}
                    >
                      Delete
                    </ConfirmButton>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
      <Modal
        opened={adding}
        onClose={closeAdding}
        title={created ? "Webhook added" : "Add a webhook"}
        centered
      >
        {created ? (
          <SecretShownOnce secret={created.secret} label="webhook secret" onDone={closeAdding}>
            Copy the signing secret now: it is shown only once. The endpoint checks each
            delivery&apos;s Licensor-Signature header with it.
          </SecretShownOnce>
        ) : (
          <NewWebhookForm onCreated={setCreated} />
        )}
      </Modal>
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={shown ? `Deliveries to ${shown.url}` : ""}
        size="xl"
        fullScreen={phone}
      >
        {shown && <Deliveries webhook={shown} />}
      </Modal>
    </>
  );
}
