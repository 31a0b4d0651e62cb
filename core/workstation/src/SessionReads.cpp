// SPDX-License-Identifier: GPL-3.0-or-later
// Session's read and image methods: reads in detail, images, "I visually verified this read",
// "Report a misread" and a read's checks; each through the plate-data gate, audited first.
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;

}  // namespace

Result<std::vector<store::Read>> EmbeddedSession::GetReads(const AccessContext& ctx,
                                                           std::span<const store::ReadId> ids) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "view reads");
  if (!decision) return decision.Err();
  std::vector<std::string> objects;
  for (auto id : ids) objects.push_back("read:" + std::to_string(id));
  AuditEvent e = detail::DataEvent(*mState, "read.viewed", ctx, *decision);
  e.resultCount = ids.size();
  e.resultHash = detail::IdsDigest(ids);
  e.objects = objects;
  PLATEDESK_TRY(detail::Record(ws, e));
  return detail::StorageOf(ws).GetReads(ids);
}

Result<std::string> EmbeddedSession::GetImage(const AccessContext& ctx, const std::string& sha256) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "open image");
  if (!decision) return decision.Err();
  AuditEvent e = detail::DataEvent(*mState, "image.opened", ctx, *decision);
  e.objects = {"image:" + sha256};
  PLATEDESK_TRY(detail::Record(ws, e));
  return detail::StorageOf(ws).GetImage(sha256);
}

Result<std::vector<PlateImage>> EmbeddedSession::GetPlateImages(const AccessContext& ctx,
                                                                std::span<const store::ReadId> reads) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "open image");
  if (!decision) return decision.Err();
  std::vector<store::ReadId> ids;
  std::set<store::ReadId> seen;
  for (auto id : reads)
    if (seen.insert(id).second) ids.push_back(id);
  if (ids.empty()) return Fail(ErrorCode::InvalidArgument, "no reads to show images of");
  if (ids.size() > kMaxPlateImagesPerCall)
    return Fail(ErrorCode::InvalidArgument,
                "at most " + std::to_string(kMaxPlateImagesPerCall) + " reads' images at a time",
                std::to_string(ids.size()));
  auto& storage = detail::StorageOf(ws);
  auto found = storage.GetReads(ids);
  if (!found) return found.Err();
  std::map<store::ReadId, std::string> images;
  for (const auto& r : *found) images[r.id] = r.plateImage;
  std::vector<std::string> objects;
  std::size_t withImage = 0;
  for (auto id : ids) {
    const auto it = images.find(id);
    if (it == images.end()) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
    objects.push_back("read:" + std::to_string(id));
    if (!it->second.empty()) {
      objects.push_back("image:" + it->second);
      ++withImage;
    }
  }
  AuditEvent e = detail::DataEvent(*mState, "image.opened", ctx, *decision);
  e.objects = std::move(objects);
  e.resultCount = withImage;
  e.detailsJson = detail::MergedDetails(e.detailsJson, detail::DetailsJson({{"shown_as", "thumbnails"}}));
  PLATEDESK_TRY(detail::Record(ws, e));
  std::vector<PlateImage> out;
  out.reserve(ids.size());
  for (auto id : ids) {
    PlateImage p{id, images[id], {}};
    if (!p.sha256.empty()) {
      auto bytes = storage.GetImage(p.sha256);
      if (bytes) {
        p.bytes = std::move(*bytes);
      } else if (bytes.Err().code != ErrorCode::NotFound) {
        return bytes.Err();
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<store::Verification> EmbeddedSession::VerifyRead(const AccessContext& ctx, store::ReadId read) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "verify read");
  if (!decision) return decision.Err();
  auto& storage = detail::StorageOf(ws);
  auto existing = storage.GetRead(read);
  if (!existing) return existing.Err();
  if (!existing->has_value()) return Fail(ErrorCode::NotFound, "no such read", std::to_string(read));
  AuditEvent e = detail::DataEvent(*mState, "read.verified", ctx, *decision);
  e.objects = {"read:" + std::to_string(read)};
  e.detailsJson = detail::MergedDetails(
      e.detailsJson, detail::DetailsJson({{"plate", (*existing)->plate}, {"state", (*existing)->state}}));
  PLATEDESK_TRY(detail::Record(ws, e));
  return storage.AddVerification(read, mState->user.name, ctx.caseNumber);
}

Result<store::Correction> EmbeddedSession::ReportMisread(const AccessContext& ctx, store::ReadId read,
                                                         const std::string& plateText, const std::string& state,
                                                         const std::string& reason) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "report misread");
  if (!decision) return decision.Err();
  auto& storage = detail::StorageOf(ws);
  const std::string corrected = plate::NormalisePlate(plateText);
  const std::string correctedState = ToUpperAscii(Trim(state));
  const std::string why = Trim(reason);
  if (!plate::IsNormalisedPlate(corrected))
    return Fail(ErrorCode::InvalidArgument, "type the plate as it should read (letters and digits)", "plate");
  if (!correctedState.empty() &&
      (correctedState.size() != 2 ||
       !std::all_of(correctedState.begin(), correctedState.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
    return Fail(ErrorCode::InvalidArgument, "the state is a two-letter code, or empty when unknown", "state");
  if (why.empty())
    return Fail(ErrorCode::InvalidArgument, "say what the images show (the reason for the correction)", "reason");
  auto existing = storage.GetRead(read);
  if (!existing) return existing.Err();
  if (!existing->has_value()) return Fail(ErrorCode::NotFound, "no such read", std::to_string(read));
  if ((*existing)->plate == corrected && (*existing)->state == correctedState)
    return Fail(ErrorCode::InvalidArgument, "the correction is the same as the read", "plate");
  AuditEvent e = detail::DataEvent(*mState, "read.corrected", ctx, *decision);
  e.objects = {"read:" + std::to_string(read)};
  e.detailsJson = detail::MergedDetails(e.detailsJson, detail::DetailsJson({{"from_plate", (*existing)->plate},
                                                                            {"from_state", (*existing)->state},
                                                                            {"to_plate", corrected},
                                                                            {"to_state", correctedState},
                                                                            {"why", why}}));
  PLATEDESK_TRY(detail::Record(ws, e));
  auto added = storage.AddCorrection(read, corrected, correctedState, why, mState->user.name);
  if (!added) return added.Err();
  // Recipients of the read's earlier releases are owed the correction.
  const auto plateAndState = [](const std::string& plate, const std::string& st) {
    return plate + (st.empty() ? std::string() : " (" + st + ")");
  };
  PLATEDESK_TRY(detail::NoteCorrection(ws, *mState, read,
                                       "read " + std::to_string(read) + " was released as " +
                                           plateAndState((*existing)->plate, (*existing)->state) + "; corrected to " +
                                           plateAndState(corrected, correctedState) + ": " + why));
  return added;
}

Result<ReadChecks> EmbeddedSession::GetReadChecks(const AccessContext& ctx, store::ReadId read) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "view reads");
  if (!decision) return decision.Err();
  auto& storage = detail::StorageOf(ws);
  const store::ReadId ids[] = {read};
  AuditEvent e = detail::DataEvent(*mState, "read.viewed", ctx, *decision);
  e.resultCount = 1;
  e.resultHash = detail::IdsDigest(ids);
  e.objects = {"read:" + std::to_string(read)};
  e.detailsJson =
      detail::MergedDetails(e.detailsJson, detail::DetailsJson({{"what", "verifications and corrections"}}));
  PLATEDESK_TRY(detail::Record(ws, e));
  ReadChecks checks;
  auto verifications = storage.Verifications(read);
  if (!verifications) return verifications.Err();
  checks.verifications = std::move(*verifications);
  auto corrections = storage.Corrections(read);
  if (!corrections) return corrections.Err();
  checks.corrections = std::move(*corrections);
  return checks;
}

}  // namespace platedesk::workstation
