// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/Verifier.h"

#include "Canonical.h"
#include "RecordSchema.h"
#include "Schema.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Checkpoint.h"
#include "platedesk/audit/Merkle.h"

#include <algorithm>
#include <system_error>

namespace fs = std::filesystem;

namespace platedesk::audit {
namespace {

using sqlite::Connection;
using Json = nlohmann::json;

// An audit.key_rotated record about the evidence key (details.which "evidence") says nothing about
// the checkpoint key chain. Anything else, an old record without "which" included, is an audit key
// rotation and must match the chain.
bool IsEvidenceKeyRecord(const Json& details) {
  return details.is_object() && details.contains("which") && details["which"].is_string() &&
         details["which"].get<std::string>() == "evidence";
}

struct ChainKey {
  NoteVerifier verifier;
  std::string encoded;
  std::uint64_t validFrom = 0;
};

// A checkpoint to check when the scan reaches its tree size.
struct Target {
  bool external = false;
  std::size_t number = 0;  // stored: 1-based position in id order; external: 0-based input index
  TreeHead head;
  SignedNote note;
};

// The first problem found ends the scan; this carries it out.
struct Finding {
  VerifyProblem problem = VerifyProblem::None;
  std::string reason;
  std::optional<std::uint64_t> index;
  std::optional<std::uint64_t> end;
  std::optional<std::size_t> checkpoint;
};

Finding Problem(VerifyProblem p, std::string reason, std::optional<std::uint64_t> index = std::nullopt) {
  return Finding{p, std::move(reason), index, std::nullopt, std::nullopt};
}

std::string Describe(const Target& t) {
  return std::string(t.external ? "external checkpoint #" : "stored checkpoint #") + std::to_string(t.number) +
         " (tree size " + std::to_string(t.head.size) + ")";
}

const ChainKey& KeyFor(const std::vector<ChainKey>& chain, std::uint64_t size) {
  const ChainKey* found = &chain.front();
  for (const auto& k : chain)
    if (k.validFrom <= size) found = &k;
  return *found;
}

class Scan {
 public:
  Scan(Connection& db, const VerifyOptions& options, VerifyReport& report)
      : mDb(db), mOptions(options), mReport(report) {}

  // Runs every check; returns the first finding (problem None = PASS). Errors: Cancelled.
  Result<Finding> Run() {
    if (auto f = ReadMeta(); f.problem != VerifyProblem::None) return f;
    if (auto f = ReadKeys(); f.problem != VerifyProblem::None) return f;
    if (auto f = ReadCheckpoints(); f.problem != VerifyProblem::None) return f;
    if (auto f = CheckTargetsAt(0); f.problem != VerifyProblem::None) return f;
    auto f = ScanRecords();
    if (!f) return f.Err();
    if (f->problem != VerifyProblem::None) return f;
    return Finish();
  }

 private:
  Finding Unreadable(const Error& e) { return Problem(VerifyProblem::Unreadable, e.message + " (" + e.context + ")"); }

  Result<std::string> Meta(const char* key) {
    auto st = mDb.Prepare("SELECT value FROM meta WHERE key = ?1");
    if (!st) return st.Err();
    st->Text(1, key);
    auto row = st->Step();
    if (!row) return row.Err();
    if (!*row) return Fail(ErrorCode::Corrupt, std::string("metadata missing: ") + key);
    return st->ColText(0);
  }

  Finding ReadMeta() {
    auto format = Meta("format");
    if (!format) return Unreadable(format.Err());
    if (*format != detail::kFormatName) return Problem(VerifyProblem::Unreadable, "not a PlateDesk audit log");
    auto version = Meta("schema_version");
    if (!version) return Unreadable(version.Err());
    if (*version != std::to_string(detail::kSchemaVersion))
      return Problem(VerifyProblem::Unreadable, "unsupported audit schema version " + *version);
    auto origin = Meta("origin");
    if (!origin) return Unreadable(origin.Err());
    mReport.origin = *origin;
    return {};
  }

  Finding ReadKeys() {
    auto st = mDb.Prepare("SELECT vkey, valid_from, endorsement FROM keys ORDER BY valid_from, id");
    if (!st) return Unreadable(st.Err());
    for (;;) {
      auto row = st->Step();
      if (!row) return Unreadable(row.Err());
      if (!*row) break;
      ChainKey key;
      key.encoded = st->ColText(0);
      const std::int64_t validFrom = st->ColInt(1);
      auto parsed = ParseVerifierKey(key.encoded);
      if (!parsed) return Problem(VerifyProblem::KeyChain, "malformed key in the chain: " + parsed.Err().message);
      key.verifier = *parsed;
      if (key.verifier.name != mReport.origin)
        return Problem(VerifyProblem::KeyChain, "key " + key.verifier.KeyIdHex() + " is named for another log");
      if (mChain.empty()) {
        if (validFrom != 0 || !st->IsNull(2))
          return Problem(VerifyProblem::KeyChain, "the first key must be valid from size 0 and unendorsed");
      } else {
        const ChainKey& prev = mChain.back();
        if (validFrom <= static_cast<std::int64_t>(prev.validFrom))
          return Problem(VerifyProblem::KeyChain,
                         "keys overlap: key " + key.verifier.KeyIdHex() + " starts no later than its predecessor");
        key.validFrom = static_cast<std::uint64_t>(validFrom);
        auto note = ParseSignedNote(st->ColText(2));
        if (!note || note->text != detail::EndorsementText(mReport.origin, key.encoded, key.validFrom) ||
            !HasValidSignature(*note, prev.verifier))
          return Problem(VerifyProblem::KeyChain,
                         "key " + key.verifier.KeyIdHex() + " is not endorsed by the key before it");
      }
      mChain.push_back(std::move(key));
    }
    if (mChain.empty()) return Problem(VerifyProblem::KeyChain, "the log has no signing key");
    if (mOptions.trustedKey) {
      auto trusted = ParseVerifierKey(*mOptions.trustedKey);
      if (!trusted) return Problem(VerifyProblem::KeyChain, "the trusted key is malformed: " + trusted.Err().message);
      if (trusted->Encode() != mChain.front().encoded)
        return Problem(VerifyProblem::KeyChain, "the log's root key " + mChain.front().verifier.KeyIdHex() +
                                                    " is not the trusted key " + trusted->KeyIdHex());
    }
    mReport.keys = mChain.size();
    return {};
  }

  Finding AddTarget(bool external, std::size_t number, std::string_view text, std::optional<std::int64_t> column) {
    const VerifyProblem invalid =
        external ? VerifyProblem::ExternalCheckpointInvalid : VerifyProblem::CheckpointInvalid;
    Target t;
    t.external = external;
    t.number = number;
    const std::string label =
        std::string(external ? "external checkpoint #" : "stored checkpoint #") + std::to_string(number);
    auto note = ParseSignedNote(text);
    auto head = note ? ParseCheckpointBody(note->text) : Result<TreeHead>(note.Err());
    if (!note || !head) {
      Finding f = Problem(invalid, label + " is malformed: " + (note ? head.Err().message : note.Err().message));
      f.checkpoint = number;
      return f;
    }
    if (head->origin != mReport.origin) {
      Finding f = Problem(invalid, label + " is for another log (" + head->origin + ")");
      f.checkpoint = number;
      return f;
    }
    if (column && *column != static_cast<std::int64_t>(head->size)) {
      Finding f = Problem(invalid, label + ": its tree_size column disagrees with the signed size");
      f.checkpoint = number;
      return f;
    }
    t.head = std::move(*head);
    t.note = std::move(*note);
    mTargets.push_back(std::move(t));
    return {};
  }

  Finding ReadCheckpoints() {
    auto st = mDb.Prepare("SELECT tree_size, note FROM checkpoints ORDER BY id");
    if (!st) return Unreadable(st.Err());
    std::size_t number = 0;
    for (;;) {
      auto row = st->Step();
      if (!row) return Unreadable(row.Err());
      if (!*row) break;
      if (auto f = AddTarget(false, ++number, st->ColView(1), st->ColInt(0)); f.problem != VerifyProblem::None)
        return f;
    }
    for (std::size_t i = 0; i < mOptions.externalCheckpoints.size(); ++i)
      if (auto f = AddTarget(true, i, mOptions.externalCheckpoints[i], std::nullopt); f.problem != VerifyProblem::None)
        return f;
    // By size; at equal size external ones first (they are the stronger evidence).
    std::stable_sort(mTargets.begin(), mTargets.end(), [](const Target& a, const Target& b) {
      if (a.head.size != b.head.size) return a.head.size < b.head.size;
      return a.external && !b.external;
    });
    return {};
  }

  std::string SignatureProblem(const Target& t, const ChainKey& expected) const {
    for (const auto& sig : t.note.signatures) {
      if (sig.keyId == expected.verifier.keyId && sig.name == expected.verifier.name)
        return "its signature by key " + expected.verifier.KeyIdHex() + " does not verify";
    }
    for (const auto& sig : t.note.signatures) {
      for (const auto& k : mChain)
        if (sig.keyId == k.verifier.keyId && sig.name == k.verifier.name && HasValidSignature(t.note, k.verifier))
          return "it is signed by key " + k.verifier.KeyIdHex() + ", but key " + expected.verifier.KeyIdHex() +
                 " is the one valid at tree size " + std::to_string(t.head.size);
    }
    char id[9];
    std::snprintf(id, sizeof id, "%08x", t.note.signatures.empty() ? 0U : t.note.signatures.front().keyId);
    return std::string("it is not signed by the log's key (signed by unknown key ") + id + ")";
  }

  // Checks every checkpoint of tree size `size` against the root computed from the leaves.
  Finding CheckTargetsAt(std::uint64_t size) {
    while (mNext < mTargets.size() && mTargets[mNext].head.size == size) {
      const Target& t = mTargets[mNext++];
      const ChainKey& key = KeyFor(mChain, size);
      if (!HasValidSignature(t.note, key.verifier)) {
        Finding f =
            Problem(t.external ? VerifyProblem::ExternalCheckpointSignature : VerifyProblem::CheckpointSignature,
                    Describe(t) + ": " + SignatureProblem(t, key));
        f.checkpoint = t.number;
        return f;
      }
      if (t.head.root != mRange.Root()) {
        Finding f;
        if (t.external) {
          // Stored checkpoints may have been re-signed by whoever holds the key file: only an
          // earlier external checkpoint bounds where the rewrite starts.
          f = Problem(VerifyProblem::ExternalCheckpointRootMismatch,
                      Describe(t) +
                          " has another root than the log at that size: the log was rewritten or forked "
                          "at or after entry " +
                          std::to_string(mLastExternalAnchor));
          f.index = mLastExternalAnchor;
        } else {
          f = Problem(VerifyProblem::CheckpointRootMismatch,
                      Describe(t) + " does not match the records: an entry in [" + std::to_string(mLastAnchor) + ", " +
                          std::to_string(size) + ") was changed, inserted or removed");
        }
        if (!f.index) f.index = mLastAnchor;
        f.end = size;
        f.checkpoint = t.number;
        return f;
      }
      mLastAnchor = size;
      if (t.external) {
        mLastExternalAnchor = size;
        ++mReport.externalCheckpoints;
        mReport.newestExternalCheckpointSize = size;
      } else {
        ++mReport.storedCheckpoints;
        mReport.newestStoredCheckpointSize = size;
      }
    }
    return {};
  }

  static std::string Str(const Json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  Finding CheckLiveRecord(std::uint64_t p, const sqlite::Stmt& row, const Sha256Digest& leaf) {
    const std::string_view text = row.ColView(1);
    if (LeafHash(text) != leaf)
      return Problem(VerifyProblem::LeafHashMismatch, "record " + std::to_string(p) + " does not match its leaf hash",
                     p);
    auto parsed = detail::ParseJson(text, /*refuseDuplicateKeys=*/false);
    if (!parsed) return Problem(VerifyProblem::NotCanonical, "record " + std::to_string(p) + " is not JSON", p);
    const Json& record = *parsed;
    std::string canonical;
    if (!detail::WriteCanonical(record, canonical) || canonical != text)
      return Problem(VerifyProblem::NotCanonical, "record " + std::to_string(p) + " is not in canonical form", p);
    if (record.is_object()) {
      const auto seqIt = record.find("seq");
      if (seqIt != record.end() && seqIt->is_number_unsigned() && seqIt->get<std::uint64_t>() != p) {
        const std::uint64_t claimed = seqIt->get<std::uint64_t>();
        return Problem(VerifyProblem::SequenceMismatch,
                       "the record at position " + std::to_string(p) + " says it is record " + std::to_string(claimed) +
                           ": records were inserted, removed or reordered",
                       std::min(claimed, p));
      }
    }
    UtcMs time = 0;
    if (auto problem = detail::CheckRecord(record, &time))
      return Problem(VerifyProblem::InvalidRecord, "record " + std::to_string(p) + ": " + *problem, p);
    const auto back = record.find("clock_back_ms");
    if (mPrevTime) {
      if (time < *mPrevTime) {
        if (back == record.end() || back->get<std::uint64_t>() != static_cast<std::uint64_t>(*mPrevTime - time))
          return Problem(VerifyProblem::TimeOrder,
                         "record " + std::to_string(p) + " is older than the record before it", p);
      } else if (back != record.end()) {
        return Problem(VerifyProblem::TimeOrder,
                       "record " + std::to_string(p) + " claims a clock change that did not happen", p);
      }
    } else if (back != record.end() && mTombstones == 0) {
      return Problem(VerifyProblem::TimeOrder, "the first record claims a clock change", p);
    }
    mPrevTime = time;
    const std::string event = Str(record, "event");
    if (row.ColInt(3) != time || row.ColView(4) != event || row.ColView(5) != Str(record, "outcome") ||
        row.ColView(6) != Str(record, "user") || row.ColView(7) != Str(record, "case") ||
        row.ColView(8) != Str(record, "purpose_code"))
      return Problem(VerifyProblem::IndexMismatch,
                     "the review columns of record " + std::to_string(p) + " disagree with the record", p);
    if (event == "audit.pruned") {
      const Json& d = record["details"];
      const auto from = d.find("from_seq");
      const auto to = d.find("to_seq");
      const auto before = d.find("before");
      UtcMs beforeMs = 0;
      if (from == d.end() || to == d.end() || before == d.end() || !from->is_number_unsigned() ||
          !to->is_number_unsigned() || !before->is_string() ||
          !detail::ParseRecordTime(before->get<std::string>(), &beforeMs) ||
          from->get<std::uint64_t>() >= to->get<std::uint64_t>() || to->get<std::uint64_t>() > p ||
          record["result_count"].get<std::uint64_t>() != to->get<std::uint64_t>() - from->get<std::uint64_t>() ||
          beforeMs > time - kMinimumAuditRetention)
        return Problem(VerifyProblem::Tombstone, "record " + std::to_string(p) + " declares an invalid prune", p);
      mPrunes.emplace_back(from->get<std::uint64_t>(), to->get<std::uint64_t>());
    } else if (event == "audit.key_rotated" && !IsEvidenceKeyRecord(record["details"])) {
      const Json& d = record["details"];
      mRotations.push_back({p, d.contains("new_key") && d["new_key"].is_string() ? d["new_key"].get<std::string>() : "",
                            d.contains("old_key") && d["old_key"].is_string() ? d["old_key"].get<std::string>() : ""});
    }
    return {};
  }

  // The writer stores every perfect subtree (nodes table) and builds proofs and new roots from
  // them. Each level is read in index order beside the scan, so this costs one step per node.
  Finding CheckNodes(const std::vector<SubtreeNode>& completed) {
    for (const auto& node : completed) {
      auto& cursor = NodeCursor(node.level);
      if (!cursor) return Unreadable(Fail(ErrorCode::Corrupt, "cannot read the nodes table"));
      auto row = cursor->Step();
      if (!row) return Unreadable(row.Err());
      const std::uint64_t first = node.index << node.level;
      const std::uint64_t end = (node.index + 1) << node.level;
      if (!*row || cursor->ColInt(0) != static_cast<std::int64_t>(node.index) || cursor->ColDigest(1) != node.hash) {
        Finding f = Problem(VerifyProblem::TreeNodeMismatch,
                            "the stored tree node over entries [" + std::to_string(first) + ", " + std::to_string(end) +
                                ") is missing or does not match the records",
                            first);
        f.end = end;
        return f;
      }
    }
    return {};
  }

  std::optional<sqlite::Stmt>& NodeCursor(unsigned level) {
    if (mNodeCursors.size() <= level) mNodeCursors.resize(level + 1);
    if (!mNodeCursors[level]) {
      // The level is part of the SQL text so each level gets its own cached statement.
      auto st = mDb.Prepare("SELECT idx, hash FROM nodes WHERE level = " + std::to_string(level) + " ORDER BY idx");
      if (st) mNodeCursors[level].emplace(std::move(*st));
    }
    return mNodeCursors[level];
  }

  // Nodes beyond the log (left behind when records were removed).
  Finding CheckNoExtraNodes() {
    auto st = mDb.Prepare("SELECT level, idx FROM nodes WHERE ((idx + 1) << level) > ?1 ORDER BY idx << level LIMIT 1");
    if (!st) return Unreadable(st.Err());
    st->Int(1, static_cast<std::int64_t>(mRange.Size()));
    auto row = st->Step();
    if (!row) return Unreadable(row.Err());
    if (!*row) return {};
    const std::uint64_t end = static_cast<std::uint64_t>(st->ColInt(1) + 1) << st->ColInt(0);
    Finding f = Problem(VerifyProblem::TreeNodeMismatch,
                        "the nodes table covers entries up to " + std::to_string(end) + " but the log ends at " +
                            std::to_string(mRange.Size()) + ": records were removed",
                        mRange.Size());
    f.end = end;
    return f;
  }

  Result<Finding> ScanRecords() {
    std::uint64_t total = 0;
    if (auto st = mDb.Prepare("SELECT COALESCE(MAX(seq) + 1, 0) FROM records"); st) {
      if (auto row = st->Step(); row && *row) total = static_cast<std::uint64_t>(st->ColInt(0));
    }
    ProgressThrottle progress(mOptions.progress ? mOptions.progress : ProgressFn([](std::uint64_t, std::uint64_t) {}));
    auto st = mDb.Prepare(
        "SELECT seq, record, leaf, time_ms, event, outcome, user_name, case_no, purpose, pruned FROM records "
        "ORDER BY seq");
    if (!st) return Unreadable(st.Err());
    std::uint64_t p = 0;
    bool seenLive = false;
    std::vector<SubtreeNode> completed;
    for (;; ++p) {
      if ((p & 4095) == 0) {
        if (mOptions.stop.stop_requested()) return Fail(ErrorCode::Cancelled, "audit verification cancelled");
        progress.Report(p, total);
      }
      auto row = st->Step();
      if (!row) return Unreadable(row.Err());
      if (!*row) break;
      const auto seq = st->ColInt(0);
      if (seq != static_cast<std::int64_t>(p))
        return Problem(
            VerifyProblem::SequenceGap,
            "record " + std::to_string(p) + " is missing (the next stored record is " + std::to_string(seq) + ")", p);
      const auto leaf = st->ColDigest(2);
      if (!leaf)
        return Problem(VerifyProblem::LeafHashMismatch, "record " + std::to_string(p) + " has no valid leaf hash", p);
      if (st->ColInt(9) != 0) {
        if (seenLive || !st->IsNull(1))
          return Problem(VerifyProblem::Tombstone,
                         "record " + std::to_string(p) + " is tombstoned but is not part of a pruned prefix", p);
        ++mTombstones;
      } else {
        seenLive = true;
        if (st->IsNull(1))
          return Problem(VerifyProblem::Tombstone, "the text of record " + std::to_string(p) + " was removed", p);
        if (auto f = CheckLiveRecord(p, *st, *leaf); f.problem != VerifyProblem::None) return f;
      }
      completed.clear();
      mRange.Append(*leaf, &completed);
      if (auto f = CheckNodes(completed); f.problem != VerifyProblem::None) return f;
      if (auto f = CheckTargetsAt(p + 1); f.problem != VerifyProblem::None) return f;
    }
    progress.Report(p, total, true);
    return Finding{};
  }

  Finding Finish() {
    const std::uint64_t n = mRange.Size();
    mReport.entries = n;
    mReport.pruned = mTombstones;
    mReport.root = mRange.Root();
    if (mNext < mTargets.size()) {
      const Target& t = mTargets[mNext];
      Finding f = Problem(t.external ? VerifyProblem::ExternalCheckpointBeyondLog : VerifyProblem::CheckpointBeyondLog,
                          Describe(t) + " covers more entries than the log holds (" + std::to_string(n) +
                              "): entries were removed (truncation or rollback)",
                          n);
      f.checkpoint = t.number;
      return f;
    }
    // Every tombstone must lie in a range an audit.pruned record declared.
    std::sort(mPrunes.begin(), mPrunes.end());
    std::uint64_t covered = 0;
    for (const auto& [from, to] : mPrunes)
      if (from <= covered) covered = std::max(covered, to);
    if (covered < mTombstones)
      return Problem(VerifyProblem::Tombstone,
                     "record " + std::to_string(covered) + " was tombstoned without a declared prune", covered);
    // Every key after the first was introduced by a rotation record, and every rotation record
    // introduced the key that follows.
    for (std::size_t i = 1; i < mChain.size(); ++i) {
      const std::uint64_t at = mChain[i].validFrom - 1;
      if (at < mTombstones) continue;  // the rotation record itself was pruned
      const auto it = std::find_if(mRotations.begin(), mRotations.end(), [&](const auto& r) { return r.seq == at; });
      if (it == mRotations.end() || it->newKey != mChain[i].encoded || it->oldKey != mChain[i - 1].encoded)
        return Problem(VerifyProblem::KeyChain,
                       "key " + mChain[i].verifier.KeyIdHex() + " has no matching audit.key_rotated record at " +
                           std::to_string(at),
                       std::min(at, n));
    }
    if (auto f = CheckNoExtraNodes(); f.problem != VerifyProblem::None) return f;
    for (const auto& r : mRotations) {
      const bool known = std::any_of(mChain.begin(), mChain.end(), [&](const ChainKey& k) {
        return k.encoded == r.newKey && k.validFrom == r.seq + 1;
      });
      if (!known)
        return Problem(VerifyProblem::KeyChain,
                       "record " + std::to_string(r.seq) + " rotates to a key that is not in the key chain", r.seq);
    }
    return {};
  }

  struct Rotation {
    std::uint64_t seq;
    std::string newKey;
    std::string oldKey;
  };

  Connection& mDb;
  const VerifyOptions& mOptions;
  VerifyReport& mReport;
  std::vector<ChainKey> mChain;
  std::vector<Target> mTargets;
  std::size_t mNext = 0;
  CompactRange mRange;
  std::uint64_t mLastAnchor = 0;
  std::uint64_t mLastExternalAnchor = 0;
  std::uint64_t mTombstones = 0;
  std::optional<UtcMs> mPrevTime;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> mPrunes;
  std::vector<Rotation> mRotations;
  std::vector<std::optional<sqlite::Stmt>> mNodeCursors;
};

// Opens read-only; on read-only media (no -shm can be created) falls back to immutable=1.
Result<std::unique_ptr<Connection>> OpenForVerify(const fs::path& path, VerifyReport& report) {
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  auto db = Connection::Open(sqlite::FileUri(path, "mode=ro"), flags, detail::kDbWords);
  if (db) {
    auto probe = (*db)->Prepare("SELECT COUNT(*) FROM sqlite_master");
    if (probe && probe->Step()) return db;
  }
  auto immutable = Connection::Open(sqlite::FileUri(path, "immutable=1"), flags, detail::kDbWords);
  if (!immutable) return immutable.Err();
  report.warnings.push_back(
      "opened as immutable (read-only media): changes still in an audit.db-wal file were not read");
  return immutable;
}

}  // namespace

const char* VerifyProblemName(VerifyProblem problem) {
  switch (problem) {
    case VerifyProblem::None:
      return "none";
    case VerifyProblem::Unreadable:
      return "unreadable";
    case VerifyProblem::KeyChain:
      return "key-chain";
    case VerifyProblem::SequenceGap:
      return "sequence-gap";
    case VerifyProblem::SequenceMismatch:
      return "sequence-mismatch";
    case VerifyProblem::LeafHashMismatch:
      return "leaf-hash-mismatch";
    case VerifyProblem::NotCanonical:
      return "not-canonical";
    case VerifyProblem::InvalidRecord:
      return "invalid-record";
    case VerifyProblem::TimeOrder:
      return "time-order";
    case VerifyProblem::IndexMismatch:
      return "index-mismatch";
    case VerifyProblem::TreeNodeMismatch:
      return "tree-node-mismatch";
    case VerifyProblem::Tombstone:
      return "tombstone";
    case VerifyProblem::CheckpointInvalid:
      return "checkpoint-invalid";
    case VerifyProblem::CheckpointSignature:
      return "checkpoint-signature";
    case VerifyProblem::CheckpointRootMismatch:
      return "checkpoint-root-mismatch";
    case VerifyProblem::CheckpointBeyondLog:
      return "checkpoint-beyond-log";
    case VerifyProblem::ExternalCheckpointInvalid:
      return "external-checkpoint-invalid";
    case VerifyProblem::ExternalCheckpointSignature:
      return "external-checkpoint-signature";
    case VerifyProblem::ExternalCheckpointRootMismatch:
      return "external-checkpoint-root-mismatch";
    case VerifyProblem::ExternalCheckpointBeyondLog:
      return "external-checkpoint-beyond-log";
  }
  return "unknown";
}

Result<VerifyReport> VerifyLog(const fs::path& auditDb, const VerifyOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(auditDb, ec)) return Fail(ErrorCode::NotFound, "no audit log here", auditDb.string());
  VerifyReport report;
  auto db = OpenForVerify(auditDb, report);
  if (!db) return db.Err();
  Scan scan(**db, options, report);
  auto finding = scan.Run();
  if (!finding) return finding.Err();
  report.problem = finding->problem;
  report.ok = finding->problem == VerifyProblem::None;
  report.reason = report.ok ? "all checks passed" : finding->reason;
  report.firstBadIndex = finding->index;
  report.badRangeEnd = finding->end;
  report.checkpointNumber = finding->checkpoint;
  if (report.ok) {
    const std::uint64_t anchored = report.newestExternalCheckpointSize.value_or(0);
    report.unanchoredTail = report.entries - anchored;
    if (options.externalCheckpoints.empty())
      report.warnings.push_back(
          "no external checkpoint given: a rollback or rewrite of the whole log by someone holding the signing key "
          "would not be detected");
    const std::uint64_t signedSize = report.newestStoredCheckpointSize.value_or(0);
    if (signedSize < report.entries)
      report.warnings.push_back(std::to_string(report.entries - signedSize) +
                                " entries are newer than the newest stored checkpoint");
  }
  return report;
}

Result<VerifyReport> VerifyLog(const fs::path& auditDb, const std::vector<std::string>& externalCheckpoints,
                               const std::optional<std::string>& trustedKey) {
  VerifyOptions options;
  options.externalCheckpoints = externalCheckpoints;
  options.trustedKey = trustedKey;
  return VerifyLog(auditDb, options);
}

}  // namespace platedesk::audit
