// Offline deactivation, the vendor's half: a machine that gave up its license without reaching
// the server (the SDK's DeactivateOffline) wrote a sealed proof; uploading it frees the slot.
import { useState } from "react";
import { Alert, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { parseDeactivationProof } from "../../lib/deactivationProof";
import { formatUnixTime } from "../../lib/format";
import { useApiForm } from "../../lib/useApiForm";
import { Facts } from "../../layout/Facts";
import { FormFooter } from "../../layout/FormFooter";
import { MachineFileField } from "./MachineFileField";
import { keys } from "../../api/keys";

export function DeactivationProofForm({ licenseId }: { licenseId: string }) {
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [released, setReleased] = useState<Schemas["OfflineDeactivation"] | null>(null);
  const parsed = text.trim() ? parseDeactivationProof(text, licenseId) : null;

  const { errors, setErrors, busy, submit } = useApiForm(
    ["proof"],
    async () => {
      if (!parsed?.ok) return;
      const answer = await must(
        api.POST("/v1/licenses/{id}/offline-deactivations", {
          params: { path: { id: licenseId } },
          body: { proof: parsed.value },
        }),
      );
      setReleased(answer);
      setText("");
      await client.invalidateQueries({ queryKey: keys.license(licenseId) });
    },
    { INVALID_DEACTIVATION_PROOF: "proof", BAD_SIGNATURE: "proof", NOT_ACTIVATED: "proof" },
  );

  function changeProof(value: string) {
    setReleased(null);
    setErrors({});
    setText(value);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          Deactivation proof
        </Title>
        <Text size="sm" c="dimmed">
          A machine that cannot reach the server gives up its license with the product&apos;s
          DeactivateOffline, which writes a proof sealed with the license code. Upload it here to
          free the machine&apos;s slot.
        </Text>
        <Alert color="yellow" title="A proof is the customer's word, not evidence">
          The proof is sealed with the license code, and the machine&apos;s license file holds that
          code. Whoever has the file can write a proof and keep the machine running on it while its
          slot goes to another machine. Free a slot this way only where you would take the
          customer&apos;s word that the machine stopped.
        </Alert>
        <MachineFileField
          label="Deactivation proof"
          upload="Upload proof file"
          value={text}
          onChange={changeProof}
          error={(parsed && !parsed.ok && parsed.error) || errors.proof}
        />
        {parsed?.ok && (
          <Facts
            facts={[
              ["Machine", `${parsed.value.fingerprint.slice(0, 20)}…`],
              ["Gave up its file", formatUnixTime(parsed.value.deactivated_at)],
              ["License version", String(parsed.value.license_version)],
            ]}
          />
        )}
        {released ? (
          <Alert color="teal" role="status" title="Slot freed">
            The slot of {released.released.hostname || "the machine"} (
            {released.released.fingerprint.slice(0, 20)}…) is free for another machine. Offline
            releases before this one: {released.earlier_offline_releases.license} of this license,{" "}
            {released.earlier_offline_releases.machine} of this machine.
          </Alert>
        ) : (
          <FormFooter
            error={errors.form}
            busy={busy}
            label="Free the machine's slot"
            disabled={!parsed?.ok}
          />
        )}
      </Stack>
    </form>
  );
}
