// Signing in. A wrong password and an unknown email get one answer from the API, shown as is.
import { useState, type ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { Alert, Anchor, Button, Center, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { api, ApiError, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { PasswordField } from "../../layout/PasswordField";
import { keys } from "../../api/keys";

export function CenteredCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Text fw={700} c="blue.8" mb={4}>
          Licensor
        </Text>
        <Title order={1} size="h3" mb="lg">
          {title}
        </Title>
        {children}
      </Paper>
    </Center>
  );
}

export function SignInPage() {
  const { signedIn, ended } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; notice?: string } | null;
  const from = state?.from ?? "/";
  const setup = useQuery({ queryKey: keys.setup, queryFn: () => must(api.GET("/v1/setup")) });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await must(api.POST("/v1/auth/login", { body: { email, password } })));
      navigate(from, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title="Sign in">
      {state?.notice && (
        <Alert color="green" role="status" mb="md">
          {state.notice}
        </Alert>
      )}
      {ended && !state?.notice && (
        <Alert color="yellow" role="status" mb="md" title="Your session ended">
          It expired, or it was ended elsewhere: signed out in another tab, or by a password change
          or reset. Sign in again to go on.
        </Alert>
      )}
      {setup.data?.needed && (
        <Alert color="blue" mb="md">
          No administrator exists yet: open the setup link licensord printed when it started.
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
          {setup.data?.needed && (
            <Anchor component={Link} to="/setup" size="sm">
              First run: set up Licensor
            </Anchor>
          )}
        </Stack>
      </form>
    </CenteredCard>
  );
}
