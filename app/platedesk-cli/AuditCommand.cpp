// SPDX-License-Identifier: GPL-3.0-or-later
// audit verify | checkpoint | list | export
#include "Cli.h"
#include "Output.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Files.h"
#include "platedesk/workstation/Workstation.h"

#include <iostream>

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
  if (args.Has("key")) {
    auto key = ReadFile(args.Get("key"));
    if (!key) return Report(key.Err());
    std::string k = *key;
    while (!k.empty() && (k.back() == '\n' || k.back() == '\r')) k.pop_back();
    options.trustedKey = k;
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
  if (r.ok) {
    std::cout << "PASS\n";
    return kExitOk;
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

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() != 1) return Usage("audit needs one action: verify, checkpoint, list or export");
  const std::string action = p[0];
  if (action == "verify") return Verify(args);
  if (action != "checkpoint" && action != "list" && action != "export") return Usage("unknown audit action '" + action + "'");
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
    for (const auto& r : *records) text += (r.pruned ? std::string("{\"pruned\":true,\"seq\":") + std::to_string(r.seq) + "}" : r.canonical) + "\n";
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
    t.rows.push_back({std::to_string(r.seq), FormatIso8601(r.time), r.event, r.outcome, r.user, r.caseNumber, r.purposeCode});
  PrintTable(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command AuditCommand() {
  CommandSpec spec{"audit",
                   "The audit log: verify (offline, read-only), checkpoint --out FILE, list and export with filters.",
                   {StorageOption(), UserOption(), FormatOption(),
                    {"checkpoint", "FILE", "verify: an externally held checkpoint", false, true},
                    {"key", "FILE", "verify: the trusted verifier key (default: the log's first key)"},
                    {"out", "FILE", "checkpoint/export: where to write"},
                    {"actor", "NAME", "list/export: only this user's records"},
                    {"from", "TIME", "list/export: records at or after (ISO-8601)"},
                    {"to", "TIME", "list/export: records before (ISO-8601)"},
                    {"case", "NUMBER", "list/export: one case"},
                    {"purpose", "CODE", "list/export: one purpose"},
                    {"event", "TYPE", "list/export: one event type, or a family such as search.*"}},
                   "ACTION",
                   true,
                   "verify needs no sign-in and writes nothing: exit 0 PASS, 1 FAIL with the first bad index.\n"
                   "list and export (supervisors and auditors) are themselves audited as audit.review.\n"
                   "export --format json writes the canonical records, one per line."};
  return {spec, Run};
}

}  // namespace platedesk::cli
