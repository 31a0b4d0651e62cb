// SPDX-License-Identifier: GPL-3.0-or-later
// transparency: the public transparency report of a period as HTML, CSV or PDF with its detached
// signature (FILE.sig); verify-report: checks a published copy against the agency's key, offline.
#include "Cli.h"
#include "TrustedKeys.h"

#include "platedesk/common/Files.h"
#include "platedesk/evidence/SigningKeys.h"
#include "platedesk/oversight/Transparency.h"
#include "platedesk/workstation/Session.h"

#include <filesystem>
#include <iostream>

namespace platedesk::cli {
namespace {

// A report covers whole days: --from and --to take dates (or times); the last whole month by
// default (the first of last month to the first of this one, UTC).
int Publish(const ParsedArgs& args, Context& ctx) {
  auto format = oversight::ParseTransparencyFormat(args.Get("format", "html"));
  if (!format) return Usage("--format is html, csv or pdf");
  if (!args.Has("out")) return Usage("transparency needs --out FILE (the report; its signature goes to FILE.sig)");
  UtcMs from = 0, to = 0;
  if (args.Has("from") || args.Has("to")) {
    auto f = ParseIso8601(args.Get("from"));
    auto t = ParseIso8601(args.Get("to"));
    if (!f || !t) return Usage("--from and --to take ISO 8601 dates, both or neither");
    from = *f;
    to = *t;
  } else {
    const std::string today = FormatIso8601(SystemClock().Now());
    const int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
    to = UtcFromCivil(year, month, 1);
    from = month == 1 ? UtcFromCivil(year - 1, 12, 1) : UtcFromCivil(year, month - 1, 1);
  }
  const std::filesystem::path out = std::filesystem::u8path(args.Get("out"));
  std::error_code ec;
  if (std::filesystem::exists(out, ec) || std::filesystem::exists(out.string() + ".sig", ec))
    return Usage("--out names a file that exists (a published report is never overwritten): " + args.Get("out"));
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto report = signedIn->session->PublishTransparency(from, to, *format);
  if (!report) return Report(report.Err());
  auto written = workstation::WritePublishedReport(*report, out);
  if (!written) return Report(written.Err());
  for (const auto& path : *written) std::cout << path.string() << "\n";
  return kExitOk;
}

int Verify(const ParsedArgs& args, Context&) {
  if (args.Positional().size() != 1) return Usage("verify-report takes one FILE (a published report)");
  if (args.Has("storage") && args.Has("key")) return Usage("give --key FILE or --storage DIR, not both");
  const std::filesystem::path file = std::filesystem::u8path(args.Positional().front());
  const std::filesystem::path sig =
      args.Has("sig") ? std::filesystem::u8path(args.Get("sig")) : std::filesystem::path(file.string() + ".sig");
  std::vector<std::string> keys;
  if (args.Has("storage")) {
    auto stored = evidence::SigningKeys::ReadPublicKeys(args.Get("storage"));
    if (!stored) return Report(stored.Err());
    keys = std::move(*stored);
  } else {
    auto trusted = LoadTrustedKeys(args);
    if (!trusted) return Report(trusted.Err());
    keys = std::move(trusted->keys);
  }
  if (keys.empty())
    return Usage("give the agency's published key: --key FILE (or PLATEDESK_TRUSTED_KEYS, or --storage DIR)");
  auto bytes = ReadFile(file);
  if (!bytes) return Report(bytes.Err());
  auto signature = ReadFile(sig);
  if (!signature) return Report(signature.Err(), "the signature is the .sig file published beside the report");
  auto checked = oversight::VerifyPublishedReport(*bytes, *signature, keys);
  if (!checked) return Report(checked.Err());
  if (!checked->valid) {
    std::cout << "NOT VERIFIED: " << checked->problem << "\n";
    return kExitFailed;
  }
  std::cout << checked->statement << "VERIFIED: signed by the agency's key " << checked->keyId
            << "; the file is the one it signed\n";
  return kExitOk;
}

}  // namespace

Command TransparencyCommand() {
  CommandSpec spec{"transparency",
                   "Write the public transparency report of a period (HTML with charts, CSV or PDF) and its signature.",
                   {StorageOption(),
                    UserOption(),
                    {"from", "DATE", "start of the period (default: the first of last month, UTC)"},
                    {"to", "DATE", "end of the period, exclusive (default: the first of this month)"},
                    {"format", "FMT", "html (default), csv or pdf"},
                    {"out", "FILE", "the report; its detached signature goes to FILE.sig (neither may exist)"}},
                   "",
                   false,
                   "Counts only, for publication: reads per camera and day and when each camera was active, the\n"
                   "fixed cameras' current and past places, hot lists compared against (none), searches by purpose\n"
                   "run and refused, people with access and with current training, releases outside the agency by\n"
                   "recipient kind, retention, purges and holds, what is and is not collected, allowed and\n"
                   "prohibited uses. Never a plate, a person, a user or a case number. Supervisors, auditors and\n"
                   "administrators; audited as audit.review. FILE.sig is signed with the agency's evidence key:\n"
                   "anyone checks a published copy with `platedesk-cli verify-report FILE --key KEYS`."};
  return {spec, Publish};
}

Command VerifyReportCommand() {
  CommandSpec spec{
      "verify-report",
      "Check a published transparency report against its signature and the agency's published key, offline.",
      {{"key", "FILE",
        "the agency's published evidence keys (default: PLATEDESK_TRUSTED_KEYS, else the user's trusted-keys file)"},
       {"storage", "DIR", "trust the evidence keys of this storage instead (no sign-in)"},
       {"sig", "FILE", "the signature (default: FILE.sig beside the report)"}},
      "FILE",
      true,
      "Exit status 0: VERIFIED (a trusted key signed this very file); 1: NOT VERIFIED (the reason on\n"
      "the last line); 2: usage (no key given)."};
  return {spec, Verify};
}

}  // namespace platedesk::cli
