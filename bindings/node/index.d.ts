// Types of the Licensor client SDK for Node.js (index.js).

/** Every answer of the SDK, with the numbers of licensor.h. */
export declare const Code: {
  readonly VALID: 0; readonly IN_GRACE_PERIOD: 1; readonly OFFLINE_GRACE: 2;
  readonly NOT_ACTIVATED: 10; readonly EXPIRED: 11; readonly NOT_YET_VALID: 12;
  readonly FINGERPRINT_MISMATCH: 13; readonly REFRESH_REQUIRED: 14; readonly CLOCK_TAMPERED: 15;
  readonly REPLAYED: 16; readonly FEATURE_MISSING: 17; readonly MALFORMED: 20;
  readonly UNSUPPORTED_VERSION: 21; readonly UNSUPPORTED_ALGORITHM: 22; readonly UNKNOWN_KEY: 23;
  readonly RETIRED_KEY: 24; readonly BAD_SIGNATURE: 25; readonly BAD_PAYLOAD: 26;
  readonly CANNOT_DECRYPT: 27; readonly WRONG_LICENSE: 28; readonly WRONG_PRODUCT: 29;
  readonly SERVER_UNREACHABLE: 30; readonly LICENSE_NOT_FOUND: 31; readonly LICENSE_NOT_ACTIVE: 32;
  readonly ACTIVATION_LIMIT_REACHED: 33; readonly SERVER_REFUSED: 34; readonly DEACTIVATED: 35;
  readonly RELEASED: 36; readonly LICENSE_SUSPENDED: 37; readonly LICENSE_REVOKED: 38;
  readonly INVALID_ARGUMENT: 40; readonly IO_ERROR: 41;
};
export type Code = (typeof Code)[keyof typeof Code];

export declare const LogLevel: { readonly DEBUG: 0; readonly INFO: 1; readonly WARNING: 2; readonly ERROR: 3 };
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

export interface ClientOptions {
  /** This product's id on the license server: required. */
  productId: string;
  /** Where the license file and the state are kept; must be writable. */
  dataDir: string;
  /** The vendor's public keys file (licensorctl keys public). */
  publicKeysJson: string;
  /** The license server; empty: offline only. */
  serverUrl?: string;
  licenseCode?: string;
  clockToleranceS?: number;
  /** Each request's limit to connect, and again for the exchange (10,000). */
  httpTimeoutMs?: number;
  /** This machine's components instead of those read from it. */
  components?: Record<string, string>;
  /** The sentences detail() gives, by code, instead of the English ones. */
  messages?: Partial<Record<Code, string>>;
  proxyUrl?: string;
  proxyUser?: string;
  proxyPassword?: string;
  caFile?: string;
  /** "sha256//<base64>", several separated by ';'. */
  pinnedPublicKey?: string;
}

/** What the loaded license says; times are Unix seconds, null when there is none. */
export interface LicenseInfo {
  loaded: boolean;
  licenseId?: string;
  productName?: string;
  customerName?: string;
  mode?: 'ONLINE' | 'OFFLINE' | 'HYBRID';
  version?: number;
  features?: string[];
  differingComponents?: string[];
  heartbeatIntervalS?: number | null;
  issuedAt?: number;
  expiresAt?: number | null;
  expiryGraceEndsAt?: number | null;
  refreshBy?: number | null;
  offlineGraceEndsAt?: number | null;
  daysLeft?: number | null;
  /** A trial license: expiresAt is the trial's end. */
  trial?: boolean;
}

export declare class LicensorError extends Error {
  readonly code: Code;
}

export declare class Client {
  constructor(options: ClientOptions);
  activate(): Promise<Code>;
  validate(): Code;
  hasFeature(feature: string): boolean;
  deactivate(): Promise<Code>;
  /** Forgets the file and writes a deactivation proof for the vendor to upload. */
  deactivateOffline(proofPath: string): Code;
  loadLicenseFile(path: string): Code;
  applyBundle(path: string): Code;
  refresh(): Promise<Code>;
  heartbeatOnce(): Promise<Code>;
  startHeartbeat(): void;
  stopHeartbeat(): Promise<void>;
  readonly fingerprint: string;
  detail(): string;
  cause(): string;
  readonly info: LicenseInfo;
  setLogger(logger: ((level: LogLevel, message: string) => void) | null): void;
  onStateChange(listener: ((previous: Code, current: Code) => void) | null): void;
  close(): Promise<void>;
}

export declare function isValid(code: Code): boolean;
/** This machine as the SDK reads it; add a component to `components` and pass them to Client. */
export declare function collectMachine(): {
  fingerprint: string;
  components: Record<string, string>;
  hostname: string;
  platform: string;
  virtualization: string;
};
/** NOT_ACTIVATED, RELEASED, ACTIVATION_LIMIT_REACHED: no file here, and activate() may succeed now. */
export declare function needsActivation(code: Code): boolean;
export declare function codeMessage(code: Code): string;
export declare function codeName(code: Code): string;
