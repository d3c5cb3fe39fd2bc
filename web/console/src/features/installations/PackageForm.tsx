// Issuing a certificate package (.lcs): several certificates in one signed file, each with its
// type, mode, and validity in days or permanent. The file downloads as soon as it is signed.
import { useState } from "react";
import { Checkbox, Group, NumberInput, Select, Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { RowList } from "../../layout/RowList";
import { keys } from "../../api/keys";
import { limits } from "../../lib/limits";

type Spec = Schemas["PackageInput"]["certificates"][number];
interface Row {
  key: number;
  type: Spec["type"];
  mode: Spec["mode"];
  days: number | string;
  permanent: boolean;
}

const types: { value: Spec["type"]; label: string }[] = [
  { value: "PLATFORM", label: "Platform" },
  { value: "AGENT", label: "Agent" },
  { value: "PLATFORM_UNLIMITED_AGENTS", label: "Platform, unlimited agents" },
];
const modes: { value: Spec["mode"]; label: string }[] = [
  { value: "SUBSCRIPTION", label: "Subscription" },
  { value: "BUYOUT", label: "Buyout" },
  { value: "TEST", label: "Test" },
];

let nextKey = 0;
function newRow(type: Spec["type"]): Row {
  return { key: nextKey++, type, mode: "SUBSCRIPTION", days: 365, permanent: false };
}

export function PackageForm({
  installationId,
  onIssued,
}: {
  installationId: string;
  onIssued: (file: Schemas["InstallationFile"]) => void;
}) {
  const client = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => [newRow("PLATFORM")]);
  const { errors, setErrors, busy, submit } = useApiForm(["certificates"], async () => {
    const file = await must(
      api.POST("/v1/installations/{id}/packages", {
        params: { path: { id: installationId } },
        body: {
          certificates: rows.map((r): Spec => ({
            type: r.type,
            mode: r.mode,
            validity_days: r.permanent ? "PERMANENT" : Number(r.days),
          })),
        },
      }),
    );
    await client.invalidateQueries({ queryKey: keys.installationFiles(installationId) });
    onIssued(file);
  });
  // A change may answer the refusal shown; the next issue checks again.
  const change = (key: number, patch: Partial<Row>) => {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setErrors({});
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <RowList
          rows={rows}
          noun="Certificate"
          onRowsChange={setRows}
          newRow={() => newRow("AGENT")}
        >
          {(r) => (
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Select
                label="Type"
                w={220}
                allowDeselect={false}
                data={types}
                value={r.type}
                onChange={(v) => v && change(r.key, { type: v as Spec["type"] })}
              />
              <Select
                label="Mode"
                w={150}
                allowDeselect={false}
                data={modes}
                value={r.mode}
                onChange={(v) => v && change(r.key, { mode: v as Spec["mode"] })}
              />
              <NumberInput
                label="Valid for (days)"
                w={140}
                min={1}
                max={limits.validityDays}
                allowDecimal={false}
                disabled={r.permanent}
                value={r.permanent ? "" : r.days}
                onChange={(v) => change(r.key, { days: v })}
              />
              <Checkbox
                label="Permanent"
                mb={8}
                checked={r.permanent}
                onChange={(e) => change(r.key, { permanent: e.currentTarget.checked })}
              />
            </Group>
          )}
        </RowList>
        <FormFooter
          error={errors.certificates ?? errors.form}
          busy={busy}
          label="Issue and download"
        />
      </Stack>
    </form>
  );
}
