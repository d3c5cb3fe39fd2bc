// Adding an agent or a user of the platform: a name is all it takes. The server refuses one
// past the deployment license's limit, and the form says so.
import { useState } from "react";
import { Stack, TextInput } from "@mantine/core";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";

export function NewNameForm({
  label,
  placeholder,
  submitLabel,
  create,
}: {
  label: string;
  placeholder: string;
  submitLabel: string;
  create: (name: string) => Promise<unknown>;
}) {
  const [name, setName] = useState("");
  const { errors, busy, submit } = useApiForm(["name"], () => create(name));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={label}
          placeholder={placeholder}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <FormFooter error={errors.form} busy={busy} label={submitLabel} />
      </Stack>
    </form>
  );
}
