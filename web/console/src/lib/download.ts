// Hands text the API returned to the browser as a file download.
export function downloadText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/octet-stream" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by now; the object URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
