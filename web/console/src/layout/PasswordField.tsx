// A password field that tells assistive technology when it holds a refused value: Mantine's
// PasswordInput marks an error only for the eye (TextInput sets aria-invalid itself).
import { PasswordInput, type PasswordInputProps } from "@mantine/core";

export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput {...props} aria-invalid={Boolean(props.error)} />;
}
