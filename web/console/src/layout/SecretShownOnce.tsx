// A secret the API returns only when it is made (a token, a webhook's signing key): what it is
// for, the secret ready to copy, and "Done". Licensor keeps no way to show it again.
import type { ReactNode } from "react";
import { Button, Group, Stack, Text } from "@mantine/core";
import { CopyField } from "./CopyField";

export function SecretShownOnce({
  secret,
  label,
  onDone,
  children,
}: {
  secret: string;
  label: string;
  onDone: () => void;
  children: ReactNode;
}) {
  return (
    <Stack>
      <Text size="sm">{children}</Text>
      <CopyField value={secret} label={label} />
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
