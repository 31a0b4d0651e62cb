// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::PublishTransparency: the public transparency report, its numbers gathered from
// the store and the audit log, rendered (core/oversight) and signed with the evidence key.
#include "SessionInternal.h"

#include "platedesk/access/Policy.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/evidence/SigningKeys.h"
#include "platedesk/oversight/Activity.h"
#include "platedesk/oversight/Transparency.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

std::vector<oversight::NameCount> Counts(const std::map<std::string, std::uint64_t>& byName) {
  std::vector<oversight::NameCount> out;
  for (const auto& [name, n] : byName) out.push_back({name, n});
  return out;
}

Result<oversight::TransparencyData> Gather(Workstation::Impl& ws, UtcMs from, UtcMs to) {
  auto& storage = detail::StorageOf(ws);
  const UtcMs now = detail::ClockOf(ws).Now();
  oversight::TransparencyData d;
  d.from = from;
  d.to = to;
  d.generatedAt = now;
  auto agency = storage.GetSetting("agency");
  if (!agency) return agency.Err();
  d.agency = agency->value_or("");
  d.days = oversight::LocalDays(from, to, oversight::MachineClock);
  std::map<std::string, std::size_t> dayIndex;
  for (std::size_t i = 0; i < d.days.size(); ++i) dayIndex[d.days[i]] = i;

  // Cameras: reads per day and when each was active; the places of the fixed ones.
  auto cameras = storage.Cameras();
  if (!cameras) return cameras.Err();
  auto hours = storage.ReadCountsByCameraHour(from, to);
  if (!hours) return hours.Err();
  std::map<store::CameraId, oversight::CameraUse> uses;
  for (const auto& h : *hours) {
    auto& use = uses[h.camera];
    use.perDay.resize(d.days.size(), 0);
    use.reads += h.reads;
    // An hour lies within one local day wherever the zone's offset is a whole number of hours.
    if (auto it = dayIndex.find(oversight::MachineClock(h.hour).day); it != dayIndex.end())
      use.perDay[it->second] += h.reads;
    use.firstRead = use.firstRead ? std::min(*use.firstRead, h.first) : h.first;
    use.lastRead = use.lastRead ? std::max(*use.lastRead, h.last) : h.last;
    d.totalReads += h.reads;
  }
  for (const auto& c : *cameras) {
    const std::string name = CameraName(c);
    if (auto it = uses.find(c.id); it != uses.end()) {
      it->second.name = name;
      it->second.kind = c.kind == store::CameraKind::Mobile ? "mobile" : "fixed";
      d.cameras.push_back(std::move(it->second));
    }
    if (c.kind != store::CameraKind::Fixed) continue;
    for (const auto& l : c.locations)
      if (l.from < to) d.fixedPlaces.push_back({name, l.latitude, l.longitude, l.address, l.from, l.to});
  }

  // Searches run and refused, by purpose label (codes the catalogue does not know stay as they are).
  auto purposes = storage.Purposes();
  if (!purposes) return purposes.Err();
  std::map<std::string, std::string> labels;
  for (const auto& p : *purposes) {
    labels[p.code] = p.label.empty() ? p.code : p.label;
    if (p.prohibited)
      d.prohibitedUses.push_back(labels[p.code]);
    else if (!p.disabled)
      d.allowedUses.push_back(labels[p.code]);
  }
  audit::RecordFilter filter;
  filter.from = from;
  filter.to = to;
  auto records = detail::AuditOf(ws).List(filter);
  if (!records) return records.Err();
  std::map<std::string, std::uint64_t> run, refused;
  for (const auto& r : *records) {
    const bool started = r.event == "search.start";
    if (!started && r.event != "search.refused" && r.event != "retention.purge") continue;
    if (r.event == "retention.purge") {
      if (r.outcome != "success") continue;
      ++d.purges;
      auto j = nlohmann::json::parse(r.canonical, nullptr, false);
      if (j.is_object() && j.contains("result_count") && j["result_count"].is_number_unsigned())
        d.readsPurged += j["result_count"].get<std::uint64_t>();
      continue;
    }
    std::string label = "(none)";
    if (!r.purposeCode.empty()) label = labels.contains(r.purposeCode) ? labels[r.purposeCode] : r.purposeCode;
    ++(started ? run : refused)[label];
  }
  d.searchesRun = Counts(run);
  d.searchesRefused = Counts(refused);

  // People with access: enabled accounts of the roles that reach plate data.
  auto users = storage.Users();
  if (!users) return users.Err();
  for (const auto& u : *users) {
    if (u.disabled || (u.role != Role::Detective && u.role != Role::Supervisor)) continue;
    ++d.usersWithAccess;
    if (access::Policy::CheckTraining(u, now).Ok()) ++d.usersTrained;
  }

  // Releases outside the agency in the period, by the recipient's kind.
  auto agencies = storage.Agencies();
  if (!agencies) return agencies.Err();
  std::map<std::int64_t, std::string> kindOf;
  for (const auto& a : *agencies) kindOf[a.id] = std::string(store::AgencyKindName(a.kind));
  auto released = storage.Disseminations({});
  if (!released) return released.Err();
  std::map<std::string, std::uint64_t> releases;
  for (const auto& r : *released) {
    if (!r.release || r.release->releasedAt < from || r.release->releasedAt >= to) continue;
    ++releases[kindOf.contains(r.request.agency) ? kindOf[r.request.agency] : std::string("unknown")];
  }
  d.releasesByRecipientKind = Counts(releases);

  // Retention: the period and the holds in force now.
  auto periods = detail::RetentionPeriodsOf(storage);
  if (!periods) return periods.Err();
  d.retentionDays = static_cast<int>(periods->agency / kMsPerDay);
  d.retention = FormatRetentionPeriod(periods->agency);
  d.auditRetention = FormatRetentionPeriod(periods->audit);
  for (auto [kind, period] : {std::pair{"fixed", periods->fixed}, std::pair{"mobile", periods->mobile},
                              std::pair{"portable", periods->portable}})
    if (period != periods->agency) d.retentionByKind.push_back({kind, FormatRetentionPeriod(period)});
  auto holds = storage.CountHoldsInForce();
  if (!holds) return holds.Err();
  d.readsHeld = holds->reads;
  d.casesHolding = holds->cases;
  d.holdsByKind = {{"investigation", holds->investigation},
                   {"discovery", holds->discovery},
                   {"preservation order", holds->preservation}};
  return d;
}

}  // namespace

Result<PublishedReport> EmbeddedSession::PublishTransparency(UtcMs from, UtcMs to,
                                                             oversight::TransparencyFormat format) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, mState->user.role != Role::Detective,
                                  "the transparency report is for supervisors, auditors and administrators"));
  if (to <= from) return Fail(ErrorCode::InvalidArgument, "the report's period must end after it starts");
  if (to - from > 366 * kMsPerDay) return Fail(ErrorCode::InvalidArgument, "a report covers at most a year");
  AuditEvent e{.event = "audit.review",
               .outcome = Outcome::Success,
               .user = mState->user.name,
               .session = mState->id,
               .query = {{"what", "transparency report"},
                         {"from", FormatIso8601(from)},
                         {"to", FormatIso8601(to)},
                         {"format", oversight::TransparencyFormatName(format)}}};
  PLATEDESK_TRY(detail::Record(ws, e));
  auto data = Gather(ws, from, to);
  if (!data) return data.Err();
  auto bytes = oversight::RenderTransparency(*data, format);
  if (!bytes) return bytes.Err();
  auto signature = detail::EvidenceKeysOf(ws).Sign(oversight::TransparencyStatement(*data, format, Sha256Hex(*bytes)));
  if (!signature) return signature.Err();
  PublishedReport out;
  out.fileName = "transparency-" + FormatIso8601(from).substr(0, 10) + "-" + FormatIso8601(to).substr(0, 10) + "." +
                 oversight::TransparencyFormatName(format);
  out.bytes = std::move(*bytes);
  out.signature = std::move(*signature);
  return out;
}

Result<std::vector<std::filesystem::path>> WritePublishedReport(const PublishedReport& report,
                                                                const std::filesystem::path& file) {
  std::vector<std::filesystem::path> written{file, file.string() + ".sig"};
  PLATEDESK_TRY(WriteFileExclusive(written[0], report.bytes, /*ownerOnly=*/false));
  PLATEDESK_TRY(WriteFileExclusive(written[1], report.signature, /*ownerOnly=*/false));
  return written;
}

}  // namespace platedesk::workstation
