// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Activity.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

namespace platedesk::oversight {
namespace {

LocalTime FromTm(const std::tm& t) {
  char day[40];
  std::snprintf(day, sizeof day, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
  return {day, (t.tm_wday + 6) % 7, t.tm_hour};
}

constexpr std::size_t kMostSeries = 7;  // a chart names the 7 largest; the rest are "others"

// Per-name totals of day counts, largest first (ties by name).
std::vector<std::string> ByTotal(const std::vector<DayCount>& counts) {
  std::map<std::string, std::uint64_t> totals;
  for (const auto& c : counts) totals[c.name] += c.count;
  std::vector<std::pair<std::string, std::uint64_t>> order(totals.begin(), totals.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> names;
  for (const auto& [name, n] : order) names.push_back(name);
  return names;
}

// Stacked bars per day, one series per name (the largest kMostSeries, then "others").
report::Chart DayChart(const Activity& a, const std::vector<DayCount>& counts, std::string title,
                       std::string valueLabel) {
  report::Chart chart;
  chart.title = std::move(title);
  chart.valueLabel = std::move(valueLabel);
  std::map<std::string, std::size_t> dayIndex;
  for (const auto& d : a.days) {
    dayIndex.emplace(d, chart.categories.size());
    // "11-03": the year is the period's, and ten characters per bar would not fit a month.
    chart.categories.push_back(d.size() == 10 ? d.substr(5) : d);
  }
  const auto names = ByTotal(counts);
  std::map<std::string, std::size_t> seriesOf;
  for (const auto& name : names) {
    if (chart.series.size() >= kMostSeries && names.size() > kMostSeries) {
      if (chart.series.back().name != "others") chart.series.push_back({"others", {}});
    } else {
      chart.series.push_back({name, {}});
    }
    seriesOf[name] = chart.series.size() - 1;
  }
  for (auto& s : chart.series) s.values.assign(chart.categories.size(), 0.0);
  for (const auto& c : counts) {
    auto d = dayIndex.find(c.day);
    if (d == dayIndex.end()) continue;
    chart.series[seriesOf[c.name]].values[d->second] += static_cast<double>(c.count);
  }
  return chart;
}

}  // namespace

LocalTime UtcClock(UtcMs time) {
  const std::time_t secs = static_cast<std::time_t>(time / 1000);
  std::tm t{};
#ifdef _WIN32
  gmtime_s(&t, &secs);
#else
  gmtime_r(&secs, &t);
#endif
  return FromTm(t);
}

LocalTime MachineClock(UtcMs time) {
  const std::time_t secs = static_cast<std::time_t>(time / 1000);
  std::tm t{};
#ifdef _WIN32
  if (localtime_s(&t, &secs) != 0) return UtcClock(time);
#else
  if (localtime_r(&secs, &t) == nullptr) return UtcClock(time);
#endif
  return FromTm(t);
}

std::vector<std::string> LocalDays(UtcMs from, UtcMs to, const LocalClock& clock) {
  const LocalClock local = clock ? clock : LocalClock(UtcClock);
  std::vector<std::string> days;
  for (UtcMs t = from; t < to; t += kMsPerHour) {
    std::string day = local(t).day;
    if (days.empty() || days.back() != day) days.push_back(std::move(day));
  }
  if (to > from) {
    std::string last = local(to - 1).day;
    if (days.empty() || days.back() != last) days.push_back(std::move(last));
  }
  return days;
}

const char* WeekdayName(int weekday) {
  static const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return weekday >= 0 && weekday < 7 ? kWeekdays[weekday] : "?";
}

Activity ComputeActivity(const std::vector<audit::StoredRecord>& records, UtcMs from, UtcMs to,
                         const std::vector<Flag>& flags, const LocalClock& clock) {
  const LocalClock local = clock ? clock : LocalClock(UtcClock);
  Activity out;
  out.hourWeekday.assign(7 * 24, 0);
  out.days = LocalDays(from, to, local);

  std::map<std::pair<std::string, std::string>, std::uint64_t> searches;  // (day, user)
  std::map<std::string, std::uint64_t> purposes;
  for (const auto& r : records) {
    if (r.time < from || r.time >= to) continue;
    if (r.event == "search.refused") ++out.refusedSearches;
    if (r.event != "search.start") continue;
    const LocalTime t = local(r.time);
    ++searches[{t.day, r.user}];
    ++out.hourWeekday[static_cast<std::size_t>(t.weekday) * 24 + static_cast<std::size_t>(t.hour)];
    ++purposes[r.purposeCode.empty() ? std::string("(none)") : r.purposeCode];
  }
  for (const auto& [key, n] : searches) out.searches.push_back({key.first, key.second, n});
  for (const auto& [name, n] : purposes) out.purposes.push_back({name, n});
  std::stable_sort(out.purposes.begin(), out.purposes.end(),
                   [](const NameCount& a, const NameCount& b) { return a.count > b.count; });

  std::map<std::pair<std::string, std::string>, std::uint64_t> flagged;  // (day, kind)
  for (const auto& f : flags) {
    if (f.time < from || f.time >= to) continue;
    ++flagged[{local(f.time).day, std::string(FlagKindName(f.kind))}];
  }
  for (const auto& [key, n] : flagged) out.flags.push_back({key.first, key.second, n});
  return out;
}

std::vector<report::Chart> ActivityCharts(const Activity& activity) {
  std::vector<report::Chart> charts;
  charts.push_back(DayChart(activity, activity.searches, "Searches per day by user", "searches"));

  report::Chart heat;
  heat.kind = report::ChartKind::HeatMap;
  heat.title = "Searches by hour of day and weekday";
  heat.valueLabel = "searches";
  for (int h = 0; h < 24; ++h) {
    char label[4];
    std::snprintf(label, sizeof label, "%02d", h);
    heat.categories.emplace_back(label);
  }
  for (std::size_t d = 0; d < 7; ++d) {
    report::ChartSeries row{WeekdayName(static_cast<int>(d)), std::vector<double>(24, 0.0)};
    for (std::size_t h = 0; h < 24; ++h) {
      const std::size_t i = d * 24 + h;
      if (i < activity.hourWeekday.size()) row.values[h] = static_cast<double>(activity.hourWeekday[i]);
    }
    heat.series.push_back(std::move(row));
  }
  charts.push_back(std::move(heat));

  report::Chart purposes;
  purposes.title = "Searches by purpose";
  if (activity.refusedSearches > 0)
    purposes.title += " (" + std::to_string(activity.refusedSearches) + " refused, not shown)";
  purposes.valueLabel = "searches";
  purposes.horizontal = true;
  report::ChartSeries counts{"searches", {}};
  for (const auto& p : activity.purposes) {
    purposes.categories.push_back(p.name);
    counts.values.push_back(static_cast<double>(p.count));
  }
  purposes.series.push_back(std::move(counts));
  charts.push_back(std::move(purposes));

  charts.push_back(DayChart(activity, activity.flags, "Flags per day by kind", "flags"));
  return charts;
}

}  // namespace platedesk::oversight
