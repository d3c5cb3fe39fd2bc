// A new password typed twice, as every page that sets one asks for it: the form is not sent
// while the two differ.
import { useState } from "react";
import { FormError } from "../lib/useApiForm";
import { PasswordField } from "./PasswordField";

export function useNewPassword() {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  return {
    password,
    repeat,
    setPassword,
    setRepeat,
    // Refuses the form, beside the repeated field, when the two differ.
    check() {
      if (password !== repeat) throw new FormError({ repeat: "The two passwords differ." });
    },
  };
}

export function NewPasswordFields({
  value,
  errors,
  label = "Password",
}: {
  value: ReturnType<typeof useNewPassword>;
  errors: Record<string, string | undefined>;
  label?: string;
}) {
  return (
    <>
      <PasswordField
        label={label}
        description="At least 12 characters"
        autoComplete="new-password"
        required
        value={value.password}
        onChange={(e) => value.setPassword(e.currentTarget.value)}
        error={errors.password}
      />
      <PasswordField
        label="Repeat the password"
        autoComplete="new-password"
        required
        value={value.repeat}
        onChange={(e) => value.setRepeat(e.currentTarget.value)}
        error={errors.repeat}
      />
    </>
  );
}
