// A filter by day: a date field whose day, in UTC like every time the console shows, stands
// for its first second (`end` false) or its last (`end` true) as the API's RFC 3339 time.
import { useState } from "react";
import { TextInput } from "@mantine/core";
import { formatDay } from "../lib/format";
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
  const [text, setText] = useState(value?.slice(0, 10) ?? "");
  const day = utcDayBound(text, false);
  return (
    <TextInput
      label={`${label} (UTC)`}
      placeholder="2027-01-31"
      w={170}
      value={text}
      description={day ? formatDay(day) : "A day: 2027-01-31"}
      error={text.trim() !== "" && !day ? "Write the day as 2027-01-31" : undefined}
      onChange={(e) => {
        setText(e.currentTarget.value);
        const bound = utcDayBound(e.currentTarget.value, end);
        if (bound || e.currentTarget.value.trim() === "") onChange(bound);
      }}
    />
  );
}
