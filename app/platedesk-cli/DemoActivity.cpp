// SPDX-License-Identifier: GPL-3.0-or-later
// `demo --activity`: a month of an agency's use of a demo storage, made through the facade as the
// demo users would, on a clock that walks through the month: registered cases, the recipient
// agency registry with sharing agreements on file, written requests, supervisors' approvals and
// denials, releases (evidence packages written to a temporary folder and removed: the release
// record keeps their hashes), receipts, a referral to records/legal, and a correction notice.
#include "DemoActivity.h"

#include "platedesk/common/Files.h"
#include "platedesk/oversight/Activity.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace platedesk::cli {
namespace {

// A one-page PDF holding `lines` (what a scanned letter would say), with a correct xref table.
std::string MinimalPdf(const std::vector<std::string>& lines) {
  std::string text = "BT /F1 11 Tf 56 780 Td 14 TL\n";
  for (const auto& line : lines) {
    std::string escaped;
    for (char c : line) {
      if (c == '(' || c == ')' || c == '\\') escaped += '\\';
      escaped += c;
    }
    text += "(" + escaped + ") Tj T*\n";
  }
  text += "ET\n";
  const std::vector<std::string> objects{
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R "
      ">>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "endstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

store::Document Letter(const std::string& name, const std::vector<std::string>& lines) {
  return {name, "", MinimalPdf(lines), ""};
}

class Activity {
 public:
  Activity(workstation::Workstation& ws, ManualClock& clock, const std::vector<DemoLogin>& logins, double scale,
           UtcMs limit)
      : mWs(ws), mClock(clock), mLogins(logins), mScale(scale), mLimit(limit) {}

  Result<std::unique_ptr<workstation::Session>> As(const std::string& user) {
    for (const auto& l : mLogins) {
      if (l.name != user) continue;
      workstation::LoginRequest request;
      request.user = l.name;
      request.password = l.password;
      request.bannerAccepted = true;
      request.kind = "cli";
      return mWs.Login(request);
    }
    return Fail(ErrorCode::Internal, "no such demo user", user);
  }
  /// A session of `user` signed in now (a session lasts at most 12 hours; the month is longer).
  Result<workstation::Session*> S(const std::string& user) {
    auto session = As(user);
    if (!session) return session.Err();
    mSessions.push_back(std::move(*session));
    return mSessions.back().get();
  }
  /// Hours of a 30-day month, scaled to the demo's period; work happens in office hours (08:00 to
  /// 18:00 local time, as the review's after-hours flag counts them), never after `limit`. Along
  /// the way, the routine searches of those hours (Routine), so the Review page's charts show a
  /// month of use; the walk ends where it would without them.
  void Hours(double h) {
    const UtcMs target = mClock.Now() + static_cast<UtcMs>(h * mScale * kMsPerHour);
    constexpr UtcMs kEvery = 5 * kMsPerHour;
    for (UtcMs t = mClock.Now() + kEvery; mRoutine && mError.Ok() && t < target; t += kEvery) {
      const int hour = LocalHour(t);
      if (hour < 9 || hour >= 17) continue;
      mClock.Set(t);
      mError = mRoutine();
    }
    mClock.Set(target);
    OfficeHours();
  }
  /// The routine search Hours makes every few office hours (set once the cases exist).
  void Routine(std::function<Status()> search) { mRoutine = std::move(search); }
  /// The first routine search that failed, if one did.
  [[nodiscard]] const Status& RoutineError() const { return mError; }
  /// Moves the clock to the next office hour when it is outside them (and not past the limit).
  void OfficeHours() {
    const UtcMs now = mClock.Now();
    const int hour = LocalHour(now);
    UtcMs next = now;
    if (hour < 8) next = now + (8 - hour) * kMsPerHour;
    if (hour >= 18) next = now + (24 - hour + 8) * kMsPerHour;
    mClock.Set(std::min(next, std::max(now, mLimit)));
  }
  /// At `hour` local time today, for the one use the demo makes out of hours.
  void At(int hour) { mClock.Set(std::min(mClock.Now() + (hour - LocalHour(mClock.Now())) * kMsPerHour, mLimit)); }
  [[nodiscard]] UtcMs Span(double h) const { return static_cast<UtcMs>(h * mScale * kMsPerHour); }

 private:
  workstation::Workstation& mWs;
  ManualClock& mClock;
  const std::vector<DemoLogin>& mLogins;
  double mScale;
  UtcMs mLimit;
  std::vector<std::unique_ptr<workstation::Session>> mSessions;
  std::function<Status()> mRoutine;
  Status mError;

  // The agency's clock, as the review's after-hours flag reads it.
  static int LocalHour(UtcMs t) { return oversight::MachineClock(t).hour; }
};

#define DEMO_VALUE(var, expr) \
  auto var = (expr);          \
  if (!var.Ok()) return var.Err();

}  // namespace

Result<DemoActivitySummary> SeedDemoActivity(workstation::Workstation& ws, ManualClock& clock,
                                             const std::vector<DemoLogin>& logins, int days) {
  // The month below takes about 23 days; it is squeezed into the demo's period after its first
  // day (the reads collected for the case are from that day).
  const UtcMs limit = clock.Now() + static_cast<UtcMs>(std::max(1, days) - 1) * kMsPerDay - kMsPerHour;
  Activity a(ws, clock, logins, std::max(0.01, (days - 1) / 30.0), limit);
  a.OfficeHours();
  DemoActivitySummary summary;
  const double step = 24.0;  // a day of the month

  DEMO_VALUE(admin, a.As("administrator"));
  PLATEDESK_TRY((*admin)->SetSetting("agency", "Demo City Police Department"));
  PLATEDESK_TRY((*admin)->SetSetting("agency_state", "WA"));
  const UtcMs now = clock.Now();
  struct NewAgency {
    const char* name;
    const char* ori;
    store::AgencyKind kind;
    const char* state;
    bool mou;
    UtcMs expires;
  };
  const NewAgency agencies[] = {
      {"King County Sheriff's Office", "WA0170000", store::AgencyKind::Local, "WA", true, now + 400 * kMsPerDay},
      {"Washington State Patrol", "WAWSP0000", store::AgencyKind::State, "WA", true, now + 700 * kMsPerDay},
      {"King County Prosecuting Attorney", "WA017013A", store::AgencyKind::Prosecutor, "WA", false, 0},
      {"FBI Seattle Field Office", "WAFBISE00", store::AgencyKind::Federal, "WA", true, now + 300 * kMsPerDay},
      {"Portland Police Bureau", "OR0260200", store::AgencyKind::OutOfState, "OR", true, now + 400 * kMsPerDay},
      {"Evergreen Mutual Insurance", "", store::AgencyKind::NonLawEnforcement, "WA", false, 0},
  };
  std::vector<std::int64_t> ids;
  std::vector<store::Agency> agencyRecords;
  for (const auto& g : agencies) {
    store::Agency agency{
        0, g.name, g.ori, g.kind, g.state, "", "", g.mou ? std::optional<UtcMs>(g.expires) : std::nullopt, "", 0};
    store::Document mou;
    if (g.mou)
      mou = Letter("mou-" + std::string(g.ori) + ".pdf",
                   {"DATA SHARING AGREEMENT (DEMO)", std::string("Between Demo City Police Department and ") + g.name,
                    "License plate reader data, released only on written request, for law-enforcement purposes.",
                    "Generated by platedesk-cli demo: not a real agreement."});
    DEMO_VALUE(saved, (*admin)->SaveAgency(agency, mou));
    ids.push_back(saved->id);
    agencyRecords.push_back(*saved);
  }
  summary.agencies = ids.size();

  DEMO_VALUE(detective, a.As("detective"));
  PLATEDESK_TRY((*detective)->RegisterCase("26-004512", "Burglary series, 5th Ave", "detective"));
  PLATEDESK_TRY((*detective)->RegisterCase("26-003977", "Hit and run, Aurora Ave N", "detective"));
  PLATEDESK_TRY((*detective)->RegisterCase("26-005120", "Stolen vehicle ring", "supervisor"));
  summary.cases = 3;
  const workstation::AccessContext burglary{"26-004512", "INV-PROPERTY",
                                            "Burglary series at 5th Ave; the same grey sedan seen at three scenes"};
  const std::vector<store::ReadId> held{1, 2, 3, 4, 5, 6};
  PLATEDESK_TRY((*detective)->CollectForCase(burglary, held));
  {
    // Routine use through the month: full plates under the users' own registered cases, each case
    // with its one justification, each user with plates of their own (nothing a review flags).
    const workstation::AccessContext routine[] = {
        {"26-004512", "INV-PROPERTY", "Burglary series at 5th Ave: plates from the neighbourhood canvass"},
        {"26-003977", "INV-PROPERTY", "Hit and run on Aurora Ave N: checking the vans seen near the scene"},
        {"26-005120", "STOLEN-VEHICLE", "Stolen vehicle ring: locating a plate reported stolen"}};
    static const char* const kPlates[] = {"BKR2231", "CDL5510", "AHN7742", "BTW1198", "CFP3306", "AZM6621",
                                          "BQE4470", "CKV9035", "ARD2287", "BLX5563", "CNG8814", "AWY3379"};
    a.Routine([&a, &summary, routine, n = 0]() mutable -> Status {
      const bool supervisor = n % 4 == 3;  // a quarter of the searches are the supervisor's
      auto session = a.S(supervisor ? "supervisor" : "detective");
      if (!session) return session.Err();
      std::string plate = kPlates[(n * 5 + (supervisor ? 7 : 0)) % 12];
      if (supervisor) plate[0] = 'S';  // the supervisor's plates are never the detective's
      search::Query q;
      q.plate = plate;
      search::SearchOptions options;
      options.limit = 50;
      auto out = (*session)->Search(supervisor ? routine[2] : routine[(n / 2) % 2], q, options);
      ++n;
      if (!out) return out.Err();
      ++summary.searches;
      return {};
    });
  }

  TempFolder media("platedesk-demo-release");
  auto request = [&](std::int64_t agency, const std::string& requester, const std::string& title,
                     const std::string& contact, const std::string& theirCase, const std::string& authority,
                     const std::string& asks) -> Result<std::int64_t> {
    store::DisseminationRequest r;
    r.agency = agency;
    r.requesterName = requester;
    r.requesterTitle = title;
    r.requesterContact = contact;
    r.theirCase = theirCase;
    r.caseNumber = burglary.caseNumber;
    r.purposeCode = burglary.purposeCode;
    r.justification = "Their investigation overlaps our burglary series";
    r.authority = authority;
    r.asks = asks;
    r.receivedAt = clock.Now() - 2 * kMsPerHour;
    auto detectiveNow = a.S("detective");
    if (!detectiveNow) return detectiveNow.Err();
    auto out =
        (*detectiveNow)
            ->RequestDissemination(r, Letter("request-" + theirCase + ".pdf",
                                             {"REQUEST FOR LPR DATA (DEMO)", "From: " + requester + ", " + title,
                                              "Case: " + theirCase, "Asks for: " + asks, "Authority: " + authority}));
    if (!out) return out.Err();
    ++summary.requests;
    return out->request.id;
  };
  auto release = [&](const std::string& user, std::int64_t id, store::ReleaseMethod method,
                     const std::string& takenBy) -> Status {
    auto by = a.S(user);
    if (!by) return by.Err();
    workstation::EvidenceRequest e;
    e.caseReads = true;
    e.destination = media.Path();
    e.selectionMethod = "case-reads";
    e.release = id;
    e.releaseMethod = method;
    e.mediaLabel = method == store::ReleaseMethod::Media ? "USB-" + std::to_string(40 + id) : std::string();
    e.receivedBy = takenBy;
    e.encrypt = true;
    e.passphraseDelivery = "by phone";
    auto out = (*by)->ExportEvidence(
        {burglary.caseNumber, burglary.purposeCode, "Their investigation overlaps our burglary series"}, e);
    if (!out) return out.Err();
    std::error_code ec;
    std::filesystem::remove_all(out->path, ec);  // the demo keeps the record, not the package
    ++summary.releases;
    return {};
  };

  // Week 1: King County asks; approved, released on a stick, receipted.
  a.Hours(step * 2);
  DEMO_VALUE(kcso, request(ids[0], "Det. Ana Ruiz", "Detective, Major Crimes", "206-555-0101, a.ruiz@kcso.example",
                           "KC-26-1182", "RCW 10.97.050; sharing agreement section 4",
                           "Reads of the suspect sedan held for our case 26-004512"));
  a.Hours(3);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->ReviewDissemination(*kcso, true, "Agreement in force; their case is linked to ours"));
  }
  a.Hours(2);
  PLATEDESK_TRY(release("supervisor", *kcso, store::ReleaseMethod::Media, "Det. Ana Ruiz"));
  a.Hours(20);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->RecordReceipt(
        *kcso, "Det. Ana Ruiz", clock.Now() - kMsPerHour,
        Letter("receipt-kcso.pdf", {"RECEIPT (DEMO)", "Received USB medium.", "Signed: Det. Ana Ruiz"})));
  }

  // Week 2: the prosecutor asks for discovery; released in person; a denial of a second KCSO ask.
  a.Hours(step * 5);
  DEMO_VALUE(kcpa, request(ids[2], "Jordan Park", "Deputy Prosecuting Attorney", "206-555-0188, j.park@kcpao.example",
                           "26-1-04411-9 SEA", "CrR 4.7 discovery", "The reads in evidence for case 26-004512"));
  a.Hours(4);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->ReviewDissemination(*kcpa, true, "Discovery for the charged burglary"));
  }
  a.Hours(1);
  PLATEDESK_TRY(release("supervisor", *kcpa, store::ReleaseMethod::InPerson, "Jordan Park"));
  a.Hours(1);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->RecordReceipt(*kcpa, "Jordan Park", clock.Now(), {}));
  }
  a.Hours(step * 2);
  DEMO_VALUE(broad, request(ids[0], "Det. Ana Ruiz", "Detective, Major Crimes", "206-555-0101, a.ruiz@kcso.example",
                            "KC-26-1299", "RCW 10.97.050", "Every read of any grey sedan in October"));
  a.Hours(5);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->ReviewDissemination(*broad, false,
                                              "Too broad: not tied to a vehicle or an open investigation of ours"));
  }
  ++summary.denied;

  // Week 3: the State Patrol (released by transfer, receipt still pending); an insurer (referred).
  a.Hours(step * 4);
  DEMO_VALUE(wsp, request(ids[1], "Sgt. Lee Morgan", "Sergeant, Criminal Investigation Division",
                          "360-555-0140, l.morgan@wsp.example", "WSP-26-7731", "RCW 10.97.050; agreement section 2",
                          "Reads of the suspect sedan on state routes"));
  a.Hours(6);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->ReviewDissemination(*wsp, true, "Agreement in force; linked investigation"));
  }
  a.Hours(2);
  PLATEDESK_TRY(release("supervisor", *wsp, store::ReleaseMethod::Transfer, "Sgt. Lee Morgan"));
  a.Hours(step * 1);
  PLATEDESK_TRY(request(ids[5], "Claims Department", "Claims adjuster", "claims@evergreen-mutual.example", "CLM-88213",
                        "None cited (insurance claim)", "Where a policyholder's car was on 2026-10-12"));
  ++summary.referred;

  // Week 4: the FBI (one approval of the two its rule needs); Portland (its agreement expires
  // before review: denied); a misread found on a released read, the notice owed to King County.
  a.Hours(step * 3);
  DEMO_VALUE(fbi,
             request(ids[3], "SA Chris Holt", "Special Agent", "206-555-0170, c.holt@fbi.example", "FBI-318B-SE-55120",
                     "Interstate transportation of stolen property task force", "Reads of the suspect sedan"));
  a.Hours(3);
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY((*as_)->ReviewDissemination(*fbi, true, "Task force case; a second supervisor must concur"));
  }
  // Portland's agreement was renewed for a short term only.
  store::Agency renewed =
      *std::find_if(agencyRecords.begin(), agencyRecords.end(), [&](const store::Agency& g) { return g.id == ids[4]; });
  renewed.mouExpires = clock.Now() + a.Span(3 * 24);
  {
    DEMO_VALUE(adminNow, a.S("administrator"));
    PLATEDESK_TRY((*adminNow)->SaveAgency(renewed, {}));
  }
  DEMO_VALUE(portland, request(ids[4], "Ofc. Sam Ito", "Officer, Property Crimes", "503-555-0112, s.ito@ppb.example",
                               "PPB-26-30071", "ORS 181A; agreement section 3", "Reads of the suspect sedan near I-5"));
  a.Hours(4 * 24);  // the agreement ends before anyone reviews it
  {
    DEMO_VALUE(as_, a.S("supervisor"));
    PLATEDESK_TRY(
        (*as_)->ReviewDissemination(*portland, false, "The sharing agreement with Portland expired; renew it first"));
  }
  ++summary.denied;
  a.Hours(2);
  // Searches of the month as the Review page shows them: routine ones, and one of each that a
  // weekly review flags (an unregistered case, a prohibited purpose, a failed sign-in, a short
  // pattern, a justification reused under another case, a plate two users searched under different
  // cases, a search at 23:00).
  {
    const workstation::AccessContext hitAndRun{"26-003977", "INV-PROPERTY",
                                               "Hit and run on Aurora Ave N: silver van seen leaving"};
    const workstation::AccessContext ring{"26-005120", "INV-PROPERTY", "Stolen vehicle ring: plates swapped"};
    auto search = [&](const std::string& user, const workstation::AccessContext& ctx,
                      const std::string& plate) -> Status {
      auto session = a.S(user);
      if (!session) return session.Err();
      search::Query q;
      q.plate = plate;
      search::SearchOptions options;
      options.limit = 50;
      auto out = (*session)->Search(ctx, q, options);
      if (!out && out.Err().code != ErrorCode::PermissionDenied) return out.Err();
      ++summary.searches;
      return {};
    };
    PLATEDESK_TRY(search("detective", burglary, "AKT7316"));
    a.Hours(3);
    PLATEDESK_TRY(search("detective", hitAndRun, "7XQ2218"));
    a.Hours(20);
    PLATEDESK_TRY(search("detective", {"26-990001", "INV-PROPERTY", "Burglary series: checking a tip"}, "BGN4410"));
    a.Hours(2);
    PLATEDESK_TRY(
        search("detective", {"26-004512", "PROHIB-IMMIGRATION", "Checking status of a registered owner"}, "BGN4410"));
    a.Hours(2);
    PLATEDESK_TRY(search("detective", burglary, "A*"));  // refused: a broad search needs approval
    {
      // The approval queue: the detective asks for that search, the supervisor approves it for the
      // afternoon, and the detective runs it under the approval (its record names the approver).
      search::Query shortPattern;
      shortPattern.plate = "A*";
      DEMO_VALUE(asking, a.S("detective"));
      DEMO_VALUE(asked, (*asking)->RequestApproval(burglary, {shortPattern, 50, std::nullopt}));
      ++summary.approvals;
      a.Hours(1);
      DEMO_VALUE(supervisor, a.S("supervisor"));
      PLATEDESK_TRY((*supervisor)->DecideApproval(asked->id, true, "Burglary series: the witness saw only the A", 6));
      a.Hours(1);
      DEMO_VALUE(again, a.S("detective"));
      workstation::AccessContext approved = burglary;
      approved.approval = asked->id;
      search::SearchOptions options;
      options.limit = 50;
      PLATEDESK_TRY((*again)->Search(approved, shortPattern, options));
      ++summary.searches;
    }
    a.Hours(18);
    PLATEDESK_TRY(search("detective", {"26-003977", "INV-PROPERTY", burglary.justification}, "CWZ9031"));
    a.Hours(1);
    PLATEDESK_TRY(search("supervisor", ring, "CWZ9031"));
    {
      workstation::LoginRequest wrong;
      wrong.user = "detective";
      wrong.password = "Blue-Heron-Pier-8";
      wrong.bannerAccepted = true;
      (void)ws.Login(wrong);  // refused and recorded as login.failure
    }
    a.At(23);
    PLATEDESK_TRY(search("detective", hitAndRun, "7XQ2218"));
    a.Hours(10);
    {
      // A vehicle-only search over a week is denied with a reason; a warrant search waits.
      search::Query vans;
      vans.color = search::AttributeFilter{{"silver"}, std::nullopt};
      vans.body = search::AttributeFilter{{"van"}, std::nullopt};
      vans.from = clock.Now() - 7 * kMsPerDay;
      vans.to = clock.Now();
      DEMO_VALUE(asking, a.S("detective"));
      DEMO_VALUE(wide, (*asking)->RequestApproval(hitAndRun, {vans, 200, std::nullopt}));
      ++summary.approvals;
      a.Hours(2);
      DEMO_VALUE(supervisor, a.S("supervisor"));
      PLATEDESK_TRY(
          (*supervisor)
              ->DecideApproval(wide->id, false,
                               "Too wide: search the hour after the collision at the two cameras on Aurora first", 0));
      a.Hours(1);
      search::Query subject;
      subject.plate = "BGN4410";
      DEMO_VALUE(later, a.S("detective"));
      PLATEDESK_TRY((*later)->RequestApproval({"26-005120", "WARRANT", "Felony warrant W-88213 for the ring's driver"},
                                              {subject, 50, std::nullopt}));
      ++summary.approvals;
    }
  }
  {
    DEMO_VALUE(as_, a.S("detective"));
    PLATEDESK_TRY(
        (*as_)->ReportMisread(burglary, held[1], "AKT7316", "WA", "Demo: the plate image shows a 7, not a 1"));
  }
  {
    // Holds of each kind: the detective (the burglary's lead) holds its reads for the defence's
    // discovery request; the supervisor (the ring's lead) places a preservation order for one
    // camera's reads on the night the ring's car was stolen (it also keeps reads of that night a
    // camera sends late).
    DEMO_VALUE(lead, a.S("detective"));
    workstation::HoldRequest discovery;
    discovery.kind = store::HoldKind::Discovery;
    discovery.reason = "Demo: defence discovery request in State v. Doe, served on the agency";
    discovery.reads = held;
    PLATEDESK_TRY((*lead)->PlaceHold(burglary, discovery));
    DEMO_VALUE(ringLead, a.S("supervisor"));
    workstation::HoldRequest order;
    order.kind = store::HoldKind::Preservation;
    order.reason =
        "Demo: preservation request PR-2026-118 from the prosecutor: the on-ramp camera, the night of the theft";
    DEMO_VALUE(cameras, (*ringLead)->Cameras());
    if (!cameras->empty()) {
      order.cameras = {(*cameras)[cameras->size() > 1 ? 1 : 0].externalId};
      order.from = clock.Now() - 8 * kMsPerDay;
      order.to = *order.from + 6 * kMsPerHour;
      PLATEDESK_TRY((*ringLead)->PlaceHold(
          {"26-005120", "INV-PROPERTY", "Stolen vehicle ring: keep the reads of the driver's car for the court"},
          order));
    }
  }
  PLATEDESK_TRY(a.RoutineError());
  DEMO_VALUE(supervisorNow, a.S("supervisor"));
  DEMO_VALUE(open, (*supervisorNow)->DisseminationNotices(true));
  summary.notices = open->size();
  return summary;
}

}  // namespace platedesk::cli
