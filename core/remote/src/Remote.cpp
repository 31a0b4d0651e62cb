// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/remote/Remote.h"

#include "HttpClient.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/remote/Call.h"
#include "platedesk/remote/Protocol.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

namespace platedesk::remote {

using workstation::Session;

namespace {

/// Import over the network takes the files in one request under the server's body limit.
constexpr std::uint64_t kMaxUploadBytes = 12ull * 1024 * 1024;

/// A streamed answer's {"progress": [done, total]} line, handed to progress (when there is one).
/// Returns whether the line was a progress line.
bool ForwardProgress(const Json& line, const ProgressFn& progress) {
  if (!line.contains("progress")) return false;
  std::uint64_t done = 0, total = 0;
  const Json& p = line["progress"];
  if (progress && p.is_array() && p.size() == 2 && FromJson(p[0], done).Ok() && FromJson(p[1], total).Ok())
    progress(done, total);
  return true;
}

std::string SessionPath(std::string_view route) {
  std::string p(kSessionPrefix);
  p += route;
  return p;
}

}  // namespace

Status CheckEndpoint(const Endpoint& endpoint) {
  static const std::regex kUrl(R"(^(https?)://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$)");
  std::smatch m;
  if (!std::regex_match(endpoint.url, m, kUrl))
    return Fail(ErrorCode::InvalidArgument, "the server must be given as https://HOST[:PORT]", endpoint.url);
  if (m[1] == "http") {
    const std::string host = m[2];
    if (host != "127.0.0.1" && host != "localhost" && host != "[::1]")
      return Fail(ErrorCode::InvalidArgument, "plain http:// is refused except to this machine (tests): use https://",
                  endpoint.url);
  }
  static const std::regex kPin(R"(^sha256//[A-Za-z0-9+/]{43}=$)");
  if (!endpoint.trust.pin.empty() && !std::regex_match(endpoint.trust.pin, kPin))
    return Fail(ErrorCode::InvalidArgument, "a pin is sha256// and the base64 SHA-256 of the server's public key",
                endpoint.trust.pin);
  if (!endpoint.trust.caFile.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(endpoint.trust.caFile, ec))
      return Fail(ErrorCode::NotFound, "the CA file does not exist", endpoint.trust.caFile.string());
  }
  return {};
}

namespace {

class RemoteSession final : public Session {
 public:
  RemoteSession(std::shared_ptr<detail::HttpClient> client, std::string token, workstation::UserInfo user,
                std::string id, UtcMs startedAt)
      : mClient(std::move(client)),
        mToken(std::move(token)),
        mUser(std::move(user)),
        mId(std::move(id)),
        mStartedAt(startedAt) {}

  const workstation::UserInfo& User() const override { return mUser; }
  UtcMs StartedAt() const override { return mStartedAt; }
  const std::string& Id() const override { return mId; }
  const std::string& Token() const override { return mToken; }

  // The GUI asks every second, on its own thread: the answers come from what a background poller
  // last heard (and from Lock/Unlock/Logout at once), so a slow or unreachable server never freezes
  // it. The server enforces the lock whatever the client believes.
  bool IsLocked() override {
    StartPoller();
    return mLocked.load();
  }
  bool HasEnded() override {
    StartPoller();
    return mEnded.load();
  }
  Status RecordActivity() override { return Do<&Session::RecordActivity>(); }
  UtcMs IdleLimit() override {
    auto answer = Raw<&Session::IdleLimit>();
    if (!answer || answer->contains("error")) return 30 * kMsPerMinute;
    return DecodeResult<UtcMs>(*answer);
  }
  Status Lock() override {
    Status s = Do<&Session::Lock>();
    if (s.Ok()) mLocked = true;
    return s;
  }
  Status Unlock(const std::string& password, const std::string& totp) override {
    Status s = Do<&Session::Unlock>(password, totp);
    if (s.Ok()) mLocked = false;
    return s;
  }
  Status ChangePassword(const std::string& currentPassword, const std::string& currentTotp,
                        const std::string& newPassword) override {
    return Do<&Session::ChangePassword>(currentPassword, currentTotp, newPassword);
  }
  Status ConfirmTotp(const std::string& code) override { return Do<&Session::ConfirmTotp>(code); }
  Status Logout() override {
    Status s = Do<&Session::Logout>();
    if (s.Ok()) mEnded = true;
    return s;
  }
  std::optional<std::string> DataBlockedReason() override {
    auto answer = Raw<&Session::DataBlockedReason>();
    if (!answer) return answer.Err().message;
    if (answer->contains("error")) return ErrorOf(*answer).message;
    return DecodeResult<std::optional<std::string>>(*answer);
  }
  Result<workstation::Overview> GetOverview() override { return Do<&Session::GetOverview>(); }

  Result<std::vector<store::Read>> GetReads(const workstation::AccessContext& context,
                                            std::span<const store::ReadId> ids) override {
    return Do<&Session::GetReads>(context, ids);
  }
  Result<std::string> GetImage(const workstation::AccessContext& context, const std::string& sha256) override {
    auto answer = Raw<&Session::GetImage>(context, sha256);
    if (!answer) return answer.Err();
    if (answer->contains("error")) return ErrorOf(*answer);
    if (!answer->contains("value")) return Fail(ErrorCode::Corrupt, "the server's answer has no value");
    auto bytes = DecodeBytes((*answer)["value"]);
    if (!bytes) return Fail(ErrorCode::Corrupt, "the server's image is not base64");
    return bytes;
  }
  Result<std::vector<workstation::PlateImage>> GetPlateImages(const workstation::AccessContext& context,
                                                              std::span<const store::ReadId> reads) override {
    return Do<&Session::GetPlateImages>(context, reads);
  }
  Result<store::Verification> VerifyRead(const workstation::AccessContext& context, store::ReadId read) override {
    return Do<&Session::VerifyRead>(context, read);
  }
  Result<store::Correction> ReportMisread(const workstation::AccessContext& context, store::ReadId read,
                                          const std::string& plate, const std::string& state,
                                          const std::string& reason) override {
    return Do<&Session::ReportMisread>(context, read, plate, state, reason);
  }
  Result<workstation::ReadChecks> GetReadChecks(const workstation::AccessContext& context,
                                                store::ReadId read) override {
    return Do<&Session::GetReadChecks>(context, read);
  }
  Result<workstation::SavedResults> SaveResults(const workstation::AccessContext& context, const search::Query& query,
                                                std::span<const store::ReadId> reads,
                                                const std::string& format) override {
    return Do<&Session::SaveResults>(context, query, reads, format);
  }

  Result<SearchOutcome> Search(const workstation::AccessContext& context, const search::Query& query,
                               const search::SearchOptions& options, bool withReads, std::stop_token stop,
                               const ProgressFn& progress) override {
    Json body = EncodeArgs<&Session::Search>(context, query, options, withReads, stop, progress);
    body["pages"] = static_cast<bool>(options.onBatch);
    auto answer = mClient->Stream(
        SessionPath(RowOf<&Session::Search>::row.route), body, mToken,
        [&](const Json& line) -> Status {
          if (ForwardProgress(line, progress)) return {};
          if (line.contains("page") && options.onBatch) {
            auto hits = Decode<std::vector<search::Hit>>(line["page"]);
            if (!hits) return Fail(ErrorCode::Corrupt, "the server's page is unreadable", hits.Err().context);
            if (!options.onBatch(*hits)) return Fail(ErrorCode::Cancelled, "the page receiver stopped the search");
          }
          return {};
        },
        stop);
    if (!answer) return answer.Err();
    return DecodeResult<Result<SearchOutcome>>(*answer);
  }
  Result<std::vector<search::SceneVehicle>> MultiScene(const workstation::AccessContext& context,
                                                       const search::MultiSceneQuery& query,
                                                       std::stop_token stop) override {
    return Streamed<&Session::MultiScene>(stop, {}, context, query, stop);
  }

  Result<workstation::EvidenceExport> ExportEvidence(const workstation::AccessContext& context,
                                                     const workstation::EvidenceRequest& request, std::stop_token stop,
                                                     const ProgressFn& progress) override;
  std::vector<evidence::RemovableDrive> RemovableDrives() override { return evidence::ListRemovableDrives(); }
  Result<evidence::PackageVerification> VerifyEvidence(const std::filesystem::path& path,
                                                       const std::optional<std::string>& passphrase,
                                                       std::stop_token stop, const ProgressFn& progress) override {
    // The package is on this machine: it is checked here, against the server's published keys.
    auto keys = EvidenceKeys();
    if (!keys) return keys.Err();
    if (passphrase) return evidence::VerifyPackageArchive(path, *passphrase, *keys, stop, progress);
    return evidence::VerifyPackage(path, *keys, stop, progress);
  }
  Result<std::vector<std::string>> EvidenceKeys() override { return Do<&Session::EvidenceKeys>(); }

  Result<std::size_t> CollectForCase(const workstation::AccessContext& context,
                                     std::span<const store::ReadId> reads) override {
    return Do<&Session::CollectForCase>(context, reads);
  }
  Result<workstation::CaseSummary> GetCaseSummary(const workstation::AccessContext& context) override {
    return Do<&Session::GetCaseSummary>(context);
  }
  Result<store::Hold> PlaceHold(const workstation::AccessContext& context,
                                const workstation::HoldRequest& request) override {
    return Do<&Session::PlaceHold>(context, request);
  }
  Result<std::vector<store::Hold>> Holds(const store::HoldFilter& filter) override {
    return Do<&Session::Holds>(filter);
  }
  Status ReleaseHold(std::int64_t id, const std::string& reason) override {
    return Do<&Session::ReleaseHold>(id, reason);
  }
  Status ReviewHold(std::int64_t id, const std::string& note) override { return Do<&Session::ReviewHold>(id, note); }
  Result<std::vector<store::Agency>> Agencies() override { return Do<&Session::Agencies>(); }
  Result<store::Agency> SaveAgency(const store::Agency& agency, const store::Document& mou) override {
    return Do<&Session::SaveAgency>(agency, mou);
  }
  Result<store::DisseminationRecord> RequestDissemination(const store::DisseminationRequest& request,
                                                          const store::Document& document) override {
    return Do<&Session::RequestDissemination>(request, document);
  }
  Result<store::DisseminationRecord> ReviewDissemination(std::int64_t request, bool approve,
                                                         const std::string& reason) override {
    return Do<&Session::ReviewDissemination>(request, approve, reason);
  }
  Result<store::DisseminationRecord> RecordReceipt(std::int64_t request, const std::string& signedBy, UtcMs signedAt,
                                                   const store::Document& scan) override {
    return Do<&Session::RecordReceipt>(request, signedBy, signedAt, scan);
  }
  Result<std::vector<store::DisseminationRecord>> Disseminations(const store::DisseminationFilter& filter) override {
    return Do<&Session::Disseminations>(filter);
  }
  Result<std::vector<store::DisseminationNotice>> DisseminationNotices(bool openOnly) override {
    return Do<&Session::DisseminationNotices>(openOnly);
  }
  Result<store::DisseminationNotice> MarkNoticeSent(std::int64_t notice, const std::string& method) override {
    return Do<&Session::MarkNoticeSent>(notice, method);
  }
  Result<store::Document> DisseminationDocument(const std::string& sha256) override {
    return Do<&Session::DisseminationDocument>(sha256);
  }
  Result<std::vector<oversight::Flag>> ReviewFlags(UtcMs from, UtcMs to) override {
    return Do<&Session::ReviewFlags>(from, to);
  }
  Result<oversight::Activity> ReviewActivity(UtcMs from, UtcMs to) override {
    return Do<&Session::ReviewActivity>(from, to);
  }
  Result<workstation::PublishedReport> PublishTransparency(UtcMs from, UtcMs to,
                                                           oversight::TransparencyFormat format) override {
    return Do<&Session::PublishTransparency>(from, to, format);
  }
  Result<workstation::SignedOffReview> SignOffReview(UtcMs from, UtcMs to, const std::string& note) override {
    return Do<&Session::SignOffReview>(from, to, note);
  }
  Result<std::vector<store::ReviewSignOff>> ReviewSignOffs() override { return Do<&Session::ReviewSignOffs>(); }
  Result<store::ReviewEntryNote> NoteReviewEntry(std::uint64_t seq, const std::string& note) override {
    return Do<&Session::NoteReviewEntry>(seq, note);
  }
  Result<std::vector<store::ReviewEntryNote>> ReviewEntryNotes(std::uint64_t fromSeq, std::uint64_t toSeq) override {
    return Do<&Session::ReviewEntryNotes>(fromSeq, toSeq);
  }
  Result<oversight::ApprovalRules> ApprovalPolicy() override { return Do<&Session::ApprovalPolicy>(); }
  Result<workstation::MapSettings> MapSource() override { return Do<&Session::MapSource>(); }
  Result<std::vector<workstation::AgencySetting>> Settings() override { return Do<&Session::Settings>(); }
  Result<store::SearchApproval> RequestApproval(const workstation::AccessContext& context,
                                                const workstation::ApprovalSubject& subject) override {
    return Do<&Session::RequestApproval>(context, subject);
  }
  Result<std::vector<store::SearchApproval>> Approvals(const store::ApprovalFilter& filter) override {
    return Do<&Session::Approvals>(filter);
  }
  Result<store::SearchApproval> DecideApproval(std::int64_t approval, bool approve, const std::string& reason,
                                               int hours) override {
    return Do<&Session::DecideApproval>(approval, approve, reason, hours);
  }
  Result<std::vector<store::Camera>> Cameras() override { return Do<&Session::Cameras>(); }
  Result<std::vector<store::CameraHealth>> CameraHealthList(int hours) override {
    return Do<&Session::CameraHealthList>(hours);
  }
  Result<store::Camera> ChangeCamera(const workstation::CameraChange& change) override {
    return Do<&Session::ChangeCamera>(change);
  }
  Result<ingest::ImportSummary> Import(std::span<const std::filesystem::path> paths, std::stop_token stop,
                                       const ProgressFn& progress) override;

  Result<std::vector<store::PurposeRecord>> Purposes() override { return Do<&Session::Purposes>(); }
  Status AddPurpose(const std::string& code, const std::string& label, bool needsApproval,
                    const std::vector<store::Role>& roles) override {
    return Do<&Session::AddPurpose>(code, label, needsApproval, roles);
  }
  Status SetPurposeDisabled(const std::string& code, bool disabled) override {
    return Do<&Session::SetPurposeDisabled>(code, disabled);
  }
  Status RegisterCase(const std::string& number, const std::string& title, const std::string& lead) override {
    return Do<&Session::RegisterCase>(number, title, lead);
  }
  Status SetCaseOpen(const std::string& number, bool open) override { return Do<&Session::SetCaseOpen>(number, open); }
  Result<std::vector<store::CaseRecord>> Cases() override { return Do<&Session::Cases>(); }

  Result<std::vector<workstation::UserSummary>> Users() override { return Do<&Session::Users>(); }
  Result<workstation::UserSummary> OwnAccount() override { return Do<&Session::OwnAccount>(); }
  Status AddUser(const std::string& name, store::Role role, const std::string& password,
                 const std::string& displayName) override {
    return Do<&Session::AddUser>(name, role, password, displayName);
  }
  Status SetRole(const std::string& name, store::Role role) override { return Do<&Session::SetRole>(name, role); }
  Status SetDisabled(const std::string& name, bool disabled) override {
    return Do<&Session::SetDisabled>(name, disabled);
  }
  Status UnlockUser(const std::string& name) override { return Do<&Session::UnlockUser>(name); }
  Status ResetPassword(const std::string& name, const std::string& password) override {
    return Do<&Session::ResetPassword>(name, password);
  }
  Result<std::string> EnrollTotp(const std::string& name, const std::string& currentPassword,
                                 const std::string& currentTotp) override {
    return Do<&Session::EnrollTotp>(name, currentPassword, currentTotp);
  }
  Status SetTraining(const std::string& name, UtcMs completed, std::optional<UtcMs> expires) override {
    return Do<&Session::SetTraining>(name, completed, expires);
  }
  Status SetSetting(const std::string& key, const std::string& value) override {
    return Do<&Session::SetSetting>(key, value);
  }
  Result<workstation::NewIngestToken> AddIngestToken(const std::string& name, const std::vector<std::string>& cameras,
                                                     double readsPerSecond) override {
    return Do<&Session::AddIngestToken>(name, cameras, readsPerSecond);
  }
  Result<std::vector<store::IngestToken>> IngestTokens() override { return Do<&Session::IngestTokens>(); }
  Status RevokeIngestToken(const std::string& name, const std::string& reason) override {
    return Do<&Session::RevokeIngestToken>(name, reason);
  }
  Result<int> RetentionDays() override { return Do<&Session::RetentionDays>(); }
  Result<workstation::RetentionReport> PurgeExpired(std::stop_token stop, const ProgressFn& progress) override {
    return Streamed<&Session::PurgeExpired>(stop, progress, stop, progress);
  }
  Result<workstation::RetentionReport> CountExpired() override { return Do<&Session::CountExpired>(); }
  Result<std::vector<audit::StoredRecord>> AuditRecords(const audit::RecordFilter& filter) override {
    return Do<&Session::AuditRecords>(filter);
  }
  Result<workstation::AuditVerification> VerifyAudit(const std::vector<std::string>& externalCheckpoints) override {
    return Do<&Session::VerifyAudit>(externalCheckpoints);
  }
  Result<std::string> ExportCheckpoint() override { return Do<&Session::ExportCheckpoint>(); }
  Result<std::string> AuditPublicKey() override { return Do<&Session::AuditPublicKey>(); }
  Result<workstation::AuditKeyRotation> RotateAuditKey() override { return Do<&Session::RotateAuditKey>(); }
  Result<workstation::AuditKeyRotation> RotateEvidenceKey() override { return Do<&Session::RotateEvidenceKey>(); }
  Result<workstation::AuditPruneReport> PruneAudit(UtcMs before) override { return Do<&Session::PruneAudit>(before); }

 private:
  static Error ErrorOf(const Json& answer) {
    Error e;
    if (!FromJson(answer["error"], e).Ok()) e = Fail(ErrorCode::Corrupt, "the server's error is unreadable");
    return e;
  }

  /// The answer body of one call of Method (transport errors as errors).
  template <auto Method, class... A>
  Result<Json> Raw(const A&... args) {
    constexpr MethodRow row = RowOf<Method>::row;
    static_assert(row.kind == Kind::Call);
    const Json body = EncodeArgs<Method>(args...);
    auto answer = mClient->Call(SessionPath(row.route), &body, mToken, row.retry);
    if (answer && answer->contains("error")) NoteError(ErrorOf(*answer));
    return answer;
  }

  /// One call of Method, typed.
  template <auto Method, class... A>
  typename detail::Traits<decltype(Method)>::Ret Do(const A&... args) {
    using R = typename detail::Traits<decltype(Method)>::Ret;
    auto answer = Raw<Method>(args...);
    if (!answer) return R(answer.Err());
    return DecodeResult<R>(*answer);
  }

  /// One streamed call of Method: progress lines go to progress.
  template <auto Method, class... A>
  typename detail::Traits<decltype(Method)>::Ret Streamed(std::stop_token stop, const ProgressFn& progress,
                                                          const A&... args) {
    using R = typename detail::Traits<decltype(Method)>::Ret;
    constexpr MethodRow row = RowOf<Method>::row;
    static_assert(row.kind == Kind::Stream);
    const Json body = EncodeArgs<Method>(args...);
    auto answer = mClient->Stream(
        SessionPath(row.route), body, mToken,
        [&](const Json& line) -> Status {
          ForwardProgress(line, progress);
          return {};
        },
        stop);
    if (!answer) return R(answer.Err());
    return DecodeResult<R>(*answer);
  }

  void StartPoller() {
    std::call_once(mPollerStarted, [this] {
      mPoller = std::jthread([this](std::stop_token stop) {
        while (!stop.stop_requested() && !mEnded.load()) {
          RefreshState();
          for (int i = 0; i < 20 && !stop.stop_requested(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      });
    });
  }

  /// Asks the server for the lock and end state (not counted as activity there). Unreachable:
  /// keep what was known.
  void RefreshState() {
    auto ended = Raw<&Session::HasEnded>();
    if (ended && !ended->contains("error")) mEnded = DecodeResult<bool>(*ended);
    if (mEnded.load()) return;
    auto locked = Raw<&Session::IsLocked>();
    if (locked && !locked->contains("error")) mLocked = DecodeResult<bool>(*locked);
  }

  void NoteError(const Error& e) {
    if (e.code == ErrorCode::Unauthenticated && e.detail == ErrorDetail::None) mEnded = true;
    if (e.code == ErrorCode::Locked) mLocked = true;
  }

  std::shared_ptr<detail::HttpClient> mClient;
  std::string mToken;
  workstation::UserInfo mUser;
  std::string mId;
  UtcMs mStartedAt = 0;
  std::atomic<bool> mLocked{false};
  std::atomic<bool> mEnded{false};
  std::once_flag mPollerStarted;
  std::jthread mPoller;  // last: stopped and joined first
};

Result<ingest::ImportSummary> RemoteSession::Import(std::span<const std::filesystem::path> paths, std::stop_token stop,
                                                    const ProgressFn& progress) {
  // The files travel in the requests; the server imports them with its own rules and audit.
  // Folders are listed here by the importer's own rule; the files go in requests of at most 12 MB
  // (the server's upload limit, after base64), and their summaries add up.
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      auto found = ingest::ImportableFiles(path);
      if (!found) return found.Err();
      files.insert(files.end(), found->begin(), found->end());
    } else {
      files.push_back(path);
    }
  }
  std::vector<std::uint64_t> sizes;
  std::uint64_t grandTotal = 0;
  for (const auto& file : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
      return Fail(ErrorCode::NotFound, "no such file or folder", file.string());
    const std::uint64_t size = std::filesystem::file_size(file, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot read the file's size: " + ec.message(), file.string());
    if (size > kMaxUploadBytes)
      return Fail(ErrorCode::InvalidArgument,
                  "a file over 12 MB cannot be imported through the server: import it on the server host "
                  "(platedesk-cli import --storage DIR)",
                  file.string());
    sizes.push_back(size);
    grandTotal += size;
  }
  ingest::ImportSummary sum;
  std::size_t next = 0;
  std::uint64_t bytesBefore = 0;
  do {
    const std::size_t first = next;
    std::uint64_t batchBytes = 0;
    Json batch = Json::array();
    while (next < files.size() && (next == first || batchBytes + sizes[next] <= kMaxUploadBytes)) {
      auto bytes = ReadFile(files[next]);
      if (!bytes) return bytes.Err();
      batchBytes += bytes->size();
      batch.push_back(Json{{"name", files[next].filename().string()}, {"data", EncodeBytes(*bytes)}});
      ++next;
    }
    Json body{{"args", Json::array({batch})}};
    auto answer = mClient->Stream(
        SessionPath(RowOf<&Session::Import>::row.route), body, mToken,
        [&](const Json& line) -> Status {
          // The server counts this request's bytes: shown as a part of the whole import.
          ForwardProgress(line, [&](std::uint64_t done, std::uint64_t total) {
            if (progress)
              progress(bytesBefore + (total == 0 ? 0 : batchBytes * std::min(done, total) / total), grandTotal);
          });
          return {};
        },
        stop);
    auto part =
        answer ? DecodeResult<Result<ingest::ImportSummary>>(*answer) : Result<ingest::ImportSummary>(answer.Err());
    if (!part) {
      if (sum.files == 0) return part.Err();
      Error e = part.Err();
      e.message += " (the first " + std::to_string(first) + " of " + std::to_string(files.size()) +
                   " files were imported before this)";
      return e;
    }
    sum.files += part->files;
    sum.records += part->records;
    sum.reads += part->reads;
    sum.inserted += part->inserted;
    sum.duplicates += part->duplicates;
    sum.skipped += part->skipped;
    sum.rejected += part->rejected;
    sum.images += part->images;
    sum.problemsOmitted += part->problemsOmitted;
    for (auto& problem : part->problems) {
      // The server names its staging copy (".../<n>/<name>"): name this machine's file instead.
      const std::filesystem::path staged(problem.file);
      std::size_t index = 0;
      const std::string folder = staged.parent_path().filename().string();
      const auto [end, ec] = std::from_chars(folder.data(), folder.data() + folder.size(), index);
      if (ec == std::errc() && end == folder.data() + folder.size() && first + index < next &&
          files[first + index].filename() == staged.filename())
        problem.file = files[first + index].string();
      if (sum.problems.size() < ingest::ImportOptions{}.maxProblems)
        sum.problems.push_back(std::move(problem));
      else
        ++sum.problemsOmitted;
    }
    bytesBefore += batchBytes;
  } while (next < files.size());
  return sum;
}

Result<workstation::EvidenceExport> RemoteSession::ExportEvidence(const workstation::AccessContext& context,
                                                                  const workstation::EvidenceRequest& request,
                                                                  std::stop_token stop, const ProgressFn& progress) {
  // The server builds and signs the package; its files stream here and are written to the
  // medium, then read back and verified on this machine against the server's evidence keys.
  std::error_code ec;
  if (request.destination.empty() || !std::filesystem::is_directory(request.destination, ec))
    return Fail(ErrorCode::InvalidArgument, "the destination must be an existing folder", request.destination.string());
  auto keys = EvidenceKeys();
  if (!keys) return keys.Err();
  const Json body = EncodeArgs<&Session::ExportEvidence>(context, request, stop, progress);
  std::filesystem::path top;  // the package's folder or zip on the medium
  std::vector<std::filesystem::path> written;
  std::ofstream out;
  Status writeError;
  auto removeWritten = [&] {
    out.close();
    std::error_code rm;
    if (!top.empty()) std::filesystem::remove_all(top, rm);
  };
  auto answer = mClient->Stream(
      SessionPath(RowOf<&Session::ExportEvidence>::row.route), body, mToken,
      [&](const Json& line) -> Status {
        if (ForwardProgress(line, progress)) return {};
        if (line.contains("file")) {
          std::string rel;
          if (!FromJson(line["file"], rel).Ok()) return Fail(ErrorCode::Corrupt, "the server named a file badly");
          const std::filesystem::path relPath = std::filesystem::path(rel).lexically_normal();
          // A hostile or broken server must not write outside the destination.
          if (relPath.empty() || relPath.is_absolute() || *relPath.begin() == ".." ||
              rel.find('\\') != std::string::npos)
            return Fail(ErrorCode::Corrupt, "the server named a file outside the package", rel);
          const std::filesystem::path first = request.destination / *relPath.begin();
          if (top.empty()) {
            if (std::filesystem::exists(first, ec))
              return Fail(ErrorCode::AlreadyExists, "the destination already holds this package", first.string());
            top = first;
          } else if (first != top) {
            return Fail(ErrorCode::Corrupt, "the server sent files of two packages", rel);
          }
          out.close();
          const std::filesystem::path target = request.destination / relPath;
          std::filesystem::create_directories(target.parent_path(), ec);
          out.open(target, std::ios::binary | std::ios::trunc);
          if (!out) return Fail(ErrorCode::Io, "cannot write to the medium", target.string());
          written.push_back(target);
          return {};
        }
        if (line.contains("data")) {
          if (written.empty()) return Fail(ErrorCode::Corrupt, "the server sent file data before naming a file");
          auto bytes = DecodeBytes(line["data"]);
          if (!bytes) return Fail(ErrorCode::Corrupt, "the server's file data is not base64");
          out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
          if (!out) return Fail(ErrorCode::Io, "the medium refused a write (full?)", written.back().string());
          return {};
        }
        return {};
      },
      stop);
  out.close();
  if (!answer) {
    removeWritten();
    return answer.Err();
  }
  auto result = DecodeResult<Result<workstation::EvidenceExport>>(*answer);
  if (!result) {
    removeWritten();
    return result;
  }
  if (top.empty()) return Fail(ErrorCode::Corrupt, "the server sent no package");
  result->path = top;
  // Read back from the medium and verify here: what the recipient gets is what was signed.
  auto verified = result->encrypted ? evidence::VerifyPackageArchive(top, result->passphrase, *keys, stop)
                                    : evidence::VerifyPackage(top, *keys, stop);
  if (!verified || !verified->valid) {
    const std::string why = verified ? verified->firstProblem : verified.Err().message;
    removeWritten();
    if (!verified && verified.Err().code == ErrorCode::Cancelled) return verified.Err();
    return Fail(ErrorCode::Corrupt, "the package written to the medium did not verify; it was removed", why);
  }
  return result;
}

class RemoteConnection final : public workstation::Connection {
 public:
  RemoteConnection(std::shared_ptr<detail::HttpClient> client, Json hello)
      : mClient(std::move(client)), mHello(std::move(hello)) {}

  std::string Banner() const override { return mHello.value("banner", std::string("Authorised use only.")); }
  bool IsDemo() const override { return mHello.value("demo", false); }
  bool MfaRequired() const override { return mHello.value("mfa_required", true); }
  std::string Describe() const override { return mClient->Url(); }
  Result<workstation::Overview> GetOverview() override {
    auto answer = mClient->Call(kOverviewPath, nullptr, {}, Retry::Idempotent);
    if (!answer) return answer.Err();
    return DecodeResult<Result<workstation::Overview>>(*answer);
  }
  Result<std::unique_ptr<Session>> Login(const workstation::LoginRequest& request) override {
    const Json body{{"request", Encode(request)}};
    auto answer = mClient->Call(kLoginPath, &body, {}, Retry::Once);
    return Opened(std::move(answer));
  }
  Result<std::unique_ptr<Session>> Resume(const std::string& token, const std::string& binding) override {
    (void)binding;  // the server binds a session to the client's address
    const Json body = Json::object();
    auto answer = mClient->Call(kResumePath, &body, token, Retry::Idempotent);
    return Opened(std::move(answer), token);
  }
  Result<workstation::CheckpointProof> LatestCheckpoint(std::uint64_t knownSize) override {
    auto answer = mClient->Call(std::string(kCheckpointPath) + "?known=" + std::to_string(knownSize), nullptr, {},
                                Retry::Idempotent);
    if (!answer) return answer.Err();
    return DecodeResult<Result<workstation::CheckpointProof>>(*answer);
  }
  std::optional<workstation::LinkStatus> Link() const override {
    const detail::LinkState s = mClient->Link();
    return workstation::LinkStatus{s.host, s.serverVersion, s.lastRoundTripMs, s.reachable};
  }

 private:
  Result<std::unique_ptr<Session>> Opened(Result<Json> answer, std::string token = {}) {
    if (!answer) return answer.Err();
    if (answer->contains("error")) {
      Error e;
      if (!FromJson((*answer)["error"], e).Ok()) e = Fail(ErrorCode::Corrupt, "the server's error is unreadable");
      return e;
    }
    const Json& v = (*answer)["value"];
    workstation::UserInfo user;
    std::string id;
    UtcMs started = 0;
    if (!v.is_object() || !Field(v, "user", user).Ok() || !Field(v, "id", id).Ok() ||
        !Field(v, "started_at", started).Ok() || !Field(v, "token", token).Ok() || token.empty())
      return Fail(ErrorCode::Corrupt, "the server's sign-in answer is unreadable");
    return std::unique_ptr<Session>(new RemoteSession(mClient, token, user, id, started));
  }

  std::shared_ptr<detail::HttpClient> mClient;
  Json mHello;
};

}  // namespace

Result<std::unique_ptr<workstation::Connection>> Connect(const Endpoint& endpoint, std::stop_token stop) {
  auto client = detail::HttpClient::Create(endpoint);
  if (!client) return client.Err();
  std::shared_ptr<detail::HttpClient> shared = std::move(*client);
  auto hello = shared->Call(kHelloPath, nullptr, {}, Retry::Idempotent, std::move(stop));
  if (!hello) return hello.Err();
  if (!hello->is_object() || !hello->contains("banner"))
    return Fail(ErrorCode::Corrupt, "the server's greeting is unreadable: is this a PlateDesk server?", endpoint.url);
  return std::unique_ptr<workstation::Connection>(new RemoteConnection(shared, std::move(*hello)));
}

}  // namespace platedesk::remote
