// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::ExportEvidence: evidence packages through the facade (rules, audit first, holds).
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <set>

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;

// The workstation's offset from UTC at t, in minutes (custody record: "UTC + offset").
int UtcOffsetMinutes(UtcMs t) {
  const std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm local{};
#ifdef _WIN32
  if (localtime_s(&local, &secs) != 0) return 0;
  std::tm utc{};
  if (gmtime_s(&utc, &secs) != 0) return 0;
  return static_cast<int>((std::mktime(&local) - std::mktime(&utc)) / 60);
#else
  if (localtime_r(&secs, &local) == nullptr) return 0;
  return static_cast<int>(local.tm_gmtoff / 60);
#endif
}

struct Gathered {
  std::vector<store::Read> reads;
  std::map<store::ReadId, std::vector<store::Correction>> corrections;
  std::map<store::ReadId, std::vector<store::Verification>> verifications;
  std::vector<store::Camera> cameras;
  std::vector<store::ImageInfo> images;
  std::vector<std::string> objects;  ///< for the audit record: package, reads, images
};

// Everything the package will hold, read inside core; nothing of it leaves before export.start.
Result<Gathered> Gather(store::Storage& storage, const std::vector<store::ReadId>& ids) {
  Gathered g;
  auto reads = storage.GetReads(ids);
  if (!reads) return reads.Err();
  if (reads->size() != ids.size()) {
    std::set<store::ReadId> found;
    for (const auto& r : *reads) found.insert(r.id);
    for (auto id : ids)
      if (!found.count(id)) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
  }
  g.reads = std::move(*reads);
  std::set<std::string> images;
  std::set<store::CameraId> cameras;
  for (const auto& r : g.reads) {
    g.objects.push_back("read:" + std::to_string(r.id));
    auto corr = storage.Corrections(r.id);
    if (!corr) return corr.Err();
    if (!corr->empty()) g.corrections[r.id] = std::move(*corr);
    auto checked = storage.Verifications(r.id);
    if (!checked) return checked.Err();
    if (!checked->empty()) g.verifications[r.id] = std::move(*checked);
    cameras.insert(r.camera);
    for (const auto& sha : {r.plateImage, r.vehicleImage}) {
      if (sha.empty() || !images.insert(sha).second) continue;
      auto info = storage.FindImage(sha);
      if (!info) return info.Err();
      if (!info->has_value()) return Fail(ErrorCode::NotFound, "an image of a read is not in the storage", sha);
      g.images.push_back(**info);
      g.objects.push_back("image:" + sha);
    }
  }
  auto all = storage.Cameras();
  if (!all) return all.Err();
  for (auto& c : *all)
    if (cameras.count(c.id)) g.cameras.push_back(std::move(c));
  return g;
}

// The searches that selected the exported reads: each search.result that names one of them among
// the reads it delivered (NameSearchResult), with the search.start it answers (its search_seq), in
// log order. Any other search of the case (another plate, another user's) stays out of the
// package. Records are this log's canonical JSON; a pruned or unreadable record selects nothing.
std::vector<std::string> SearchesThatSelected(const std::vector<audit::StoredRecord>& records,
                                              const std::set<store::ReadId>& exported) {
  std::set<std::uint64_t> chosen;
  for (const auto& r : records) {
    if (r.event != "search.result" || r.canonical.empty()) continue;
    const auto doc = nlohmann::json::parse(r.canonical, nullptr, false);
    if (!doc.is_object() || !doc.contains("objects") || !doc["objects"].is_array()) continue;
    bool selected = false;
    for (const auto& o : doc["objects"]) {
      if (!o.is_string()) continue;
      const std::string object = o.get<std::string>();
      if (object.rfind("read:", 0) != 0) continue;
      try {
        if (exported.count(std::stoll(object.substr(5)))) selected = true;
      } catch (const std::exception&) {
      }
      if (selected) break;
    }
    if (!selected) continue;
    chosen.insert(r.seq);
    if (doc.contains("details") && doc["details"].is_object() && doc["details"].contains("search_seq") &&
        doc["details"]["search_seq"].is_string()) {
      try {
        chosen.insert(std::stoull(doc["details"]["search_seq"].get<std::string>()));
      } catch (const std::exception&) {
      }
    }
  }
  std::vector<std::string> out;
  for (const auto& r : records)
    if (chosen.count(r.seq) && !r.canonical.empty()) out.push_back(r.canonical);
  return out;
}

}  // namespace

void detail::NameSearchResult(AuditEvent& result, std::uint64_t startSeq, std::span<const store::ReadId> ids) {
  for (auto id : ids) result.objects.push_back("read:" + std::to_string(id));
  result.detailsJson = nlohmann::json{{"search_seq", std::to_string(startSeq)}}.dump();
}

std::vector<evidence::RemovableDrive> EmbeddedSession::RemovableDrives() { return evidence::ListRemovableDrives(); }

Result<EvidenceExport> EmbeddedSession::ExportEvidence(const AccessContext& ctx, const EvidenceRequest& request,
                                                       std::stop_token stop, const ProgressFn& progress) {
  auto& ws = *mOwner.mImpl;
  // The facade lock covers the rules, the audit records, the holds and the gathering; writing the
  // package (seconds for 100 MB) runs without it, taking it only for each image read and the
  // signature, so the GUI thread's calls (idle checks, other panels) never wait for the medium.
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "export");
  if (!decision) return decision.Err();
  auto& storage = detail::StorageOf(ws);
  auto& log = detail::AuditOf(ws);
  const UserInfo& user = detail::UserOf(*mState);
  const std::string& session = detail::SessionIdOf(*mState);

  // Data leaves the agency only by a release of an approved dissemination request.
  std::optional<store::DisseminationRecord> releasing;
  std::string recipient;
  if (request.release != 0) {
    auto checked = detail::CheckRelease(ws, *mState, ctx, request);
    if (!checked) return checked.Err();
    releasing = std::move(*checked);
    recipient = detail::RecipientOf(*releasing);
  } else if (!Trim(request.recipient).empty()) {
    return detail::RefuseDissemination(
        ws, *mState, ctx.caseNumber, {"recipient:" + Trim(request.recipient)},
        Fail(ErrorCode::PermissionDenied,
             "an export to a recipient outside the agency is a release: it needs an approved dissemination "
             "request (dissemination request, review, then release)"));
  }
  const std::string custody = releasing ? recipient : Trim(request.custodian);
  // The chain of custody starts with the medium: a package whose medium has no label cannot be
  // matched to the drive booked into evidence. (A release sent by transfer or handed over in
  // person names no medium of ours.)
  const bool onMedium = request.release == 0 || request.releaseMethod == store::ReleaseMethod::Media;
  if (onMedium && Trim(request.mediaLabel).empty())
    return Fail(ErrorCode::InvalidArgument,
                "name the medium: its label (written on the drive, e.g. USB-0042) goes into the custody record",
                "mediaLabel");

  std::vector<store::ReadId> ids;
  std::set<store::ReadId> seen;
  for (auto id : request.reads)
    if (seen.insert(id).second) ids.push_back(id);
  if (request.caseReads) {
    auto held = storage.CaseHolds(ctx.caseNumber);
    if (!held) return held.Err();
    for (auto id : *held)
      if (seen.insert(id).second) ids.push_back(id);
  }
  if (ids.empty()) return Fail(ErrorCode::InvalidArgument, "choose at least one read to export");
  std::error_code ec;
  if (request.destination.empty() || !std::filesystem::is_directory(request.destination, ec))
    return Fail(ErrorCode::InvalidArgument, "the destination folder does not exist", request.destination.string());
  auto gathered = Gather(storage, ids);
  if (!gathered) return gathered.Err();

  const std::string packageId = RandomHex(16);
  std::vector<std::string> objects{"package:" + packageId};
  objects.insert(objects.end(), gathered->objects.begin(), gathered->objects.end());
  std::map<std::string, std::string> query = request.selection;
  query["method"] = request.selectionMethod;
  query["destination"] = request.destination.string();
  nlohmann::json details{{"package_id", packageId}, {"encryption", request.encrypt ? "aes-256-zip" : "none"}};
  if (!request.mediaLabel.empty()) details["media_label"] = request.mediaLabel;
  if (releasing) {
    details["release_of"] = std::to_string(releasing->request.id);
    details["recipient"] = recipient;
  } else if (!custody.empty()) {
    details["custodian"] = custody;
  }

  // 1. The record that the data is leaving, committed before any file is written (fail closed).
  AuditEvent start{.event = "export.start",
                   .outcome = Outcome::Success,
                   .user = user.name,
                   .session = session,
                   .caseNumber = ctx.caseNumber,
                   .purposeCode = ctx.purposeCode,
                   .purposeText = decision->purpose.label,
                   .justification = ctx.justification,
                   .query = query,
                   .resultCount = ids.size(),
                   .resultHash = detail::IdsDigest(ids),
                   .objects = objects,
                   .reason = decision->reviewReason,
                   .detailsJson = details.dump()};
  auto appended = detail::Append(ws, start);
  if (!appended) return appended.Err();

  auto finish = [&](const Result<evidence::WrittenPackage>& outcome) -> Status {
    AuditEvent done{.event = "export.result",
                    .outcome = outcome ? Outcome::Success : Outcome::Failure,
                    .user = user.name,
                    .session = session,
                    .caseNumber = ctx.caseNumber,
                    .purposeCode = ctx.purposeCode,
                    .purposeText = decision->purpose.label,
                    .justification = ctx.justification,
                    .resultCount = ids.size(),
                    .resultHash = outcome ? outcome->sha256 : std::string(),
                    .objects = {"package:" + packageId},
                    .bytes = outcome ? outcome->bytes : 0,
                    .reason = outcome ? std::string() : outcome.Err().message,
                    .detailsJson = nlohmann::json{{"export_seq", std::to_string(appended->seq)},
                                                  {"error", outcome ? "" : ErrorCodeName(outcome.Err().code)}}
                                       .dump()};
    if (outcome) done.objects.push_back("file:" + outcome->path.string());
    if (done.resultHash.empty()) done.resultHash = Sha256Hex("");
    return detail::Record(ws, done);
  };
  auto fail = [&](const Error& why) -> Error {
    if (auto st = finish(Result<evidence::WrittenPackage>(why)); !st) return st.Err();
    return why;
  };

  // 2. A checkpoint that covers the record, and the proof that the record is in it.
  auto checkpoint = log.SignCheckpoint();
  if (!checkpoint) return fail(checkpoint.Err());
  auto proof = log.InclusionProof(appended->seq, checkpoint->size);
  if (!proof) return fail(proof.Err());
  // The checkpoint's key (the audit log's) and the package's key (the evidence key) are different
  // keys: the package names both, its signature covers that.
  auto auditKey = log.VerifierKey();
  if (!auditKey) return fail(auditKey.Err());
  auto& evidenceKeys = detail::EvidenceKeysOf(ws);
  const std::string signingKey = evidenceKeys.VerifierKey();

  // 3. Retention may no longer delete what became evidence.
  if (auto held = storage.AddCaseHolds(ctx.caseNumber, ids, "evidence package " + packageId, user.name); !held)
    return fail(held.Err());

  // 4. The searches that selected these reads, with every query element, as the log recorded them.
  audit::RecordFilter filter;
  filter.caseNumber = ctx.caseNumber;
  filter.eventType = "search.*";
  auto searches = log.List(filter);
  if (!searches) return fail(searches.Err());
  const std::set<store::ReadId> exported(ids.begin(), ids.end());

  evidence::PackageContent content;
  content.packageId = packageId;
  auto agency = storage.GetSetting("agency");
  content.agency = agency && agency->has_value() && !(*agency)->empty() ? **agency : "(agency name not set)";
  content.contactName = user.displayName;
  content.caseNumber = ctx.caseNumber;
  if (auto c = storage.FindCase(ctx.caseNumber); c && c->has_value()) content.caseTitle = (*c)->title;
  content.purposeCode = ctx.purposeCode;
  content.purposeText = decision->purpose.label;
  content.justification = ctx.justification;
  content.exportedBy = user.name;
  content.workstation = mState->origin;
  content.softwareVersion = PLATEDESK_VERSION;
  content.exportedAt = appended->time;
  content.utcOffsetMinutes = UtcOffsetMinutes(appended->time);
  content.description = request.description;
  content.selectionMethod = request.selectionMethod;
  content.selection = request.selection;
  content.searchRecords = SearchesThatSelected(*searches, exported);
  content.reads = std::move(gathered->reads);
  content.corrections = std::move(gathered->corrections);
  content.verifications = std::move(gathered->verifications);
  content.cameras = std::move(gathered->cameras);
  content.images = gathered->images;
  content.imageBytes = [&storage, &ws](const std::string& sha) {
    std::lock_guard lock(detail::FacadeOf(ws));
    return storage.GetImage(sha);
  };
  content.anchor = {appended->canonical, appended->seq, checkpoint->size, std::move(*proof), checkpoint->note};
  content.verifierKey = signingKey;
  content.auditVerifierKey = *auditKey;
  content.sign = [&evidenceKeys, &ws, &signingKey](std::string_view text) -> Result<std::string> {
    // Under the facade lock, as a rotation is: the key the package names is the key that signs.
    std::lock_guard lock(detail::FacadeOf(ws));
    if (evidenceKeys.VerifierKey() != signingKey)
      return Fail(ErrorCode::Io, "the evidence key was rotated during the export: export again");
    return evidenceKeys.Sign(text);
  };
  content.mediaLabel = request.mediaLabel;
  const std::string passphrase = request.encrypt ? evidence::GeneratePassphrase() : std::string();
  if (request.encrypt) {
    content.encryptionMethod = "AES-256 ZIP (WinZip AE-2) holding one inner archive; 150-bit generated passphrase";
    content.passphraseDelivery = "shown once to " + user.name + " at export; delivered out of band to " +
                                 (custody.empty() ? std::string("the recipient") : custody) +
                                 (request.passphraseDelivery.empty() ? "" : " (" + request.passphraseDelivery + ")");
  }
  content.recipient = custody;

  evidence::WriteOptions options;
  options.stop = stop;
  options.progress = progress;
  options.fault = request.writeFault;
  options.probe = request.probeMedia;
  options.passphrase = passphrase;
  auto probe = options.probe ? options.probe(request.destination) : evidence::ProbeMedia(request.destination);
  content.mediaType = probe && probe->removable ? "removable drive" : "folder";

  // 5. Write, read back from the medium, verify; then record the outcome either way.
  facadeLock.unlock();
  auto written = evidence::WritePackage(content, request.destination, options);
  facadeLock.lock();
  if (!written) return fail(written.Err());
  PLATEDESK_TRY(finish(written));
  EvidenceExport result{
      written->path,           packageId,     written->sha256,    written->bytes, written->files, ids.size(),
      gathered->images.size(), appended->seq, written->encrypted, passphrase,     signingKey};
  if (releasing) {
    // 6. The release record; if it cannot be written, the package does not leave: remove it.
    auto released = detail::RecordRelease(ws, *mState, *releasing, request, result, ids);
    if (!released) {
      std::error_code removeError;
      std::filesystem::remove_all(written->path, removeError);
      return Fail(released.Err().code,
                  "the release could not be recorded, so the package was removed: " + released.Err().message);
    }
    result.release = *released;
  }
  return result;
}

}  // namespace platedesk::workstation
