// The installation's License page (seeds 000 and 001): the platform's state, the upload of a
// certificate package or deployment license, and every certificate with what it is bound to
// and its status. An unused agent certificate is bound to an agent here, once and for good.
import { useState } from "react";
import { Alert, Button, Group, Modal, Paper, Select, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { formatTime } from "../../lib/format";
import { useCursorPages } from "../../lib/paging";
import { formatCoverage, useAgents, usePlatform } from "../../lib/registry";
import { useApiForm } from "../../lib/useApiForm";
import { DataTable } from "../../layout/DataTable";
import { Facts } from "../../layout/Facts";
import { FormFooter } from "../../layout/FormFooter";
import { PageHeader } from "../../layout/PageHeader";
import { PagedList } from "../../layout/PagedList";
import { Failure, Loading } from "../../layout/states";
import { ReminderRecipients } from "./ReminderRecipients";
import { UploadCertificate } from "./UploadCertificate";
import { keys } from "../../api/keys";
import { StatusBadge } from "../../components/StatusBadge";

type Certificate = Schemas["RegistryCertificate"];

const typeNames: Record<Certificate["type"], string> = {
  PLATFORM: "Platform",
  AGENT: "Agent",
  PLATFORM_UNLIMITED_AGENTS: "Platform, unlimited agents",
};
function PlatformState() {
  const platform = usePlatform();
  if (platform.isPending) return <Loading />;
  if (platform.isError) return <Failure error={platform.error} />;
  const p = platform.data;
  return (
    <Paper withBorder p="md" radius="md">
      <Group mb="sm" gap="xs">
        <StatusBadge of="platform" status={p.state} />
      </Group>
      <Facts
        wide
        facts={[
          ["Platform licensed until", formatCoverage(p.expires_at)],
          ["Days left", p.days_left === null ? "—" : String(p.days_left)],
          ["Agents", `${p.agents}${p.max_agents === null ? "" : ` of ${p.max_agents}`}`],
          ["Users", `${p.users}${p.max_users === null ? "" : ` of ${p.max_users}`}`],
        ]}
      />
    </Paper>
  );
}

function BindForm({ certificate, onBound }: { certificate: Certificate; onBound: () => void }) {
  const client = useQueryClient();
  const agents = useAgents();
  const [agent, setAgent] = useState<string | null>(null);
  const choices = (agents.data?.data ?? []).filter((a) => !a.deleted && !a.licensed);
  const { errors, busy, submit } = useApiForm(["agent_id"], async () => {
    await must(
      api.POST("/v1/registry/certificates/{id}/bind", {
        params: { path: { id: certificate.id } },
        body: { agent_id: agent ?? "" },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.registry });
    onBound();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Facts
          facts={[
            ["Certificate", certificate.id],
            ["Type", typeNames[certificate.type]],
            ["Mode", certificate.mode],
            [
              "Validity",
              certificate.validity_days === "PERMANENT"
                ? "Permanent"
                : `${certificate.validity_days} days from binding`,
            ],
            ["From package", certificate.package_id],
            ["Uploaded", formatTime(certificate.uploaded_at)],
          ]}
        />
        <Alert color="orange" variant="light" title="A binding cannot be changed">
          Once bound, this certificate licenses the chosen agent only, for as long as it is valid.
          It cannot be moved to another agent.
        </Alert>
        <Select
          label="Agent"
          placeholder={choices.length ? "Choose an agent" : "No agent without a license"}
          data={choices.map((a) => ({ value: a.id, label: a.name }))}
          value={agent}
          onChange={setAgent}
          error={errors.agent_id}
          searchable
          required
        />
        <FormFooter error={errors.form} busy={busy} label="Bind for good" disabled={!agent} />
      </Stack>
    </form>
  );
}

function Certificates() {
  const { can } = useSession();
  const [binding, setBinding] = useState<Certificate | null>(null);
  const pages = useCursorPages(keys.registryCertificates, (cursor) =>
    must(api.GET("/v1/registry/certificates", { params: { query: { cursor, limit: 100 } } })),
  );
  const boundTo = (c: Certificate) => {
    if (c.bound_to === null) return "—";
    if (c.bound_to === "platform") return "The platform";
    return c.bound_to_name ?? c.bound_to;
  };
  return (
    <>
      <PagedList pages={pages} empty="No certificate yet: upload the package the vendor sent.">
        <DataTable
          label="Certificates"
          minWidth={860}
          columns={[
            "Type",
            "Mode",
            "Validity",
            "Uploaded",
            "Bound to",
            "Status",
            "Expires",
            { hidden: "Actions" },
          ]}
        >
          {pages.items.map((c, i) => (
            <Table.Tr key={c.id}>
              <Table.Td>{typeNames[c.type]}</Table.Td>
              <Table.Td>{c.mode}</Table.Td>
              <Table.Td>
                {c.validity_days === "PERMANENT" ? "Permanent" : `${c.validity_days} days`}
              </Table.Td>
              <Table.Td>{formatTime(c.uploaded_at)}</Table.Td>
              <Table.Td title={c.bound_to ?? undefined}>{boundTo(c)}</Table.Td>
              <Table.Td>
                <StatusBadge of="certificate" status={c.status} />
              </Table.Td>
              <Table.Td>{formatCoverage(c.expires_at)}</Table.Td>
              <Table.Td>
                {can("manage_registry") && c.type === "AGENT" && c.status === "UNUSED" && (
                  <Button
                    variant="subtle"
                    size="xs"
                    aria-label={`Bind agent certificate ${i + 1}`}
                    onClick={() => setBinding(c)}
                  >
                    Bind
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </PagedList>
      <Modal
        opened={binding !== null}
        onClose={() => setBinding(null)}
        title="Bind an agent certificate for good"
        centered
      >
        {binding && <BindForm certificate={binding} onBound={() => setBinding(null)} />}
      </Modal>
    </>
  );
}

// The expiry reminders the registry recorded (45, 30 and 15 days before an end, then daily),
// newest first as the server lists them; each also went out to the webhooks.
function Reminders() {
  const pages = useCursorPages(keys.registryReminders, (cursor) =>
    must(api.GET("/v1/registry/reminders", { params: { query: { cursor, limit: 50 } } })),
  );
  return (
    <PagedList pages={pages} empty="No reminder yet: the first comes 45 days before an end.">
      <DataTable
        label="Reminders"
        minWidth={720}
        columns={["For", "Days left", "Ends", "Recorded", "Message"]}
      >
        {pages.items.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{r.resource.kind === "platform" ? "The platform" : r.resource.name}</Table.Td>
            <Table.Td>{r.days_left}</Table.Td>
            <Table.Td>{formatTime(r.expires_at)}</Table.Td>
            <Table.Td>{formatTime(r.created_at)}</Table.Td>
            <Table.Td>{r.message}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </PagedList>
  );
}

export function PlatformLicensePage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="License"
        description="The platform's certificates from the vendor: what each licenses, and until when."
      />
      <Stack gap="lg">
        <PlatformState />
        {can("manage_registry") && <UploadCertificate />}
        <Paper withBorder p="md" radius="md">
          <Text fw={600} mb="sm">
            Certificates
          </Text>
          <Certificates />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text fw={600} mb="sm">
            Reminders
          </Text>
          <Reminders />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text fw={600} mb="sm">
            Reminders by e-mail
          </Text>
          <ReminderRecipients />
        </Paper>
      </Stack>
    </>
  );
}
