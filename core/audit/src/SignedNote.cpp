// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/SignedNote.h"

#include "Base64.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"

#include <sodium.h>

#include <cstdio>

namespace platedesk::audit {
namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";  // U+2014, as C2SP signed-note requires
constexpr std::string_view kSecretPrefix = "PRIVATE+KEY+";

Error Bad(std::string message, std::string context = {}) {
  return Fail(ErrorCode::InvalidArgument, std::move(message), std::move(context));
}

std::string_view AsChars(const std::uint8_t* p, std::size_t n) { return {reinterpret_cast<const char*>(p), n}; }

std::string KeyIdBytes(std::uint32_t id) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((id >> (24 - 8 * i)) & 0xFF);
  return out;
}

std::uint32_t KeyIdFromBytes(std::string_view b) {
  std::uint32_t id = 0;
  for (int i = 0; i < 4; ++i) id = (id << 8) | static_cast<std::uint8_t>(b[static_cast<std::size_t>(i)]);
  return id;
}

// "<name>+<hash>+<key>": the key is base64 and may itself contain '+', so split twice only.
std::optional<std::array<std::string, 3>> SplitKey(std::string_view s) {
  const auto a = s.find('+');
  if (a == std::string_view::npos) return std::nullopt;
  const auto b = s.find('+', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  return std::array<std::string, 3>{std::string(s.substr(0, a)), std::string(s.substr(a + 1, b - a - 1)),
                                    std::string(s.substr(b + 1))};
}

std::optional<std::uint32_t> ParseHex32(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else
      return std::nullopt;
    v = (v << 4) | static_cast<std::uint32_t>(d);
  }
  return v;
}

// C2SP: note text is UTF-8 without control characters other than newline, and ends in newline.
bool IsValidNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n' || !IsValidUtf8(text)) return false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7F) return false;
  }
  return text.find("\n\n") == std::string_view::npos && text.front() != '\n';
}

}  // namespace

std::uint32_t NoteKeyId(std::string_view name, const PublicKey& publicKey) {
  std::string buf(name);
  buf += '\n';
  buf += static_cast<char>(kNoteAlgEd25519);
  buf += AsChars(publicKey.data(), publicKey.size());
  const Sha256Digest d = Sha256(buf);
  return KeyIdFromBytes(AsChars(d.data(), 4));
}

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || !IsValidUtf8(name)) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '+') return false;
  }
  return true;
}

std::string NoteVerifier::KeyIdHex() const {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", keyId);
  return buf;
}

std::string NoteVerifier::Encode() const {
  std::string key(1, static_cast<char>(kNoteAlgEd25519));
  key += AsChars(publicKey.data(), publicKey.size());
  return name + "+" + KeyIdHex() + "+" + detail::Base64Encode(key);
}

Result<NoteVerifier> ParseVerifierKey(std::string_view encoded) {
  const auto split = SplitKey(encoded);
  if (!split) return Bad("verifier key: expected <name>+<key id>+<key>", std::string(encoded));
  const auto& parts = *split;
  if (!IsValidKeyName(parts[0])) return Bad("verifier key: bad key name", parts[0]);
  const auto id = ParseHex32(parts[1]);
  if (!id) return Bad("verifier key: bad key id", parts[1]);
  const auto key = detail::Base64Decode(parts[2]);
  if (!key || key->size() != 33 || static_cast<std::uint8_t>((*key)[0]) != kNoteAlgEd25519)
    return Bad("verifier key: not an Ed25519 key", parts[2]);
  NoteVerifier v;
  v.name = parts[0];
  std::copy(key->begin() + 1, key->end(), v.publicKey.begin());
  v.keyId = NoteKeyId(v.name, v.publicKey);
  if (v.keyId != *id) return Bad("verifier key: key id does not match the key", parts[1]);
  return v;
}

Result<SignedNote> ParseSignedNote(std::string_view note) {
  if (!IsValidUtf8(note)) return Bad("signed note: not UTF-8");
  const auto split = note.rfind("\n\n");
  if (split == std::string_view::npos) return Bad("signed note: no blank line before the signatures");
  SignedNote out;
  out.text = std::string(note.substr(0, split + 1));
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty()) return Bad("signed note: no signature lines");
  while (!sigs.empty()) {
    const auto eol = sigs.find('\n');
    if (eol == std::string_view::npos) return Bad("signed note: signature line without newline");
    std::string_view line = sigs.substr(0, eol);
    sigs.remove_prefix(eol + 1);
    if (line.substr(0, kEmDash.size()) != kEmDash || line.size() < kEmDash.size() + 1 || line[kEmDash.size()] != ' ')
      return Bad("signed note: signature line must start with an em dash and a space", std::string(line));
    line.remove_prefix(kEmDash.size() + 1);
    const auto space = line.find(' ');
    if (space == std::string_view::npos) return Bad("signed note: signature line without a signature");
    NoteSignature sig;
    sig.name = std::string(line.substr(0, space));
    if (!IsValidKeyName(sig.name)) return Bad("signed note: bad key name", sig.name);
    const auto bytes = detail::Base64Decode(line.substr(space + 1));
    if (!bytes || bytes->size() < 5) return Bad("signed note: bad signature encoding", sig.name);
    sig.keyId = KeyIdFromBytes(*bytes);
    sig.signature = bytes->substr(4);
    out.signatures.push_back(std::move(sig));
  }
  return out;
}

bool HasValidSignature(const SignedNote& note, const NoteVerifier& key) {
  if (!detail::SodiumReady()) return false;
  for (const auto& sig : note.signatures) {
    if (sig.name != key.name || sig.keyId != key.keyId || sig.signature.size() != crypto_sign_BYTES) continue;
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.signature.data()),
                                    reinterpret_cast<const unsigned char*>(note.text.data()), note.text.size(),
                                    key.publicKey.data()) == 0)
      return true;
  }
  return false;
}

Result<NoteSigner> NoteSigner::Generate(std::string_view name) {
  if (!IsValidKeyName(name)) return Bad("signing key: bad key name", std::string(name));
  if (!detail::SodiumReady()) return Fail(ErrorCode::Internal, "libsodium failed to initialise");
  NoteSigner s;
  s.mVerifier.name = std::string(name);
  crypto_sign_keypair(s.mVerifier.publicKey.data(), s.mSecret.data());
  s.mVerifier.keyId = NoteKeyId(s.mVerifier.name, s.mVerifier.publicKey);
  return s;
}

Result<NoteSigner> NoteSigner::Parse(std::string_view encoded) {
  if (!detail::SodiumReady()) return Fail(ErrorCode::Internal, "libsodium failed to initialise");
  std::string_view text = encoded;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (text.substr(0, kSecretPrefix.size()) != kSecretPrefix) return Bad("signing key: missing PRIVATE+KEY+ prefix");
  text.remove_prefix(kSecretPrefix.size());
  const auto split = SplitKey(text);
  if (!split || !IsValidKeyName((*split)[0])) return Bad("signing key: malformed");
  const auto& parts = *split;
  const auto id = ParseHex32(parts[1]);
  auto seed = detail::Base64Decode(parts[2]);
  if (!id || !seed || seed->size() != 1 + crypto_sign_SEEDBYTES ||
      static_cast<std::uint8_t>((*seed)[0]) != kNoteAlgEd25519) {
    if (seed) sodium_memzero(seed->data(), seed->size());
    return Bad("signing key: not an Ed25519 key");
  }
  NoteSigner s;
  s.mVerifier.name = parts[0];
  crypto_sign_seed_keypair(s.mVerifier.publicKey.data(), s.mSecret.data(),
                           reinterpret_cast<const unsigned char*>(seed->data() + 1));
  sodium_memzero(seed->data(), seed->size());
  s.mVerifier.keyId = NoteKeyId(s.mVerifier.name, s.mVerifier.publicKey);
  if (s.mVerifier.keyId != *id) return Bad("signing key: key id does not match the key");
  return s;
}

NoteSigner::NoteSigner(NoteSigner&& other) noexcept : mVerifier(std::move(other.mVerifier)), mSecret(other.mSecret) {
  other.Wipe();
}

NoteSigner& NoteSigner::operator=(NoteSigner&& other) noexcept {
  if (this != &other) {
    mVerifier = std::move(other.mVerifier);
    mSecret = other.mSecret;
    other.Wipe();
  }
  return *this;
}

NoteSigner::~NoteSigner() { Wipe(); }

void NoteSigner::Wipe() noexcept { sodium_memzero(mSecret.data(), mSecret.size()); }

std::string NoteSigner::Encode() const {
  std::string seed(1, static_cast<char>(kNoteAlgEd25519));
  seed += AsChars(mSecret.data(), crypto_sign_SEEDBYTES);  // libsodium's secret key starts with the seed
  std::string out =
      std::string(kSecretPrefix) + mVerifier.name + "+" + mVerifier.KeyIdHex() + "+" + detail::Base64Encode(seed);
  sodium_memzero(seed.data(), seed.size());
  return out;
}

Result<std::string> NoteSigner::Sign(std::string_view text) const {
  if (!IsValidNoteText(text))
    return Bad("signed note: text must be UTF-8 lines without blank lines, ending in newline");
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       mSecret.data());
  std::string payload = KeyIdBytes(mVerifier.keyId);
  payload += AsChars(sig.data(), sig.size());
  std::string out(text);
  out += '\n';
  out += kEmDash;
  out += ' ';
  out += mVerifier.name;
  out += ' ';
  out += detail::Base64Encode(payload);
  out += '\n';
  return out;
}

}  // namespace platedesk::audit
