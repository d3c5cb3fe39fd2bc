// Seed 003's offline workflow: a machine that never reaches the server sends the request
// licensor-fingerprint wrote; the operator checks which machine it describes and downloads the
// signed license file for it. Later renewals go to such a machine as an update bundle, and a
// machine that gives up its license sends back a deactivation proof.
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { usePolicies } from "../../lib/catalog";
import { downloadText } from "../../lib/download";
import { formatUnixTime } from "../../lib/format";
import { licenseFileName, parseFingerprintRequest } from "../../lib/fingerprintRequest";
import { useApiForm } from "../../lib/useApiForm";
import { FactTitle, Facts } from "../../layout/Facts";
import { FormFooter } from "../../layout/FormFooter";
import { PageHeader } from "../../layout/PageHeader";
import { Failure, Loading } from "../../layout/states";
import { DataTable } from "../../layout/DataTable";
import { DeactivationProofForm } from "./DeactivationProofForm";
import { MachineFileField } from "./MachineFileField";
import { keys } from "../../api/keys";

type FingerprintRequest = Schemas["FingerprintRequest"];

function MachineFacts({ request }: { request: FingerprintRequest }) {
  const facts: [string, string][] = [
    ["Host name", request.hostname || "—"],
    ["Platform", request.platform || "—"],
    ["Virtualization", request.virtualization || "—"],
    ["Collected", formatUnixTime(request.created_at)],
  ];
  return (
    <Stack gap="xs" aria-label="The machine in the request">
      <Facts facts={facts} />
      <FactTitle>Fingerprint</FactTitle>
      <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
        {request.fingerprint}
      </Text>
      <DataTable label="Components" minWidth={320} columns={["Component", "Value"]}>
        {Object.entries(request.components).map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td>{name}</Table.Td>
            <Table.Td ff="monospace" fz="sm" style={{ overflowWrap: "anywhere" }}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

function LicenseFileForm({ license }: { license: Schemas["License"] }) {
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [encrypt, setEncrypt] = useState(false);
  const [issued, setIssued] = useState<{ file: Schemas["OfflineFile"]; name: string } | null>(null);
  const parsed = text.trim() ? parseFingerprintRequest(text) : null;

  const { errors, setErrors, busy, submit } = useApiForm(
    ["request", "encrypt"],
    async () => {
      if (!parsed?.ok) return;
      const file = await must(
        api.POST("/v1/licenses/{id}/offline-files", {
          params: { path: { id: license.id } },
          body: { request: parsed.request, encrypt },
        }),
      );
      await client.invalidateQueries({ queryKey: keys.license(license.id) });
      const name = licenseFileName(parsed.request);
      setIssued({ file, name });
      downloadText(name, file.license_file ?? "");
    },
    { INVALID_FINGERPRINT_REQUEST: "request" },
  );

  // A new request starts over: the last answer, and any refusal, was about the old one.
  function changeRequest(value: string) {
    setIssued(null);
    setErrors({});
    setText(value);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          License file for an offline machine
        </Title>
        <Text size="sm" c="dimmed">
          On the machine, run <code>licensor-fingerprint -o request.json</code> and send the file
          here. The machine takes one of the license&apos;s slots, as an online activation does.
        </Text>
        <MachineFileField
          label="Fingerprint request"
          upload="Upload request file"
          value={text}
          onChange={changeRequest}
          error={(parsed && !parsed.ok && parsed.error) || errors.request}
        />
        {parsed?.ok && <MachineFacts request={parsed.request} />}
        <Checkbox
          label="Encrypt the file for this machine"
          description="Only this machine, with the license code, can read what it grants"
          checked={encrypt}
          onChange={(e) => setEncrypt(e.currentTarget.checked)}
        />
        {issued ? (
          <Alert color="teal" role="status" title="License file issued">
            <Stack gap="xs">
              <Text size="sm">
                {issued.file.created
                  ? "The machine took a slot."
                  : "The machine already held a slot; its file was issued again."}{" "}
                Install {issued.name} with the product&apos;s LoadLicenseFile.
              </Text>
              <Group>
                <Button
                  size="xs"
                  onClick={() => downloadText(issued.name, issued.file.license_file ?? "")}
                >
                  Download {issued.name} again
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <FormFooter
            error={errors.form}
            busy={busy}
            label="Issue and download the license file"
            disabled={!parsed?.ok}
          />
        )}
      </Stack>
    </form>
  );
}

function BundleForm({ licenseId }: { licenseId: string }) {
  const [activation, setActivation] = useState<string | null>(null);
  const [serverUrl, setServerUrl] = useState("");
  const machines = useQuery({
    queryKey: keys.offlineMachines(licenseId),
    queryFn: () =>
      must(
        api.GET("/v1/licenses/{id}/activations", {
          params: { path: { id: licenseId }, query: { offline: "true", limit: 100 } },
        }),
      ),
  });
  const choices = (machines.data?.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.hostname || "unnamed"} · ${a.fingerprint.slice(0, 16)}…`,
  }));

  const { errors, busy, submit } = useApiForm(["activation_id", "server_url"], async () => {
    const answer = await must(
      api.POST("/v1/licenses/{id}/bundles", {
        params: { path: { id: licenseId } },
        body: { activation_id: activation ?? "", ...(serverUrl ? { server_url: serverUrl } : {}) },
      }),
    );
    const machine = machines.data?.data.find((a) => a.id === activation);
    downloadText(`${machine?.hostname || "licensor"}-update.bundle`, answer.bundle ?? "");
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          Update bundle
        </Title>
        <Text size="sm" c="dimmed">
          After a renewal or a change, an offline machine needs the new file. A bundle carries it
          with the current public keys, so a machine that knows only an older key accepts it too.
          Install it with the product&apos;s ApplyBundle.
        </Text>
        {machines.isError ? (
          <Failure error={machines.error} />
        ) : (
          <Select
            label="Offline machine"
            placeholder={machines.isPending ? "Loading…" : "Choose a machine"}
            searchable
            data={choices}
            value={activation}
            onChange={setActivation}
            error={errors.activation_id}
            nothingFoundMessage="No machine of this license was activated offline"
          />
        )}
        <TextInput
          label="Server URL for the configuration template"
          description="Optional: where the machine would reach licensord if it ever goes online"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.currentTarget.value)}
          error={errors.server_url}
        />
        <FormFooter
          error={errors.form}
          busy={busy}
          label="Download the update bundle"
          disabled={!activation}
        />
      </Stack>
    </form>
  );
}

export function OfflinePage() {
  const { id = "" } = useParams();
  const policies = usePolicies();
  const license = useQuery({
    queryKey: keys.license(id),
    queryFn: () => must(api.GET("/v1/licenses/{id}", { params: { path: { id } } })),
  });
  if (license.isPending) return <Loading />;
  if (license.isError) return <Failure error={license.error} />;
  const l = license.data;
  const policy = policies.data?.find((p) => p.id === l.policy_id);

  return (
    <>
      <PageHeader
        title="Offline activation"
        description={
          <>
            For the license{" "}
            <Anchor component={Link} to={`/licenses/${id}`} ff="monospace">
              {l.code}
            </Anchor>
          </>
        }
      />
      <Stack maw={760} gap="lg">
        {policy?.deployment_mode === "ONLINE" && (
          <Alert color="orange" role="alert" title="This license is online only">
            Its policy, {policy.name}, allows no offline machines: a request is refused. Choose a
            policy with the OFFLINE or HYBRID mode for machines that never reach the server.
          </Alert>
        )}
        <Paper withBorder p="lg" radius="md">
          <LicenseFileForm license={l} />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <BundleForm licenseId={id} />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <DeactivationProofForm licenseId={id} />
        </Paper>
      </Stack>
    </>
  );
}
