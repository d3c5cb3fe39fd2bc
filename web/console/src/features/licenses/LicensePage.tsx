// One license: its status, code, expiry and features; activation progress and the machines;
// the actions on it, each confirmed; editing; and its own history.
import { Link, useParams } from "react-router-dom";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  Box,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { nameOf, useCustomers, usePolicies } from "../../lib/catalog";
import { formatTime } from "../../lib/format";
import { ConfirmButton } from "../../layout/ConfirmButton";
import { CopyField } from "../../layout/CopyField";
import { FactTitle, Facts } from "../../layout/Facts";
import { PageHeader } from "../../layout/PageHeader";
import { Failure, Loading } from "../../layout/states";
import { ActivationsTable } from "../../components/licenses/ActivationsTable";
import { AuditHistory } from "../../components/AuditHistory";
import { LicenseEdit } from "../../components/licenses/LicenseEdit";
import { StatusBadge } from "../../components/StatusBadge";
import { keys } from "../../api/keys";

type Action = Schemas["License"]["actions"][number];

// How each action is offered. Which ones a license allows now is the server's rule: the
// license's `actions`.
const actions: { action: Action; label: string; message: string; color: string }[] = [
  {
    action: "renew",
    label: "Renew",
    message: "The license gets a new validity period from its policy, starting now.",
    color: "blue",
  },
  {
    action: "suspend",
    label: "Suspend",
    message: "Machines are refused until the license is reinstated.",
    color: "orange",
  },
  {
    action: "reinstate",
    label: "Reinstate",
    message: "Machines may use the license again.",
    color: "teal",
  },
  {
    action: "revoke",
    label: "Revoke",
    message: "The license ends for good: this cannot be undone.",
    color: "red",
  },
];

function LicenseFacts({ license }: { license: Schemas["License"] }) {
  const policies = usePolicies();
  const customers = useCustomers();
  const facts: [string, string][] = [
    ["Customer", nameOf(customers.data, license.customer_id)],
    ["Policy", nameOf(policies.data, license.policy_id)],
    ["Expires", formatTime(license.expires_at, "never")],
    ["First activated", formatTime(license.first_activated_at, "not yet")],
    ["Issued", formatTime(license.created_at)],
    ["Version", String(license.version)],
  ];
  return <Facts facts={facts} wide />;
}

export function LicensePage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const client = useQueryClient();
  const [editing, edit] = useDisclosure(false);
  const license = useQuery({
    queryKey: keys.license(id),
    queryFn: () => must(api.GET("/v1/licenses/{id}", { params: { path: { id } } })),
  });
  if (license.isPending) return <Loading />;
  if (license.isError) return <Failure error={license.error} />;
  const l = license.data;
  const used = l.activations_count;
  const percent = Math.min(100, (used / l.max_activations) * 100);

  async function act(action: Action) {
    await must(
      api.POST("/v1/licenses/{id}/actions/{action}", { params: { path: { id, action } } }),
    );
    await client.invalidateQueries({ queryKey: keys.license(id) });
  }

  return (
    <>
      <PageHeader
        title="License"
        description={<CopyField value={l.code} label="license code" />}
        actions={
          can("manage_licensing") && (
            <>
              <Button variant="default" onClick={edit.open}>
                Edit
              </Button>
              <Button variant="default" component={Link} to={`/licenses/${id}/offline`}>
                Offline activation
              </Button>
              {actions
                .filter((a) => l.actions.includes(a.action))
                .map((a) => (
                  <ConfirmButton
                    key={a.action}
                    color={a.color}
                    variant={a.action === "revoke" ? "outline" : "filled"}
                    title={`${a.label} this license?`}
                    message={a.message}
                    confirmLabel={a.label}
                    onConfirm={() => act(a.action)}
                  >
                    {a.label}
                  </ConfirmButton>
                ))}
            </>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Group mb="sm" gap="xs">
            <StatusBadge status={l.status} />
            {l.pending_sync && (
              <Badge color="yellow.3" c="black" title="Machines have not fetched the change yet">
                Pending sync
              </Badge>
            )}
          </Group>
          <LicenseFacts license={l} />
          <Box mt="sm">
            <FactTitle>Features</FactTitle>
          </Box>
          <Group gap={4} mt={2}>
            {l.features.length === 0 ? (
              <Text size="sm">none</Text>
            ) : (
              l.features.map((f) => (
                <Badge key={f} variant="light" color="blue">
                  {f}
                </Badge>
              ))
            )}
          </Group>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb={6}>
            <Text fw={600}>Activation progress</Text>
            <Text fw={700} data-testid="activation-progress">
              {used} / {l.max_activations}
            </Text>
          </Group>
          <Progress.Root size="lg">
            <Progress.Section
              value={percent}
              color={used >= l.max_activations ? "red" : "blue"}
              aria-label={`Activation progress: ${used} of ${l.max_activations} machines`}
            />
          </Progress.Root>
          {used >= l.max_activations && (
            <Alert color="orange" mt="sm" variant="light">
              Every slot is taken: another machine is refused until a slot is released or the cap
              raised.
            </Alert>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <ActivationsTable licenseId={id} version={l.version} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            History
          </Title>
          <AuditHistory type="license" id={id} />
        </Paper>
      </Stack>
      <Modal opened={editing} onClose={edit.close} title="Edit the license" centered>
        <LicenseEdit license={l} onDone={edit.close} />
      </Modal>
    </>
  );
}
