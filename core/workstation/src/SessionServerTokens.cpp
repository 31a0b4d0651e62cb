// SPDX-License-Identifier: GPL-3.0-or-later
// Session's administration of the storage server's ingest tokens (issue 11). The store change and
// its audit record happen in one step: the store transaction commits only after the record is
// written, so a token is never issued or revoked without its record.
#include "SessionInternal.h"

#include "platedesk/common/Hash.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <mutex>

namespace platedesk::workstation {
namespace {

constexpr std::size_t kMaxTokenName = 64;
constexpr std::size_t kMaxCameraId = 200;
constexpr double kMaxReadsPerSecond = 100000;

bool ValidTokenName(const std::string& name) {
  if (name.empty() || name.size() > kMaxTokenName) return false;
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status ValidCamera(const std::string& camera) {
  if (camera.empty()) return Fail(ErrorCode::InvalidArgument, "a camera id is empty", "camera");
  if (camera.size() > kMaxCameraId) return Fail(ErrorCode::InvalidArgument, "a camera id is too long", camera);
  for (const char c : camera) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Fail(ErrorCode::InvalidArgument, "a camera id holds a control character", "camera");
    }
  }
  return {};
}

// "25", "2.5", "0.125": the rate as the administrator would write it (audit details hold no floats).
std::string RateText(double rate) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", rate);
  return buf;
}

}  // namespace

Result<NewIngestToken> EmbeddedSession::AddIngestToken(const std::string& name, const std::vector<std::string>& cameras,
                                                       double readsPerSecond) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "issuing ingest tokens is for administrators"));
  if (!ValidTokenName(name)) {
    return Fail(ErrorCode::InvalidArgument, "a token name is 1 to 64 letters, digits, '.', '_' or '-'", name);
  }
  if (cameras.empty()) return Fail(ErrorCode::InvalidArgument, "name at least one camera the token may post for");
  for (const std::string& c : cameras) PLATEDESK_TRY(ValidCamera(c));
  if (!std::isfinite(readsPerSecond) || readsPerSecond < 0 || readsPerSecond > kMaxReadsPerSecond) {
    return Fail(ErrorCode::InvalidArgument, "the rate is a number of reads per second from 0 to 100000", "rate");
  }
  NewIngestToken issued{name, "pdt_" + RandomHex(32)};
  store::IngestToken record;
  record.name = name;
  record.tokenHash = Sha256Hex(issued.token);
  record.cameras = cameras;
  record.readsPerSecond = readsPerSecond;
  record.createdAt = detail::ClockOf(ws).Now();
  record.createdBy = mState->user.name;

  auto& storage = detail::StorageOf(ws);
  auto tx = storage.Begin();
  if (!tx) return tx.Err();
  auto id = storage.AddIngestToken(record);
  if (!id) return id.Err();
  nlohmann::json details = {
      {"cameras", cameras},
      {"reads_per_second", readsPerSecond == 0 ? std::string("server default") : RateText(readsPerSecond)}};
  PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "token.added", {"token:" + name}, details.dump())));
  PLATEDESK_TRY(tx->Commit());
  return issued;
}

Result<std::vector<store::IngestToken>> EmbeddedSession::IngestTokens() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "listing ingest tokens is for administrators"));
  auto tokens = detail::StorageOf(ws).IngestTokens();
  if (!tokens) return tokens.Err();
  auto event = detail::AdminEvent(*mState, "token.listed", {}, "{}");
  event.resultCount = tokens->size();
  PLATEDESK_TRY(detail::Record(ws, event));
  return tokens;
}

Status EmbeddedSession::RevokeIngestToken(const std::string& name, const std::string& reason) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "revoking ingest tokens is for administrators"));
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::InvalidArgument, "say why the token is revoked", "reason");
  }
  auto& storage = detail::StorageOf(ws);
  auto tx = storage.Begin();
  if (!tx) return tx.Err();
  PLATEDESK_TRY(storage.RevokeIngestToken(name, mState->user.name, reason, detail::ClockOf(ws).Now()));
  auto event = detail::AdminEvent(*mState, "token.revoked", {"token:" + name}, "{}");
  event.reason = reason;
  PLATEDESK_TRY(detail::Record(ws, event));
  return tx->Commit();
}

}  // namespace platedesk::workstation
