// "Upload License Certificate": a certificate package (.lcs) or a deployment license (.lic),
// chosen or dropped. The server verifies it and it takes effect at once; a refusal is shown with
// the reason the server gives (another installation's file, a bad signature, already expired).
import { useRef, useState } from "react";
import { Alert, Button, Group, Paper, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, api, must } from "../../api/client";
import { fileKinds } from "../../lib/fileKinds";
import { keys } from "../../api/keys";

type Outcome = { ok: true; text: string } | { ok: false; text: string; code: string };

export function UploadCertificate() {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await must(
        api.POST("/v1/registry/uploads", { body: { file: await file.text() } }),
      );
      const kind = fileKinds[result.kind].label.toLowerCase();
      setOutcome({
        ok: true,
        text: result.changed
          ? `${file.name}: the ${kind} is accepted and in effect.`
          : `${file.name}: this ${kind} was already uploaded; nothing changed.`,
      });
      await client.invalidateQueries({ queryKey: keys.registry });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setOutcome({ ok: false, text: `${file.name} was refused: ${e.message}`, code: e.code });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <>
      <Paper
        withBorder
        p="lg"
        radius="md"
        data-testid="certificate-drop-zone"
        bg={over ? "blue.0" : undefined}
        style={{ borderStyle: "dashed", borderWidth: 2 }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file) void upload(file);
        }}
      >
        <Group justify="space-between" gap="sm">
          <Text size="sm">
            Drop a certificate package (.lcs) or deployment license (.lic) here, or choose it.
          </Text>
          <Button loading={busy} onClick={() => input.current?.click()}>
            Upload License Certificate
          </Button>
        </Group>
        <input
          ref={input}
          type="file"
          accept=".lcs,.lic"
          hidden
          aria-label="License certificate file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
        />
      </Paper>
      {outcome && (
        <Alert mt="sm" color={outcome.ok ? "teal" : "red"} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
          {!outcome.ok && (
            <Text size="xs" mt={4} ff="monospace">
              {outcome.code}
            </Text>
          )}
        </Alert>
      )}
    </>
  );
}
