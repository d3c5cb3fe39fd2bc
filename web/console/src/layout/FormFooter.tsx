// The end of every form: the refusal that names no field, and the submit button.
import { Alert, Button, Group } from "@mantine/core";

export function FormFooter({
  error,
  busy,
  label,
  disabled,
}: {
  error?: string;
  busy: boolean;
  label: string;
  disabled?: boolean;
}) {
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button type="submit" loading={busy} disabled={disabled}>
          {label}
        </Button>
      </Group>
    </>
  );
}
