// "Previous" and "Next" under a paged table.
import { Button, Group, Text } from "@mantine/core";

interface Props {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
}

export function Pager({ page, hasPrevious, hasNext, previous, next }: Props) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <Group justify="flex-end" mt="sm" gap="xs">
      <Text size="sm" c="dimmed">
        Page {page}
      </Text>
      <Button variant="default" size="xs" disabled={!hasPrevious} onClick={previous}>
        Previous
      </Button>
      <Button variant="default" size="xs" disabled={!hasNext} onClick={next}>
        Next
      </Button>
    </Group>
  );
}
