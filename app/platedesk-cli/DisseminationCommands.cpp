// SPDX-License-Identifier: GPL-3.0-or-later
// agency / dissemination: the recipient agency registry and secondary dissemination (written
// requests, reviews, releases through the evidence export, receipts, correction notices, the log),
// through the session with the same sign-in and rules as the GUI. Every step is audited by the
// session.
#include "Cli.h"
#include "Output.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/dissemination/Log.h"
#include "platedesk/remote/Codec.h"
#include "platedesk/workstation/Session.h"

#include <filesystem>
#include <iostream>

namespace platedesk::cli {
namespace {

Result<std::int64_t> ParseNumber(const std::string& text, const char* what) {
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18) return Fail(ErrorCode::InvalidArgument, std::string("expected ") + what, text);
  for (char c : text) {
    if (c < '0' || c > '9') return Fail(ErrorCode::InvalidArgument, std::string("expected ") + what, text);
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return Fail(ErrorCode::InvalidArgument, std::string("expected ") + what, text);
  return v;
}

Result<std::optional<UtcMs>> OptionalTime(const ParsedArgs& args, const std::string& name) {
  if (!args.Has(name)) return std::optional<UtcMs>();
  auto t = ParseIso8601(args.Get(name));
  if (!t) return Fail(ErrorCode::InvalidArgument, "--" + name + " takes an ISO 8601 date or time", args.Get(name));
  return std::optional<UtcMs>(*t);
}

std::string Time(const std::optional<UtcMs>& t) { return t ? FormatIso8601(*t) : std::string(); }

// --- agency ------------------------------------------------------------------------------------

Table AgencyTable(const std::vector<store::Agency>& list, UtcMs now) {
  Table t{{"id", "name", "ori", "kind", "state", "mou_sha256", "mou_expires", "mou_in_force", "updated_by", "updated"},
          {true, false, false, false, false, false, false, false, false, false},
          {},
          {false, false, false, false, false, false, false, true, false, false}};
  for (const auto& a : list)
    t.rows.push_back({std::to_string(a.id), a.name, a.ori, std::string(store::AgencyKindName(a.kind)), a.state,
                      a.mouSha256, Time(a.mouExpires),
                      Flag(!a.mouSha256.empty() && (!a.mouExpires || *a.mouExpires > now)), a.updatedBy,
                      FormatIso8601(a.updatedAt)});
  return t;
}

int RunAgency(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.empty()) return Usage("agency needs an action: list, add, update ID");
  const std::string action = p[0];
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  if (action != "list" && action != "add" && action != "update") return Usage("unknown agency action '" + action + "'");
  if ((action == "update") != (p.size() == 2) || p.size() > 2)
    return Usage(action == "update" ? "agency update takes one ID" : "agency " + action + " takes no ID");
  store::Agency agency;
  store::Document mou;
  if (action != "list") {
    if (action == "update") {
      auto id = ParseNumber(p[1], "an agency id");
      if (!id) return Usage(id.Err().message);
      agency.id = *id;
    } else if (!args.Has("name") || !args.Has("kind") || !args.Has("state")) {
      return Usage("agency add needs --name, --kind and --state");
    }
    if (args.Has("kind") && !store::ParseAgencyKind(args.Get("kind")))
      return Usage("--kind is local, state, federal, tribal, out-of-state, prosecutor or non-law-enforcement");
    if (args.Has("mou-expires") && !args.Has("mou-file") && action == "add")
      return Usage("--mou-expires goes with --mou-file");
    auto expires = OptionalTime(args, "mou-expires");
    if (!expires) return Usage(expires.Err().message);
    if (args.Has("mou-file")) {
      auto doc = store::LoadDocumentFile(std::filesystem::u8path(args.Get("mou-file")));
      if (!doc) return Report(doc.Err());
      mou = std::move(*doc);
    }
    agency.mouExpires = *expires;
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  if (action == "list") {
    auto list = s.Agencies();
    if (!list) return Report(list.Err());
    PrintTable(std::cout, AgencyTable(*list, ctx.clock.Now()), *format);
    return kExitOk;
  }
  if (action == "update") {
    // Only what is given changes: start from the registry entry.
    auto list = s.Agencies();
    if (!list) return Report(list.Err());
    auto it = std::find_if(list->begin(), list->end(), [&](const store::Agency& a) { return a.id == agency.id; });
    if (it == list->end()) return Report(Fail(ErrorCode::NotFound, "no such agency", p[1]));
    const auto expires = agency.mouExpires;
    agency = *it;
    if (args.Has("mou-expires")) agency.mouExpires = expires;
  }
  if (args.Has("name")) agency.name = args.Get("name");
  if (args.Has("ori")) agency.ori = args.Get("ori");
  if (args.Has("state")) agency.state = args.Get("state");
  if (args.Has("kind")) agency.kind = *store::ParseAgencyKind(args.Get("kind"));
  auto saved = s.SaveAgency(agency, mou);
  if (!saved) return Report(saved.Err());
  PrintRecord(std::cout, AgencyTable({*saved}, ctx.clock.Now()), *format);
  return kExitOk;
}

// --- dissemination -------------------------------------------------------------------------------

Table RecordTable(const std::vector<store::DisseminationRecord>& list) {
  Table t{{"id", "state", "received", "agency", "agency_kind", "requester", "case", "purpose", "approvals", "released",
           "package_sha256", "reads", "receipt", "open_notices"},
          {true, false, false, false, false, false, false, false, true, false, false, true, false, true},
          {}};
  for (const auto& r : list) {
    int approvals = 0, open = 0;
    for (const auto& v : r.reviews) approvals += v.approved ? 1 : 0;
    for (const auto& n : r.notices) open += n.sentAt ? 0 : 1;
    t.rows.push_back(
        {std::to_string(r.request.id), std::string(store::DisseminationStateName(r.state)),
         FormatIso8601(r.request.receivedAt), r.request.agencyName,
         std::string(store::AgencyKindName(r.request.agencyKind)), r.request.requesterName, r.request.caseNumber,
         r.request.purposeCode, std::to_string(approvals), r.release ? FormatIso8601(r.release->releasedAt) : "",
         r.release ? r.release->packageSha256 : "", std::to_string(r.release ? r.release->reads.size() : 0),
         r.receipt ? r.receipt->signedBy + " " + FormatIso8601(r.receipt->signedAt) : "", std::to_string(open)});
  }
  return t;
}

Table NoticeTable(const std::vector<store::DisseminationNotice>& list) {
  Table t{{"id", "request", "agency", "case", "read", "change", "created", "sent", "sent_by", "method"},
          {true, true, false, false, true, false, false, false, false, false},
          {}};
  for (const auto& n : list)
    t.rows.push_back({std::to_string(n.id), std::to_string(n.request), n.agencyName, n.caseNumber,
                      std::to_string(n.read), n.change, FormatIso8601(n.createdAt), Time(n.sentAt), n.sentBy,
                      n.sentMethod});
  return t;
}

// One record: its JSON (the record with its id, everything after it nested), or a one-row table.
int PrintOne(const store::DisseminationRecord& r, OutputFormat format) {
  if (format == OutputFormat::Json) {
    nlohmann::json j = remote::Encode(r);
    j["id"] = r.request.id;  // what was created, by its id, as every creating command prints it
    std::cout << j.dump(2) << "\n";
  } else {
    PrintRecord(std::cout, RecordTable({r}), format);
    for (const auto& rule : r.request.rulesApplied)
      if (format == OutputFormat::Table) std::cout << "rule: " << rule << "\n";
  }
  return kExitOk;
}

int RunRequest(const ParsedArgs& args, workstation::Session& s, OutputFormat format) {
  store::DisseminationRequest r;
  auto agency = ParseNumber(args.Get("agency"), "--agency ID (see `agency list`)");
  if (!agency) return Usage(agency.Err().message);
  r.agency = *agency;
  r.requesterName = args.Get("requester");
  r.requesterTitle = args.Get("title");
  r.requesterContact = args.Get("contact");
  r.theirCase = args.Get("their-case");
  r.caseNumber = args.Get("case");
  r.purposeCode = args.Get("purpose");
  r.justification = args.Get("justification");
  r.authority = args.Get("authority");
  r.asks = args.Get("asks");
  r.receivedBy = args.Get("received-by");
  auto received = OptionalTime(args, "received");
  if (!received) return Usage(received.Err().message);
  r.receivedAt = received->value_or(0);
  if (!args.Has("document")) return Usage("attach the written request with --document FILE (PDF or image)");
  auto doc = store::LoadDocumentFile(std::filesystem::u8path(args.Get("document")));
  if (!doc) return Report(doc.Err());
  auto out = s.RequestDissemination(r, *doc);
  if (!out) return Report(out.Err());
  return PrintOne(*out, format);
}

int RunDissemination(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  static const std::string kActions = "request, review ID, release ID, receipt ID, notices, notice-sent ID, list, log";
  if (p.empty()) return Usage("dissemination needs an action: " + kActions);
  const std::string action = p[0];
  const bool needsId = action == "review" || action == "release" || action == "receipt" || action == "notice-sent";
  const bool known = needsId || action == "request" || action == "notices" || action == "list" || action == "log";
  if (!known) return Usage("unknown dissemination action '" + action + "' (" + kActions + ")");
  if (needsId != (p.size() == 2) || p.size() > 2)
    return Usage("dissemination " + action + (needsId ? " takes one ID" : " takes no ID"));
  std::int64_t id = 0;
  if (needsId) {
    auto parsed = ParseNumber(p[1], "an id");
    if (!parsed) return Usage(parsed.Err().message);
    id = *parsed;
  }
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);

  if (action == "release") {
    if (!args.Has("to")) return Usage("dissemination release needs --to DIR (the medium or folder)");
    if (!args.Has("method")) return Usage("dissemination release needs --method media|transfer|in-person");
    auto method = store::ParseReleaseMethod(args.Get("method"));
    if (!method) return Usage("--method is media, transfer or in-person");
    if (*method == store::ReleaseMethod::Media && Trim(args.Get("media-label")).empty())
      return Usage("a release on a medium needs --media-label TEXT (the label written on it)");
    if (!args.Has("received-by")) return Usage("dissemination release needs --received-by NAME (for the recipient)");
    if (!args.Has("encrypt") && !args.Has("no-encrypt"))
      return Usage("choose --encrypt (recommended) or --no-encrypt for a release");
    return RunExport(args, ctx, ExportRelease{id, *method, args.Get("received-by")});
  }
  if (action == "review" && args.Has("approve") == args.Has("deny"))
    return Usage("dissemination review takes exactly one of --approve, --deny");
  if (action == "log" && (!args.Has("from") || !args.Has("to")))
    return Usage("dissemination log needs --from and --to");
  store::DisseminationFilter filter;
  if (action == "list" || action == "log") {
    auto from = OptionalTime(args, "from");
    if (!from) return Usage(from.Err().message);
    auto to = OptionalTime(args, "to");
    if (!to) return Usage(to.Err().message);
    filter.from = *from;
    filter.to = *to;
    filter.caseNumber = args.Get("case");
    if (args.Has("agency")) {
      auto agency = ParseNumber(args.Get("agency"), "--agency ID");
      if (!agency) return Usage(agency.Err().message);
      filter.agency = *agency;
    }
    if (args.Has("state")) {
      filter.state = store::ParseDisseminationState(args.Get("state"));
      if (!filter.state)
        return Usage("--state is received, second-approval, approved, denied, referred, receipt-pending or released");
    }
  }
  std::optional<UtcMs> signedAt;
  if (action == "receipt") {
    if (!args.Has("signed-by")) return Usage("dissemination receipt needs --signed-by NAME");
    auto t = OptionalTime(args, "signed");
    if (!t) return Usage(t.Err().message);
    signedAt = *t;
  }
  if (action == "notice-sent" && !args.Has("method"))
    return Usage("dissemination notice-sent needs --method TEXT (how it was sent)");

  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  if (action == "request") return RunRequest(args, s, *format);
  if (action == "review") {
    auto out = s.ReviewDissemination(id, args.Has("approve"), args.Get("reason"));
    if (!out) return Report(out.Err());
    return PrintOne(*out, *format);
  }
  if (action == "receipt") {
    store::Document scan;
    if (args.Has("document")) {
      auto doc = store::LoadDocumentFile(std::filesystem::u8path(args.Get("document")));
      if (!doc) return Report(doc.Err());
      scan = std::move(*doc);
    }
    auto out = s.RecordReceipt(id, args.Get("signed-by"), signedAt.value_or(0), scan);
    if (!out) return Report(out.Err());
    return PrintOne(*out, *format);
  }
  if (action == "notices") {
    auto out = s.DisseminationNotices(args.Has("open"));
    if (!out) return Report(out.Err());
    PrintTable(std::cout, NoticeTable(*out), *format);
    return kExitOk;
  }
  if (action == "notice-sent") {
    auto out = s.MarkNoticeSent(id, args.Get("method"));
    if (!out) return Report(out.Err());
    PrintRecord(std::cout, NoticeTable({*out}), *format);
    return kExitOk;
  }
  auto records = s.Disseminations(filter);
  if (!records) return Report(records.Err());
  if (action == "list") {
    if (*format == OutputFormat::Json) {
      std::cout << remote::Encode(*records).dump(2) << "\n";
    } else {
      PrintTable(std::cout, RecordTable(*records), *format);
    }
    return kExitOk;
  }
  // log: the full log, printed or written as CSV or PDF (by --out's extension).
  const std::string out = args.Get("out");
  if (out.empty()) {
    Table t{dissemination::LogColumns(), {}, dissemination::LogRows(*records)};
    t.numeric.assign(t.columns.size(), false);
    t.numeric[0] = true;
    PrintTable(std::cout, t, *format);
    return kExitOk;
  }
  const std::string ext = ToLowerAscii(std::filesystem::path(out).extension().string());
  std::string bytes;
  if (ext == ".csv") {
    bytes = dissemination::LogCsv(*records);
  } else if (ext == ".pdf") {
    const std::string covers = "received " + args.Get("from") + " to " + args.Get("to") +
                               (filter.caseNumber.empty() ? "" : ", case " + filter.caseNumber) +
                               (filter.agency ? ", agency " + std::to_string(filter.agency) : "");
    auto pdf = dissemination::LogPdf(*records, "Secondary dissemination", covers);
    if (!pdf) return Report(pdf.Err());
    bytes = std::move(*pdf);
  } else {
    return Usage("--out names a .csv or .pdf file");
  }
  if (auto st = WriteFileExclusive(out, bytes, /*ownerOnly=*/true); !st) return Report(st.Err());
  std::cout << "wrote " << out << " (" << records->size() << " request(s))\n";
  return kExitOk;
}

}  // namespace

Command AgencyCommand() {
  CommandSpec spec{"agency",
                   "The registry of agencies LPR data may be released to: list, add, update ID (administrators).",
                   {StorageOption(),
                    UserOption(),
                    FormatOption(),
                    {"name", "TEXT", "the agency's name"},
                    {"kind", "KIND", "local, state, federal, tribal, out-of-state, prosecutor, non-law-enforcement"},
                    {"state", "ST", "two-letter state"},
                    {"ori", "ID", "NCIC originating agency identifier"},
                    {"mou-file", "FILE", "the MOU or sharing agreement (PDF or image), kept on file by SHA-256"},
                    {"mou-expires", "DATE", "when the agreement ends"}},
                   "ACTION [ID]",
                   true,
                   "Every change is audited (config.changed, with the fields before and after).\n"
                   "A non-law-enforcement requester's requests are recorded and referred to records/legal."};
  return {spec, RunAgency};
}

Command DisseminationCommand() {
  std::vector<OptionSpec> options{StorageOption(), UserOption(), FormatOption()};
  for (OptionSpec o : AccessContextOptions()) {
    o.required = false;  // request: ours; list and log: --case filters
    options.push_back(o);
  }
  for (OptionSpec o : std::vector<OptionSpec>{
           {"agency", "ID", "the recipient agency (request; filter for list and log)"},
           {"requester", "NAME", "the person who asked (request)"},
           {"title", "TEXT", "their title (request)"},
           {"contact", "TEXT", "their phone and e-mail (request)"},
           {"their-case", "C", "the requesting agency's case number (request)"},
           {"authority", "TEXT", "the legal authority the request cites (request)"},
           {"asks", "TEXT", "what is asked for: plates, time window, reads, a case's package (request)"},
           {"document", "FILE", "the written request (request) or the scanned receipt (receipt): PDF or image"},
           {"received", "DATE", "when the written request came in (request; default now)"},
           {"received-by", "NAME",
            "request: who received it (default you); release: who takes the release for the recipient"},
           {"approve", "", "approve (review)"},
           {"deny", "", "deny (review)"},
           {"reason", "TEXT", "why (review)"},
           {"method", "TEXT", "release: media, transfer or in-person; notice-sent: how the notice went"},
           {"signed-by", "NAME", "who signed the receipt (receipt)"},
           {"signed", "DATE", "when it was signed (receipt; default now)"},
           {"open", "", "only notices not yet sent (notices)"},
           {"state", "S", "received, second-approval, approved, denied, referred, receipt-pending, released (list)"},
           {"from", "T", "requests received from (list, log)"},
           {"out", "FILE", "write the log as .csv or .pdf (log)"}})
    options.push_back(o);
  for (OptionSpec o : ExportPackageOptions()) {
    if (o.name == "media-label") o.required = false;  // release only (checked there)
    if (o.name == "to") {
      o.required = false;
      o.help = "release: the destination folder or drive; list and log: requests received before";
      o.valueName = "DIR|T";
    }
    options.push_back(o);
  }
  CommandSpec spec{
      "dissemination",
      "Secondary dissemination: written requests, supervisors' reviews, releases, receipts, correction notices, the "
      "log.",
      options,
      "ACTION [ID]",
      true,
      "  dissemination request --agency ID --requester NAME --contact TEXT [--their-case C] --case C --purpose CODE\n"
      "        --justification TEXT --authority TEXT --asks TEXT --document FILE\n"
      "  dissemination review ID (--approve | --deny) --reason TEXT          (supervisors; not your own request)\n"
      "  dissemination release ID (--reads ID,... | --from-search F.csv | --case-reads) --to DIR\n"
      "        (--encrypt | --no-encrypt) --method media|transfer|in-person [--media-label TEXT] --received-by NAME\n"
      "  dissemination receipt ID --signed-by NAME [--signed DATE] [--document FILE]\n"
      "  dissemination notices [--open]          dissemination notice-sent ID --method TEXT\n"
      "  dissemination list [--state S]          dissemination log --from T --to T [--case C] [--agency ID] [--out F]\n"
      "LPR data leaves the agency only this way: an export naming an outside recipient is refused.\n"
      "Agency rules (config set dissemination_rules ...): in-state-only, no-federal, mou-required,\n"
      "federal-second-approval, out-of-state-second-approval (default mou-required,federal-second-approval).\n"
      "Who may release: config set dissemination_releasers supervisor,lead (the default)."};
  return {spec, RunDissemination};
}

}  // namespace platedesk::cli
