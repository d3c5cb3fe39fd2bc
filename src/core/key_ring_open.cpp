// Opening the store's key ring, and creating it on the store's first start: from the keys
// directory an earlier release wrote when there is one, else with new keys.
#include <algorithm>
#include <optional>

#include "core/audit.hpp"
#include "core/key_ring.hpp"
#include "core/key_ring_records.hpp"
#include "crypto/key_directory.hpp"
#include "crypto/random.hpp"

namespace licensor::core {
namespace {

constexpr const char* kSystemActor = "system";

std::string_view Bytes(const KeyRing::TokenKey& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

// A ring as first written to the store.
struct NewRing {
  KeyRingRecord ring;
  std::vector<SigningKeyRecord> keys;
  Json event;  // what the audit log records of it
};

NewRing BuildRing(const crypto::MasterKey& master, UnixSeconds now,
                  const std::optional<crypto::KeysDirectory>& from, const std::string& dir) {
  NewRing out;
  Json imported = Json::array();
  Json retired = Json::array();
  if (from) {
    for (const crypto::SigningKey& key : from->signing_keys) {
      const bool is_retired = std::find(from->retired_ids.begin(), from->retired_ids.end(),
                                        key.key_id) != from->retired_ids.end();
      const char* state = key.key_id == from->current_id ? kKeyCurrent
                          : is_retired                   ? kKeyRetired
                                                         : kKeyActive;
      SigningKeyRecord record = SealedRecord(master, key, state, now);
      if (is_retired && key.key_id != from->current_id) {
        record.sealed_secret.clear();  // retired before: its secret is not kept
        record.retired_at = now;
        retired.push_back(key.key_id);
      }
      imported.push_back(key.key_id);
      out.keys.push_back(std::move(record));
    }
  }
  if (out.keys.empty()) {
    out.keys.push_back(SealedRecord(master, crypto::NewSigningKey(), kKeyCurrent, now));
  }
  const KeyRing::TokenKey token_key =
      from && from->token_key ? *from->token_key : crypto::NewKey32();
  out.ring.generation = 1;
  out.ring.master_key_id = master.Id();
  out.ring.sealed_token_key = master.Seal(Bytes(token_key), kTokenKeyContext);
  out.ring.created_at = now;
  out.ring.imported_from = from ? dir : "";
  out.event =
      Json{{"master_key_id", out.ring.master_key_id},
           {"signing_keys", imported.empty() ? Json::array({out.keys.front().id}) : imported}};
  if (from) {
    out.event["imported_from"] = dir;
    out.event["retired"] = retired;
    out.event["token_key_imported"] = from->token_key.has_value();
  }
  return out;
}

const std::string& CurrentOf(const std::vector<SigningKeyRecord>& keys) {
  for (const SigningKeyRecord& key : keys) {
    if (key.state == kKeyCurrent) return key.id;
  }
  return keys.front().id;  // unreachable: BuildRing always makes one current
}

// The token key, once the ring is shown to be sealed under `master`.
Result<KeyRing::TokenKey> OpenTokenKey(const crypto::MasterKey& master, const KeyRingRecord& ring) {
  const std::string advice =
      "Start licensord with the master key the store was created with (--master-key-file, or "
      "LICENSOR_MASTER_KEY); every node of a deployment needs the same one.";
  if (ring.master_key_id != master.Id()) {
    return Status::Forbidden("the master key (id " + master.Id() +
                             ") is not the one this store's keys are sealed with (id " +
                             ring.master_key_id + "). " + advice);
  }
  auto secret = master.Open(ring.sealed_token_key, kTokenKeyContext);
  KeyRing::TokenKey key{};
  if (!secret.ok() || secret->size() != key.size()) {
    return Status::Forbidden(
        "the store's token key does not open with the master key: it was "
        "altered, or sealed by another key. " +
        advice);
  }
  std::copy(secret->begin(), secret->end(), key.begin());
  crypto::Wipe(*secret);
  return key;
}

// True when every key of `dir` is already in the store, as after an import whose files could
// not all be removed.
bool AlreadyImported(const crypto::KeysDirectory& dir,
                     const std::vector<crypto::PublicKeyInfo>& keys,
                     const KeyRing::TokenKey& token_key) {
  const bool keys_known = std::all_of(
      dir.signing_keys.begin(), dir.signing_keys.end(), [&](const crypto::SigningKey& key) {
        return std::any_of(keys.begin(), keys.end(), [&](const crypto::PublicKeyInfo& known) {
          return known.key_id == key.key_id;
        });
      });
  return keys_known && (!dir.token_key || *dir.token_key == token_key);
}

}  // namespace

Result<std::unique_ptr<KeyRing>> KeyRing::Open(Store& store, const Clock& clock,
                                               const crypto::MasterKey& master,
                                               const std::string& data_dir, std::string& report) {
  std::unique_ptr<KeyRing> ring(new KeyRing(store, clock, master));
  const std::string dir = data_dir + "/keys";
  LICENSOR_ASSIGN_OR_RETURN(const auto files, crypto::ReadKeysDirectory(data_dir));

  // Two nodes may start on a new store at once: one creates the ring, the other finds it.
  bool created = false;
  std::size_t retired = 0;
  for (int attempt = 0; attempt < 2 && !created; ++attempt) {
    LICENSOR_ASSIGN_OR_RETURN(const auto existing,
                              ReadValue<std::optional<KeyRingRecord>>(
                                  store, [](StoreTx& tx) { return tx.GetKeyRing(); }));
    if (existing) break;
    const NewRing fresh = BuildRing(master, clock.Now(), files, dir);
    const Status written = store.Write([&](StoreTx& tx) -> Status {
      LICENSOR_RETURN_IF_ERROR(tx.InsertKeyRing(fresh.ring));
      for (const SigningKeyRecord& key : fresh.keys) {
        LICENSOR_RETURN_IF_ERROR(tx.InsertSigningKey(key));
      }
      const std::string& current = CurrentOf(fresh.keys);
      return RecordEvent(tx, fresh.ring.created_at, kSystemActor,
                         files ? "key.imported" : "key.created", "key", current, nullptr,
                         fresh.event);
    });
    if (written.code() == ErrorCode::kConflict) continue;  // another node was first
    LICENSOR_RETURN_IF_ERROR(written);
    created = true;
    retired = fresh.event.value("retired", Json::array()).size();
  }

  LICENSOR_ASSIGN_OR_RETURN(const auto record, ReadValue<KeyRingRecord>(store, [](StoreTx& tx) {
                              return Require(tx.GetKeyRing(), "key ring");
                            }));
  LICENSOR_ASSIGN_OR_RETURN(ring->token_key_, OpenTokenKey(master, record));
  LICENSOR_RETURN_IF_ERROR(ring->Reload());

  const auto keys = ring->Cached()->keys;
  if (created && files) {
    LICENSOR_RETURN_IF_ERROR(crypto::RemoveKeysDirectory(data_dir, *files));
    report = "imported " + std::to_string(files->signing_keys.size()) + " signing key(s) (" +
             std::to_string(retired) + " retired, their secrets destroyed)" +
             (files->token_key ? " and the token key" : "") + " from " + dir +
             " into the store, sealed under master key " + master.Id() + "; removed the files";
  } else if (created) {
    report = "created the store's keys, sealed under master key " + master.Id() + "; signing key " +
             ring->Cached()->current_id;
  } else if (files && AlreadyImported(*files, keys, ring->token_key_)) {
    LICENSOR_RETURN_IF_ERROR(crypto::RemoveKeysDirectory(data_dir, *files));
    report = "removed " + dir + ": its keys were already imported into the store";
  } else if (files) {
    report = dir +
             " was not imported: the store already holds other keys. Remove it once "
             "nothing needs the keys it holds.";
  } else {
    report = "the store's keys are sealed under master key " + master.Id() + "; signing key " +
             ring->Cached()->current_id;
  }
  return ring;
}

}  // namespace licensor::core
