// One's own profile: the display name (the nickname in the top-right corner) and the password.
import { useState } from "react";
import { Alert, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { humanize } from "../../lib/format";
import { useApiForm } from "../../lib/useApiForm";
import { FormFooter } from "../../layout/FormFooter";
import { PageHeader } from "../../layout/PageHeader";
import { PasswordField } from "../../layout/PasswordField";

function NameForm() {
  const { session, signedIn } = useSession();
  const [name, setName] = useState(session!.user.display_name);
  const [saved, setSaved] = useState(false);
  const { errors, busy, submit } = useApiForm(["display_name"], async () => {
    setSaved(false);
    signedIn(await must(api.PATCH("/v1/auth/me", { body: { display_name: name } })));
    setSaved(true);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          Display name
        </Title>
        <TextInput
          label="Display name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.display_name}
        />
        {saved && (
          <Text size="sm" c="teal.8" role="status">
            Saved.
          </Text>
        )}
        <FormFooter error={errors.form} busy={busy} label="Save name" />
      </Stack>
    </form>
  );
}

function PasswordForm() {
  const { signedIn } = useSession();
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [saved, setSaved] = useState(false);
  const { errors, busy, submit } = useApiForm(
    ["current_password", "new_password"],
    async () => {
      setSaved(false);
      signedIn(
        await must(
          api.POST("/v1/auth/password", {
            body: { current_password: current, new_password: fresh },
          }),
        ),
      );
      setCurrent("");
      setFresh("");
      setSaved(true);
    },
    // The API names no field when the current password is wrong: it is a failed sign-in.
    { INVALID_CREDENTIALS: "current_password" },
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          Password
        </Title>
        <Text size="sm" c="dimmed">
          Changing it signs you out everywhere else.
        </Text>
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.current_password}
        />
        <PasswordField
          label="New password"
          description="At least 12 characters"
          autoComplete="new-password"
          required
          value={fresh}
          onChange={(e) => setFresh(e.currentTarget.value)}
          error={errors.new_password}
        />
        {saved && (
          <Alert color="teal" role="status">
            Password changed. Your other sessions have ended.
          </Alert>
        )}
        <FormFooter error={errors.form} busy={busy} label="Change password" />
      </Stack>
    </form>
  );
}

export function ProfilePage() {
  const { session } = useSession();
  const user = session!.user;
  return (
    <>
      <PageHeader title="Your profile" description={`${user.email} · ${humanize(user.role)}`} />
      <Stack maw={520} gap="lg">
        <Paper withBorder p="lg" radius="md">
          <NameForm />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <PasswordForm />
        </Paper>
      </Stack>
    </>
  );
}
