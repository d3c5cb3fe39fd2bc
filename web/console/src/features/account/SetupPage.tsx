// First run: the setup link licensord printed (/setup#token=...) creates the first
// administrator. The token travels in the address's fragment, which the browser never sends.
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { api, must } from "../../api/client";
import { useSession } from "../../auth/session";
import { useApiForm } from "../../lib/useApiForm";
import { Loading } from "../../layout/states";
import { CenteredCard } from "./SignInPage";
import { NewPasswordFields, useNewPassword } from "../../layout/NewPasswordFields";
import { keys } from "../../api/keys";

const fields = ["email", "display_name", "password"] as const;

export function SetupPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const token = new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
  const state = useQuery({ queryKey: keys.setup, queryFn: () => must(api.GET("/v1/setup")) });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const newPassword = useNewPassword();
  const { password } = newPassword;
  const { errors, busy, submit } = useApiForm(fields, async () => {
    newPassword.check();
    signedIn(
      await must(
        api.POST("/v1/setup", {
          body: { setup_token: token, email, display_name: name, password },
        }),
      ),
    );
    navigate("/", { replace: true });
  });

  if (state.isPending) return <Loading />;
  if (state.data && !state.data.needed) {
    return (
      <CenteredCard title="Licensor is set up">
        <Text size="sm">
          An administrator exists.{" "}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
          .
        </Text>
      </CenteredCard>
    );
  }

  return (
    <CenteredCard title="Create the first administrator">
      <form onSubmit={submit} noValidate>
        <Stack>
          {!token && (
            <Alert color="yellow" role="alert">
              Open the setup link licensord printed when it started: it ends in
              <code> /setup#token=…</code>
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <TextInput
            label="Display name"
            description="Shown in the top-right corner of the console"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.display_name}
          />
          <NewPasswordFields value={newPassword} errors={errors} />
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <Button type="submit" loading={busy} disabled={!token}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
