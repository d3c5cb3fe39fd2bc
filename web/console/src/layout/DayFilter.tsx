// A filter by day: a date field whose day, in UTC like every time the console shows, stands
// for its first second (`end` false) or its last (`end` true) as the API's RFC 3339 time.
import { TextInput } from "@mantine/core";
import { utcDayBound } from "../lib/utcField";

export function DayFilter({
  label,
  value,
  end,
  onChange,
}: {
  label: string;
  value: string | undefined;
  end: boolean;
  onChange: (time: string | null) => void;
}) {
  return (
    <TextInput
      label={`${label} (UTC)`}
      type="date"
      w={170}
      value={value?.slice(0, 10) ?? ""}
      onChange={(e) => onChange(utcDayBound(e.currentTarget.value, end))}
    />
  );
}
