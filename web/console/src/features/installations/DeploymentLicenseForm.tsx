// Issuing the installation's next deployment license (.lic): the modules it enables with their
// restrictions, the dates it is valid between, and the users and agents it allows. The file
// downloads as soon as it is signed.
import { useState } from "react";
import { Group, NumberInput, Stack, Textarea, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { api, must, type Schemas } from "../../api/client";
import { parseRestrictions } from "../../lib/restrictions";
import { fromUtcField, toUtcField } from "../../lib/utcField";
import { limits } from "../../lib/limits";
import { FormError, useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { RowList } from "../../layout/RowList";
import { keys } from "../../api/keys";
import { UtcTimeField } from "../../layout/UtcTimeField";

interface ModuleRow {
  key: number;
  code: string;
  restrictions: string;
}

let nextKey = 0;
const newModule = (): ModuleRow => ({ key: nextKey++, code: "", restrictions: "" });

// Valid from now for a year unless changed.
export function DeploymentLicenseForm({
  installationId,
  onIssued,
}: {
  installationId: string;
  onIssued: (file: Schemas["InstallationFile"]) => void;
}) {
  const client = useQueryClient();
  const [now] = useState(() => new Date());
  const [modules, setModules] = useState<ModuleRow[]>(() => [newModule()]);
  const [effective, setEffective] = useState(toUtcField(now.toISOString()));
  const [expires, setExpires] = useState(
    toUtcField(new Date(now.getTime() + 365 * 86400_000).toISOString()),
  );
  const [maxUsers, setMaxUsers] = useState<number | string>(100);
  const [maxAgents, setMaxAgents] = useState<number | string>(10);
  const { errors, setErrors, busy, submit } = useApiForm(
    ["modules", "effective_at", "expires_at", "max_users", "max_agents"],
    async () => {
      const body: Schemas["DeploymentLicenseInput"] = {
        modules: [],
        effective_at: fromUtcField(effective) ?? effective,
        expires_at: expires === "" ? null : (fromUtcField(expires) ?? expires),
        max_users: Number(maxUsers),
        max_agents: Number(maxAgents),
      };
      for (const [i, m] of modules.entries()) {
        if (m.code.trim() === "" && m.restrictions.trim() === "") continue;
        const parsed = parseRestrictions(m.restrictions);
        if ("error" in parsed) throw new FormError({ [`module-${i}`]: parsed.error });
        body.modules.push({ code: m.code.trim(), restrictions: parsed.restrictions });
      }
      const file = await must(
        api.POST("/v1/installations/{id}/deployment-licenses", {
          params: { path: { id: installationId } },
          body,
        }),
      );
      await client.invalidateQueries({ queryKey: keys.installationFiles(installationId) });
      onIssued(file);
    },
  );
  const change = (key: number, patch: Partial<ModuleRow>) =>
    setModules((all) => all.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <RowList rows={modules} noun="Module" onRowsChange={setModules} newRow={newModule}>
          {(m, i) => (
            <Stack gap="xs">
              <TextInput
                label="Module code"
                placeholder="reporting"
                value={m.code}
                onChange={(e) => change(m.key, { code: e.currentTarget.value })}
              />
              <Textarea
                label="Restrictions"
                description='One per line: "name: value, value"'
                placeholder="regions: eu-west, us-east"
                autosize
                minRows={2}
                value={m.restrictions}
                onChange={(e) => {
                  change(m.key, { restrictions: e.currentTarget.value });
                  // The line it named may be fixed now; the next issue checks again.
                  setErrors(({ [`module-${i}`]: _fixed, ...others }) => others);
                }}
                error={errors[`module-${i}`]}
              />
            </Stack>
          )}
        </RowList>
        <Group grow align="flex-start" wrap="wrap">
          <UtcTimeField
            label="Effective from (UTC)"
            required
            miw={200}
            value={effective}
            onChange={setEffective}
            error={errors.effective_at}
          />
          <UtcTimeField
            label="Expires (UTC)"
            empty="Empty: never"
            miw={200}
            value={expires}
            onChange={setExpires}
            error={errors.expires_at}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label="Max users"
            required
            min={0}
            max={limits.deploymentCount}
            allowDecimal={false}
            miw={140}
            value={maxUsers}
            onChange={setMaxUsers}
            error={errors.max_users}
          />
          <NumberInput
            label="Max agents"
            required
            min={0}
            max={limits.deploymentCount}
            allowDecimal={false}
            miw={140}
            value={maxAgents}
            onChange={setMaxAgents}
            error={errors.max_agents}
          />
        </Group>
        <FormFooter error={errors.modules ?? errors.form} busy={busy} label="Issue and download" />
      </Stack>
    </form>
  );
}
