// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The evidence signing key of a storage folder, separate from the audit log's checkpoint key, so
// that whoever holds one cannot forge what the other signs: evidence-signing.key (the secret,
// mode 0600 on POSIX, written durably, as the audit key beside it) and evidence-keys.txt (every
// public key this storage's packages were signed with, oldest first, the current one last, in the
// trusted-keys format, so an agency can publish the file as it is).

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::evidence {

/// File name of the evidence signing key (the secret) inside a storage folder.
inline constexpr std::string_view kEvidenceKeyFileName = "evidence-signing.key";
/// File name of the evidence verifier keys (public) inside a storage folder.
inline constexpr std::string_view kEvidenceKeysFileName = "evidence-keys.txt";

/// Records a key change in the audit log before it takes effect: the verifier key that signed until
/// now ("" when there was none) and the new one. An error aborts the change (fail closed).
using KeyChangeRecorder = std::function<Status(const std::string& oldKey, const std::string& newKey)>;

/// A storage's evidence signing key and its public keys, current and rotated out. Thread-safe:
/// Sign, PublicKeys and VerifierKey may be called while another thread rotates.
class SigningKeys {
 public:
  /// True when the folder holds an evidence key or its public keys file (complete or not).
  [[nodiscard]] static bool Exists(const std::filesystem::path& folder);

  /// Creates the first evidence key, named `name` (a signed-note key name: no spaces, no '+').
  /// `retiredKeys` are listed before it as rotated-out keys (a storage whose packages were signed
  /// with its audit key before the keys were separated). `record` is called after the secret is on
  /// disk and before the key is put into use. Errors: AlreadyExists, InvalidArgument (name, a
  /// retired key that is not a verifier key), the recorder's, Io.
  [[nodiscard]] static Result<std::unique_ptr<SigningKeys>> Create(const std::filesystem::path& folder,
                                                                   std::string_view name,
                                                                   const std::vector<std::string>& retiredKeys,
                                                                   UtcMs now, const KeyChangeRecorder& record);

  /// Opens the key of a storage folder, completing a rotation that was interrupted after its key
  /// list was written, and removing the secret of one that was interrupted before. Errors: NotFound
  /// (no evidence keys), Corrupt (no key in the list, or a secret that does not match its current
  /// key), Io.
  [[nodiscard]] static Result<std::unique_ptr<SigningKeys>> Open(const std::filesystem::path& folder);

  /// The public keys of a storage folder without its secret (verifiers), oldest first.
  /// Errors: NotFound, Corrupt (no key, or a line that is not a verifier key), Io.
  [[nodiscard]] static Result<std::vector<std::string>> ReadPublicKeys(const std::filesystem::path& folder);

  ~SigningKeys();
  SigningKeys(const SigningKeys&) = delete;
  SigningKeys& operator=(const SigningKeys&) = delete;

  /// The verifier key ("<name>+<key id>+<base64 key>") of the key that signs now.
  [[nodiscard]] std::string VerifierKey() const;
  /// Every key packages of this storage were signed with, oldest first, the current one last.
  [[nodiscard]] std::vector<std::string> PublicKeys() const;

  /// Signs a statement (a package's tag manifests) with the current key as a C2SP signed note.
  /// text must start with audit::kStatementPrefix, be UTF-8, end in "\n" and have no blank line,
  /// so that nothing this key signs can pass for a checkpoint. Errors: InvalidArgument.
  [[nodiscard]] Result<std::string> Sign(std::string_view text) const;

  /// Replaces the key: the new secret is written durably, `record` is called (old and new key),
  /// then the public keys file gets the new key (the old ones stay, for packages signed before)
  /// and the new secret replaces the old one. Nothing changes when `record` fails. Returns the new
  /// verifier key. Errors: the recorder's, Io.
  [[nodiscard]] Result<std::string> Rotate(UtcMs now, const KeyChangeRecorder& record);

  struct Impl;  ///< opaque

 private:
  explicit SigningKeys(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::evidence
