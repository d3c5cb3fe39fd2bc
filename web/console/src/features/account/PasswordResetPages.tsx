// A forgotten password: ask for a link by e-mail (/forgot-password), then choose a new password
// with it (/reset-password#token=...). The API answers every address alike, and so does this
// page. The token travels in the address's fragment, which the browser never sends.
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { api, must } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { NewPasswordFields, useNewPassword } from "../../layout/NewPasswordFields";
import { CenteredCard } from "./SignInPage";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const { errors, busy, submit } = useApiForm(["email"], async () => {
    const answer = await must(api.POST("/v1/auth/password-reset", { body: { email } }));
    setSent(answer.message);
  });

  return (
    <CenteredCard title="Forgot your password?">
      {sent ? (
        <Stack>
          <Alert color="green" role="status">
            Done: {sent}.
          </Alert>
          <Anchor component={Link} to="/sign-in" size="sm">
            Back to sign-in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              Enter your account's email address: a link to choose a new password is sent to it.
            </Text>
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            {errors.form && (
              <Alert color="red" role="alert">
                {errors.form}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              Send the link
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign-in
            </Anchor>
          </Stack>
        </form>
      )}
    </CenteredCard>
  );
}

// The token of a link mailed by licensord, from the address's fragment.
export function useLinkToken() {
  const location = useLocation();
  return new URLSearchParams(location.hash.slice(1)).get("token") ?? "";
}

export function ResetPasswordPage() {
  const token = useLinkToken();
  const navigate = useNavigate();
  const newPassword = useNewPassword();
  const { errors, busy, submit } = useApiForm(["password"], async () => {
    newPassword.check();
    await must(
      api.POST("/v1/auth/password-reset/complete", {
        body: { token, password: newPassword.password },
      }),
    );
    navigate("/sign-in", {
      replace: true,
      state: { notice: "Your password is changed: sign in with it." },
    });
  });

  return (
    <CenteredCard title="Choose a new password">
      <form onSubmit={submit} noValidate>
        <Stack>
          {!token && (
            <Alert color="yellow" role="alert">
              Open the link from the e-mail: it ends in <code>/reset-password#token=…</code>
            </Alert>
          )}
          <NewPasswordFields value={newPassword} errors={errors} label="New password" />
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}{" "}
              <Anchor component={Link} to="/forgot-password">
                Ask for a new link
              </Anchor>
            </Alert>
          )}
          <Button type="submit" loading={busy} disabled={!token}>
            Change password
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
