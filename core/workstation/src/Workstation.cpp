// SPDX-License-Identifier: GPL-3.0-or-later
// Workstation: opens a storage and its audit log, and holds what every Session method shares (the
// facade lock, the fail-closed audit append, the search index, the gate). The Session methods live
// in one file per area (SessionSignIn.cpp, SessionSearch.cpp, ...) and reach this through
// SessionInternal.h.
#include "platedesk/workstation/Workstation.h"

#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Host.h"
#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/SigningKeys.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/ServerLock.h"
#include "platedesk/store/Storage.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

namespace platedesk::resources::access {
std::optional<std::string_view> Find(std::string_view name);
}

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

constexpr std::string_view kServerUser = "platedesk-server";
/// Setting (meta table) written once the storage has an evidence key: from then on missing key
/// files are an error, never a reason to make new ones.
constexpr std::string_view kEvidenceKeySetting = "evidence_key_since";

// The storage folder and its subfolders 0700, the files in it 0600, whatever they were (an older
// PlateDesk left 0755 and 0644): nobody else on the machine reads plate data, password hashes or
// the keys. Deeper files (images/ab/cd/...) are out of reach once their folders are. Best effort:
// a folder the user does not own (an auditor's read-only copy) is left as it is, with a warning.
void RestrictFolder(const std::filesystem::path& folder) {
#ifndef _WIN32
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) Log(LogLevel::Warning, "cannot make the storage folder private (" + ec.message() + "): " + folder.string());
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::error_code one;
    const auto status = entry.symlink_status(one);
    if (one) continue;
    if (fs::is_directory(status)) {
      fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::replace, one);
    } else if (fs::is_regular_file(status)) {
      fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, one);
    }
    if (one) Log(LogLevel::Warning, "cannot make " + entry.path().string() + " private: " + one.message());
  }
#else
  (void)folder;  // Windows: the profile folder's ACL (documented for installers)
#endif
}

}  // namespace

// ----------------------------------------------------------------------------------------------
struct Workstation::Impl {
  const Clock& clock;
  std::unique_ptr<store::Storage> storage;
  std::unique_ptr<audit::AuditLog> audit;
  bool demo = false;
  std::unique_ptr<evidence::SigningKeys> evidenceKeys;  ///< signs evidence packages; never the audit key

  // Threads. The facade (storage connection, audit log, session state) is used by one thread at
  // a time: every public Workstation and Session method holds `facade` while it checks rules,
  // writes the audit log or touches the storage, so a GUI worker may call EmbeddedSession::Search while
  // the GUI thread goes on calling the session. The audit log keeps one writer (this object).
  // Recursive: a few methods call others (EmbeddedSession::GetOverview, Logout -> Checkpoint).
  std::recursive_mutex facade;
  // The index phase of a search runs without `facade` (it can take seconds on a first build), so
  // the GUI thread is never kept waiting on it. Searches hold a snapshot of the index (a
  // shared_ptr) and run in parallel (the server's clients). A snapshot is never changed while
  // another search holds it: a refresh then appends to a copy and puts the copy in its place, so
  // no search waits for another, nor for a slow client reading another's results. Lock order:
  // indexRefresh, then indexMutex; never the facade while holding either.
  std::mutex indexRefresh;  ///< one open or refresh at a time (it owns indexStorage)
  std::mutex indexMutex;    ///< guards `index` and indexRefreshedAt (held only to read or swap them)
  std::unique_ptr<store::Storage> indexStorage;  ///< under indexRefresh
  std::shared_ptr<search::SearchIndex> index;    ///< the current snapshot; opened on the first search
  std::chrono::steady_clock::time_point indexRefreshedAt;

  // Opens the index (first use) or brings a snapshot up to date with the reads stored since: in
  // place when no search holds it, else on a copy. Caller holds indexRefresh (not facade).
  Result<std::shared_ptr<search::SearchIndex>> RefreshedIndex(std::stop_token stop, const ProgressFn& progress) {
    if (!indexStorage) {
      auto opened = store::Storage::Open(storage->Folder(), clock);
      if (!opened) return opened.Err();
      indexStorage = std::move(opened.Value());
    }
    std::shared_ptr<search::SearchIndex> current;
    {
      std::lock_guard lock(indexMutex);
      current = index;
    }
    if (!current) {
      auto opened = search::SearchIndex::Open(*indexStorage, stop, progress);  // the saved index file, if current
      if (!opened) return opened.Err();
      return std::shared_ptr<search::SearchIndex>(std::move(opened.Value()));
    }
    // `index` and `current` are the only holders: no search runs on it, and none can start on it
    // before the swap (searches take their snapshot from `index` under indexMutex, and this
    // refresh decides under it too).
    bool alone = false;
    {
      std::lock_guard lock(indexMutex);
      alone = current.use_count() == 2;
      if (alone) index.reset();  // searches arriving now wait for this refresh (indexRefresh)
    }
    std::shared_ptr<search::SearchIndex> fresh =
        alone ? current : std::shared_ptr<search::SearchIndex>(current->Clone());
    current.reset();
    // New reads gather apart from the main part; their merge (the whole index's cost) runs on
    // its own thread (MergeInBackground), not in a search.
    if (Status refreshed = fresh->Refresh(*indexStorage, stop, progress, false); !refreshed.Ok()) {
      if (alone) {
        std::lock_guard lock(indexMutex);
        index = fresh;  // unchanged by a failed Refresh: searches go on with it
      }
      return refreshed.Err();
    }
    return fresh;
  }
  // Puts a refreshed snapshot in place. Caller holds indexRefresh.
  void InstallIndex(std::shared_ptr<search::SearchIndex> fresh) {
    std::lock_guard lock(indexMutex);
    index = std::move(fresh);
    indexRefreshedAt = std::chrono::steady_clock::now();
  }

  // Where the users of sessions a server hosts work (their clients' addresses), by session id,
  // with the session's start: a session lasts at most 12 hours, so older entries are dropped.
  // Under facade.
  std::map<std::string, std::pair<std::string, UtcMs>> origins;

  // Appends and signs a checkpoint when one is due. Fail closed: the caller returns the error.
  // A record of a session the server hosts names its client as the workstation.
  Result<audit::AppendedRecord> Append(const AuditEvent& event) {
    const auto origin =
        event.workstation.empty() && !event.session.empty() ? origins.find(event.session) : origins.end();
    AuditEvent named;
    if (origin != origins.end()) {
      named = event;
      named.workstation = origin->second.first;
    }
    const AuditEvent& e = origin != origins.end() ? named : event;
    auto appended = audit->Append(e);
    if (!appended) {
      Log(LogLevel::Error, "audit append failed: " + appended.Err().ToString());
      return Fail(ErrorCode::Io, "the audit log could not record this action, so it was not done",
                  appended.Err().ToString());
    }
    if (auto cp = audit->MaybeCheckpoint(clock.Now()); !cp)
      Log(LogLevel::Warning, "checkpoint not signed: " + cp.Err().ToString());
    return appended;
  }
  Status Record(const AuditEvent& e) {
    auto appended = Append(e);
    if (!appended) return appended.Err();
    return {};
  }

  Result<std::string> Setting(std::string_view key, std::string_view fallback) {
    auto v = storage->GetSetting(key);
    if (!v) return v.Err();
    return v->has_value() && !(*v)->empty() ? **v : std::string(fallback);
  }

  // Opens the evidence key, or makes the first one. A storage from before the keys were separated
  // has packages signed with its audit key: the audit log's keys become rotated-out evidence keys
  // (those packages still verify) and the audit key is rotated (below), so the secret that signed
  // both leaves the disk and the audit key never again counts for packages.
  Status OpenEvidenceKeys() {
    const std::filesystem::path folder = storage->Folder();
    if (evidence::SigningKeys::Exists(folder)) {
      auto keys = evidence::SigningKeys::Open(folder);
      if (!keys) return keys.Err();
      evidenceKeys = std::move(*keys);
    } else {
      auto since = storage->GetSetting(kEvidenceKeySetting);
      if (!since) return since.Err();
      if (since->has_value())
        return Fail(ErrorCode::Corrupt,
                    "the evidence signing key and its public keys (" + std::string(evidence::kEvidenceKeysFileName) +
                        ") are missing from this storage, which has had them since " + **since +
                        ": restore them from a backup",
                    folder.string());
      auto size = audit->Size();
      if (!size) return size.Err();
      std::vector<std::string> retired;
      if (*size > 0) {
        auto chain = audit->KeyChain();
        if (!chain) return chain.Err();
        retired = std::move(*chain);
      }
      const std::string reason = retired.empty()
                                     ? "the storage's first evidence signing key"
                                     : "keys separated: the audit log's keys, which signed evidence packages until "
                                       "now, are rotated-out evidence keys; packages are signed with this key";
      auto keys = evidence::SigningKeys::Create(
          folder, audit->Origin() + "/evidence", retired, clock.Now(),
          [&](const std::string& oldKey, const std::string& newKey) {
            return Record(detail::EvidenceKeyEvent(std::string(detail::kSystemUser), {}, oldKey, newKey, reason));
          });
      if (!keys) return keys.Err();
      evidenceKeys = std::move(*keys);
      PLATEDESK_TRY(storage->SetSetting(kEvidenceKeySetting, FormatIso8601(clock.Now())));
    }
    // The audit key must never be an evidence key as well (a migrated storage, or one whose
    // migration stopped before this step): then it is replaced.
    auto auditKey = audit->VerifierKey();
    if (!auditKey) return auditKey.Err();
    const auto evidenceKeyList = evidenceKeys->PublicKeys();
    if (std::find(evidenceKeyList.begin(), evidenceKeyList.end(), *auditKey) != evidenceKeyList.end()) {
      Log(LogLevel::Info, "rotating the audit key, which also signed evidence packages");
      auto rotated = audit->RotateKey(std::string(detail::kSystemUser), {});
      if (!rotated) return rotated.Err();
    }
    return {};
  }

  bool MfaRequired() {
    if (demo) return false;
    auto v = Setting(kMfaRequiredSetting, "1");
    return !v.Ok() || *v != "0";
  }

  UtcMs IdleLimit() {
    auto v = Setting(kIdleMinutesSetting, "30");
    int minutes = 30;
    if (v.Ok()) std::from_chars(v->data(), v->data() + v->size(), minutes);
    return std::clamp(minutes, 1, 24 * 60) * kMsPerMinute;
  }

  // Merges the reads the index keeps apart into a new main part on a thread of its own, when a
  // merge is due and none runs: a copy is merged (searches go on with the snapshot they have) and
  // then put in place. It holds indexRefresh meanwhile, so searches skip their refresh and a read
  // can be missing from a search for as long as the merge takes (150 ms at 1 M reads).
  void MergeInBackground() {
    std::lock_guard guard(mergerMutex);  // one caller at a time touches `merger`
    if (merging) return;
    if (merger.joinable()) merger.join();  // the last one, finished
    merging = true;
    try {
      merger = std::jthread([this](std::stop_token stop) {
        try {
          MergeNow(stop);
        } catch (const std::exception& e) {  // no memory for the copy, no thread for its scan
          Log(LogLevel::Warning,
              std::string("search index: new reads not merged (searches still find them): ") + e.what());
        }
        merging = false;
      });
    } catch (const std::exception& e) {
      merging = false;
      Log(LogLevel::Warning, std::string("search index: no thread to merge new reads: ") + e.what());
    }
  }
  void MergeNow(std::stop_token stop) {
    std::lock_guard refresh(indexRefresh);
    std::shared_ptr<search::SearchIndex> current;
    {
      std::lock_guard lock(indexMutex);
      current = index;
    }
    if (!current || !current->MergeDue()) return;
    // A copy (the whole index's size in memory for a moment): searches go on with the snapshot.
    std::shared_ptr<search::SearchIndex> fresh(current->Clone());
    current.reset();
    if (Status merged = fresh->Merge(*indexStorage, stop, {}); merged.Ok()) {
      InstallIndex(std::move(fresh));
    } else if (!stop.stop_requested()) {
      Log(LogLevel::Warning,
          "search index: new reads not merged (searches still find them): " + merged.Err().ToString());
    }
  }
  std::mutex mergerMutex;
  std::atomic<bool> merging{false};
  // Last, so it is stopped and joined before anything it uses goes.
  std::jthread merger;
};

Workstation::Workstation(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}

Workstation::~Workstation() {
  if (mImpl && mImpl->audit) {
    std::lock_guard lock(mImpl->facade);
    if (auto cp = mImpl->audit->SignCheckpoint(); !cp)
      Log(LogLevel::Warning, "checkpoint at shutdown not signed: " + cp.Err().ToString());
  }
}

Result<std::unique_ptr<Workstation>> Workstation::Open(const std::filesystem::path& folder, const Clock& clock) {
  // A storage folder a platedesk-server holds is the server's alone: it appends to the audit log.
  auto holder = store::ServerLock::Holder(folder);
  if (!holder) return holder.Err();
  if (*holder) {
    std::string message = "this storage folder is served by a running platedesk-server (";
    message += **holder;
    message += "): connect to the server, or stop it to open the folder directly";
    return Fail(ErrorCode::Locked, ErrorDetail::StorageServed, std::move(message), folder.string());
  }
  std::error_code ec;
  if (std::filesystem::is_directory(folder, ec)) RestrictFolder(folder);
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) return storage.Err();
  auto demo = (*storage)->GetSetting("demo");
  if (!demo) return demo.Err();
  auto storageId = (*storage)->GetSetting("storage_id");
  if (!storageId) return storageId.Err();
  audit::AuditLogOptions options{storageId->value_or(""), HostName(), PLATEDESK_VERSION};
  auto log = audit::AuditLog::Open((*storage)->Folder() / audit::kAuditDbFileName, options, clock);
  if (!log) return log.Err();
  auto impl = std::unique_ptr<Impl>(
      new Impl{clock, std::move(storage.Value()), std::move(log.Value()), demo->value_or("") == "1"});
  PLATEDESK_TRY(impl->OpenEvidenceKeys());
  access::Policy policy(*impl->storage);
  PLATEDESK_TRY(policy.EnsureCatalogue());
  // Again, for what this open created (audit.db and its WAL, the keys, a migration's backup).
  RestrictFolder(impl->storage->Folder());
  return std::unique_ptr<Workstation>(new Workstation(std::move(impl)));
}

std::string Workstation::Banner() const {
  std::lock_guard lock(mImpl->facade);
  // An agency may set its own notice (setting "banner"); the shipped text is the default.
  if (auto custom = mImpl->storage->GetSetting("banner"); custom && custom->has_value() && !(*custom)->empty())
    return **custom;
  return std::string(resources::access::Find("banner.txt").value_or("Authorised use only."));
}

bool Workstation::IsDemo() const { return mImpl->demo; }
bool Workstation::MfaRequired() const {
  std::lock_guard lock(mImpl->facade);
  return mImpl->MfaRequired();
}
const std::filesystem::path& Workstation::Folder() const { return mImpl->storage->Folder(); }
Result<CheckpointProof> Workstation::LatestCheckpoint(std::uint64_t knownSize) {
  std::lock_guard lock(mImpl->facade);
  auto& log = *mImpl->audit;
  // Returns the newest stored checkpoint when it covers the log with the current key.
  auto cp = log.SignCheckpoint();
  if (!cp) return cp.Err();
  if (knownSize > cp->size)
    return Fail(ErrorCode::InvalidArgument,
                "the log holds " + std::to_string(cp->size) + " records, fewer than the " + std::to_string(knownSize) +
                    " of the checkpoint the witness holds",
                std::to_string(knownSize));
  auto proof = log.ConsistencyProof(knownSize, cp->size);
  if (!proof) return proof.Err();
  auto keys = log.KeyRecords();
  if (!keys) return keys.Err();
  CheckpointProof out;
  out.checkpoint = cp->note;
  out.fromSize = knownSize;
  for (const auto& d : *proof) out.consistency.push_back(ToHex(d));
  for (const auto& k : *keys) {
    out.verifierKeys.push_back(k.verifierKey);
    out.endorsements.push_back(k.endorsement);
  }
  return out;
}
std::string Workstation::Describe() const { return mImpl->storage->Folder().string(); }
Result<Overview> Workstation::GetOverview() {
  // Its own connection, outside the facade lock: counting millions of reads takes a while and the
  // status bar asks from a worker thread.
  return ReadOverview(mImpl->storage->Folder(), mImpl->clock);
}

Result<Overview> Workstation::ReadOverview(const std::filesystem::path& folder, const Clock& clock) {
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) return storage.Err();
  return (*storage)->GetStatus();
}

Result<std::vector<store::CameraHealth>> Workstation::ReadCameraHealth(const std::filesystem::path& folder,
                                                                       const Clock& clock, int hours) {
  if (hours < 1 || hours > 10 * 366 * 24) {
    return Fail(ErrorCode::InvalidArgument, "the window must be 1 hour to 10 years", std::to_string(hours));
  }
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) return storage.Err();
  auto threshold = (*storage)->CameraOfflineAfter();
  if (!threshold) return threshold.Err();
  const UtcMs now = clock.Now();
  return (*storage)->CameraHealthList(now - static_cast<UtcMs>(hours) * kMsPerHour, now, *threshold);
}

Status Workstation::RecordServerEvent(const ServerEvent& event) {
  static constexpr std::string_view kServerEvents[] = {"ingest.auth_failed", "ingest.refused", "server.started",
                                                       "server.stopped", "session.refused"};
  if (std::find(std::begin(kServerEvents), std::end(kServerEvents), event.event) == std::end(kServerEvents)) {
    return Fail(ErrorCode::InvalidArgument, "not an event platedesk-server records", event.event);
  }
  std::lock_guard lock(mImpl->facade);
  AuditEvent e{.event = event.event,
               .outcome = event.outcome,
               .user = std::string(kServerUser),
               .resultCount = event.resultCount,
               .objects = event.objects,
               .reason = event.reason,
               .detailsJson = event.details};
  return mImpl->Record(e);
}

Status Workstation::Checkpoint() {
  std::lock_guard lock(mImpl->facade);
  auto cp = mImpl->audit->SignCheckpoint();
  if (!cp) return cp.Err();
  return {};
}

Result<Overview> EmbeddedSession::GetOverview() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return mOwner.GetOverview();
}

// --- the gate and the internals for the Session's translation units (SessionInternal.h) ---------
namespace detail {

store::Storage& StorageOf(Workstation::Impl& ws) { return *ws.storage; }
audit::AuditLog& AuditOf(Workstation::Impl& ws) { return *ws.audit; }
evidence::SigningKeys& EvidenceKeysOf(Workstation::Impl& ws) { return *ws.evidenceKeys; }

audit::AuditEvent EvidenceKeyEvent(const std::string& user, const std::string& session, const std::string& oldKey,
                                   const std::string& newKey, const std::string& reason) {
  nlohmann::json details{{"which", "evidence"}, {"new_key", newKey}};
  if (!oldKey.empty()) details["old_key"] = oldKey;
  return AuditEvent{.event = "audit.key_rotated",
                    .outcome = Outcome::Success,
                    .user = user,
                    .session = session,
                    .reason = reason,
                    .detailsJson = details.dump()};
}
const Clock& ClockOf(Workstation::Impl& ws) { return ws.clock; }
std::recursive_mutex& FacadeOf(Workstation::Impl& ws) { return ws.facade; }
UtcMs IdleLimitOf(Workstation::Impl& ws) { return ws.IdleLimit(); }
bool MfaRequiredOf(Workstation::Impl& ws) { return ws.MfaRequired(); }
Status Record(Workstation::Impl& ws, const audit::AuditEvent& event) { return ws.Record(event); }
Result<audit::AppendedRecord> Append(Workstation::Impl& ws, const audit::AuditEvent& event) { return ws.Append(event); }

Result<std::shared_ptr<const search::SearchIndex>> SearchableIndex(Workstation::Impl& ws, std::stop_token stop,
                                                                   const ProgressFn& progress) {
  // While searches run, the refresh is batched (at most once a second): each one costs a copy of
  // the index, made by the search that found it due.
  constexpr auto kStaleAtMost = std::chrono::seconds(1);
  std::unique_lock refresh(ws.indexRefresh, std::defer_lock);
  bool loaded = false, busy = false;
  {
    std::lock_guard lock(ws.indexMutex);
    loaded = ws.index != nullptr;
    busy =
        loaded && (ws.index.use_count() > 1 && std::chrono::steady_clock::now() - ws.indexRefreshedAt < kStaleAtMost);
  }
  if (!loaded) {
    refresh.lock();  // the first search (or one during an in-place refresh) waits for the index
  } else if (!busy) {
    (void)refresh.try_lock();  // another search refreshing now: take the snapshot there is
  }
  if (refresh.owns_lock()) {
    std::shared_ptr<search::SearchIndex> current;
    {
      std::lock_guard lock(ws.indexMutex);
      current = ws.index;
    }
    // Another search may have refreshed it while this one waited for the lock.
    const bool stillDue =
        !current || current.use_count() <= 2 || std::chrono::steady_clock::now() - ws.indexRefreshedAt >= kStaleAtMost;
    current.reset();
    if (stillDue) {
      auto fresh = ws.RefreshedIndex(std::move(stop), progress);
      if (!fresh) return fresh.Err();
      ws.InstallIndex(std::move(*fresh));
    }
  }
  std::shared_ptr<const search::SearchIndex> snapshot;
  {
    std::lock_guard lock(ws.indexMutex);
    if (!ws.index) return Fail(ErrorCode::Internal, "the search index is not loaded");
    snapshot = ws.index;
  }
  if (snapshot->MergeDue()) ws.MergeInBackground();
  return snapshot;
}
void RefreshLoadedIndex(Workstation::Impl& ws, std::stop_token stop, std::string_view logPrefix) {
  std::lock_guard refresh(ws.indexRefresh);
  {
    std::lock_guard lock(ws.indexMutex);
    if (!ws.index) return;
  }
  auto fresh = ws.RefreshedIndex(std::move(stop), {});
  if (!fresh) {
    Log(LogLevel::Warning, std::string(logPrefix) + fresh.Err().ToString());
    return;
  }
  ws.InstallIndex(std::move(*fresh));
}

void DropSavedIndex(Workstation::Impl& ws) {
  {
    std::lock_guard refresh(ws.indexRefresh);
    const std::filesystem::path file = search::SearchIndex::FilePath(*ws.storage);
    const std::string name = file.filename().string();
    std::error_code ec;
    for (std::filesystem::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
      const std::string entry = it->path().filename().string();
      if (entry != name && entry.rfind(name + ".tmp-", 0) != 0) continue;
      std::error_code rm;
      std::filesystem::remove(it->path(), rm);
      if (rm) Log(LogLevel::Warning, "search index file not removed after the purge: " + rm.message());
    }
  }
  RefreshLoadedIndex(ws, {}, "search index not rebuilt after the purge: ");
}

Status CheckActive(Workstation::Impl& ws, EmbeddedSession::State& s, bool touch) {
  const UtcMs now = ws.clock.Now();
  if (s.ended) return Fail(ErrorCode::Unauthenticated, "this session has ended: sign in again");
  if (now - s.startedAt >= kMaxSessionMs) {
    s.ended = true;
    (void)ws.storage->EndSession(s.tokenHash, now, "12-hour limit");
    return Fail(ErrorCode::Unauthenticated, "sessions last at most 12 hours: sign in again");
  }
  if (!s.locked && now - s.lastActive >= ws.IdleLimit()) {
    s.locked = true;
    AuditEvent e{.event = "session.locked",
                 .outcome = Outcome::Success,
                 .user = s.user.name,
                 .session = s.id,
                 .reason = "idle limit reached"};
    PLATEDESK_TRY(ws.Record(e));
  }
  // The account and the session row are read again at every call (one indexed row each), so a
  // demotion, a disabled account or a session ended elsewhere (a password change) takes effect
  // at once, not at the next sign-in.
  auto row = ws.storage->FindSessionByToken(s.tokenHash);
  if (!row) return row.Err();
  if (!row->has_value() || (*row)->endedAt) {
    s.ended = true;
    return Fail(
        ErrorCode::Unauthenticated,
        "this session was ended (" + (row->has_value() ? (*row)->endReason : std::string("gone")) + "): sign in again");
  }
  auto fresh = FreshUser(ws, s);
  if (!fresh) return fresh.Err();
  if (s.locked) return Fail(ErrorCode::Locked, "the session is locked: enter your password to continue");
  if (!touch) return {};
  s.lastActive = now;
  (void)ws.storage->TouchSession(s.tokenHash, now);
  return {};
}

Status CheckRole(Workstation::Impl& ws, EmbeddedSession::State& s, bool allowed, const std::string& what) {
  // `allowed` was computed from the role the session knew; CheckActive reads the account again.
  // If an administrator changed the role meanwhile, refuse this once (fail closed): the next call
  // is judged on the new role.
  const Role known = s.user.role;
  PLATEDESK_TRY(CheckActive(ws, s));
  if (s.user.role != known)
    return Fail(ErrorCode::PermissionDenied,
                what + " (your role changed to " + store::RoleName(s.user.role) + "; try again)");
  if (allowed) return {};
  return Fail(ErrorCode::PermissionDenied, what + " (you are signed in as " + store::RoleName(s.user.role) + ")");
}

Status CheckAdministrator(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& what) {
  PLATEDESK_TRY(CheckRole(ws, s, s.user.role == Role::Administrator, what));
  return CheckMfa(ws, s);
}

Status CheckMfa(Workstation::Impl& ws, EmbeddedSession::State& s) {
  if (!ws.MfaRequired()) return {};
  auto user = FreshUser(ws, s);
  if (!user) return user.Err();
  if (!user->totpSecret.empty()) return {};
  return Fail(ErrorCode::PermissionDenied, ErrorDetail::SecondFactorForAdministration,
              "this agency requires a second factor: enrol an authenticator app (and confirm it with a first code) "
              "before administration");
}

// The account as it is now; its role and display name replace the session's copy.
Result<store::UserRecord> FreshUser(Workstation::Impl& ws, EmbeddedSession::State& s) {
  auto u = ws.storage->FindUser(s.user.name);
  if (!u) return u.Err();
  if (!u->has_value() || (*u)->disabled) {
    s.ended = true;
    (void)ws.storage->EndSession(s.tokenHash, ws.clock.Now(), "account disabled");
    return Fail(ErrorCode::Unauthenticated, "this account is no longer active");
  }
  s.user.role = (*u)->role;
  s.user.displayName = (*u)->displayName;
  return **u;
}

// An allowed access returns the decision for the caller's audit record.
Error RefuseAccess(Workstation::Impl& ws, EmbeddedSession::State& s, const AccessContext& ctx,
                   const std::string& action, const Error& why) {
  AuditEvent e{.event = action == "search" ? "search.refused" : "access.refused",
               .outcome = Outcome::Refused,
               .user = s.user.name,
               .session = s.id,
               .caseNumber = ctx.caseNumber,
               .purposeCode = ctx.purposeCode,
               .justification = ctx.justification,
               .reason = why.message,
               .detailsJson = DetailsJson({{"action", action}})};
  if (ctx.approval != 0)
    e.detailsJson = MergedDetails(e.detailsJson, nlohmann::json{{"approval", ctx.approval}}.dump());
  if (auto st = ws.Record(e); !st.Ok()) return st.Err();
  return why;
}

// The approval an access runs under, checked against the user and the context; without one, a
// purpose that needs approval is refused (except for the request for one).
Status CheckApproval(Workstation::Impl& ws, EmbeddedSession::State& s, const AccessContext& ctx,
                     const std::string& action, access::AccessDecision& decision) {
  if (ctx.approval == 0) {
    if (decision.purpose.needsApproval && action != "approval")
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded,
                  "the purpose " + decision.purpose.label +
                      " needs a supervisor's approval: request one for this search and run it under the approval",
                  decision.purpose.code);
    return {};
  }
  const UtcMs now = ws.clock.Now();
  store::ApprovalFilter filter;
  filter.id = ctx.approval;
  auto found = ws.storage->Approvals(filter, now);
  if (!found) return found.Err();
  const std::string name = "approval " + std::to_string(ctx.approval);
  if (found->empty())
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNotApplicable, "there is no " + name);
  const store::SearchApproval& a = found->front();
  if (a.requestedBy != s.user.name)
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNotApplicable,
                name + " was asked for by another user; ask for your own");
  switch (a.state) {
    case store::ApprovalState::Pending:
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded,
                  name + " is still waiting for a supervisor's decision");
    case store::ApprovalState::Denied:
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalDenied,
                  name + " was denied by " + a.decidedBy + ": " + a.decisionReason);
    case store::ApprovalState::Expired:
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded,
                  name + " expired at " + FormatIso8601(a.validUntil) + "; ask for a new one");
    case store::ApprovalState::Approved:
      break;
  }
  if (a.caseNumber != ctx.caseNumber || a.purposeCode != ctx.purposeCode || a.justification != Trim(ctx.justification))
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNotApplicable,
                name + " is for case " + a.caseNumber + " under purpose " + a.purposeCode +
                    " with the justification given then; use them as approved");
  decision.approval = a;
  return {};
}

Result<access::AccessDecision> CheckPlateData(Workstation::Impl& ws, EmbeddedSession::State& s,
                                              const AccessContext& ctx, const std::string& action) {
  PLATEDESK_TRY(CheckActive(ws, s));
  auto refuse = [&](const Error& why) -> Error { return RefuseAccess(ws, s, ctx, action, why); };
  if (!CanReachPlateData(s.user.role))
    return refuse(Fail(ErrorCode::PermissionDenied, ErrorDetail::RoleHasNoPlateData,
                       "the auditor role has no access to plate data"));
  auto user = FreshUser(ws, s);
  if (!user) return user.Err();
  if (ws.MfaRequired() && user->totpSecret.empty())
    return refuse(Fail(ErrorCode::PermissionDenied, ErrorDetail::SecondFactorForPlateData,
                       "this agency requires a second factor: enrol an authenticator app before reaching plate data"));
  access::Policy policy(*ws.storage);
  auto decision = policy.Check(*user, ctx, ws.clock.Now());
  if (!decision) return refuse(decision.Err());
  if (auto approved = CheckApproval(ws, s, ctx, action, *decision); !approved) {
    if (approved.Err().code == ErrorCode::Io) return approved.Err();  // the storage failed, not the rules
    return refuse(approved.Err());
  }
  return decision;
}

bool CanReachPlateData(Role r) { return r == Role::Detective || r == Role::Supervisor || r == Role::Administrator; }

audit::AuditEvent AdminEvent(const EmbeddedSession::State& s, std::string event, std::vector<std::string> objects,
                             std::string details) {
  if (details == "{}") details.clear();  // the log refuses an empty details object
  return AuditEvent{.event = std::move(event),
                    .outcome = Outcome::Success,
                    .user = s.user.name,
                    .session = s.id,
                    .objects = std::move(objects),
                    .detailsJson = std::move(details)};
}

audit::AuditEvent DataEvent(const EmbeddedSession::State& s, std::string event, const AccessContext& ctx,
                            const access::AccessDecision& decision) {
  std::string details;
  if (decision.approval)  // the approval the access runs under, and who gave it
    details = nlohmann::json{{"approval", decision.approval->id}, {"approved_by", decision.approval->decidedBy}}.dump();
  return AuditEvent{.event = std::move(event),
                    .outcome = Outcome::Success,
                    .user = s.user.name,
                    .session = s.id,
                    .caseNumber = ctx.caseNumber,
                    .purposeCode = ctx.purposeCode,
                    .purposeText = decision.purpose.label,
                    .justification = ctx.justification,
                    .reason = decision.reviewReason,
                    .detailsJson = std::move(details)};
}

std::string MergedDetails(const std::string& base, const std::string& more) {
  if (base.empty()) return more;
  if (more.empty()) return base;
  nlohmann::json merged = nlohmann::json::parse(base, nullptr, false);
  const nlohmann::json added = nlohmann::json::parse(more, nullptr, false);
  if (!merged.is_object()) return more;  // both are written by the facade; never throw on them
  if (added.is_object()) merged.update(added);
  return merged.dump();
}

std::string DetailsJson(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  nlohmann::json obj = nlohmann::json::object();
  for (const auto& [k, v] : fields) obj[std::string(k)] = v;
  return obj.dump();
}

const UserInfo& UserOf(const EmbeddedSession::State& s) { return s.user; }
std::string BoundTokenHash(const std::string& token, const std::string& binding) {
  return Sha256Hex(binding.empty() ? token : token + "\n" + binding);
}
const std::string& TokenHashOf(const EmbeddedSession::State& s) { return s.tokenHash; }
const std::string& SessionIdOf(const EmbeddedSession::State& s) { return s.id; }
std::string WorkstationName() { return HostName(); }

void NoteSessionOrigin(Workstation::Impl& ws, const std::string& sessionId, const std::string& origin,
                       UtcMs startedAt) {
  std::lock_guard facadeLock(ws.facade);
  const UtcMs now = ws.clock.Now();
  std::erase_if(ws.origins, [now](const auto& entry) { return now - entry.second.second >= kMaxSessionMs; });
  if (origin.empty() || origin == HostName()) return;
  ws.origins[sessionId] = {origin, startedAt};
}

std::string IdsDigest(std::span<const store::ReadId> ids) {
  std::string text;
  for (auto id : ids) text += std::to_string(id) + "\n";
  return Sha256Hex(text);
}

}  // namespace detail
}  // namespace platedesk::workstation
