// Every stored field of every entity written and read back, on both stores. Each entity is
// filled with a value other than its default in every column (checked through the table's
// column list, so a field added to the table and not here fails), then inserted, read, listed,
// updated to other values and read again.
#include <gtest/gtest.h>

#include <functional>
#include <span>

#include "storage/store_conformance_fixture.hpp"
#include "storage/tables.hpp"

namespace licensor::storage {
namespace {

using namespace core;

// Every column of `filled` holds something other than a default-made entity's value.
template <typename E>
void ExpectEveryColumnSet(const E& filled, std::span<const Column<E>> columns) {
  const E blank{};
  for (const Column<E>& c : columns) {
    EXPECT_NE(c.write(filled), c.write(blank)) << c.name << " is left at its default";
  }
}

ApiToken FilledToken(const std::string& customer_id) {
  return ApiToken{"tok_fields", "ci",       Role::kCustomerAdmin, "hash-of-secret",
                  1798761601,   1798761602, customer_id};
}

Product FilledProduct(int variant) {
  return Product{"prod_fields", "Product " + std::to_string(variant), 1798761600 + variant,
                 1798762600 + variant};
}

Customer FilledCustomer(const std::string& parent_id, int variant) {
  return Customer{"cus_fields",
                  "Customer " + std::to_string(variant),
                  "c@example.com",
                  parent_id,
                  1798761600 + variant,
                  1798762600 + variant,
                  true};
}

Policy FilledPolicy(int variant) {
  Policy p;
  p.id = "pol_fields";
  p.product_id = "prod_fields";
  p.name = "Policy " + std::to_string(variant);
  p.description = "For resellers, variant " + std::to_string(variant);
  p.sku = "WS-RESELLER-" + std::to_string(variant);
  p.duration_days = 30 + variant;
  p.validity_basis = ValidityBasis::kFromFirstActivation;
  p.max_activations = 5 + variant;
  p.features = {"export", "f" + std::to_string(variant)};
  p.deployment_mode = variant % 2 ? DeploymentMode::kHybrid : DeploymentMode::kOffline;
  p.trial = true;
  p.heartbeat_interval_s = 3600 + variant;
  p.heartbeat_grace_s = 600 + variant;
  p.offline_grace_s = 86400 + variant;
  p.dead_activation = DeadActivationAction::kRelease;
  p.fingerprint_rule = FingerprintRule{{"mac", "cpu"}, 1 + variant};
  p.expiry_grace_days = 7 + variant;
  p.created_at = 1798761600 + variant;
  p.updated_at = 1798762600 + variant;
  return p;
}

License FilledLicense(int variant) {
  License l;
  l.id = "lic_fields";
  l.code = "LIC-FIELDS-" + std::to_string(variant);
  l.policy_id = "pol_fields";
  l.product_id = "prod_fields";
  l.customer_id = "cus_fields";
  l.status = variant % 2 ? LicenseStatus::kSuspended : LicenseStatus::kRevoked;
  l.duration_days = 90 + variant;
  l.validity_basis = ValidityBasis::kFromFirstActivation;
  l.expires_at = 1800000000 + variant;
  l.max_activations = 3 + variant;
  l.features = {"export", "f" + std::to_string(variant)};
  l.version = 4 + variant;
  l.first_activated_at = 1798765000 + variant;
  l.created_at = 1798761600 + variant;
  l.updated_at = 1798762600 + variant;
  return l;  // activations_count and pending_sync: the store's own, from the activations
}

Activation FilledActivation(int variant) {
  Activation a;
  a.id = "act_fields";
  a.license_id = "lic_fields";
  a.fingerprint = "fp-" + std::to_string(variant);
  a.components = {{"mac", "aa:bb:" + std::to_string(variant)}, {"cpu", "x86"}};
  a.hostname = "host-" + std::to_string(variant);
  a.platform = "linux-x86_64";
  a.state = ActivationState::kDead;
  a.fetched_version = 2 + variant;
  a.activated_at = 1798763000 + variant;
  a.last_seen_at = 1798764000 + variant;
  a.offline = true;
  return a;
}

class StoreFields : public StoreConformance {
 protected:
  void Write(const std::function<Status(StoreTx&)>& f) {
    const Status s = store_->Write(f);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  template <typename T>
  T ReadBack(const std::function<Result<std::optional<T>>(StoreTx&)>& get) {
    std::optional<T> found;
    const Status s = store_->Read([&](StoreTx& tx) {
      LICENSOR_ASSIGN_OR_RETURN(found, get(tx));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    EXPECT_TRUE(found.has_value());
    return found.value_or(T{});
  }
  template <typename T>
  std::vector<T> ListAll(const std::function<Result<Page<T>>(StoreTx&)>& list) {
    std::vector<T> items;
    const Status s = store_->Read([&](StoreTx& tx) {
      LICENSOR_ASSIGN_OR_RETURN(auto page, list(tx));
      items = std::move(page.items);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return items;
  }
};

TEST_F(StoreFields, EveryCatalogueFieldIsWrittenAndReadBack) {
  const Customer parent{"cus_parent", "Parent", "", std::nullopt, 1, 1, false};
  const Customer customer = FilledCustomer(parent.id, 1);
  const Product product = FilledProduct(1);
  const Policy policy = FilledPolicy(1);
  const ApiToken token = FilledToken(customer.id);
  ExpectEveryColumnSet<Customer>(customer, tables::kCustomers);
  ExpectEveryColumnSet<Product>(product, tables::kProducts);
  ExpectEveryColumnSet<Policy>(policy, tables::kPolicies);
  ExpectEveryColumnSet<ApiToken>(token, tables::kTokens);

  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(parent));
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(customer));
    LICENSOR_RETURN_IF_ERROR(tx.InsertProduct(product));
    LICENSOR_RETURN_IF_ERROR(tx.InsertPolicy(policy));
    return tx.InsertToken(token);
  });
  EXPECT_EQ(ReadBack<Customer>([&](StoreTx& tx) { return tx.GetCustomer(customer.id); }), customer);
  EXPECT_EQ(ReadBack<Product>([&](StoreTx& tx) { return tx.GetProduct(product.id); }), product);
  EXPECT_EQ(ReadBack<Policy>([&](StoreTx& tx) { return tx.GetPolicy(policy.id); }), policy);
  EXPECT_EQ(ReadBack<ApiToken>([&](StoreTx& tx) { return tx.GetToken(token.id); }), token);
  EXPECT_EQ(ReadBack<ApiToken>([&](StoreTx& tx) { return tx.FindTokenByHash(token.hash); }), token);

  // The lists read through the same column lists.
  const PageRequest all{0, 10};
  EXPECT_EQ(ListAll<Customer>([&](StoreTx& tx) { return tx.ListCustomers(parent.id, all); }),
            std::vector<Customer>{customer});
  EXPECT_EQ(ListAll<Product>([&](StoreTx& tx) { return tx.ListProducts(all); }),
            std::vector<Product>{product});
  EXPECT_EQ(ListAll<Policy>([&](StoreTx& tx) {
              return tx.ListPolicies({product.id, {}}, all);
            }),
            std::vector<Policy>{policy});
  EXPECT_EQ(ListAll<Policy>([&](StoreTx& tx) {
              return tx.ListPolicies({{}, policy.sku}, all);
            }),
            std::vector<Policy>{policy});
  EXPECT_EQ(ListAll<Policy>([&](StoreTx& tx) {
              return tx.ListPolicies({product.id, "OTHER-SKU"}, all);
            }),
            std::vector<Policy>{});
  EXPECT_EQ(ListAll<ApiToken>([&](StoreTx& tx) { return tx.ListTokens(all); }),
            std::vector<ApiToken>{token});

  // An update writes every column again.
  const Customer customer2 = FilledCustomer(parent.id, 2);
  const Product product2 = FilledProduct(2);
  const Policy policy2 = FilledPolicy(2);
  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.UpdateCustomer(customer2));
    LICENSOR_RETURN_IF_ERROR(tx.UpdateProduct(product2));
    return tx.UpdatePolicy(policy2);
  });
  EXPECT_EQ(ReadBack<Customer>([&](StoreTx& tx) { return tx.GetCustomer(customer.id); }),
            customer2);
  EXPECT_EQ(ReadBack<Product>([&](StoreTx& tx) { return tx.GetProduct(product.id); }), product2);
  EXPECT_EQ(ReadBack<Policy>([&](StoreTx& tx) { return tx.GetPolicy(policy.id); }), policy2);
}

TEST_F(StoreFields, EveryLicensingFieldIsWrittenAndReadBack) {
  const Customer customer = FilledCustomer("cus_fields", 1);
  Customer parentless = customer;
  parentless.parent_id.reset();
  const License license = FilledLicense(1);
  const Activation activation = FilledActivation(1);
  const Installation installation{"inst_fields", customer.id,      "tenant-7", "UAT",
                                  "Plant 7",     "ENV-UAT-FIELDS", 1798761601};
  const InstallationFile file{"pkg_fields", installation.id, "certificate-package", 3,
                              1798761602,   "tok_admin",     "-----BEGIN-----"};
  ExpectEveryColumnSet<License>(license, tables::kLicenses);
  ExpectEveryColumnSet<Activation>(activation, tables::kActivations);
  ExpectEveryColumnSet<Installation>(installation, tables::kInstallations);
  ExpectEveryColumnSet<InstallationFile>(file, tables::kInstallationFiles);

  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(parentless));
    LICENSOR_RETURN_IF_ERROR(tx.InsertProduct(FilledProduct(1)));
    LICENSOR_RETURN_IF_ERROR(tx.InsertPolicy(FilledPolicy(1)));
    LICENSOR_RETURN_IF_ERROR(tx.InsertLicense(license));
    LICENSOR_RETURN_IF_ERROR(tx.InsertActivation(activation));
    LICENSOR_RETURN_IF_ERROR(tx.InsertInstallation(installation));
    return tx.InsertInstallationFile(file);
  });
  // The derived fields: one activation, which has fetched version 3 of version 5.
  License counted = license;
  counted.activations_count = 1;
  counted.pending_sync = true;
  EXPECT_EQ(ReadBack<License>([&](StoreTx& tx) { return tx.GetLicense(license.id); }), counted);
  EXPECT_EQ(ReadBack<License>([&](StoreTx& tx) { return tx.GetLicenseByCode(license.code); }),
            counted);
  EXPECT_EQ(ListAll<License>([&](StoreTx& tx) { return tx.ListLicenses({}, PageRequest{}); }),
            std::vector<License>{counted});
  EXPECT_EQ(ReadBack<Activation>([&](StoreTx& tx) { return tx.GetActivation(activation.id); }),
            activation);
  EXPECT_EQ(ReadBack<Activation>(
                [&](StoreTx& tx) { return tx.FindActivation(license.id, activation.fingerprint); }),
            activation);
  EXPECT_EQ(
      ReadBack<Installation>([&](StoreTx& tx) { return tx.GetInstallation(installation.id); }),
      installation);
  EXPECT_EQ(ListAll<InstallationFile>([&](StoreTx& tx) {
              return tx.ListInstallationFiles(installation.id, PageRequest{});
            }),
            std::vector<InstallationFile>{file});

  const License license2 = FilledLicense(2);
  const Activation activation2 = FilledActivation(2);
  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.UpdateLicense(license2));
    return tx.UpdateActivation(activation2);
  });
  counted = license2;
  counted.activations_count = 1;
  counted.pending_sync = true;  // version 6, fetched 4
  EXPECT_EQ(ReadBack<License>([&](StoreTx& tx) { return tx.GetLicense(license.id); }), counted);
  EXPECT_EQ(ReadBack<Activation>([&](StoreTx& tx) { return tx.GetActivation(activation.id); }),
            activation2);
}

TEST_F(StoreFields, EveryDayCardFieldIsWrittenAndReadBack) {
  const Customer customer = FilledCustomer("cus_parent", 1);
  const Customer parent{"cus_parent", "Parent", "", std::nullopt, 1, 1, false};
  const DeviceModel model{0, "mdl_fields", "T-800", 1798761601};
  const CardType type{0, "ctp_fields", "DAY30", "Thirty days", {"T-800", "T-1000"}, 30, 1798761602};
  const Device device{0,           "dev_fields", "SN-0001",  "T-800",    customer.id,
                      "cred-hash", true,         1798761603, 1798800000, 1798761604};
  const Card card{0,          "crd_fields", "CARD-0001", "DAY30",     30,   29,
                  1798761605, "SN-0001",    1798761606,  customer.id, true, 1798761607};
  const CardRecord record{0,           "rec_fields", "CARD-0001", "DAY30",     "SELL",    parent.id,
                          customer.id, "SN-0001",    3,           "tok_admin", 1798761608};
  ExpectEveryColumnSet<DeviceModel>(model, tables::kDeviceModels);
  ExpectEveryColumnSet<CardType>(type, tables::kCardTypes);
  ExpectEveryColumnSet<Device>(device, tables::kDevices);
  ExpectEveryColumnSet<Card>(card, tables::kCards);
  ExpectEveryColumnSet<CardRecord>(record, tables::kCardRecords);

  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(parent));
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(customer));
    LICENSOR_RETURN_IF_ERROR(tx.InsertDeviceModel(model));
    LICENSOR_RETURN_IF_ERROR(tx.InsertCardType(type));
    LICENSOR_RETURN_IF_ERROR(tx.InsertDevice(device));
    LICENSOR_RETURN_IF_ERROR(tx.InsertCard(card));
    return tx.InsertCardRecord(record);
  });
  // Each read answers the store's seq too; the rest is as written.
  auto without_seq = [](auto row) {
    row.seq = 0;
    return row;
  };
  EXPECT_EQ(without_seq(
                ReadBack<DeviceModel>([&](StoreTx& tx) { return tx.GetDeviceModel(model.name); })),
            model);
  EXPECT_EQ(without_seq(ReadBack<CardType>([&](StoreTx& tx) { return tx.GetCardType(type.code); })),
            type);
  // The device is blacklisted, so its card does not pay: the usage time stays the device's.
  EXPECT_EQ(without_seq(ReadBack<Device>([&](StoreTx& tx) { return tx.GetDevice(device.number); })),
            device);
  EXPECT_EQ(without_seq(ReadBack<Card>([&](StoreTx& tx) { return tx.GetCard(card.number); })),
            card);
  const auto records = ListAll<CardRecord>(
      [&](StoreTx& tx) { return tx.ListCardRecords(CardRecordFilter{}, PageRequest{}); });
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(without_seq(records.front()), record);
}

TEST_F(StoreFields, EveryAccountFieldIsWrittenAndReadBack) {
  const Customer customer = FilledCustomer("cus_parent", 1);
  const Customer parent{"cus_parent", "Parent", "", std::nullopt, 1, 1, false};
  const User user{"usr_fields", "Ada@Example.com", "Ada",      Role::kCustomerAdmin, customer.id,
                  true,         "$argon2id$hash",  1798761601, 1798761602,           1798761603};
  const Session session{"session-hash", user.id, 1798761604, 1798761605};
  const DailyCount count{20454, "validation", "VALID", 7};
  ExpectEveryColumnSet<User>(user, tables::kUsers);
  ExpectEveryColumnSet<Session>(session, tables::kSessions);
  ExpectEveryColumnSet<DailyCount>(count, tables::kDailyCounts);
  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(parent));
    LICENSOR_RETURN_IF_ERROR(tx.InsertCustomer(customer));
    LICENSOR_RETURN_IF_ERROR(tx.InsertUser(user));
    LICENSOR_RETURN_IF_ERROR(tx.InsertSession(session));
    return tx.AddDailyCount(count);
  });
  EXPECT_EQ(ReadBack<User>([&](StoreTx& tx) { return tx.GetUser(user.id); }), user);
  // Found by the folded email, which the store keeps from the email as written.
  EXPECT_EQ(ReadBack<User>([&](StoreTx& tx) { return tx.FindUserByEmail("ada@example.com"); }),
            user);
  EXPECT_EQ(ReadBack<Session>([&](StoreTx& tx) { return tx.FindSession(session.hash); }), session);
  std::vector<DailyCount> counts;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) {
                    LICENSOR_ASSIGN_OR_RETURN(counts, tx.ListDailyCounts(20454, 20454));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(counts, std::vector<DailyCount>{count});

  User changed = user;
  changed.email = "ada@other.example";
  changed.display_name = "Ada L.";
  changed.role = Role::kCustomerViewer;
  changed.disabled = false;
  changed.last_login_at.reset();
  Write([&](StoreTx& tx) { return tx.UpdateUser(changed); });
  EXPECT_EQ(ReadBack<User>([&](StoreTx& tx) { return tx.GetUser(user.id); }), changed);
  EXPECT_EQ(ReadBack<User>([&](StoreTx& tx) { return tx.FindUserByEmail("ada@other.example"); }),
            changed);
}

TEST_F(StoreFields, EveryRegistryFieldIsWrittenAndReadBack) {
  RegistryEntry entry{0, 1798761601, "tok_admin", "upload", R"({"package":"pkg_1"})"};
  const RegistryReminder reminder{0,          "rem_fields", "agent",    "agt_7", "Agent 7",
                                  1800000000, 15,           1798761602, false};
  const Webhook webhook{0,           "whk_fields", "https://hooks.example/x", "secret", 1798761603,
                        "tok_admin", 1798761604};
  const WebhookDelivery delivery{
      0, "dlv_fields", webhook.id, "evt_1",    "registry.reminder", "{}", "FAILED",
      5, 1798761605,   1798761606, "HTTP 500", 1798761607};
  ExpectEveryColumnSet<RegistryEntry>(entry, tables::kRegistryLog);
  ExpectEveryColumnSet<RegistryReminder>(reminder, tables::kRegistryReminders);
  ExpectEveryColumnSet<Webhook>(webhook, tables::kWebhooks);
  ExpectEveryColumnSet<WebhookDelivery>(delivery, tables::kWebhookDeliveries);
  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.AppendRegistryEntry(entry));  // assigns its seq
    LICENSOR_ASSIGN_OR_RETURN(const bool recorded, tx.InsertRegistryReminder(reminder));
    EXPECT_TRUE(recorded);
    LICENSOR_RETURN_IF_ERROR(tx.InsertWebhook(webhook));
    return tx.InsertWebhookDelivery(delivery);
  });
  std::vector<RegistryEntry> entries;
  ASSERT_TRUE(store_
                  ->Read([&](StoreTx& tx) {
                    LICENSOR_ASSIGN_OR_RETURN(entries, tx.ListRegistryEntries(0, 10));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(entries, std::vector<RegistryEntry>{entry});
  auto without_seq = [](auto row) {
    row.seq = 0;
    return row;
  };
  const auto reminders = ListAll<RegistryReminder>(
      [&](StoreTx& tx) { return tx.ListRegistryReminders(true, PageRequest{}); });
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(without_seq(reminders.front()), reminder);
  EXPECT_EQ(without_seq(ReadBack<Webhook>([&](StoreTx& tx) { return tx.GetWebhook(webhook.id); })),
            webhook);
  const auto deliveries = ListAll<WebhookDelivery>(
      [&](StoreTx& tx) { return tx.ListWebhookDeliveries(webhook.id, PageRequest{}); });
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(without_seq(deliveries.front()), delivery);
}

TEST_F(StoreFields, EveryAuditFieldIsWrittenAndReadBack) {
  Event event;
  event.id = "evt_fields";
  event.at = 1798761601;
  event.actor = "tok_admin";
  event.action = "policy.updated";
  event.resource_type = "policy";
  event.resource_id = "pol_fields";
  event.before = R"({"name":"a"})";
  event.after = R"({"name":"b"})";
  event.address = "203.0.113.7";
  ExpectEveryColumnSet<Event>(event, tables::kEvents);
  Write([&](StoreTx& tx) { return tx.AppendEvent(event); });  // assigns its seq
  EXPECT_NE(event.seq, 0);
  EXPECT_EQ(ListAll<Event>([&](StoreTx& tx) { return tx.ListEvents({}, PageRequest{}); }),
            std::vector<Event>{event});
}

TEST_F(StoreFields, AbsentOptionalFieldsReadBackAbsent) {
  Policy policy = FilledPolicy(1);
  policy.duration_days.reset();
  policy.heartbeat_interval_s.reset();
  policy.offline_grace_s.reset();
  policy.features.clear();
  policy.fingerprint_rule = {};
  Write([&](StoreTx& tx) {
    LICENSOR_RETURN_IF_ERROR(tx.InsertProduct(FilledProduct(1)));
    return tx.InsertPolicy(policy);
  });
  EXPECT_EQ(ReadBack<Policy>([&](StoreTx& tx) { return tx.GetPolicy(policy.id); }), policy);
}

}  // namespace
}  // namespace licensor::storage
