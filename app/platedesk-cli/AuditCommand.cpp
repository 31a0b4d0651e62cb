// SPDX-License-Identifier: GPL-3.0-or-later
// audit verify | checkpoint | list | export | witness | rotate-key | prune
#include "Cli.h"
#include "Output.h"
#include "TrustedKeys.h"
#include "Witness.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Files.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/workstation/Workstation.h"

#include <iostream>
#include <optional>

namespace platedesk::cli {
namespace {

// Offline and read-only: an auditor verifies a storage (or a copy of it) without signing in and
// without writing anything, so the act of verifying cannot change what is verified.
int Verify(const ParsedArgs& args) {
  // An independent check reads the log's own file, never a server's word about it.
  if (!args.Has("storage"))
    return Usage(
        "audit verify reads the audit log's file: give --storage DIR (the storage folder on the server host, or a "
        "copy of it); keep the server's checkpoints elsewhere with `audit witness --server URL --out DIR`");
  std::filesystem::path db = args.Get("storage");
  if (std::filesystem::is_directory(db)) db /= audit::kAuditDbFileName;
  audit::VerifyOptions options;
  for (const auto& file : args.GetAll("checkpoint")) {
    auto text = ReadFile(file);
    if (!text) return Report(text.Err());
    options.externalCheckpoints.push_back(*text);
  }
  // The witness checked every checkpoint it stored against the one before (consistency proofs),
  // so its newest one anchors everything up to its size.
  for (const auto& folder : args.GetAll("witness")) {
    auto text = WitnessCheckpoint(folder);
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
  // PASS needs both: a key obtained out of band (else a log rebuilt with a key of its own passes),
  // and a checkpoint held outside the machine (else a log rebuilt and re-signed by whoever holds
  // the key, on this machine, passes).
  const bool anchored = r.externalCheckpoints > 0;
  if (r.ok && options.trustedKey && anchored) {
    std::cout << "trusted keys: " << trusted->file.string() << " (" << trusted->source << ")\n"
              << "PASS\n";
    return kExitOk;
  }
  if (r.ok && options.trustedKey) {
    std::cout << "trusted keys: " << trusted->file.string() << " (" << trusted->source << ")\n"
              << "INTACT, NOT ANCHORED: the log is consistent and signed by a trusted key, but no checkpoint held "
                 "outside this machine was given, so whoever can read its key could have rewritten and re-signed it "
                 "whole; give the witness folder with --witness DIR (platedesk-cli audit witness) or a checkpoint "
                 "with --checkpoint FILE\n";
    return kExitNotAnchored;
  }
  if (r.ok) {
    std::cout << "INTACT, SIGNER NOT VERIFIED: the log is consistent with the keys it carries, but no trusted key "
                 "was given, so a log rebuilt with a key of its own would pass too; give the agency's published key "
                 "with --key FILE or PLATEDESK_TRUSTED_KEYS"
              << (anchored ? "" : " (and no external checkpoint anchors it: --witness DIR or --checkpoint FILE)")
              << "\n";
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

// witness: no sign-in (checkpoints hold no plate data); the logic works on any Connection.
int Witness(const ParsedArgs& args, Context& ctx) {
  if (!args.Has("out")) return Usage("audit witness needs --out DIR (the witness folder, on another machine)");
  // --server: the agency's platedesk-server (GET /v1/checkpoint); --storage: a folder.
  auto ws = OpenConnection(args, ctx);
  if (!ws) return Report(ws.Err());
  auto run = RunWitness(**ws, args.Get("out"), ctx.clock);
  if (!run) return Report(run.Err(), run.Err().code == ErrorCode::Corrupt ? "nothing was stored" : "");
  if (run->firstRun) {
    std::cout << "First run: this witness now trusts the audit log's keys it received. Compare their fingerprints\n"
                 "with the ones the agency publishes:\n";
  } else if (!run->newKeys.empty()) {
    std::cout << "The log's key was rotated; the previous key endorsed the new one, which this witness now trusts:\n";
  }
  for (const auto& key : run->newKeys) {
    auto fingerprint = evidence::KeyFingerprint(key);
    std::cout << "  " << key << "\n  fingerprint " << (fingerprint ? *fingerprint : std::string("?")) << "\n";
  }
  if (!run->stored) {
    std::cout << "Unchanged: the log still holds " << run->size << " records (root " << run->root.substr(0, 16)
              << "...), as at the last run.\n";
    return kExitOk;
  }
  std::cout << "Stored " << run->file.string() << ": " << run->size << " records, root " << run->root.substr(0, 16)
            << "..., signed by key " << run->signingKeyId << "\n";
  if (run->previousSize > 0)
    std::cout << "Consistent with the checkpoint of " << run->previousSize << " records stored before.\n";
  return kExitOk;
}

// rotate-key and prune: administrators; each is recorded in the log by the change itself.
int Maintain(const std::string& action, const ParsedArgs& args, Context& ctx) {
  std::optional<UtcMs> before;
  if (action == "prune") {
    if (!args.Has("before"))
      return Usage("audit prune needs --before YYYY-MM-DD (older than audit_retention_days, 3 years by default)");
    auto t = ParseIso8601(args.Get("before"));
    if (!t) return Usage(t.Err().message);
    before = *t;
  }
  if (action == "rotate-key") return RotateSigningKey(args, ctx, "audit");  // kept: `keys rotate --which audit`
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
  return kExitOk;
}

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() != 1)
    return Usage("audit needs one action: verify, checkpoint, list, export, witness, rotate-key or prune");
  const std::string action = p[0];
  if (action == "verify") return Verify(args);
  if (action == "witness") return Witness(args, ctx);
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
  CommandSpec spec{
      "audit",
      "The audit log: verify (offline, read-only), checkpoint --out FILE, list and export with filters, "
      "witness --out DIR, rotate-key, prune.",
      {StorageOption(),
       UserOption(),
       FormatOption(),
       {"checkpoint", "FILE", "verify: an externally held checkpoint", false, true},
       {"witness", "DIR", "verify: a folder `audit witness` keeps (its newest checkpoint)", false, true},
       {"key", "FILE",
        "verify: the agency's published verifier keys, one per line (default: PLATEDESK_TRUSTED_KEYS, "
        "else the user's trusted-keys file)"},
       {"out", "FILE|DIR", "checkpoint/export: where to write; witness: the witness folder"},
       {"actor", "NAME", "list/export: only this user's records"},
       {"from", "TIME", "list/export: records at or after (ISO-8601)"},
       {"to", "TIME", "list/export: records before (ISO-8601)"},
       {"case", "NUMBER", "list/export: one case"},
       {"purpose", "CODE", "list/export: one purpose"},
       {"event", "TYPE", "list/export: one event type, or a family such as search.*"},
       {"before", "DATE", "prune: tombstone the records older than this (older than audit_retention_days)"}},
      "ACTION",
      true,
      "verify (--storage only: it reads the log's file, on the server host or a copy of the folder)\n"
      "needs no sign-in and writes nothing: exit 0 PASS (a trusted key and a checkpoint held\n"
      "outside the machine: --witness or --checkpoint), 3 INTACT, NOT ANCHORED (trusted key, no external\n"
      "checkpoint) or INTACT, SIGNER NOT VERIFIED (no trusted key), 1 FAIL with the first bad index.\n"
      "Trusted keys as for `verify`.\n"
      "witness --out DIR (no sign-in; run it from cron on another machine) stores the newest signed\n"
      "checkpoint after checking its key and its consistency proof against the one stored before;\n"
      "exit 1 \"the log was rewritten: ...\" stores nothing.\n"
      "list and export (supervisors and auditors) are themselves audited as audit.review.\n"
      "export --format json writes the canonical records, one per line.\n"
      "rotate-key (administrators) is `keys rotate --which audit`: the old checkpoint key endorses\n"
      "the new one, and audit.key_rotated is recorded.\n"
      "prune --before DATE (administrators) keeps the hashes of records older than DATE (older than\n"
      "audit_retention_days, 3 years by default, never under 365 days) and drops their text;\n"
      "recorded as audit.pruned. The scheduled purge does the same by itself past that period."};
  return {spec, Run};
}

}  // namespace platedesk::cli
