// Every TanStack Query key the console caches under, by the server resource it holds. A key is
// a path: invalidating a resource's key also drops everything cached beneath it (a license's
// key covers its machines), so a page that changes a resource names it here once and every
// view of it, on any page, reads it again.
import type { Filters } from "../lib/query";

type Models = readonly string[] | undefined;

export const keys = {
  me: ["me"] as const,
  /** Whether the last session ended without its user signing out here. */
  sessionEnded: ["session-ended"] as const,
  setup: ["setup"] as const,
  stats: {
    overview: ["stats", "overview"] as const,
    daily: ["stats", "daily"] as const,
  },

  licenses: ["licenses"] as const,
  licenseList: (search: string) => ["licenses", search] as const,
  licensesOfCustomer: (customerId: string) => ["licenses", "of-customer", customerId] as const,
  license: (id: string) => ["license", id] as const,
  machines: (licenseId: string, alive: unknown) =>
    ["license", licenseId, "activations", alive] as const,
  offlineMachines: (licenseId: string) => ["license", licenseId, "activations", "offline"] as const,

  products: ["products"] as const,
  allProducts: ["products", "all"] as const,
  policies: ["policies"] as const,
  allPolicies: ["policies", "all"] as const,
  customers: ["customers"] as const,
  allCustomers: ["customers", "all"] as const,
  customersForSelect: ["customers", "all-for-select"] as const,
  customerChildren: (customerId: string) => ["customers", "children", customerId] as const,
  customer: (id: string) => ["customer", id] as const,
  customerOverview: (customerId: string) => ["customer-overview", customerId] as const,

  installations: ["installations"] as const,
  installationsOfCustomer: (customerId: string) =>
    ["installations", "of-customer", customerId] as const,
  installation: (id: string) => ["installation", id] as const,
  installationFiles: (id: string) => ["installation", id, "files"] as const,

  registry: ["registry"] as const,
  registryPlatform: ["registry", "platform"] as const,
  registryUsers: ["registry", "users"] as const,
  registryUploads: ["registry", "uploads"] as const,
  registryReminders: ["registry", "reminders"] as const,
  registryCertificates: ["registry", "certificates"] as const,
  allRegistryCertificates: ["registry", "certificates", "all"] as const,
  registryAgentsPage: ["registry", "agents", "page"] as const,
  allRegistryAgents: ["registry", "agents", "all"] as const,
  reminderRecipients: ["reminder-recipients"] as const,

  cards: ["cards"] as const,
  cardList: (customerId: string | undefined, filters: Filters) =>
    ["cards", customerId ?? "all", filters] as const,
  pickedCards: (from: string, pick: unknown) => ["cards", "picked", from, pick] as const,
  cardTypes: ["card-types"] as const,
  cardCustomers: ["card-customers"] as const,
  cardRecords: ["card-records"] as const,
  cardRecordList: (filter: unknown) => ["card-records", filter] as const,
  cardStatistics: ["card-statistics"] as const,
  cardStatisticsOf: (customerId: string | undefined) =>
    ["card-statistics", customerId ?? "all"] as const,
  deductions: (filter: unknown) => ["deductions", filter] as const,
  devices: ["devices"] as const,
  deviceList: (filter: unknown) => ["devices", filter] as const,
  bindableDevices: (customerId: string, models: Models) =>
    ["devices", "bindable", customerId, models] as const,
  deviceModels: ["device-models"] as const,

  allEvents: ["events"] as const,
  events: (search: string) => ["events", search] as const,
  eventsOf: (type: string, id: string) => ["events", type, id] as const,
  keys: ["keys"] as const,
  tokens: ["tokens"] as const,
  webhooks: ["webhooks"] as const,
  deliveries: (webhookId: string) => ["webhooks", webhookId, "deliveries"] as const,
  users: ["users"] as const,
  invitations: ["invitations"] as const,
};
