// An invitation mailed by licensord (/invitation#token=...): its reader chooses the account's
// name and password, then signs in.
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { api, must } from "../../api/client";
import { useApiForm } from "../../lib/useApiForm";
import { NewPasswordFields, useNewPassword } from "../../layout/NewPasswordFields";
import { CenteredCard } from "./SignInPage";
import { useLinkToken } from "./PasswordResetPages";

export function InvitationPage() {
  const token = useLinkToken();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const newPassword = useNewPassword();
  const { errors, busy, submit } = useApiForm(["display_name", "password"], async () => {
    newPassword.check();
    const user = await must(
      api.POST("/v1/auth/invitation", {
        body: { token, display_name: name, password: newPassword.password },
      }),
    );
    navigate("/sign-in", {
      replace: true,
      state: { notice: `Your account is ready: sign in as ${user.email}.` },
    });
  });

  return (
    <CenteredCard title="Create your account">
      <form onSubmit={submit} noValidate>
        <Stack>
          {!token && (
            <Alert color="yellow" role="alert">
              Open the link from the invitation's e-mail: it ends in{" "}
              <code>/invitation#token=…</code>
            </Alert>
          )}
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
            Create account
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
