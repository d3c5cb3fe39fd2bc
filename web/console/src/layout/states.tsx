// What a page shows while it loads, when a list is empty, and when the API refused.
import type { ReactNode } from "react";
import { Alert, Center, Loader, Stack, Text } from "@mantine/core";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Center py="xl">
      <Text c="dimmed" size="sm">
        {children}
      </Text>
    </Center>
  );
}

export function Failure({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title="The request failed" role="alert">
      {message}
    </Alert>
  );
}
