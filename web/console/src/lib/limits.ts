// The bounds the server enforces on what the forms send, each written once. They are the
// OpenAPI document's bounds (the generated types carry no numbers), and limits.test.ts checks
// every one against docs/openapi.json, so a limit changed on the server fails the console's
// tests until it changes here too.
export const limits = {
  /** Days a license, policy, certificate or card type may run. */
  validityDays: 36_500,
  maxActivations: 1_000_000,
  expiryGraceDays: 365,
  /** Heartbeat intervals and graces, in seconds: a year. */
  intervalSeconds: 31_536_000,
  minHeartbeatSeconds: 10,
  matchingComponents: 16,
  /** Cards issued, sold or returned by one request. */
  cardQuantity: 10_000,
  descriptionLength: 500,
  skuLength: 64,
  /** A deployment license's users and agents. */
  deploymentCount: 100_000_000,
} as const;

export type Limit = keyof typeof limits;
