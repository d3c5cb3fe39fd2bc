// A value to copy (a license code, a token's secret), with a button that copies it.
import { Button, Code, CopyButton, Group } from "@mantine/core";

export function CopyField({ value, label }: { value: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code fz="sm" style={{ wordBreak: "break-all", minWidth: 0 }} data-testid={`copy-${label}`}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="light"
            color={copied ? "teal" : "blue"}
            onClick={copy}
            aria-label={`Copy ${label}`}
            style={{ flexShrink: 0 }} // the value wraps, the button keeps its word
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
