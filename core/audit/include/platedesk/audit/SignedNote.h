// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys: the envelope of the audit
// log's checkpoints. A note is UTF-8 text ending in a newline, a blank line, then one line per
// signature: "— <key name> <base64(4-byte key id || 64-byte signature)>" (U+2014 em dash).

#include "platedesk/common/Result.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::audit {

/// An Ed25519 public key.
using PublicKey = std::array<std::uint8_t, 32>;

/// Signature type byte of Ed25519 in signed notes.
inline constexpr std::uint8_t kNoteAlgEd25519 = 0x01;

/// Key id per C2SP signed-note: the first 4 bytes (big-endian) of
/// SHA-256(name || 0x0A || 0x01 || public key).
[[nodiscard]] std::uint32_t NoteKeyId(std::string_view name, const PublicKey& publicKey);

/// A key name is non-empty UTF-8 without white space or '+'.
[[nodiscard]] bool IsValidKeyName(std::string_view name);

/// The public half of a note key: checks signatures.
struct NoteVerifier {
  std::string name;
  std::uint32_t keyId = 0;
  PublicKey publicKey{};

  /// The standard encoding "<name>+<8 hex digits of key id>+<base64(0x01 || public key)>".
  [[nodiscard]] std::string Encode() const;
  /// Key id as 8 lower-case hex digits.
  [[nodiscard]] std::string KeyIdHex() const;
};

/// Parses "<name>+<hex key id>+<base64(0x01 || key)>", checking that the id matches the key.
/// Errors: InvalidArgument.
[[nodiscard]] Result<NoteVerifier> ParseVerifierKey(std::string_view encoded);

/// One signature line of a note.
struct NoteSignature {
  std::string name;
  std::uint32_t keyId = 0;
  std::string signature;  ///< raw signature bytes (64 for Ed25519)
};

/// A parsed signed note: its text (ending in "\n") and its signature lines, in order.
struct SignedNote {
  std::string text;
  std::vector<NoteSignature> signatures;
};

/// Splits a signed note into text and signature lines. Unknown signature lines are kept (a note
/// may carry cosignatures). Errors: InvalidArgument (no blank line, malformed line, not UTF-8).
[[nodiscard]] Result<SignedNote> ParseSignedNote(std::string_view note);

/// True if the note carries a signature by this key (same name and key id) that verifies.
[[nodiscard]] bool HasValidSignature(const SignedNote& note, const NoteVerifier& key);

/// An Ed25519 signing key for notes. Holds the secret key in memory and wipes it on destruction.
/// Move-only; thread-compatible (Sign is const and may be called from several threads).
class NoteSigner {
 public:
  /// A fresh random key. Errors: InvalidArgument (bad name).
  [[nodiscard]] static Result<NoteSigner> Generate(std::string_view name);
  /// Parses the secret encoding "PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || 32-byte seed)>"
  /// (the Go golang.org/x/mod/sumdb/note format). Errors: InvalidArgument.
  [[nodiscard]] static Result<NoteSigner> Parse(std::string_view encoded);

  NoteSigner(NoteSigner&& other) noexcept;
  NoteSigner& operator=(NoteSigner&& other) noexcept;
  NoteSigner(const NoteSigner&) = delete;
  NoteSigner& operator=(const NoteSigner&) = delete;
  ~NoteSigner();

  /// The secret encoding (see Parse). Treat like a password: never log it.
  [[nodiscard]] std::string Encode() const;
  /// The public half.
  [[nodiscard]] const NoteVerifier& Verifier() const { return mVerifier; }

  /// Signs note text and returns the signed note: text + "\n" + "— <name> <base64>\n".
  /// text must be valid UTF-8, end in "\n" and contain no blank line. Errors: InvalidArgument.
  [[nodiscard]] Result<std::string> Sign(std::string_view text) const;

 private:
  NoteSigner() = default;
  void Wipe() noexcept;
  NoteVerifier mVerifier;
  std::array<std::uint8_t, 64> mSecret{};  // libsodium form: seed || public key
};

}  // namespace platedesk::audit
