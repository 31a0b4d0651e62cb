// SPDX-License-Identifier: GPL-3.0-or-later
// The audit witness. A log kept on one machine can be rewritten by whoever controls that machine,
// keys included; a witness elsewhere that keeps each checkpoint it saw, and accepts a new one only
// with a proof that it extends the last, makes such a rewrite visible. Written against the
// Connection interface only, so the same code witnesses an embedded storage or a server.
#include "Witness.h"

#include "platedesk/audit/Checkpoint.h"
#include "platedesk/audit/Merkle.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Time.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/workstation/Session.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>

namespace fs = std::filesystem;

namespace platedesk::cli {
namespace {

constexpr const char* kCheckpointPrefix = "checkpoint-";
constexpr const char* kCheckpointSuffix = ".txt";

Error Rewritten(const std::string& why) { return Fail(ErrorCode::Corrupt, "the log was rewritten: " + why); }

std::optional<Sha256Digest> DigestFromHex(std::string_view hex) {
  Sha256Digest d{};
  if (hex.size() != d.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < d.size(); ++i) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, value, 16);
    if (ec != std::errc() || end != hex.data() + 2 * i + 2) return std::nullopt;
    d[i] = static_cast<std::uint8_t>(value);
  }
  return d;
}

// The checkpoint files of a folder, by size.
std::vector<std::pair<std::uint64_t, fs::path>> CheckpointFiles(const fs::path& folder) {
  std::vector<std::pair<std::uint64_t, fs::path>> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kCheckpointPrefix) || !name.ends_with(kCheckpointSuffix)) continue;
    const std::string_view digits(name.data() + 11, name.size() - 11 - 4);
    std::uint64_t size = 0;
    const auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
    if (err == std::errc() && end == digits.data() + digits.size()) out.emplace_back(size, entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string KeysText(const std::vector<std::string>& keys, const std::vector<std::string>& notes) {
  std::string out =
      "# The audit log's verifier keys this witness trusts, oldest first: the first run trusted the keys it\n"
      "# received; each later key was endorsed by the key before it at a rotation.\n";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto fingerprint = evidence::KeyFingerprint(keys[i]);
    out += "\n# " + notes[i] + (fingerprint ? "; fingerprint " + *fingerprint : std::string()) + "\n" + keys[i] + "\n";
  }
  return out;
}

// The notes above each key in keys.txt, kept when the file is written again.
std::vector<std::string> KeyNotes(const std::string& text, std::size_t count) {
  std::vector<std::string> notes;
  std::string last;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("# ")) {
      last = line.substr(2);
      const auto cut = last.find("; fingerprint ");
      if (cut != std::string::npos) last.resize(cut);
    } else if (!line.empty()) {
      notes.push_back(last);
      last.clear();
    }
  }
  notes.resize(count);
  return notes;
}

}  // namespace

Result<WitnessRun> RunWitness(workstation::Connection& connection, const fs::path& out, const Clock& clock) {
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return Fail(ErrorCode::Io, "cannot create the witness folder: " + ec.message(), out.string());
  const fs::path keysFile = out / kWitnessKeysFile;
  const fs::path latestFile = out / kWitnessLatestFile;

  // What this witness holds: the keys it trusts and the newest checkpoint it stored.
  std::vector<std::string> trusted;
  std::string keysText;
  if (fs::exists(keysFile, ec)) {
    auto text = ReadFile(keysFile);
    if (!text) return text.Err();
    auto keys = evidence::ParseTrustedKeys(*text);
    if (!keys)
      return Fail(ErrorCode::Corrupt, "the witness's keys file is damaged: " + keys.Err().message, keysFile.string());
    keysText = *text;
    for (const auto& k : *keys) trusted.push_back(audit::ParseVerifierKey(k)->Encode());
  }
  std::optional<audit::TreeHead> previous;
  if (fs::exists(latestFile, ec)) {
    if (trusted.empty())
      return Fail(ErrorCode::Corrupt, "the witness folder holds a checkpoint but no trusted keys", keysFile.string());
    auto text = ReadFile(latestFile);
    if (!text) return text.Err();
    auto note = audit::ParseSignedNote(*text);
    auto head = note ? audit::ParseCheckpointBody(note->text) : Result<audit::TreeHead>(note.Err());
    if (!head) return Fail(ErrorCode::Corrupt, "the witness's latest checkpoint is damaged", latestFile.string());
    previous = *head;
  }

  WitnessRun run;
  run.firstRun = trusted.empty();
  run.previousSize = previous ? previous->size : 0;
  auto proof = connection.LatestCheckpoint(run.previousSize);
  std::uint64_t asked = run.previousSize;
  if (!proof && previous && proof.Err().code == ErrorCode::InvalidArgument) {
    // The log is shorter than what this witness holds. Fetch its head anyway, so that another log
    // is told apart from this one cut back (the checks below refuse either, nothing is stored).
    asked = 0;
    proof = connection.LatestCheckpoint(0);
  }
  if (!proof) return proof.Err();
  if (proof->fromSize != asked)
    return Fail(ErrorCode::Corrupt,
                "the proof starts at size " + std::to_string(proof->fromSize) + ", not at " + std::to_string(asked));

  // The key chain as the log sends it must hold together: each key endorsed by the one before.
  const auto& keys = proof->verifierKeys;
  if (keys.empty() || proof->endorsements.size() != keys.size())
    return Fail(ErrorCode::Corrupt, "the log sent no key chain (or one without its endorsements)");
  std::vector<audit::NoteVerifier> chain;
  std::vector<std::uint64_t> validFrom;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto key = audit::ParseVerifierKey(keys[i]);
    if (!key) return Fail(ErrorCode::Corrupt, "the log sent a malformed key", keys[i]);
    if (i == 0) {
      validFrom.push_back(0);
    } else {
      auto endorsed = audit::OpenEndorsement(proof->endorsements[i], chain.back());
      if (!endorsed || endorsed->newKey != key->Encode() || endorsed->origin != chain.front().name ||
          endorsed->validFrom <= validFrom.back())
        return Fail(ErrorCode::Corrupt, "the log's key chain does not hold together: key " + key->KeyIdHex() +
                                            " is not endorsed by the key before it");
      validFrom.push_back(endorsed->validFrom);
    }
    chain.push_back(*key);
  }
  // Later runs: the keys trusted so far must open the chain; the keys after them are trusted
  // through their endorsements.
  if (!run.firstRun) {
    const bool prefix = trusted.size() <= chain.size() &&
                        std::equal(trusted.begin(), trusted.end(), chain.begin(),
                                   [](const std::string& t, const audit::NoteVerifier& k) { return t == k.Encode(); });
    if (!prefix)
      return Fail(ErrorCode::Corrupt, "the log's keys are not the ones this witness trusts (first trusted key " +
                                          audit::ParseVerifierKey(trusted.front())->KeyIdHex() + ", the log's " +
                                          chain.front().KeyIdHex() + "): another log, or its keys were replaced");
  }
  for (std::size_t i = run.firstRun ? 0 : trusted.size(); i < chain.size(); ++i)
    run.newKeys.push_back(chain[i].Encode());

  // The checkpoint must be signed by the key valid at its size (a retired key signs no new head).
  auto note = audit::ParseSignedNote(proof->checkpoint);
  auto body = note ? audit::ParseCheckpointBody(note->text) : Result<audit::TreeHead>(note.Err());
  if (!body) return Fail(ErrorCode::Corrupt, "the checkpoint received is malformed: " + body.Err().message);
  std::size_t signer = 0;
  for (std::size_t i = 0; i < chain.size(); ++i)
    if (validFrom[i] <= body->size) signer = i;
  auto head = audit::OpenCheckpoint(proof->checkpoint, chain[signer]);
  if (!head)
    return Fail(ErrorCode::Corrupt, "the checkpoint of " + std::to_string(body->size) +
                                        " records is not signed by key " + chain[signer].KeyIdHex() +
                                        ", the trusted key for that size");
  if (head->origin != chain.front().name)
    return Fail(ErrorCode::Corrupt,
                "the checkpoint is for log " + head->origin + ", the keys for " + chain.front().name);
  run.size = head->size;
  run.root = ToHex(head->root);
  run.signingKeyId = chain[signer].KeyIdHex();

  // It must extend what this witness holds.
  if (previous) {
    if (previous->origin != head->origin)
      return Rewritten("the checkpoint is for log " + head->origin + ", this witness holds log " + previous->origin);
    if (head->size < previous->size)
      return Rewritten("it holds " + std::to_string(head->size) + " records, fewer than the " +
                       std::to_string(previous->size) + " this witness stored");
    std::vector<Sha256Digest> digests;
    for (const auto& hex : proof->consistency) {
      auto d = DigestFromHex(hex);
      if (!d) return Fail(ErrorCode::Corrupt, "a consistency proof hash is malformed", hex);
      digests.push_back(*d);
    }
    if (!audit::VerifyConsistency(previous->size, head->size, previous->root, head->root, digests))
      return Rewritten("its tree of " + std::to_string(head->size) + " records does not extend the tree of " +
                       std::to_string(previous->size) + " records this witness stored (root " +
                       ToHex(previous->root).substr(0, 16) + "...): records up to " + std::to_string(previous->size) +
                       " were changed, removed or reordered");
    if (head->size == previous->size && run.newKeys.empty()) return run;  // nothing new
  }

  // Only now is anything written: the checkpoint, the keys it brought, then the pointer.
  run.file = out / (kCheckpointPrefix + std::to_string(head->size) + kCheckpointSuffix);
  PLATEDESK_TRY(WriteFileAtomic(run.file, proof->checkpoint));
  if (!run.newKeys.empty()) {
    std::vector<std::string> all = run.firstRun ? std::vector<std::string>() : trusted;
    std::vector<std::string> notes = KeyNotes(keysText, all.size());
    const std::string now = FormatIso8601(clock.Now());
    for (std::size_t i = all.size(); i < chain.size(); ++i) {
      all.push_back(chain[i].Encode());
      notes.push_back(run.firstRun ? "trusted on first run " + now
                                   : "endorsed by key " + chain[i - 1].KeyIdHex() + ", trusted " + now);
    }
    PLATEDESK_TRY(WriteFileAtomic(keysFile, KeysText(all, notes)));
  }
  PLATEDESK_TRY(WriteFileAtomic(latestFile, proof->checkpoint));
  run.stored = true;
  return run;
}

Result<std::string> WitnessCheckpoint(const fs::path& folder) {
  std::error_code ec;
  if (fs::is_regular_file(folder / kWitnessLatestFile, ec)) return ReadFile(folder / kWitnessLatestFile);
  const auto files = CheckpointFiles(folder);
  if (files.empty())
    return Fail(ErrorCode::NotFound, "no checkpoint in the witness folder (run `audit witness` first)",
                folder.string());
  return ReadFile(files.back().second);
}

}  // namespace platedesk::cli
