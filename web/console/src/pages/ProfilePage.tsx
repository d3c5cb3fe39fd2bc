// One's own profile: the display name (the nickname in the top-right corner) and the password.
import { useState } from "react";
import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { api, ApiError, must } from "../api/client";
import { useSession } from "../auth/session";
import { formErrors } from "../lib/problems";
import { humanize } from "../lib/format";
import { PageHeader } from "../layout/PageHeader";

function NameForm() {
  const { session, signedIn } = useSession();
  const [name, setName] = useState(session!.user.display_name);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      signedIn(await must(api.PATCH("/v1/auth/me", { body: { display_name: name } })));
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

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
          error={error}
        />
        {saved && (
          <Text size="sm" c="teal.8" role="status">
            Saved.
          </Text>
        )}
        <Button type="submit" loading={busy} w="fit-content">
          Save name
        </Button>
      </Stack>
    </form>
  );
}

function PasswordForm() {
  const { signedIn } = useSession();
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setSaved(false);
    try {
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
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === "INVALID_CREDENTIALS") {
        setErrors({ current_password: e.message });
      } else {
        const { field, message } = formErrors(e.message, ["new_password"]);
        setErrors({ [field === "form" ? "new_password" : field]: message });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          Password
        </Title>
        <Text size="sm" c="dimmed">
          Changing it signs you out everywhere else.
        </Text>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.current_password}
        />
        <PasswordInput
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
        <Button type="submit" loading={busy} w="fit-content">
          Change password
        </Button>
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
