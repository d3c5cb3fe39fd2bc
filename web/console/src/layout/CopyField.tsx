// A value to copy (a license code, a token's secret), with a button that copies it.
import { ActionIcon, Code, CopyButton, Group, Tooltip } from "@mantine/core";

export function CopyField({ value, label }: { value: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code fz="sm" style={{ wordBreak: "break-all" }} data-testid={`copy-${label}`}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : `Copy ${label}`} withArrow>
            <ActionIcon
              variant="light"
              color={copied ? "teal" : "blue"}
              onClick={copy}
              aria-label={`Copy ${label}`}
            >
              {copied ? "✓" : "⧉"}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
