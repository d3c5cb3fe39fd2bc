// How many cards a batch operation moves or makes: 1 to 10,000, the API's largest batch.
import { NumberInput } from "@mantine/core";
import { limits } from "../../lib/limits";

export function QuantityInput({
  value,
  onChange,
  error,
  description,
}: {
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string;
  description?: string;
}) {
  return (
    <NumberInput
      label="How many cards"
      description={description}
      min={1}
      max={limits.cardQuantity}
      allowDecimal={false}
      required
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
