// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/Checkpoint.h"

#include "Base64.h"
#include "Schema.h"

#include <charconv>
#include <string>
#include <vector>

namespace platedesk::audit {

std::string FormatCheckpointBody(const TreeHead& head) {
  std::string root(reinterpret_cast<const char*>(head.root.data()), head.root.size());
  return head.origin + "\n" + std::to_string(head.size) + "\n" + detail::Base64Encode(root) + "\n";
}

Result<TreeHead> ParseCheckpointBody(std::string_view body) {
  auto bad = [&](const char* why) { return Fail(ErrorCode::InvalidArgument, std::string("checkpoint: ") + why); };
  std::string_view lines[3];
  std::string_view rest = body;
  for (auto& line : lines) {
    const auto eol = rest.find('\n');
    if (eol == std::string_view::npos) return bad("expected origin, size and root lines");
    line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
  }
  TreeHead head;
  if (lines[0].empty()) return bad("empty origin");
  head.origin = std::string(lines[0]);
  // Decimal without sign or leading zeros, as the C2SP format requires.
  const std::string_view size = lines[1];
  if (size.empty() || (size.size() > 1 && size[0] == '0')) return bad("bad tree size");
  const auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), head.size);
  if (ec != std::errc() || end != size.data() + size.size()) return bad("bad tree size");
  const auto root = detail::Base64Decode(lines[2]);
  if (!root || root->size() != head.root.size()) return bad("bad root hash");
  std::copy(root->begin(), root->end(), head.root.begin());
  return head;
}

Result<TreeHead> OpenCheckpoint(std::string_view note, const NoteVerifier& key) {
  auto parsed = ParseSignedNote(note);
  if (!parsed) return parsed.Err();
  auto head = ParseCheckpointBody(parsed->text);
  if (!head) return head.Err();
  if (!HasValidSignature(*parsed, key))
    return Fail(ErrorCode::PermissionDenied, "checkpoint is not signed by the expected key", key.Encode());
  return head;
}

Result<KeyEndorsement> OpenEndorsement(std::string_view note, const NoteVerifier& endorser) {
  auto parsed = ParseSignedNote(note);
  if (!parsed) return parsed.Err();
  auto bad = [](const char* why) { return Fail(ErrorCode::InvalidArgument, std::string("key endorsement: ") + why); };
  std::vector<std::string_view> lines;
  std::string_view rest = parsed->text;
  while (!rest.empty()) {
    const auto eol = rest.find('\n');
    if (eol == std::string_view::npos) return bad("unterminated line");
    lines.push_back(rest.substr(0, eol));
    rest.remove_prefix(eol + 1);
  }
  if (lines.size() != 4) return bad("expected four lines");
  KeyEndorsement out;
  out.origin = std::string(lines[1]);
  out.newKey = std::string(lines[2]);
  const std::string_view size = lines[3];
  const auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), out.validFrom);
  if (size.empty() || ec != std::errc() || end != size.data() + size.size()) return bad("bad valid-from size");
  // The exact text the log signs, so no other note of the same key can pass for an endorsement.
  if (parsed->text != detail::EndorsementText(out.origin, out.newKey, out.validFrom)) return bad("not an endorsement");
  if (!ParseVerifierKey(out.newKey)) return bad("the endorsed key is not a verifier key");
  if (!HasValidSignature(*parsed, endorser))
    return Fail(ErrorCode::PermissionDenied, "the key endorsement is not signed by the expected key",
                endorser.Encode());
  return out;
}

}  // namespace platedesk::audit
