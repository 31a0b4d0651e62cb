// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::PurgeExpired / CountExpired and Workstation::PurgeOnSchedule: the retention
// purge through the facade (administrators, or the schedule; audited before and after, on a
// storage connection of its own).
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Log.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;

constexpr int kMaxRetentionDays = 36500;

std::string CountsJson(const RetentionReport& r, const char* phase) {
  const auto& c = r.counts;
  // Strings, as the other records' details: audit records carry no floats and the canonical form
  // stays the same across JSON libraries.
  nlohmann::json d = {{"phase", phase},
                      {"cutoff", FormatIso8601(c.cutoffs.fixed)},
                      {"cutoff_mobile", FormatIso8601(c.cutoffs.mobile)},
                      {"cutoff_portable", FormatIso8601(c.cutoffs.portable)},
                      {"retention_days", std::to_string(r.retentionDays)},
                      {"retention", FormatRetentionPeriod(r.periods.agency)},
                      {"retention_fixed", FormatRetentionPeriod(r.periods.fixed)},
                      {"retention_mobile", FormatRetentionPeriod(r.periods.mobile)},
                      {"retention_portable", FormatRetentionPeriod(r.periods.portable)},
                      {"reads_deleted", std::to_string(c.readsDeleted)},
                      {"reads_held", std::to_string(c.readsHeld)},
                      {"images_deleted", std::to_string(c.imagesDeleted)},
                      {"bytes_freed", std::to_string(c.bytesFreed)},
                      {"quarantine_deleted", std::to_string(c.quarantineDeleted)},
                      {"backups_deleted", std::to_string(c.backupsDeleted)}};
  return d.dump();
}

// The periods and the cutoffs they give now.
Result<RetentionReport> Plan(Workstation::Impl& ws) {
  auto periods = detail::RetentionPeriodsOf(detail::StorageOf(ws));
  if (!periods) return periods.Err();
  RetentionReport report;
  report.periods = *periods;
  report.retentionDays = static_cast<int>(periods->agency / kMsPerDay);
  const UtcMs now = detail::ClockOf(ws).Now();
  report.counts.cutoffs = {now - periods->fixed, now - periods->mobile, now - periods->portable};
  return report;
}

}  // namespace

std::optional<UtcMs> ParseRetentionPeriod(std::string_view text) {
  // Units spelt out enough not to be misread: "6m" could be six months or six minutes, so minutes
  // are "min" and a bare "m" is refused.
  UtcMs unit = kMsPerDay;
  if (text.ends_with("min")) {
    unit = kMsPerMinute;
    text.remove_suffix(3);
  } else if (text.ends_with("h")) {
    unit = kMsPerHour;
    text.remove_suffix(1);
  } else if (text.ends_with("d")) {
    text.remove_suffix(1);
  }
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < 1 ||
      n > kMaxRetentionDays * (kMsPerDay / unit))
    return std::nullopt;
  return static_cast<UtcMs>(n) * unit;
}

std::string FormatRetentionPeriod(UtcMs period) {
  auto part = [](UtcMs n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  if (period >= 365 * kMsPerDay && period % (365 * kMsPerDay) == 0) {
    const UtcMs years = period / (365 * kMsPerDay);
    return part(years, "year", "years");
  }
  const UtcMs days = period / kMsPerDay;
  const UtcMs hours = (period % kMsPerDay) / kMsPerHour;
  const UtcMs minutes = (period % kMsPerHour) / kMsPerMinute;
  std::string out;
  if (days > 0) out = part(days, "day", "days");
  if (hours > 0) out += (out.empty() ? "" : " ") + part(hours, "hour", "hours");
  if (minutes > 0 || out.empty()) out += (out.empty() ? "" : " ") + part(minutes, "minute", "minutes");
  return out;
}

namespace detail {
std::optional<int> ParseAuditRetentionDays(std::string_view text) {
  int days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc() || end != text.data() + text.size() || days < 365 || days > kMaxRetentionDays)
    return std::nullopt;
  return days;
}

Result<RetentionPeriods> RetentionPeriodsOf(store::Storage& storage) {
  RetentionPeriods out;
  // Fail closed: a damaged setting must not turn into "delete everything" or "keep forever".
  auto read = [&](std::string_view key, UtcMs fallback) -> Result<UtcMs> {
    auto stored = storage.GetSetting(key);
    if (!stored) return stored.Err();
    if (!stored->has_value() || (*stored)->empty()) return fallback;
    auto period = ParseRetentionPeriod(**stored);
    if (!period)
      return Fail(ErrorCode::Corrupt,
                  "the " + std::string(key) + " setting is not a period from 1 minute to 36500 days", **stored);
    return *period;
  };
  {
    auto stored = storage.GetSetting(kAuditRetentionDaysSetting);
    if (!stored) return stored.Err();
    if (stored->has_value() && !(*stored)->empty()) {
      auto days = ParseAuditRetentionDays(**stored);
      if (!days)
        return Fail(ErrorCode::Corrupt, "the audit_retention_days setting is not a number of days from 365 to 36500",
                    **stored);
      out.audit = static_cast<UtcMs>(*days) * kMsPerDay;
    }
  }
  auto agency = read(kRetentionDaysSetting, static_cast<UtcMs>(kDefaultRetentionDays) * kMsPerDay);
  if (!agency) return agency.Err();
  out.agency = *agency;
  for (auto [key, target] :
       {std::pair{kRetentionFixedSetting, &out.fixed}, std::pair{kRetentionMobileSetting, &out.mobile},
        std::pair{kRetentionPortableSetting, &out.portable}}) {
    auto period = read(key, out.agency);
    if (!period) return period.Err();
    *target = *period;
  }
  return out;
}
}  // namespace detail

Result<int> EmbeddedSession::RetentionDays() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  auto plan = Plan(ws);
  if (!plan) return plan.Err();
  return plan->retentionDays;
}

Result<RetentionReport> EmbeddedSession::CountExpired() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "the retention purge is for administrators"));
  auto report = Plan(ws);
  if (!report) return report.Err();
  auto counts = detail::StorageOf(ws).CountExpired(report->counts.cutoffs);
  if (!counts) return counts.Err();
  report->counts = *counts;
  AuditEvent e{.event = "retention.dry_run",
               .outcome = Outcome::Success,
               .user = detail::UserOf(*mState).name,
               .session = detail::SessionIdOf(*mState),
               .resultCount = counts->readsDeleted,
               .detailsJson = CountsJson(*report, "dry run")};
  PLATEDESK_TRY(detail::Record(ws, e));
  return report;
}

Result<RetentionReport> EmbeddedSession::PurgeExpired(std::stop_token stop, const ProgressFn& progress) {
  auto& ws = *mOwner.mImpl;
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "the retention purge is for administrators"));
  return detail::RunPurge(ws, facadeLock, detail::UserOf(*mState).name, detail::SessionIdOf(*mState), std::move(stop),
                          progress);
}

Result<std::optional<RetentionReport>> Workstation::PurgeOnSchedule(std::stop_token stop, const ProgressFn& progress) {
  std::unique_lock facadeLock(detail::FacadeOf(*mImpl));
  // Nothing past retention (the usual case at each sign-in): nothing to delete, nothing to record,
  // so the audit log does not fill with empty purges. Anything to delete runs the recorded purge.
  auto plan = Plan(*mImpl);
  if (!plan) return plan.Err();
  // The audit log keeps its own period (audit_retention_days, 3 years by default; never the reads'):
  // records older than it are tombstoned, recorded as audit.pruned by the schedule. Nothing older,
  // nothing recorded.
  {
    const UtcMs now = detail::ClockOf(*mImpl).Now();
    auto pruned = detail::AuditOf(*mImpl).Prune(now - plan->periods.audit, std::string(kRetentionScheduleUser),
                                                "schedule-" + FormatIso8601(now));
    if (!pruned) return pruned.Err();
    if (pruned->pruned > 0)
      Log(LogLevel::Info, "workstation: the audit log's records older than " +
                              FormatRetentionPeriod(plan->periods.audit) + " were tombstoned (" +
                              std::to_string(pruned->pruned) + ")");
  }
  auto due = detail::StorageOf(*mImpl).CountExpired(plan->counts.cutoffs);
  if (!due) return due.Err();
  if (due->readsDeleted == 0 && due->imagesDeleted == 0 && due->quarantineDeleted == 0 && due->backupsDeleted == 0) {
    plan->counts = *due;
    return std::optional<RetentionReport>(std::move(*plan));
  }
  // Not a user's session: the run's own id ties its start and result records together.
  const std::string run = "schedule-" + FormatIso8601(detail::ClockOf(*mImpl).Now());
  auto report =
      detail::RunPurge(*mImpl, facadeLock, std::string(kRetentionScheduleUser), run, std::move(stop), progress);
  if (!report) return report.Err();
  return std::optional<RetentionReport>(std::move(*report));
}

Result<RetentionReport> detail::RunPurge(Workstation::Impl& ws, std::unique_lock<std::recursive_mutex>& facadeLock,
                                         const std::string& user, const std::string& session, std::stop_token stop,
                                         const ProgressFn& progress) {
  auto plan = Plan(ws);
  if (!plan) return plan.Err();
  RetentionReport report = *plan;

  // Recorded (and a checkpoint due signed) before the first read goes: a purge never happens
  // unrecorded. The expected counts let a reviewer compare with the result record.
  auto expected = detail::StorageOf(ws).CountExpired(report.counts.cutoffs);
  if (!expected) return expected.Err();
  RetentionReport planned = report;
  planned.counts = *expected;
  AuditEvent start{.event = "retention.start",
                   .outcome = Outcome::Success,
                   .user = user,
                   .session = session,
                   .resultCount = expected->readsDeleted,
                   .detailsJson = CountsJson(planned, "start")};
  PLATEDESK_TRY(detail::Record(ws, start));

  // The deleting runs on a connection of its own, without the facade lock, so the GUI thread's
  // calls (and exports placing holds, which the purge's batches see) go on meanwhile.
  const std::filesystem::path folder = detail::StorageOf(ws).Folder();
  const Clock& clock = detail::ClockOf(ws);
  facadeLock.unlock();
  store::PurgeCounts counts;
  counts.cutoffs = report.counts.cutoffs;
  Status purged = [&]() -> Status {
    auto own = store::Storage::Open(folder, clock);
    if (!own) return own.Err();
    return (*own)->PurgeExpired(report.counts.cutoffs, counts, stop, progress);
  }();
  // The saved search index holds the purged plates until rewritten: it goes now, and an index this
  // process holds is rebuilt (and saved) without them.
  if (counts.readsDeleted > 0) detail::DropSavedIndex(ws);
  facadeLock.lock();

  report.counts = counts;
  AuditEvent done{.event = "retention.purge",
                  .outcome = purged && counts.finished ? Outcome::Success : Outcome::Failure,
                  .user = user,
                  .session = session,
                  .resultCount = counts.readsDeleted,
                  .bytes = counts.bytesFreed,
                  .detailsJson = CountsJson(report, purged ? (counts.finished ? "finished" : "stopped") : "failed")};
  if (!purged) {
    done.reason = purged.Err().message;
  } else if (!counts.finished) {
    done.reason = "stopped by the user; reads deleted so far stay deleted";
  }
  PLATEDESK_TRY(detail::Record(ws, done));
  const std::string soFar = std::to_string(counts.readsDeleted) + " reads and " + std::to_string(counts.imagesDeleted) +
                            " images deleted before it stopped";
  if (!purged) return Fail(purged.Err().code, purged.Err().message, soFar + "; " + purged.Err().context);
  if (!counts.finished) return Fail(ErrorCode::Cancelled, "the retention purge was stopped", soFar);
  return report;
}

}  // namespace platedesk::workstation
