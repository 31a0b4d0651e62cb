// SPDX-License-Identifier: GPL-3.0-or-later
// export: an evidence package of reads for a case, to a folder or a removable drive, through the
// facade (audited before anything is written; read back and verified before "complete").
#include "Cli.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/workstation/Workstation.h"

#include <charconv>
#include <iostream>

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace platedesk::cli {
namespace {

Result<store::ReadId> ParseId(std::string_view text) { return ParsePositiveId(text, "read id"); }

// The first field of each CSV record, honouring quotes (RFC 4180); enough for the read_id column
// that `platedesk-cli search --format csv` writes first.
std::vector<std::vector<std::string>> CsvRows(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  while (!rows.empty() && (rows.back().empty() || (rows.back().size() == 1 && rows.back()[0].empty()))) rows.pop_back();
  return rows;
}

Status FromSearch(const std::string& file, workstation::EvidenceRequest& request) {
  auto text = ReadFile(file);
  if (!text) return text.Err();
  // A spreadsheet that saved the file as "CSV UTF-8" starts it with a byte-order mark.
  std::string_view body = *text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const auto rows = CsvRows(body);
  if (rows.empty()) return Fail(ErrorCode::InvalidArgument, "the search file is empty", file);
  std::size_t col = rows[0].size();
  for (std::size_t c = 0; c < rows[0].size(); ++c)
    if (rows[0][c] == "read_id" || rows[0][c] == "id") col = c;
  if (col == rows[0].size())
    return Fail(ErrorCode::InvalidArgument, "the search file has no read_id column (save `search --format csv`)", file);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (col >= rows[r].size())
      return Fail(ErrorCode::InvalidArgument, "line " + std::to_string(r + 1) + " has no read_id", file);
    auto id = ParseId(rows[r][col]);
    if (!id) return Fail(ErrorCode::InvalidArgument, id.Err().message, file + " line " + std::to_string(r + 1));
    request.reads.push_back(*id);
  }
  request.selectionMethod = "from-search";
  request.selection["search_file"] = std::filesystem::path(file).filename().string();
  request.selection["search_file_sha256"] = Sha256Hex(*text);
  request.selection["search_file_rows"] = std::to_string(rows.size() - 1);
  return {};
}

// True when file (or, if it does not exist yet, its folder) is on the same file system as folder:
// the passphrase must never travel with the medium it opens.
bool SameFileSystem(const std::filesystem::path& file, const std::filesystem::path& folder) {
  std::error_code ec;
  const auto where = std::filesystem::exists(file, ec) ? file : std::filesystem::absolute(file, ec).parent_path();
#ifndef _WIN32
  struct stat a {
  }, b{};
  if (::stat(where.c_str(), &a) != 0 || ::stat(folder.c_str(), &b) != 0) return false;
  return a.st_dev == b.st_dev;
#else
  return std::filesystem::absolute(where, ec).root_name() == std::filesystem::absolute(folder, ec).root_name();
#endif
}

}  // namespace

int RunExport(const ParsedArgs& args, Context& ctx, const std::optional<ExportRelease>& release) {
  const int sources =
      (args.Has("reads") ? 1 : 0) + (args.Has("from-search") ? 1 : 0) + (args.Has("case-reads") ? 1 : 0);
  if (sources != 1)
    return Usage("choose the reads with exactly one of --reads ID,ID,..., --from-search FILE.csv, --case-reads");
  if (args.Has("encrypt") && args.Has("no-encrypt")) return Usage("--encrypt and --no-encrypt exclude each other");
  workstation::EvidenceRequest request;
  request.destination = args.Get("to");
  request.mediaLabel = args.Get("media-label");
  request.custodian = args.Get("received-by");
  request.recipient = args.Get("recipient");  // refused by the session: data leaves only by a release
  if (release) {
    request.custodian.clear();
    request.recipient.clear();
    request.release = release->request;
    request.releaseMethod = release->method;
    request.receivedBy = release->receivedBy;
  }
  request.description = args.Get("description");
  if (args.Has("reads")) {
    for (const auto& part : Split(args.Get("reads"), ',')) {
      auto id = ParseId(part);
      if (!id) return Usage(id.Err().message);
      request.reads.push_back(*id);
    }
    request.selectionMethod = "reads";
    request.selection["reads"] = args.Get("reads");
  } else if (args.Has("from-search")) {
    if (auto st = FromSearch(args.Get("from-search"), request); !st) return Report(st.Err());
  } else {
    request.caseReads = true;
    request.selectionMethod = "case-reads";
  }
  // Encrypted by default on removable drives (a lost stick must not give the reads away).
  auto media = evidence::ProbeMedia(request.destination);
  request.encrypt = args.Has("encrypt") || (media && media->removable && !args.Has("no-encrypt"));
  request.passphraseDelivery = args.Get("passphrase-delivery");
  const std::string passFile = args.Get("passphrase-file");
  if (!passFile.empty()) {
    if (!request.encrypt) return Usage("--passphrase-file goes with --encrypt");
    std::error_code ec;
    if (std::filesystem::exists(passFile, ec)) return Usage("the passphrase file exists already: " + passFile);
    if (SameFileSystem(passFile, request.destination))
      return Usage("the passphrase file must not be on the medium the package goes to: " + passFile);
  }

  auto parsedContext = AccessContextFrom(args);
  if (!parsedContext) return Usage(parsedContext.Err().message);
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  workstation::AccessContext context = *parsedContext;
  if (release) {
    // A release runs under the approved request's own case, purpose and justification.
    store::DisseminationFilter filter;
    filter.id = release->request;
    auto records = signedIn->session->Disseminations(filter);
    if (!records) return Report(records.Err());
    if (records->empty())
      return Report(Fail(ErrorCode::NotFound, "no such dissemination request", std::to_string(release->request)));
    const auto& q = records->front().request;
    context = {q.caseNumber, q.purposeCode,
               q.justification.empty()
                   ? "release to " + q.agencyName + " under dissemination request " + std::to_string(q.id)
                   : q.justification};
  }
  if (request.caseReads) request.selection["case_reads"] = "every read held for case " + context.caseNumber;
  ProgressPrinter progress("bytes written and read back");
  InterruptScope interrupt;
  auto out = signedIn->session->ExportEvidence(context, request, interrupt.Token(),
                                               [&](std::uint64_t d, std::uint64_t t) { progress(d, t); });
  progress.Finish();
  if (!out) return Report(out.Err(), out.Err().code == ErrorCode::Cancelled ? "nothing was left on the medium" : "");
  // The evidence key that signed this package (not the audit log's key): what verifiers trust.
  const std::string& key = out->signingKey;
  std::cout << "package: " << out->path.string() << "\n"
            << "sha256: " << out->sha256
            << (out->encrypted ? "  (of the zip file)\n" : "  (of tagmanifest-sha256.txt, which covers every file)\n")
            << "reads: " << out->reads << ", images: " << out->images << ", files: " << out->files
            << ", bytes: " << out->bytes << "\n";
  if (!key.empty()) {
    std::cout << "signing key: " << key << "\n";
    if (auto fp = evidence::KeyFingerprint(key)) std::cout << "fingerprint: " << *fp << "\n";
  }
  if (out->encrypted) {
    if (!passFile.empty()) {
      // Owner-only from creation, and never over an existing file.
      auto st = WriteFileExclusive(passFile, out->passphrase + "\n", /*ownerOnly=*/true);
      if (!st) {
        std::cout << "passphrase: " << out->passphrase << "  (could not write " << passFile << ": shown once here)\n";
      } else {
        std::cout << "passphrase written to " << passFile << " (not on the medium; deliver it out of band)\n";
      }
    } else {
      std::cout << "passphrase: " << out->passphrase
                << "  (shown once: deliver it out of band, never with the medium; PlateDesk keeps no copy)\n";
    }
  }
  if (out->release != 0)
    std::cout << "release: " << out->release << " (dissemination request " << release->request
              << "; record the recipient's receipt with `dissemination receipt " << release->request << "`)\n";
  std::cout << "complete: every file was read back from the medium and verified\n";
  return kExitOk;
}

namespace {

int Run(const ParsedArgs& args, Context& ctx) { return RunExport(args, ctx, std::nullopt); }

}  // namespace

std::vector<OptionSpec> ExportPackageOptions() {
  return {
      {"reads", "ID,ID,...", "the reads to export"},
      {"from-search", "FILE.csv", "the reads in a saved `search --format csv` (its read_id column)"},
      {"case-reads", "", "every read already held for the case (earlier exports)"},
      {"to", "DIR", "destination folder (a removable drive's mount point or any folder)", true},
      {"encrypt", "", "one AES-256 zip (WinZip AE-2; 7-Zip opens it); the default on removable drives"},
      {"no-encrypt", "", "write the package folder in the clear"},
      {"passphrase-file", "FILE", "write the generated passphrase here (never on the medium) instead of printing it"},
      {"passphrase-delivery", "TEXT", "how the passphrase reaches the recipient (custody record)"},
      {"media-label", "TEXT", "the label written on the medium, e.g. USB-0042 (custody record; required)", true},
      {"description", "TEXT", "what the package is (bag-info External-Description)"}};
}

Command ExportCommand() {
  std::vector<OptionSpec> options{StorageOption(), UserOption()};
  for (auto& o : AccessContextOptions()) options.push_back(o);
  for (auto& o : ExportPackageOptions()) options.push_back(o);
  options.push_back({"received-by", "TEXT",
                     "who receives the medium inside the agency: the case file or evidence booking (custody record)"});
  options.push_back({"recipient", "TEXT",
                     "refused: LPR data leaves the agency only as a release (`dissemination release`); the refusal "
                     "is audited"});
  CommandSpec spec{"export",
                   "Export reads for a case as a signed, verifiable evidence package (BagIt) to a folder or drive.",
                   options,
                   "",
                   false,
                   "Audited before anything is written (export.start), then export.result. Every exported read gets\n"
                   "a hold for the case, so retention cannot delete it. The package is read back from the medium\n"
                   "and verified before 'complete' is printed; a failed or interrupted export leaves nothing.\n"
                   "Check it anywhere with `platedesk-cli verify --key KEYFILE PACKAGE` or `sha512sum -c`.\n"
                   "Encrypted packages: the passphrase (150 bits) is shown once or written to --passphrase-file,\n"
                   "never to the medium and never to the audit log; the custody record notes how it travels."};
  return {spec, Run};
}

}  // namespace platedesk::cli
