// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/AuditLog.h"

#include "Canonical.h"
#include "KeyFile.h"
#include "RecordSchema.h"
#include "Schema.h"

#include "platedesk/audit/Merkle.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Log.h"

#include <bit>
#include <mutex>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace platedesk::audit {
namespace {

using sqlite::Connection;
using sqlite::WriteTransaction;
using Json = nlohmann::json;

// Thrown by the database-backed subtree source inside this file only; the public methods turn it
// into an Error.
struct StorageFault : std::runtime_error {
  explicit StorageFault(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
  Error error;
};

// The writer's view of the tree: the compact range and the newest record's time.
struct TreeState {
  CompactRange range;
  std::optional<UtcMs> lastTime;
};

fs::path NewKeyPath(const fs::path& keyPath) { return fs::path(keyPath.string() + ".new"); }

Result<Checkpoint> CheckpointFromRow(const sqlite::Stmt& st) {
  Checkpoint cp;
  cp.size = static_cast<std::uint64_t>(st.ColInt(0));
  cp.note = st.ColText(1);
  cp.keyId = st.ColText(2);
  cp.signedAt = st.ColInt(3);
  auto note = ParseSignedNote(cp.note);
  if (!note) return Fail(ErrorCode::Corrupt, "stored checkpoint is malformed", note.Err().message);
  auto head = ParseCheckpointBody(note->text);
  if (!head) return Fail(ErrorCode::Corrupt, "stored checkpoint is malformed", head.Err().message);
  cp.root = head->root;
  return cp;
}

StoredRecord RecordFromRow(const sqlite::Stmt& st) {
  StoredRecord r;
  r.seq = static_cast<std::uint64_t>(st.ColInt(0));
  r.time = st.ColInt(1);
  r.event = st.ColText(2);
  r.outcome = st.ColText(3);
  r.user = st.ColText(4);
  r.caseNumber = st.ColText(5);
  r.purposeCode = st.ColText(6);
  r.canonical = st.ColText(7);
  r.leafHash = st.ColDigest(8).value_or(Sha256Digest{});
  r.pruned = st.ColInt(9) != 0;
  return r;
}

constexpr const char* kRecordColumns =
    "SELECT seq, time_ms, event, outcome, user_name, case_no, purpose, record, leaf, pruned FROM records";

}  // namespace

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::Success:
      return "success";
    case Outcome::Failure:
      return "failure";
    case Outcome::Refused:
      return "refused";
  }
  return "failure";
}

struct AuditLog::Impl {
  std::mutex mutex;
  std::unique_ptr<Connection> db;
  fs::path keyPath;
  const Clock* clock = nullptr;
  bool readOnly = false;
  std::string origin;
  std::string workstation;
  std::string appVersion;
  TreeState state;
  std::optional<NoteSigner> signer;

  Status RequireWritable() const {
    if (readOnly) return Fail(ErrorCode::PermissionDenied, "the audit log was opened read-only");
    return {};
  }

  // --- reading the tree ---------------------------------------------------------------------

  Result<std::uint64_t> StoredSize() {
    auto st = db->Prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM records");
    if (!st) return st.Err();
    auto row = st->Step();
    if (!row) return row.Err();
    return static_cast<std::uint64_t>(st->ColInt(0));
  }

  // Perfect subtree (level, index) from audit.db; throws StorageFault (see above).
  Sha256Digest Subtree(unsigned level, std::uint64_t index) {
    auto st = level == 0 ? db->Prepare("SELECT leaf FROM records WHERE seq = ?1")
                         : db->Prepare("SELECT hash FROM nodes WHERE level = ?2 AND idx = ?1");
    if (!st) throw StorageFault(st.Err());
    st->Int(1, static_cast<std::int64_t>(index));
    if (level != 0) st->Int(2, level);
    auto row = st->Step();
    if (!row) throw StorageFault(row.Err());
    std::optional<Sha256Digest> d;
    if (*row) d = st->ColDigest(0);
    if (!d)
      throw StorageFault(
          Fail(ErrorCode::Corrupt, "audit tree node missing", std::to_string(level) + "/" + std::to_string(index)));
    return *d;
  }

  PerfectSubtreeFn Source() {
    return [this](unsigned level, std::uint64_t index) { return Subtree(level, index); };
  }

  // Brings the cached tree up to date with audit.db (another process may have appended).
  Status SyncState() {
    auto size = StoredSize();
    if (!size) return size.Err();
    if (*size == state.range.Size() && (state.lastTime.has_value() || *size == 0)) return {};
    try {
      std::vector<Sha256Digest> peaks;
      std::uint64_t offset = 0;
      for (int bit = 63; bit >= 0; --bit) {
        const std::uint64_t span = std::uint64_t{1} << bit;
        if ((*size & span) == 0) continue;
        peaks.push_back(Subtree(static_cast<unsigned>(bit), offset >> bit));
        offset += span;
      }
      auto range = CompactRange::FromPeaks(*size, std::move(peaks));
      if (!range) return range.Err();
      TreeState fresh;
      fresh.range = std::move(*range);
      if (*size > 0) {
        auto st = db->Prepare("SELECT time_ms FROM records WHERE seq = ?1");
        if (!st) return st.Err();
        st->Int(1, static_cast<std::int64_t>(*size - 1));
        auto row = st->Step();
        if (!row) return row.Err();
        if (*row) fresh.lastTime = st->ColInt(0);
      }
      state = std::move(fresh);
    } catch (const StorageFault& f) {
      return f.error;
    }
    return {};
  }

  // --- keys -------------------------------------------------------------------------------------

  struct KeyRow {
    std::string vkey;
    std::uint64_t validFrom = 0;
  };

  Result<std::optional<KeyRow>> CurrentKeyRow() {
    auto st = db->Prepare("SELECT vkey, valid_from FROM keys ORDER BY valid_from DESC, id DESC LIMIT 1");
    if (!st) return st.Err();
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<KeyRow>();
    return std::optional<KeyRow>(KeyRow{st->ColText(0), static_cast<std::uint64_t>(st->ColInt(1))});
  }

  // Loads the key file that matches the log's current key, finishing an interrupted rotation
  // (key.new written and committed but not yet renamed).
  Status LoadSigner() {
    auto current = CurrentKeyRow();
    if (!current) return current.Err();
    if (!*current) return Fail(ErrorCode::Corrupt, "the audit log has no signing key");
    if (signer && signer->Verifier().Encode() == (*current)->vkey) return {};
    const fs::path candidates[] = {keyPath, NewKeyPath(keyPath)};
    for (const auto& path : candidates) {
      auto text = ReadFile(path);
      if (!text) continue;
      auto parsed = NoteSigner::Parse(*text);
      if (!parsed || parsed->Verifier().Encode() != (*current)->vkey) continue;
      if (path != keyPath) PLATEDESK_TRY(detail::RenameDurably(path, keyPath));
      if (detail::IsReadableByOthers(keyPath))
        Log(LogLevel::Warning, "audit signing key file is readable by other users: " + keyPath.string());
      signer.emplace(std::move(*parsed));
      return {};
    }
    return Fail(ErrorCode::Corrupt, "the audit signing key is missing or does not match the audit log",
                keyPath.string());
  }

  // --- appending ------------------------------------------------------------------------------

  Result<Json> BuildRecord(const AuditEvent& e, std::uint64_t seq, UtcMs time, const std::optional<UtcMs>& prev) {
    Json r = Json::object();
    r["seq"] = seq;
    r["nonce"] = RandomHex(16);
    r["time"] = FormatIso8601(time);
    r["workstation"] = e.workstation.empty() ? workstation : e.workstation;
    r["app_version"] = appVersion;
    r["event"] = e.event;
    r["outcome"] = OutcomeName(e.outcome);
    auto text = [&r](const char* key, const std::string& value) {
      if (!value.empty()) r[key] = value;
    };
    text("user", e.user);
    text("session", e.session);
    text("case", e.caseNumber);
    text("purpose_code", e.purposeCode);
    text("purpose_text", e.purposeText);
    text("justification", e.justification);
    text("result_hash", e.resultHash);
    text("reason", e.reason);
    if (!e.query.empty()) {
      Json q = Json::object();
      for (const auto& [key, value] : e.query) q[key] = value;
      r["query"] = std::move(q);
    }
    if (e.resultCount) r["result_count"] = *e.resultCount;
    if (!e.objects.empty()) r["objects"] = e.objects;
    if (e.bytes) r["bytes"] = *e.bytes;
    if (!e.detailsJson.empty()) {
      auto details = detail::ParseJson(e.detailsJson, /*refuseDuplicateKeys=*/true);
      if (!details) return Fail(ErrorCode::InvalidArgument, "audit details: " + details.Err().message, e.event);
      if (!details->is_object() || details->empty())
        return Fail(ErrorCode::InvalidArgument, "audit details must be a non-empty JSON object", e.event);
      r["details"] = std::move(*details);
    }
    // A wall clock that went backwards is recorded, not hidden: the record keeps its true time
    // and says by how much it precedes the previous record (the verifier accepts exactly that).
    if (prev && time < *prev) r["clock_back_ms"] = *prev - time;
    if (auto problem = detail::CheckRecord(r, nullptr))
      return Fail(ErrorCode::InvalidArgument, "audit event refused: " + *problem, e.event);
    return r;
  }

  // Appends inside an open write transaction, updating `pending` (the caller commits it).
  Result<AppendedRecord> AppendInTransaction(const AuditEvent& e, TreeState& pending) {
    const std::uint64_t seq = pending.range.Size();
    const UtcMs time = clock->Now();
    auto record = BuildRecord(e, seq, time, pending.lastTime);
    if (!record) return record.Err();
    auto canonical = detail::ToCanonical(*record);
    if (!canonical) return Fail(ErrorCode::InvalidArgument, "audit event refused: " + canonical.Err().message, e.event);
    AppendedRecord out;
    out.seq = seq;
    out.time = time;
    out.leafHash = LeafHash(*canonical);
    out.canonical = std::move(*canonical);

    auto st = db->Prepare(
        "INSERT INTO records(seq, record, leaf, time_ms, event, outcome, user_name, case_no, purpose) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return st.Err();
    st->Int(1, static_cast<std::int64_t>(seq));
    st->Text(2, out.canonical);
    st->Blob(3, out.leafHash);
    st->Int(4, time);
    st->Text(5, e.event);
    st->Text(6, OutcomeName(e.outcome));
    st->TextOrNull(7, e.user);
    st->TextOrNull(8, e.caseNumber);
    st->TextOrNull(9, e.purposeCode);
    PLATEDESK_TRY(st->Run());

    std::vector<SubtreeNode> completed;
    pending.range.Append(out.leafHash, &completed);
    pending.lastTime = time;
    if (!completed.empty()) {
      auto node = db->Prepare("INSERT INTO nodes(level, idx, hash) VALUES(?1, ?2, ?3)");
      if (!node) return node.Err();
      for (const auto& n : completed) {
        node->Int(1, n.level);
        node->Int(2, static_cast<std::int64_t>(n.index));
        node->Blob(3, n.hash);
        PLATEDESK_TRY(node->Run());
        node->Reset();
      }
    }
    return out;
  }

  Result<std::vector<AppendedRecord>> AppendMany(const std::vector<AuditEvent>& events) {
    PLATEDESK_TRY(RequireWritable());
    WriteTransaction tx(*db);
    PLATEDESK_TRY(tx.Begin());
    PLATEDESK_TRY(SyncState());
    TreeState pending = state;
    std::vector<AppendedRecord> out;
    out.reserve(events.size());
    for (const auto& e : events) {
      auto appended = AppendInTransaction(e, pending);
      if (!appended) return appended.Err();
      out.push_back(std::move(*appended));
    }
    PLATEDESK_TRY(tx.Commit());
    state = std::move(pending);
    return out;
  }

  // --- checkpoints ----------------------------------------------------------------------------

  Result<std::optional<Checkpoint>> Latest() {
    auto st = db->Prepare("SELECT tree_size, note, key_id, signed_ms FROM checkpoints ORDER BY id DESC LIMIT 1");
    if (!st) return st.Err();
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<Checkpoint>();
    auto cp = CheckpointFromRow(*st);
    if (!cp) return cp.Err();
    return std::optional<Checkpoint>(std::move(*cp));
  }

  // Signs the tree head of `pending` inside an open write transaction.
  Result<Checkpoint> SignInTransaction(const TreeState& pending) {
    PLATEDESK_TRY(LoadSigner());
    auto latest = Latest();
    if (!latest) return latest.Err();
    if (*latest && (*latest)->size == pending.range.Size() && (*latest)->keyId == signer->Verifier().KeyIdHex())
      return **latest;
    Checkpoint cp;
    cp.size = pending.range.Size();
    cp.root = pending.range.Root();
    cp.keyId = signer->Verifier().KeyIdHex();
    cp.signedAt = clock->Now();
    auto note = signer->Sign(FormatCheckpointBody(TreeHead{origin, cp.size, cp.root}));
    if (!note) return note.Err();
    cp.note = std::move(*note);
    auto st = db->Prepare("INSERT INTO checkpoints(tree_size, signed_ms, key_id, note) VALUES(?1, ?2, ?3, ?4)");
    if (!st) return st.Err();
    st->Int(1, static_cast<std::int64_t>(cp.size));
    st->Int(2, cp.signedAt);
    st->Text(3, cp.keyId);
    st->Text(4, cp.note);
    PLATEDESK_TRY(st->Run());
    return cp;
  }

  Result<Checkpoint> Sign() {
    PLATEDESK_TRY(RequireWritable());
    WriteTransaction tx(*db);
    PLATEDESK_TRY(tx.Begin());
    PLATEDESK_TRY(SyncState());
    auto cp = SignInTransaction(state);
    if (!cp) return cp.Err();
    PLATEDESK_TRY(tx.Commit());
    return cp;
  }

  // --- opening --------------------------------------------------------------------------------

  Result<std::string> Meta(const char* key) {
    auto st = db->Prepare("SELECT value FROM meta WHERE key = ?1");
    if (!st) return st.Err();
    st->Text(1, key);
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) return Fail(ErrorCode::Corrupt, "audit database lacks metadata", key);
    return st->ColText(0);
  }

  Status LoadMeta() {
    auto format = Meta("format");
    if (!format) return format.Err();
    if (*format != detail::kFormatName) return Fail(ErrorCode::Corrupt, "not a PlateDesk audit log", *format);
    auto version = Meta("schema_version");
    if (!version) return version.Err();
    if (*version != std::to_string(detail::kSchemaVersion))
      return Fail(ErrorCode::Unsupported, "audit log written by a newer PlateDesk", "schema " + *version);
    auto o = Meta("origin");
    if (!o) return o.Err();
    origin = std::move(*o);
    return {};
  }

  // True for an audit log, false for an empty database; Corrupt for any other database (never
  // add the audit schema to, say, platedesk.db opened by mistake).
  Result<bool> IsInitialised() {
    auto st = db->Prepare("SELECT COUNT(*), COALESCE(SUM(type = 'table' AND name = 'meta'), 0) FROM sqlite_master");
    if (!st) return st.Err();
    auto row = st->Step();
    if (!row) return row.Err();
    if (st->ColInt(1) > 0) return true;
    if (st->ColInt(0) > 0) return Fail(ErrorCode::Corrupt, "not a PlateDesk audit log (another database)");
    return false;
  }

  Status Create(const std::string& storageId) {
    // A key file without a log means audit.db was removed: never start a fresh log silently.
    std::error_code ec;
    if (fs::exists(keyPath, ec))
      return Fail(ErrorCode::Corrupt,
                  "a signing key exists but audit.db holds no log: the audit log may have been deleted",
                  keyPath.string());
    fs::remove(NewKeyPath(keyPath), ec);  // left by a creation that never committed
    origin = std::string(kOriginPrefix) + (storageId.empty() ? RandomHex(8) : storageId);
    if (!IsValidKeyName(origin))
      return Fail(ErrorCode::InvalidArgument, "storage id must not contain spaces or '+'", storageId);
    auto newSigner = NoteSigner::Generate(origin);
    if (!newSigner) return newSigner.Err();

    PLATEDESK_TRY(db->Exec(detail::kSchemaSql, "create the audit schema"));
    const UtcMs now = clock->Now();
    auto meta = db->Prepare("INSERT INTO meta(key, value) VALUES(?1, ?2)");
    if (!meta) return meta.Err();
    const std::pair<const char*, std::string> rows[] = {{"format", std::string(detail::kFormatName)},
                                                        {"schema_version", std::to_string(detail::kSchemaVersion)},
                                                        {"origin", origin},
                                                        {"created", FormatIso8601(now)}};
    for (const auto& [key, value] : rows) {
      meta->Text(1, key);
      meta->Text(2, value);
      PLATEDESK_TRY(meta->Run());
      meta->Reset();
    }
    auto key = db->Prepare(
        "INSERT INTO keys(vkey, key_id, valid_from, created_ms, endorsement) "
        "VALUES(?1, ?2, 0, ?3, NULL)");
    if (!key) return key.Err();
    key->Text(1, newSigner->Verifier().Encode());
    key->Text(2, newSigner->Verifier().KeyIdHex());
    key->Int(3, now);
    PLATEDESK_TRY(key->Run());
    // The key goes to key.new first and is renamed after the commit; LoadSigner completes the
    // rename if we crash in between, and Create removes a key.new that was never committed.
    PLATEDESK_TRY(detail::WriteSecretFile(NewKeyPath(keyPath), newSigner->Encode() + "\n"));
    signer.emplace(std::move(*newSigner));
    return {};
  }
};

AuditLog::AuditLog(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}
AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const fs::path& dbPath, const AuditLogOptions& options,
                                                 const Clock& clock) {
  if (options.workstation.empty() || options.appVersion.empty())
    return Fail(ErrorCode::InvalidArgument, "audit log needs a workstation name and an app version");
  std::error_code ec;
  const fs::path folder = dbPath.has_parent_path() ? dbPath.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, ec)) return Fail(ErrorCode::NotFound, "storage folder does not exist", folder.string());

  auto impl = std::make_unique<Impl>();
  impl->keyPath = folder / kSigningKeyFileName;
  impl->clock = &clock;
  impl->workstation = options.workstation;
  impl->appVersion = options.appVersion;
  auto db = Connection::Open(dbPath.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, detail::kDbWords);
  if (!db) return db.Err();
  impl->db = std::move(*db);
  // WAL + FULL: a commit (one append) is on disk before Append returns. secure_delete zeroes the
  // text that Prune removes instead of leaving it in free pages.
  PLATEDESK_TRY(
      impl->db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; "
                     "PRAGMA trusted_schema=OFF;",
                     "configure audit.db"));
  bool created = false;
  {
    WriteTransaction tx(*impl->db);
    PLATEDESK_TRY(tx.Begin());
    auto initialised = impl->IsInitialised();
    if (!initialised) return initialised.Err();
    if (!*initialised) {
      Status st = impl->Create(options.storageId);
      if (!st) {
        fs::remove(NewKeyPath(impl->keyPath), ec);
        return st.Err();
      }
      created = true;
    }
    PLATEDESK_TRY(impl->LoadMeta());
    Status committed = tx.Commit();
    if (!committed) {
      if (created) fs::remove(NewKeyPath(impl->keyPath), ec);
      return committed.Err();
    }
  }
  if (created) PLATEDESK_TRY(detail::RenameDurably(NewKeyPath(impl->keyPath), impl->keyPath));
  PLATEDESK_TRY(impl->LoadSigner());
  PLATEDESK_TRY(impl->SyncState());
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(impl)));
}

Result<std::unique_ptr<AuditLog>> AuditLog::OpenReadOnly(const fs::path& dbPath) {
  std::error_code ec;
  if (!fs::is_regular_file(dbPath, ec)) return Fail(ErrorCode::NotFound, "no audit log here", dbPath.string());
  auto impl = std::make_unique<Impl>();
  impl->readOnly = true;
  auto db =
      Connection::Open(sqlite::FileUri(dbPath, "mode=ro"), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, detail::kDbWords);
  if (!db) return db.Err();
  impl->db = std::move(*db);
  PLATEDESK_TRY(impl->LoadMeta());
  PLATEDESK_TRY(impl->SyncState());
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(impl)));
}

Result<AppendedRecord> AuditLog::Append(const AuditEvent& event) {
  std::lock_guard lock(mImpl->mutex);
  auto out = mImpl->AppendMany({event});
  if (!out) return out.Err();
  return std::move(out->front());
}

Result<std::vector<AppendedRecord>> AuditLog::AppendBatch(const std::vector<AuditEvent>& events) {
  std::lock_guard lock(mImpl->mutex);
  return mImpl->AppendMany(events);
}

Result<Checkpoint> AuditLog::SignCheckpoint() {
  std::lock_guard lock(mImpl->mutex);
  return mImpl->Sign();
}

Result<std::string> AuditLog::SignStatement(std::string_view text) {
  std::lock_guard lock(mImpl->mutex);
  PLATEDESK_TRY(mImpl->RequireWritable());
  if (text.substr(0, kStatementPrefix.size()) != kStatementPrefix)
    return Fail(ErrorCode::InvalidArgument, "a signed statement must start with \"platedesk statement \"");
  PLATEDESK_TRY(mImpl->LoadSigner());
  return mImpl->signer->Sign(text);
}

Result<std::optional<Checkpoint>> AuditLog::MaybeCheckpoint(UtcMs now) {
  std::lock_guard lock(mImpl->mutex);
  PLATEDESK_TRY(mImpl->RequireWritable());
  PLATEDESK_TRY(mImpl->SyncState());
  const std::uint64_t size = mImpl->state.range.Size();
  auto latest = mImpl->Latest();
  if (!latest) return latest.Err();
  if (size == 0) return std::optional<Checkpoint>();
  if (*latest && ((*latest)->size >= size || now - (*latest)->signedAt < kCheckpointInterval))
    return std::optional<Checkpoint>();
  auto cp = mImpl->Sign();
  if (!cp) return cp.Err();
  return std::optional<Checkpoint>(std::move(*cp));
}

Result<std::optional<Checkpoint>> AuditLog::LatestCheckpoint() {
  std::lock_guard lock(mImpl->mutex);
  return mImpl->Latest();
}

Result<std::vector<Checkpoint>> AuditLog::Checkpoints() {
  std::lock_guard lock(mImpl->mutex);
  auto st = mImpl->db->Prepare("SELECT tree_size, note, key_id, signed_ms FROM checkpoints ORDER BY id");
  if (!st) return st.Err();
  std::vector<Checkpoint> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) break;
    auto cp = CheckpointFromRow(*st);
    if (!cp) return cp.Err();
    out.push_back(std::move(*cp));
  }
  return out;
}

Result<std::uint64_t> AuditLog::Size() {
  std::lock_guard lock(mImpl->mutex);
  PLATEDESK_TRY(mImpl->SyncState());
  return mImpl->state.range.Size();
}

Result<Sha256Digest> AuditLog::RootAt(std::uint64_t size) {
  std::lock_guard lock(mImpl->mutex);
  PLATEDESK_TRY(mImpl->SyncState());
  const std::uint64_t n = mImpl->state.range.Size();
  if (size > n) return Fail(ErrorCode::InvalidArgument, "tree size beyond the log", std::to_string(size));
  if (size == n) return mImpl->state.range.Root();
  try {
    return RootFromSubtrees(size, mImpl->Source());
  } catch (const StorageFault& f) {
    return f.error;
  }
}

Result<std::vector<Sha256Digest>> AuditLog::InclusionProof(std::uint64_t seq, std::uint64_t treeSize) {
  std::lock_guard lock(mImpl->mutex);
  PLATEDESK_TRY(mImpl->SyncState());
  if (treeSize > mImpl->state.range.Size() || seq >= treeSize)
    return Fail(ErrorCode::InvalidArgument, "inclusion proof: seq or tree size out of range",
                std::to_string(seq) + "/" + std::to_string(treeSize));
  try {
    return InclusionProofFromSubtrees(seq, treeSize, mImpl->Source());
  } catch (const StorageFault& f) {
    return f.error;
  }
}

Result<std::vector<Sha256Digest>> AuditLog::ConsistencyProof(std::uint64_t first, std::uint64_t second) {
  std::lock_guard lock(mImpl->mutex);
  PLATEDESK_TRY(mImpl->SyncState());
  if (first > second || second > mImpl->state.range.Size())
    return Fail(ErrorCode::InvalidArgument, "consistency proof: sizes out of range",
                std::to_string(first) + "/" + std::to_string(second));
  try {
    return ConsistencyProofFromSubtrees(first, second, mImpl->Source());
  } catch (const StorageFault& f) {
    return f.error;
  }
}

Result<StoredRecord> AuditLog::Get(std::uint64_t seq) {
  std::lock_guard lock(mImpl->mutex);
  auto st = mImpl->db->Prepare(std::string(kRecordColumns) + " WHERE seq = ?1");
  if (!st) return st.Err();
  st->Int(1, static_cast<std::int64_t>(seq));
  auto row = st->Step();
  if (!row) return row.Err();
  if (!*row) return Fail(ErrorCode::NotFound, "no audit record with this seq", std::to_string(seq));
  return RecordFromRow(*st);
}

Result<std::vector<StoredRecord>> AuditLog::List(const RecordFilter& filter) {
  std::lock_guard lock(mImpl->mutex);
  // Fixed placeholders per condition so the statement cache holds at most one entry per
  // combination of filters.
  std::string sql = std::string(kRecordColumns) + " WHERE 1";
  if (!filter.user.empty()) sql += " AND user_name = ?1";
  if (filter.from) sql += " AND time_ms >= ?2";
  if (filter.to) sql += " AND time_ms < ?3";
  if (!filter.caseNumber.empty()) sql += " AND case_no = ?4";
  if (!filter.purposeCode.empty()) sql += " AND purpose = ?5";
  std::string eventPrefix;
  const bool family = filter.eventType.size() > 2 && filter.eventType.ends_with(".*");
  if (family) {
    eventPrefix = filter.eventType.substr(0, filter.eventType.size() - 1);
    sql += " AND substr(event, 1, ?7) = ?6";
  } else if (!filter.eventType.empty()) {
    sql += " AND event = ?6";
  }
  if (filter.fromSeq) sql += " AND seq >= ?8";
  sql += " ORDER BY seq";
  if (filter.limit > 0) sql += " LIMIT ?9";
  auto st = mImpl->db->Prepare(sql);
  if (!st) return st.Err();
  if (!filter.user.empty()) st->Text(1, filter.user);
  if (filter.from) st->Int(2, *filter.from);
  if (filter.to) st->Int(3, *filter.to);
  if (!filter.caseNumber.empty()) st->Text(4, filter.caseNumber);
  if (!filter.purposeCode.empty()) st->Text(5, filter.purposeCode);
  if (family) {
    st->Text(6, eventPrefix);
    st->Int(7, static_cast<std::int64_t>(eventPrefix.size()));
  } else if (!filter.eventType.empty()) {
    st->Text(6, filter.eventType);
  }
  if (filter.fromSeq) st->Int(8, static_cast<std::int64_t>(*filter.fromSeq));
  if (filter.limit > 0) st->Int(9, static_cast<std::int64_t>(filter.limit));
  std::vector<StoredRecord> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) break;
    out.push_back(RecordFromRow(*st));
  }
  return out;
}

const std::string& AuditLog::Origin() const { return mImpl->origin; }

Result<std::string> AuditLog::VerifierKey() {
  std::lock_guard lock(mImpl->mutex);
  auto current = mImpl->CurrentKeyRow();
  if (!current) return current.Err();
  if (!*current) return Fail(ErrorCode::Corrupt, "the audit log has no signing key");
  return (*current)->vkey;
}

Result<std::vector<std::string>> AuditLog::KeyChain() {
  std::lock_guard lock(mImpl->mutex);
  auto st = mImpl->db->Prepare("SELECT vkey FROM keys ORDER BY valid_from, id");
  if (!st) return st.Err();
  std::vector<std::string> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) break;
    out.push_back(st->ColText(0));
  }
  return out;
}

Result<std::vector<AuditLog::KeyRecord>> AuditLog::KeyRecords() {
  std::lock_guard lock(mImpl->mutex);
  auto st = mImpl->db->Prepare("SELECT vkey, valid_from, endorsement FROM keys ORDER BY valid_from, id");
  if (!st) return st.Err();
  std::vector<KeyRecord> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) break;
    out.push_back({st->ColText(0), static_cast<std::uint64_t>(st->ColInt(1)), st->IsNull(2) ? "" : st->ColText(2)});
  }
  return out;
}

Result<std::string> AuditLog::RotateKey(const std::string& user, const std::string& session) {
  std::lock_guard lock(mImpl->mutex);
  Impl& m = *mImpl;
  PLATEDESK_TRY(m.RequireWritable());
  auto fresh = NoteSigner::Generate(m.origin);
  if (!fresh) return fresh.Err();
  const std::string newKey = fresh->Verifier().Encode();
  const fs::path newPath = NewKeyPath(m.keyPath);
  {
    WriteTransaction tx(*m.db);
    PLATEDESK_TRY(tx.Begin());
    PLATEDESK_TRY(m.SyncState());
    TreeState pending = m.state;
    // 1. The old key signs everything so far.
    auto last = m.SignInTransaction(pending);
    if (!last) return last.Err();
    const std::string oldKey = m.signer->Verifier().Encode();
    // 2. The rotation is itself an audit event; the new key is valid from the size after it.
    AuditEvent e;
    e.event = "audit.key_rotated";
    e.user = user;
    e.session = session;
    e.detailsJson = Json{{"new_key", newKey}, {"old_key", oldKey}, {"which", "audit"}}.dump();
    auto appended = m.AppendInTransaction(e, pending);
    if (!appended) return appended.Err();
    const std::uint64_t validFrom = pending.range.Size();
    auto endorsement = m.signer->Sign(detail::EndorsementText(m.origin, newKey, validFrom));
    if (!endorsement) return endorsement.Err();
    auto st = m.db->Prepare(
        "INSERT INTO keys(vkey, key_id, valid_from, created_ms, endorsement) "
        "VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.Err();
    st->Text(1, newKey);
    st->Text(2, fresh->Verifier().KeyIdHex());
    st->Int(3, static_cast<std::int64_t>(validFrom));
    st->Int(4, m.clock->Now());
    st->Text(5, *endorsement);
    PLATEDESK_TRY(st->Run());
    // 3. The new secret is durable before the commit; renamed into place after it.
    PLATEDESK_TRY(detail::WriteSecretFile(newPath, fresh->Encode() + "\n"));
    Status committed = tx.Commit();
    if (!committed) {
      std::error_code ec;
      fs::remove(newPath, ec);
      return committed.Err();
    }
    m.state = std::move(pending);
  }
  PLATEDESK_TRY(detail::RenameDurably(newPath, m.keyPath));
  m.signer.emplace(std::move(*fresh));
  // 4. The new key's first checkpoint covers the rotation event.
  auto first = m.Sign();
  if (!first) return first.Err();
  return newKey;
}

Result<PruneReport> AuditLog::Prune(UtcMs before, const std::string& user, const std::string& session) {
  std::lock_guard lock(mImpl->mutex);
  Impl& m = *mImpl;
  PLATEDESK_TRY(m.RequireWritable());
  if (before > m.clock->Now() - kMinimumAuditRetention)
    return Fail(ErrorCode::InvalidArgument, "audit records must be kept at least 365 days", FormatIso8601(before));
  PruneReport report;
  {
    WriteTransaction tx(*m.db);
    PLATEDESK_TRY(tx.Begin());
    PLATEDESK_TRY(m.SyncState());
    auto first = m.db->Prepare("SELECT MIN(seq) FROM records WHERE pruned = 0");
    if (!first) return first.Err();
    auto row = first->Step();
    if (!row) return row.Err();
    if (first->IsNull(0)) return report;
    report.fromSeq = static_cast<std::uint64_t>(first->ColInt(0));
    // A prefix only: stop at the first record that is young enough, even if an older-looking one
    // (after a clock change) follows it.
    auto end = m.db->Prepare("SELECT MIN(seq) FROM records WHERE seq >= ?1 AND time_ms >= ?2");
    if (!end) return end.Err();
    end->Int(1, static_cast<std::int64_t>(report.fromSeq));
    end->Int(2, before);
    auto endRow = end->Step();
    if (!endRow) return endRow.Err();
    report.toSeq = end->IsNull(0) ? m.state.range.Size() : static_cast<std::uint64_t>(end->ColInt(0));
    if (report.toSeq <= report.fromSeq) {
      report.toSeq = report.fromSeq;
      return report;
    }
    report.pruned = report.toSeq - report.fromSeq;
    TreeState pending = m.state;
    AuditEvent e;
    e.event = "audit.pruned";
    e.user = user;
    e.session = session;
    e.resultCount = report.pruned;
    e.detailsJson =
        Json{{"before", FormatIso8601(before)}, {"from_seq", report.fromSeq}, {"to_seq", report.toSeq}}.dump();
    auto appended = m.AppendInTransaction(e, pending);
    if (!appended) return appended.Err();
    auto st = m.db->Prepare(
        "UPDATE records SET record = NULL, pruned = 1, user_name = NULL, case_no = NULL, purpose = NULL "
        "WHERE seq >= ?1 AND seq < ?2 AND pruned = 0");
    if (!st) return st.Err();
    st->Int(1, static_cast<std::int64_t>(report.fromSeq));
    st->Int(2, static_cast<std::int64_t>(report.toSeq));
    PLATEDESK_TRY(st->Run());
    PLATEDESK_TRY(tx.Commit());
    m.state = std::move(pending);
  }
  // Move the zeroed pages into the main file so no old text lingers in the WAL (best effort).
  (void)m.db->Exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint the WAL after pruning");
  return report;
}

}  // namespace platedesk::audit
