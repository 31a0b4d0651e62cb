// SPDX-License-Identifier: GPL-3.0-or-later
// audit verify | checkpoint | list | export
#include "Cli.h"
#include "Output.h"
#include "TrustedKeys.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Files.h"
#include "platedesk/workstation/Workstation.h"

#include <iostream>
#include <optional>

namespace platedesk::cli {
namespace {

// Offline and read-only: an auditor verifies a storage (or a copy of it) without signing in and
// without writing anything, so the act of verifying cannot change what is verified.
int Verify(const ParsedArgs& args) {
  std::filesystem::path db = args.Get("storage");
  if (std::filesystem::is_directory(db)) db /= audit::kAuditDbFileName;
  audit::VerifyOptions options;
  for (const auto& file : args.GetAll("checkpoint")) {
    auto text = ReadFile(file);
    if (!text) return Report(text.Err());
    options.externalCheckpoints.push_back(*text);
  }
  auto trusted = LoadTrustedKeys(args);
  if (!trusted) return Report(trusted.Err());
  if (trusted->keys.size() == 1) {
    options.trustedKey = trusted->keys.front();
  } else if (!trusted->keys.empty()) {
    // Several published keys (an agency that rotated, or keeps several storages): the log's root
    // key must be one of them. Reading the root key opens the log read-only, as VerifyLog does.
    auto log = audit::AuditLog::OpenReadOnly(db);
    if (!log) return Report(log.Err());
    auto chain = (*log)->KeyChain();
    if (!chain) return Report(chain.Err());
    auto encoded = [](const std::string& key) {
      auto parsed = audit::ParseVerifierKey(key);
      return parsed ? parsed->Encode() : std::string();
    };
    options.trustedKey = trusted->keys.front();  // when none matches, VerifyLog names the mismatch
    for (const auto& k : trusted->keys)
      if (!chain->empty() && encoded(k) == encoded(chain->front())) options.trustedKey = k;
  }
  ProgressPrinter progress("records verified");
  options.progress = [&](std::uint64_t d, std::uint64_t t) { progress(d, t); };
  InterruptScope interrupt;
  options.stop = interrupt.Token();
  auto report = audit::VerifyLog(db, options);
  progress.Finish();
  if (!report) return Report(report.Err());
  const auto& r = *report;
  std::cout << "records: " << r.entries << " (" << r.pruned << " pruned)\n"
            << "signing keys: " << r.keys << "\n"
            << "stored checkpoints verified: " << r.storedCheckpoints << "\n"
            << "external checkpoints verified: " << r.externalCheckpoints << "\n"
            << "unanchored tail: " << r.unanchoredTail
            << " records after the newest external checkpoint (verifiable only against one held elsewhere)\n";
  for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
  if (r.ok && options.trustedKey) {
    std::cout << "trusted keys: " << trusted->file.string() << " (" << trusted->source << ")\n"
              << "PASS\n";
    return kExitOk;
  }
  if (r.ok) {
    std::cout << "INTACT, SIGNER NOT VERIFIED: the log is consistent with the keys it carries, but no trusted key "
                 "was given, so a log rebuilt with a key of its own would pass too; give the agency's published key "
                 "with --key FILE or PLATEDESK_TRUSTED_KEYS\n";
    return kExitSignerNotVerified;
  }
  std::cout << "FAIL: " << audit::VerifyProblemName(r.problem);
  if (r.firstBadIndex) std::cout << " at index " << *r.firstBadIndex;
  std::cout << ": " << r.reason << "\n";
  return kExitFailed;
}

audit::RecordFilter Filter(const ParsedArgs& args, std::string& error) {
  audit::RecordFilter f;
  f.user = args.Get("actor");
  f.caseNumber = args.Get("case");
  f.purposeCode = args.Get("purpose");
  f.eventType = args.Get("event");
  for (const char* key : {"from", "to"}) {
    if (!args.Has(key)) continue;
    auto t = ParseIso8601(args.Get(key));
    if (!t) {
      error = t.Err().message;
      return f;
    }
    (std::string(key) == "from" ? f.from : f.to) = *t;
  }
  return f;
}

// rotate-key and prune: administrators; each is recorded in the log by the change itself.
int Maintain(const std::string& action, const ParsedArgs& args, Context& ctx) {
  std::optional<UtcMs> before;
  if (action == "prune") {
    if (!args.Has("before")) return Usage("audit prune needs --before YYYY-MM-DD (at least 365 days ago)");
    auto t = ParseIso8601(args.Get("before"));
    if (!t) return Usage(t.Err().message);
    before = *t;
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  if (before) {
    auto pruned = s.PruneAudit(*before);
    if (!pruned) return Report(pruned.Err());
    if (pruned->pruned == 0) {
      std::cout << "Nothing to prune: no record is older than " << args.Get("before") << ".\n";
      return kExitOk;
    }
    std::cout << "Pruned " << pruned->pruned << " records (seq " << pruned->fromSeq << " to " << pruned->toSeq - 1
              << "): their text is gone, their hashes stay, every checkpoint still verifies.\n";
    return kExitOk;
  }
  auto rotated = s.RotateAuditKey();
  if (!rotated) return Report(rotated.Err());
  std::cout << "New verifier key: " << rotated->newKey << "\n"
            << "Fingerprint: " << rotated->newFingerprint << "\n"
            << "Previous key: " << rotated->oldKey << "\n"
            << "Publish the new key beside the previous one (add it to the trusted-keys files): evidence packages\n"
               "exported from now on are signed with it; packages exported before stay signed with the previous key.\n";
  return kExitOk;
}

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() != 1) return Usage("audit needs one action: verify, checkpoint, list, export, rotate-key or prune");
  const std::string action = p[0];
  if (action == "verify") return Verify(args);
  if (action == "rotate-key" || action == "prune") return Maintain(action, args, ctx);
  if (action != "checkpoint" && action != "list" && action != "export")
    return Usage("unknown audit action '" + action + "'");
  auto format = ParseFormat(args.Get("format", action == "export" ? "json" : "table"));
  if (!format) return Usage(format.Err().message);
  std::string error;
  const auto filter = Filter(args, error);
  if (!error.empty()) return Usage(error);
  if (action == "checkpoint" && !args.Has("out")) return Usage("audit checkpoint needs --out FILE");

  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  if (action == "checkpoint") {
    auto note = s.ExportCheckpoint();
    if (!note) return Report(note.Err());
    if (auto st = WriteFileAtomic(args.Get("out"), *note); !st.Ok()) return Report(st.Err());
    auto key = s.AuditPublicKey();
    std::cout << "Checkpoint written to " << args.Get("out") << ". Keep it outside this machine.\n";
    if (key) std::cout << "Verifier key: " << *key << "\n";
    return kExitOk;
  }
  auto records = s.AuditRecords(filter);
  if (!records) return Report(records.Err());
  if (action == "export" && *format == OutputFormat::Json) {
    // The canonical records themselves, one per line: what the Merkle leaves hash.
    std::ostream* out = &std::cout;
    std::string text;
    for (const auto& r : *records)
      text += (r.pruned ? std::string("{\"pruned\":true,\"seq\":") + std::to_string(r.seq) + "}" : r.canonical) + "\n";
    if (args.Has("out")) {
      if (auto st = WriteFileAtomic(args.Get("out"), text); !st.Ok()) return Report(st.Err());
      std::cout << records->size() << " records written to " << args.Get("out") << ".\n";
      return kExitOk;
    }
    *out << text;
    return kExitOk;
  }
  Table t{{"seq", "time", "event", "outcome", "user", "case", "purpose"}, {true}, {}};
  for (const auto& r : *records)
    t.rows.push_back(
        {std::to_string(r.seq), FormatIso8601(r.time), r.event, r.outcome, r.user, r.caseNumber, r.purposeCode});
  PrintTable(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command AuditCommand() {
  CommandSpec spec{"audit",
                   "The audit log: verify (offline, read-only), checkpoint --out FILE, list and export with filters, "
                   "rotate-key, prune.",
                   {StorageOption(),
                    UserOption(),
                    FormatOption(),
                    {"checkpoint", "FILE", "verify: an externally held checkpoint", false, true},
                    {"key", "FILE",
                     "verify: the agency's published verifier keys, one per line (default: PLATEDESK_TRUSTED_KEYS, "
                     "else the user's trusted-keys file)"},
                    {"out", "FILE", "checkpoint/export: where to write"},
                    {"actor", "NAME", "list/export: only this user's records"},
                    {"from", "TIME", "list/export: records at or after (ISO-8601)"},
                    {"to", "TIME", "list/export: records before (ISO-8601)"},
                    {"case", "NUMBER", "list/export: one case"},
                    {"purpose", "CODE", "list/export: one purpose"},
                    {"event", "TYPE", "list/export: one event type, or a family such as search.*"},
                    {"before", "DATE", "prune: tombstone the records older than this (at least 365 days ago)"}},
                   "ACTION",
                   true,
                   "verify needs no sign-in and writes nothing: exit 0 PASS (checked against a trusted key), 3\n"
                   "INTACT, SIGNER NOT VERIFIED (no trusted key: consistent with the log's own keys only), 1 FAIL\n"
                   "with the first bad index. Trusted keys as for `verify`.\n"
                   "list and export (supervisors and auditors) are themselves audited as audit.review.\n"
                   "export --format json writes the canonical records, one per line.\n"
                   "rotate-key (administrators) replaces the signing key: the old key endorses the new one, and\n"
                   "audit.key_rotated is recorded; publish the new key beside the old one.\n"
                   "prune --before DATE (administrators) keeps the hashes of records older than DATE (at least\n"
                   "365 days) and drops their text; recorded as audit.pruned."};
  return {spec, Run};
}

}  // namespace platedesk::cli
