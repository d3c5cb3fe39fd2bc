// The two kinds of file a vendor issues for an installation, as every page names them.
export type FileKind = "certificate-package" | "deployment-license";

export const fileKinds: Record<FileKind, { label: string; extension: string; color: string }> = {
  "certificate-package": { label: "Certificate package", extension: "lcs", color: "blue" },
  "deployment-license": { label: "Deployment license", extension: "lic", color: "grape" },
};
