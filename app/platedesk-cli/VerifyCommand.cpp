// SPDX-License-Identifier: GPL-3.0-or-later
// verify: checks an evidence package (or, with --bagit-only, any BagIt bag) offline. Needs no
// storage and no sign-in: a prosecutor, a defence expert or an archivist runs it on a copy.
#include "Cli.h"
#include "Terminal.h"
#include "TrustedKeys.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Bag.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"

#include <cstdlib>
#include <iostream>

namespace platedesk::cli {
namespace {

int BagItOnly(const std::filesystem::path& path) {
  ProgressPrinter progress("bytes checked");
  InterruptScope interrupt;
  auto report = evidence::ValidateBag(path, evidence::BagMode::BagItOnly, interrupt.Token(),
                                      [&](std::uint64_t d, std::uint64_t t) { progress(d, t); });
  progress.Finish();
  if (!report) return Report(report.Err());
  std::cout << "BagIt version: " << (report->version.empty() ? "?" : report->version) << "\n"
            << "payload: " << report->payloadFiles << " files, " << report->payloadBytes << " bytes\n";
  for (const auto& w : report->warnings) std::cout << "warning: " << w << "\n";
  if (report->valid) {
    std::cout << "VALID: the bag is complete and every checksum matches\n";
    return kExitOk;
  }
  for (std::size_t i = 1; i < report->problems.size(); ++i) std::cout << "problem: " << report->problems[i] << "\n";
  std::cout << "INVALID: " << report->problems.front() << "\n";
  return kExitFailed;
}

// The passphrase of an encrypted package: --passphrase-file, PLATEDESK_PASSPHRASE, or a prompt.
Result<std::string> Passphrase(const ParsedArgs& args) {
  if (args.Has("passphrase-file")) {
    auto text = ReadFile(args.Get("passphrase-file"));
    if (!text) return text.Err();
    return Trim(*text);
  }
  if (const char* env = std::getenv("PLATEDESK_PASSPHRASE"); env != nullptr) return std::string(env);
  if (StdinIsTerminal()) {
    auto line = ReadSecret("Passphrase of the package: ");
    if (line) return Trim(*line);
  }
  return Fail(ErrorCode::Unauthenticated,
              "the package is encrypted: give its passphrase with --passphrase-file FILE or PLATEDESK_PASSPHRASE");
}

// --storage DIR: the evidence keys of a storage on this machine (current and rotated out), read
// without signing in; otherwise the published keys (--key, PLATEDESK_TRUSTED_KEYS, the user's file).
Result<TrustedKeys> PackageKeys(const ParsedArgs& args) {
  if (!args.Has("storage")) return LoadTrustedKeys(args);
  TrustedKeys out;
  out.file = std::filesystem::path(args.Get("storage")) / evidence::kEvidenceKeysFileName;
  out.source = "the storage's evidence keys";
  auto keys = evidence::SigningKeys::ReadPublicKeys(args.Get("storage"));
  if (!keys) return keys.Err();
  out.keys = std::move(*keys);
  return out;
}

int Package(const std::filesystem::path& path, const ParsedArgs& args) {
  if (args.Has("storage") && args.Has("key")) return Usage("give --key FILE or --storage DIR, not both");
  auto trusted = PackageKeys(args);
  if (!trusted) return Report(trusted.Err());
  ProgressPrinter progress("bytes checked");
  InterruptScope interrupt;
  auto onProgress = [&](std::uint64_t d, std::uint64_t t) { progress(d, t); };
  std::error_code ec;
  Result<evidence::PackageVerification> v = Fail(ErrorCode::Internal, "not run");
  if (std::filesystem::is_regular_file(path, ec)) {
    auto pass = Passphrase(args);
    if (!pass) return Report(pass.Err());
    v = evidence::VerifyPackageArchive(path, *pass, trusted->keys, interrupt.Token(), onProgress);
  } else {
    v = evidence::VerifyPackage(path, trusted->keys, interrupt.Token(), onProgress);
  }
  progress.Finish();
  if (!v) return Report(v.Err());
  std::cout << "package: " << (v->packageId.empty() ? "?" : v->packageId) << ", case "
            << (v->caseNumber.empty() ? "?" : v->caseNumber) << "\n";
  for (const auto& c : v->checks) std::cout << (c.ok ? "ok    " : "FAIL  ") << c.name << ": " << c.detail << "\n";
  for (const auto& w : v->warnings) std::cout << "warning: " << w << "\n";
  if (!v->fingerprint.empty()) std::cout << "signing key " << v->keyId << ", fingerprint " << v->fingerprint << "\n";
  if (!trusted->keys.empty())
    std::cout << "trusted keys: " << trusted->file.string() << " (" << trusted->source << ")\n";
  if (v->SignerVerified()) {
    std::cout << "VERIFIED: the package is complete, unchanged since it was signed by a trusted key, its " << v->images
              << " images equal the hashes recorded at import, and its export is in the signed audit log\n";
    return kExitOk;
  }
  if (v->valid) {
    std::cout << "INTACT, SIGNER NOT VERIFIED: the package is complete and consistent with the key it carries, but no "
                 "trusted key was given, so anyone could have made it; give the agency's published key with --key "
                 "FILE or PLATEDESK_TRUSTED_KEYS\n";
    return kExitSignerNotVerified;
  }
  std::cout << "NOT VERIFIED: " << v->firstProblem << "\n";
  return kExitFailed;
}

int Run(const ParsedArgs& args, Context&) {
  if (args.Positional().size() != 1) return Usage("verify takes one PATH (a package folder or a bag)");
  const std::filesystem::path path = args.Positional().front();
  if (args.Has("bagit-only")) return BagItOnly(path);
  return Package(path, args);
}

}  // namespace

Command VerifyCommand() {
  CommandSpec spec{
      "verify",
      "Verify an evidence package (folder or encrypted zip) offline, or any BagIt bag with --bagit-only.",
      {{"key", "FILE",
        "the agency's published evidence keys, one per line (default: PLATEDESK_TRUSTED_KEYS, else the user's "
        "trusted-keys file)"},
       {"storage", "DIR", "trust the evidence keys of this storage instead (its evidence-keys.txt; no sign-in)"},
       {"passphrase-file", "FILE", "the passphrase of an encrypted package (else PLATEDESK_PASSPHRASE or a prompt)"},
       {"bagit-only", "", "check BagIt completeness and validity only (bags made by other tools)"}},
      "PATH",
      true,
      "Checks: BagIt completeness and validity, the signature over the tag manifests, every image\n"
      "against the hash recorded at import, the signed audit checkpoint and the export event's\n"
      "inclusion proof. Exit status 0: VERIFIED (every check passed and the package was signed by a\n"
      "trusted key); 3: INTACT, SIGNER NOT VERIFIED (every check passed with the key inside the\n"
      "package, no trusted key configured); 1: NOT VERIFIED (the first problem on the last line).\n"
      "Trusted keys: --key FILE, else the file PLATEDESK_TRUSTED_KEYS names, else\n"
      "$XDG_CONFIG_HOME/platedesk/trusted-keys.txt (~/.config/platedesk/trusted-keys.txt); or, with\n"
      "--storage DIR, the storage's evidence keys. Trust evidence keys only, never the audit log's key."};
  return {spec, Run};
}

}  // namespace platedesk::cli
