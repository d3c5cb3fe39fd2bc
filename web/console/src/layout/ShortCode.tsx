// A long value in a table cell (a machine's 64-character fingerprint), shortened to its first
// and last characters so that the table keeps its other columns in view. The short form opens
// the whole value; Copy copies the whole value.
import { Button, Code, CopyButton, Group, Popover, UnstyledButton } from "@mantine/core";

const kHead = 8;
const kTail = 4;

function shorten(value: string): string {
  return value.length > kHead + kTail + 4
    ? `${value.slice(0, kHead)}…${value.slice(-kTail)}`
    : value;
}

export function ShortCode({ value, label }: { value: string; label: string }) {
  const short = shorten(value);
  return (
    <Group gap={4} wrap="nowrap" className="nowrap">
      {short === value ? (
        <Code fz="sm">{value}</Code>
      ) : (
        <Popover withArrow shadow="md" width={300} position="bottom-start">
          <Popover.Target>
            <UnstyledButton
              ff="monospace"
              fz="sm"
              title={value}
              aria-label={`${label} ${short}: show it whole`}
            >
              {short}
            </UnstyledButton>
          </Popover.Target>
          <Popover.Dropdown>
            <Code block className="code-whole" aria-label={`The whole ${label}`}>
              {value}
            </Code>
          </Popover.Dropdown>
        </Popover>
      )}
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="subtle"
            color={copied ? "teal" : "blue"}
            onClick={copy}
            aria-label={`Copy the ${label} ${short}`}
            className="keep-width"
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
