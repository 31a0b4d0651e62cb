// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence key follows the audit key's pattern (core/audit/src/KeyFile.cpp, AuditLog::RotateKey):
// a new secret goes to "<key>.new" (owner-only from creation, fsynced), the change is recorded in
// the audit log, the public list is replaced atomically, and only then is the secret renamed into
// place. Open finishes or discards whatever a crash left between those steps. The rotated-out
// public keys stay in the list, as the audit log keeps its rotated-out keys in its keys table.
#include "platedesk/evidence/SigningKeys.h"

#include "FileWriter.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"

#include <mutex>
#include <optional>
#include <system_error>

namespace fs = std::filesystem;

namespace platedesk::evidence {
namespace {

constexpr std::string_view kHeader =
    "# PlateDesk evidence signing keys of this storage, oldest first; the last one signs new packages.\n"
    "# Every key here is trusted for this storage's packages: publish this file as the trusted keys\n"
    "# of `platedesk-cli verify` (docs/cli.md, \"Trusted keys\"). The audit log's checkpoint key is not here.\n";

struct Entry {
  std::string key;   ///< verifier key
  std::string note;  ///< the comment line above it (without "# ")
};

fs::path KeyPath(const fs::path& folder) { return folder / kEvidenceKeyFileName; }
fs::path NewKeyPath(const fs::path& folder) { return folder / (std::string(kEvidenceKeyFileName) + ".new"); }
fs::path ListPath(const fs::path& folder) { return folder / kEvidenceKeysFileName; }

std::string ListText(const std::vector<Entry>& entries) {
  std::string out(kHeader);
  for (const auto& e : entries) {
    out += "\n# " + e.note + "\n";
    out += e.key + "\n";
  }
  return out;
}

Result<std::vector<Entry>> ParseList(const std::string& text, const fs::path& path) {
  std::vector<Entry> out;
  std::string note;
  std::size_t number = 0;
  for (const auto& raw : Split(text, '\n')) {
    ++number;
    const std::string line = Trim(raw);
    if (line.empty()) continue;
    if (line[0] == '#') {
      note = Trim(line.substr(1));
      continue;
    }
    auto key = audit::ParseVerifierKey(line);
    if (!key)
      return Fail(ErrorCode::Corrupt, "the evidence keys file holds a line that is not a verifier key",
                  path.string() + ", line " + std::to_string(number));
    out.push_back({key->Encode(), note});
    note.clear();
  }
  if (out.empty()) return Fail(ErrorCode::Corrupt, "the evidence keys file holds no key", path.string());
  return out;
}

Result<std::vector<Entry>> ReadList(const fs::path& folder) {
  const fs::path path = ListPath(folder);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return Fail(ErrorCode::NotFound, "no evidence keys in this folder", path.string());
  auto text = ReadFile(path);
  if (!text) return text.Err();
  return ParseList(*text, path);
}

// The list is public, but like every file of the storage it is the owner's alone.
Status WriteList(const fs::path& folder, const std::vector<Entry>& entries) {
  const fs::path path = ListPath(folder);
  PLATEDESK_TRY(WriteFileAtomic(path, ListText(entries)));
  std::error_code ec;
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  return {};
}

// The secret, owner-only from the moment it exists (never briefly readable by others).
Status WriteSecret(const fs::path& path, const audit::NoteSigner& signer) {
  std::error_code ec;
  fs::remove(path, ec);  // a stale one from an interrupted change
  return WriteFileExclusive(path, signer.Encode() + "\n", /*ownerOnly=*/true);
}

Status RenameDurably(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return Fail(ErrorCode::Io, "cannot rename the evidence signing key: " + ec.message(), to.string());
  return detail::SyncFolder(to.parent_path());
}

std::optional<audit::NoteSigner> LoadSecret(const fs::path& path, const std::string& expected) {
  auto text = ReadFile(path);
  if (!text) return std::nullopt;
  auto signer = audit::NoteSigner::Parse(Trim(*text));
  if (!signer || signer->Verifier().Encode() != expected) return std::nullopt;
  return std::move(*signer);
}

}  // namespace

struct SigningKeys::Impl {
  mutable std::mutex mutex;
  fs::path folder;
  std::vector<Entry> entries;
  std::optional<audit::NoteSigner> signer;
};

SigningKeys::SigningKeys(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}
SigningKeys::~SigningKeys() = default;

bool SigningKeys::Exists(const fs::path& folder) {
  std::error_code ec;
  return fs::exists(ListPath(folder), ec) || fs::exists(KeyPath(folder), ec);
}

Result<std::unique_ptr<SigningKeys>> SigningKeys::Create(const fs::path& folder, std::string_view name,
                                                         const std::vector<std::string>& retiredKeys, UtcMs now,
                                                         const KeyChangeRecorder& record) {
  if (Exists(folder)) return Fail(ErrorCode::AlreadyExists, "this storage has an evidence key", folder.string());
  std::vector<Entry> entries;
  for (const auto& k : retiredKeys) {
    auto key = audit::ParseVerifierKey(k);
    if (!key) return Fail(ErrorCode::InvalidArgument, "a retired evidence key is not a verifier key", k);
    entries.push_back({key->Encode(), "retired: the audit log's key, which signed this storage's packages until " +
                                          FormatIso8601(now) + " (the keys were separated)"});
  }
  auto fresh = audit::NoteSigner::Generate(name);
  if (!fresh) return fresh.Err();
  const std::string newKey = fresh->Verifier().Encode();
  const fs::path newPath = NewKeyPath(folder);
  PLATEDESK_TRY(WriteSecret(newPath, *fresh));
  auto fail = [&](Error e) -> Error {
    std::error_code ec;
    fs::remove(newPath, ec);
    return e;
  };
  if (Status st = record(retiredKeys.empty() ? std::string() : entries.back().key, newKey); !st) return fail(st.Err());
  entries.push_back({newKey, "current since " + FormatIso8601(now)});
  if (Status st = WriteList(folder, entries); !st) return fail(st.Err());
  PLATEDESK_TRY(RenameDurably(newPath, KeyPath(folder)));
  auto impl = std::make_unique<Impl>();
  impl->folder = folder;
  impl->entries = std::move(entries);
  impl->signer.emplace(std::move(*fresh));
  return std::unique_ptr<SigningKeys>(new SigningKeys(std::move(impl)));
}

Result<std::unique_ptr<SigningKeys>> SigningKeys::Open(const fs::path& folder) {
  auto entries = ReadList(folder);
  if (!entries) {
    std::error_code ec;
    if (entries.Err().code == ErrorCode::NotFound && fs::exists(KeyPath(folder), ec))
      return Fail(ErrorCode::Corrupt, "the evidence signing key is there but its public keys file is missing",
                  ListPath(folder).string());
    return entries.Err();
  }
  const std::string& current = entries->back().key;
  auto impl = std::make_unique<Impl>();
  impl->folder = folder;
  if (auto signer = LoadSecret(KeyPath(folder), current)) {
    impl->signer.emplace(std::move(*signer));
    // A rotation that stopped before its list was written: its secret was never in use.
    std::error_code ec;
    if (fs::remove(NewKeyPath(folder), ec))
      Log(LogLevel::Warning, "removed the secret of an interrupted evidence key rotation");
  } else if (auto pending = LoadSecret(NewKeyPath(folder), current)) {
    // The list names the new key: the rotation stopped just before its rename.
    PLATEDESK_TRY(RenameDurably(NewKeyPath(folder), KeyPath(folder)));
    impl->signer.emplace(std::move(*pending));
  } else {
    return Fail(ErrorCode::Corrupt, "the evidence signing key is missing or does not match evidence-keys.txt",
                KeyPath(folder).string());
  }
  impl->entries = std::move(*entries);
  return std::unique_ptr<SigningKeys>(new SigningKeys(std::move(impl)));
}

Result<std::vector<std::string>> SigningKeys::ReadPublicKeys(const fs::path& folder) {
  auto entries = ReadList(folder);
  if (!entries) return entries.Err();
  std::vector<std::string> out;
  for (auto& e : *entries) out.push_back(std::move(e.key));
  return out;
}

std::string SigningKeys::VerifierKey() const {
  std::lock_guard lock(mImpl->mutex);
  return mImpl->entries.back().key;
}

std::vector<std::string> SigningKeys::PublicKeys() const {
  std::lock_guard lock(mImpl->mutex);
  std::vector<std::string> out;
  for (const auto& e : mImpl->entries) out.push_back(e.key);
  return out;
}

Result<std::string> SigningKeys::Sign(std::string_view text) const {
  if (text.substr(0, audit::kStatementPrefix.size()) != audit::kStatementPrefix)
    return Fail(ErrorCode::InvalidArgument, "a signed statement must start with \"platedesk statement \"");
  std::lock_guard lock(mImpl->mutex);
  return mImpl->signer->Sign(text);
}

Result<std::string> SigningKeys::Rotate(UtcMs now, const KeyChangeRecorder& record) {
  std::lock_guard lock(mImpl->mutex);
  Impl& m = *mImpl;
  auto fresh = audit::NoteSigner::Generate(m.signer->Verifier().name);
  if (!fresh) return fresh.Err();
  const std::string oldKey = m.entries.back().key;
  const std::string newKey = fresh->Verifier().Encode();
  const fs::path newPath = NewKeyPath(m.folder);
  PLATEDESK_TRY(WriteSecret(newPath, *fresh));
  auto fail = [&](Error e) -> Error {
    std::error_code ec;
    fs::remove(newPath, ec);
    return e;
  };
  if (Status st = record(oldKey, newKey); !st) return fail(st.Err());
  std::vector<Entry> entries = m.entries;
  entries.back().note += ", rotated out " + FormatIso8601(now);
  entries.push_back({newKey, "current since " + FormatIso8601(now)});
  if (Status st = WriteList(m.folder, entries); !st) return fail(st.Err());
  PLATEDESK_TRY(RenameDurably(newPath, KeyPath(m.folder)));
  m.entries = std::move(entries);
  m.signer.emplace(std::move(*fresh));
  return newKey;
}

}  // namespace platedesk::evidence
