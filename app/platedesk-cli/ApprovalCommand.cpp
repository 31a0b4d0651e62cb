// SPDX-License-Identifier: GPL-3.0-or-later
// approval: the approval queue from the command line. A user asks a supervisor to approve one
// exact search (`approval request` with `search`'s or `scenes`' options); another supervisor
// approves it for a limited time or denies it with a reason; the user then runs the same search
// with --approval ID. Every step is audited by the session.
#include "Cli.h"
#include "Output.h"
#include "SearchArgs.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Session.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace platedesk::cli {
namespace {

std::string Joined(const std::map<std::string, std::string>& query) {
  std::string out;
  for (const auto& [k, v] : query) {
    if (v.empty() && k != "plate") continue;
    if (!out.empty()) out += "; ";
    out += k + "=" + v;
  }
  return out;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "; ") + l;
  return out;
}

std::string TimeOrEmpty(UtcMs t) { return t == 0 ? std::string() : FormatIso8601(t); }

Table ApprovalTable(const std::vector<store::SearchApproval>& list) {
  Table t{{"id", "state", "requested_by", "requested", "case", "purpose", "kind", "query", "why", "justification",
           "decided_by", "decided", "valid_until", "decision_reason"},
          {true},
          {}};
  for (const auto& a : list)
    t.rows.push_back({std::to_string(a.id), std::string(store::ApprovalStateName(a.state)), a.requestedBy,
                      FormatIso8601(a.requestedAt), a.caseNumber, a.purposeCode, a.kind, Joined(a.query),
                      Joined(a.reasons), a.justification, a.decidedBy, TimeOrEmpty(a.decidedAt),
                      TimeOrEmpty(a.validUntil), a.decisionReason});
  return t;
}

// A creating or deciding command prints the record; its JSON has the request's id at the top.
void PrintApproval(const store::SearchApproval& a, OutputFormat format) {
  if (format == OutputFormat::Json) {
    nlohmann::json j{{"id", a.id},
                     {"state", std::string(store::ApprovalStateName(a.state))},
                     {"requested_by", a.requestedBy},
                     {"requested", FormatIso8601(a.requestedAt)},
                     {"case", a.caseNumber},
                     {"purpose", a.purposeCode},
                     {"justification", a.justification},
                     {"kind", a.kind},
                     {"query", a.query},
                     {"why", a.reasons},
                     {"decided_by", a.decidedBy},
                     {"approved", a.approved},
                     {"decision_reason", a.decisionReason}};
    if (a.decidedAt != 0) j["decided"] = FormatIso8601(a.decidedAt);
    if (a.validUntil != 0) j["valid_until"] = FormatIso8601(a.validUntil);
    std::cout << j.dump(2) << "\n";
    return;
  }
  PrintRecord(std::cout, ApprovalTable({a}), format);
}

Result<std::int64_t> RequestId(const std::vector<std::string>& p) {
  if (p.size() != 2) return Fail(ErrorCode::InvalidArgument, "approval " + p[0] + " takes one request ID");
  std::int64_t id = 0;
  for (char c : p[1]) {
    if (c < '0' || c > '9' || id > 100'000'000'000LL)
      return Fail(ErrorCode::InvalidArgument, "'" + p[1] + "' is not a request id");
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return Fail(ErrorCode::InvalidArgument, "'" + p[1] + "' is not a request id");
  return id;
}

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.empty()) return Usage("approval needs an action: request, list, approve ID, deny ID");
  const std::string& action = p[0];
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);

  if (action == "request") {
    if (p.size() != 1) return Usage("approval request takes no ID: it makes one");
    if (!args.Has("case") || !args.Has("purpose") || !args.Has("justification"))
      return Usage("approval request needs --case, --purpose and --justification, as the search will");
    if (args.Has("approval")) return Usage("a request for approval does not run under another approval");
    workstation::ApprovalSubject subject;
    if (args.Has("scene")) {
      if (args.Has("limit")) return Usage("--limit belongs to a search, not to a multi-scene search");
      auto scenes = ParseScenesArgs(args);
      if (!scenes) return Usage(scenes.Err().message);
      subject.multiScene = *scenes;
    } else {
      auto search = ParseSearchArgs(args);
      if (!search) return Usage(search.Err().message);
      subject.search = search->query;
      subject.limit = search->limit;
    }
    auto context = AccessContextFrom(args);
    if (!context) return Usage(context.Err().message);
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto made = signedIn->session->RequestApproval(*context, subject);
    if (!made) return Report(made.Err());
    PrintApproval(*made, *format);
    if (*format == OutputFormat::Table)
      std::cerr << "Approval request " << made->id
                << " waits for a supervisor (not you). Once approved, run the same command with --approval " << made->id
                << ".\n";
    return kExitOk;
  }
  if (action == "list") {
    if (p.size() != 1) return Usage("approval list takes no ID (use --id)");
    store::ApprovalFilter filter;
    if (args.Has("state")) {
      filter.state = store::ParseApprovalState(args.Get("state"));
      if (!filter.state) return Usage("--state is pending, approved, denied or expired");
    }
    filter.requestedBy = args.Get("requested-by");
    if (args.Has("id")) {
      auto id = RequestId({"list", args.Get("id")});
      if (!id) return Usage(id.Err().message);
      filter.id = *id;
    }
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto list = signedIn->session->Approvals(filter);
    if (!list) return Report(list.Err());
    PrintTable(std::cout, ApprovalTable(*list), *format);
    return kExitOk;
  }
  if (action == "approve" || action == "deny") {
    auto id = RequestId(p);
    if (!id) return Usage(id.Err().message);
    const bool approve = action == "approve";
    if (!approve && Trim(args.Get("reason")).empty()) return Usage("approval deny needs --reason TEXT");
    if (!approve && args.Has("hours")) return Usage("--hours goes with approve");
    auto hours = args.GetInt("hours", 0);
    if (!hours || *hours < 0 || *hours > 168) return Usage("--hours is a whole number from 1 to 168");
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto decided = signedIn->session->DecideApproval(*id, approve, args.Get("reason"), static_cast<int>(*hours));
    if (!decided) return Report(decided.Err());
    PrintApproval(*decided, *format);
    return kExitOk;
  }
  return Usage("unknown approval action '" + action + "' (request, list, approve ID, deny ID)");
}

}  // namespace

Command ApprovalCommand() {
  std::vector<OptionSpec> o{StorageOption(), UserOption(), FormatOption()};
  for (auto a : AccessContextOptions()) {
    a.required = false;  // request only
    if (a.name != "approval") o.push_back(a);
  }
  for (auto& t : ToleranceOptions()) o.push_back(t);
  for (auto& q : SearchQueryOptions()) o.push_back(q);
  for (auto& s : SceneOptions(false)) o.push_back(s);
  std::vector<OptionSpec> more{
      {"state", "STATE", "list: pending, approved, denied or expired"},
      {"requested-by", "USER", "list: one user's requests (supervisors and auditors)"},
      {"id", "ID", "list: one request"},
      {"hours", "H", "approve: how long it lasts, 1-168 (default: the agency's approval_hours)"},
      {"reason", "TEXT", "approve: a note; deny: why (required)"}};
  o.insert(o.end(), more.begin(), more.end());
  CommandSpec spec{
      "approval",
      "The approval queue: request (a search's or a multi-scene search's options), list, approve ID, deny ID.",
      o,
      "request | list | approve ID | deny ID",
      true,
      "What needs a supervisor's approval (agency settings): a purpose marked so in the catalogue; a\n"
      "pattern pinning down fewer than approval_min_fixed (3) characters; a vehicle-only search over more\n"
      "than approval_vehicle_cameras (10) cameras or approval_vehicle_hours (24) hours; a --limit above\n"
      "search_limit_cap (1000); a search matching more than approval_result_reads (1000) reads (it runs but\n"
      "shows nothing); every multi-scene search (--scene). `approval request` takes the same options as\n"
      "the search (with --scene: as `scenes`) and records why it needs approval. Another supervisor\n"
      "approves it for --hours (default approval_hours, 24) or denies it with --reason; nobody decides\n"
      "their own. Run the search with --approval ID: it must be the exact query approved, and its audit\n"
      "record names the approval and the approver. Detectives see their own requests; supervisors and\n"
      "auditors every one."};
  return {spec, Run};
}

}  // namespace platedesk::cli
