// A file an offline machine's tools wrote (a fingerprint request, a deactivation proof), uploaded
// or pasted: the two ways an operator hands it to the console.
import { Button, FileButton, Group, Stack, Text, Textarea } from "@mantine/core";

export function MachineFileField({
  label,
  upload,
  value,
  onChange,
  error,
}: {
  label: string;
  upload: string; // the upload button's words
  value: string;
  onChange: (text: string) => void;
  error?: string;
}) {
  async function choose(file: File | null) {
    if (file) onChange(await file.text());
  }
  return (
    <Stack>
      <Group>
        <FileButton onChange={choose} accept="application/json,.json">
          {(props) => (
            <Button variant="default" {...props}>
              {upload}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          or paste it below
        </Text>
      </Group>
      <Textarea
        label={label}
        autosize
        minRows={4}
        maxRows={12}
        classNames={{ input: "monospace-input" }}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
    </Stack>
  );
}
