// Reading a file an offline machine's tools wrote for the vendor (a fingerprint request, a
// deactivation proof) before it is sent: a file of another kind is named as such beside the
// field rather than as the API's refusal.

export type ParsedFile<T> = { ok: true; value: T } | { ok: false; error: string };

// What a machine writes is a few hundred bytes; anything far larger is not such a file.
const maxFileLength = 64 * 1024;

// The JSON object of `type` in `text`. `kind` names the file in messages ("fingerprint
// request"), `writer` what wrote it ("licensor-fingerprint").
export function parseMachineFile(
  text: string,
  type: string,
  kind: string,
  writer: string,
): ParsedFile<Record<string, unknown>> {
  if (text.length > maxFileLength) {
    return { ok: false, error: `This is far larger than a ${kind} (64 KB at most).` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: `This is not JSON: paste the whole file ${writer} wrote.` };
  }
  if (typeof value !== "object" || value === null || (value as { type?: unknown }).type !== type) {
    return { ok: false, error: `This is JSON, but not a ${type.replace(/-(\w+)$/, " $1")}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
