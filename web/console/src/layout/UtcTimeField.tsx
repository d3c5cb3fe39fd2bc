// A time typed as "2027-01-31" or "2027-01-31 08:15", in UTC (lib/utcField), that says below
// what it read in the console's one format, or how to write it.
import { TextInput, type TextInputProps } from "@mantine/core";
import { formatTime } from "../lib/format";
import { fromUtcField } from "../lib/utcField";

export function UtcTimeField({
  value,
  onChange,
  empty,
  error,
  ...props
}: {
  value: string;
  onChange: (value: string) => void;
  // What an empty field means ("never"); without it an empty field only asks for a time.
  empty?: string;
} & Omit<TextInputProps, "value" | "onChange" | "description">) {
  const read = fromUtcField(value);
  const description =
    value.trim() === ""
      ? (empty ?? "A day, 2027-01-31, or a day and a time, 2027-01-31 08:15")
      : read
        ? formatTime(read)
        : undefined;
  const unreadable =
    value.trim() !== "" && !read
      ? "Write a day as 2027-01-31, or a day and a time as 2027-01-31 08:15 (UTC)"
      : undefined;
  return (
    <TextInput
      placeholder="2027-01-31 08:15"
      {...props}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={description}
      error={error ?? unreadable}
    />
  );
}
