// Reading, rotating and retiring the store's signing keys. Opening the ring, and creating or
// importing it on the first start, is in key_ring_open.cpp.
#include "core/key_ring.hpp"

#include <algorithm>

#include "core/audit.hpp"
#include "core/key_ring_records.hpp"

namespace licensor::core {
namespace {

const crypto::SigningKey& CurrentIn(const std::vector<crypto::SigningKey>& usable,
                                    const std::string& current_id) {
  for (const auto& key : usable) {
    if (key.key_id == current_id) return key;
  }
  return usable.back();  // unreachable: ReadSnapshot insists the current key is usable
}

}  // namespace

Result<std::shared_ptr<const KeyRing::Snapshot>> KeyRing::ReadSnapshot(StoreTx& tx) const {
  LICENSOR_ASSIGN_OR_RETURN(const auto ring, Require(tx.GetKeyRing(), "key ring"));
  LICENSOR_ASSIGN_OR_RETURN(const auto records, tx.ListSigningKeys());
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->generation = ring.generation;
  for (const SigningKeyRecord& record : records) {
    crypto::PublicKeyInfo info;
    info.key_id = record.id;
    info.current = record.state == kKeyCurrent;
    info.retired = record.state == kKeyRetired;
    if (info.retired) {
      LICENSOR_ASSIGN_OR_RETURN(info.public_key, PublicKeyOf(record));
    } else {
      LICENSOR_ASSIGN_OR_RETURN(auto key, OpenSigningKey(master_, record));
      info.public_key = key.public_key;
      snapshot->usable.push_back(std::move(key));
    }
    if (info.current) snapshot->current_id = record.id;
    snapshot->keys.push_back(std::move(info));
  }
  const bool current_usable =
      std::any_of(snapshot->usable.begin(), snapshot->usable.end(),
                  [&](const crypto::SigningKey& k) { return k.key_id == snapshot->current_id; });
  if (!current_usable) return Status::Internal("the store holds no current signing key");
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

Status KeyRing::Reload() {
  std::shared_ptr<const Snapshot> read;
  LICENSOR_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    LICENSOR_ASSIGN_OR_RETURN(read, ReadSnapshot(tx));
    return Status::Ok();
  }));
  std::lock_guard lock(mutex_);
  // Two reloads may finish out of order; the newer generation wins.
  if (!snapshot_ || read->generation >= snapshot_->generation) snapshot_ = std::move(read);
  return Status::Ok();
}

std::shared_ptr<const KeyRing::Snapshot> KeyRing::Cached() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

Status KeyRing::Refresh() {
  // A store only this process writes changes only through this ring, which reloads itself.
  if (!store_.SharedByNodes()) return Status::Ok();
  LICENSOR_ASSIGN_OR_RETURN(
      const std::int64_t generation,
      ReadValue<std::int64_t>(store_, [](StoreTx& tx) -> Result<std::int64_t> {
        LICENSOR_ASSIGN_OR_RETURN(const auto ring, Require(tx.GetKeyRing(), "key ring"));
        return ring.generation;
      }));
  if (generation == Cached()->generation) return Status::Ok();
  return Reload();
}

std::shared_ptr<const KeyRing::Snapshot> KeyRing::Fresh() {
  // When the store cannot be read, neither can what is being signed be recorded: the caller's
  // own transaction fails, so signing with the key held here loses nothing.
  (void)Refresh();
  return Cached();
}

crypto::SigningKey KeyRing::Current() {
  const auto snapshot = Fresh();
  return CurrentIn(snapshot->usable, snapshot->current_id);
}

crypto::SigningKey KeyRing::CurrentForAnswers() const {
  const auto snapshot = Cached();
  return CurrentIn(snapshot->usable, snapshot->current_id);
}

crypto::SigningKey KeyRing::OldestActive() { return Fresh()->usable.front(); }

std::vector<crypto::PublicKeyInfo> KeyRing::Keys() { return Fresh()->keys; }

crypto::PublicKeys KeyRing::Trusted() {
  crypto::PublicKeys trusted;
  for (const auto& info : Keys()) {
    trusted[info.key_id] = crypto::TrustedKey{info.public_key, info.retired};
  }
  return trusted;
}

Result<crypto::PublicKeyInfo> KeyRing::Rotate(const Actor& actor) {
  const crypto::SigningKey key = crypto::NewSigningKey();
  const UnixSeconds now = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.RaiseKeyGeneration().status());  // one change at a time
    LICENSOR_ASSIGN_OR_RETURN(auto records, tx.ListSigningKeys());
    for (SigningKeyRecord& record : records) {
      if (record.state != kKeyCurrent) continue;
      record.state = kKeyActive;
      LICENSOR_RETURN_IF_ERROR(tx.UpdateSigningKey(record));
    }
    LICENSOR_RETURN_IF_ERROR(tx.InsertSigningKey(SealedRecord(master_, key, kKeyCurrent, now)));
    return RecordEvent(tx, now, actor, "key.rotated", "key", key.key_id, nullptr,
                       Json{{"key_id", key.key_id}});
  }));
  LICENSOR_RETURN_IF_ERROR(Reload());
  return crypto::PublicKeyInfo{key.key_id, key.public_key, true, false};
}

Status KeyRing::Retire(const Actor& actor, const std::string& key_id) {
  const UnixSeconds now = clock_.Now();
  LICENSOR_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) -> Status {
    LICENSOR_RETURN_IF_ERROR(tx.RaiseKeyGeneration().status());  // one change at a time
    LICENSOR_ASSIGN_OR_RETURN(auto records, tx.ListSigningKeys());
    const auto found = std::find_if(records.begin(), records.end(),
                                    [&](const SigningKeyRecord& r) { return r.id == key_id; });
    if (found == records.end()) return Status::NotFound("no signing key has id " + key_id);
    if (found->state == kKeyCurrent) {
      return Status::Conflict("the current signing key cannot be retired; rotate first");
    }
    if (found->state == kKeyRetired) return Status::Ok();
    const Json before = Json{{"key_id", key_id}, {"state", found->state}};
    found->state = kKeyRetired;
    found->sealed_secret.clear();  // destroyed: nothing can sign with this key again
    found->retired_at = now;
    LICENSOR_RETURN_IF_ERROR(tx.UpdateSigningKey(*found));
    return RecordEvent(tx, now, actor, "key.retired", "key", key_id, before,
                       Json{{"key_id", key_id}, {"state", kKeyRetired}});
  }));
  return Reload();
}

}  // namespace licensor::core
