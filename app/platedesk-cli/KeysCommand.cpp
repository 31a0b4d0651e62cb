// SPDX-License-Identifier: GPL-3.0-or-later
// keys rotate --which audit|evidence: the storage's two signing keys, one for audit checkpoints and
// one for evidence packages, each rotated on its own (administrators; recorded in the audit log).
#include "Cli.h"

#include "platedesk/workstation/Workstation.h"

#include <iostream>

namespace platedesk::cli {

int RotateSigningKey(const ParsedArgs& args, Context& ctx, const std::string& which) {
  if (which != "audit" && which != "evidence") return Usage("--which takes audit or evidence");
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  auto rotated = which == "audit" ? s.RotateAuditKey() : s.RotateEvidenceKey();
  if (!rotated) return Report(rotated.Err());
  std::cout << "Rotated the " << which << " key (" << (which == "audit" ? "audit checkpoints" : "evidence packages")
            << ").\n"
            << "New verifier key: " << rotated->newKey << "\n"
            << "Fingerprint: " << rotated->newFingerprint << "\n"
            << "Previous key: " << rotated->oldKey << "\n";
  if (which == "audit") {
    std::cout << "Checkpoints are signed with the new key from now on; the previous key endorsed it, so auditors and\n"
                 "witnesses that trust the log's first key follow the rotation without a new trusted key.\n";
  } else {
    std::cout
        << "Evidence packages are signed with the new key from now on; packages exported before stay signed with\n"
           "the previous key. Publish the new key beside the previous ones (the storage's evidence-keys.txt lists\n"
           "them all and can be published as it is).\n";
  }
  return kExitOk;
}

namespace {

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() != 1 || p[0] != "rotate") return Usage("keys needs one action: rotate");
  if (!args.Has("which")) return Usage("keys rotate needs --which audit or --which evidence");
  return RotateSigningKey(args, ctx, args.Get("which"));
}

}  // namespace

Command KeysCommand() {
  CommandSpec spec{
      "keys",
      "The storage's signing keys: rotate --which audit|evidence (administrators).",
      {StorageOption(),
       UserOption(),
       {"which", "audit|evidence", "rotate: the checkpoint key of the audit log, or the evidence key", true}},
      "ACTION",
      true,
      "A storage has two Ed25519 keys: `audit` signs the audit log's checkpoints, `evidence` signs\n"
      "evidence packages; whoever holds one cannot forge what the other signs.\n"
      "rotate --which audit: the old key signs a last checkpoint and endorses the new one.\n"
      "rotate --which evidence: the old public key stays in evidence-keys.txt for older packages.\n"
      "Either is recorded as audit.key_rotated (details.which) before the new key is used.\n"
      "`audit rotate-key` is the same as `keys rotate --which audit`."};
  return {spec, Run};
}

}  // namespace platedesk::cli
