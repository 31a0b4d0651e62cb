// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"

#include <boost/test/unit_test.hpp>

#include <set>

namespace platedesk::views {
namespace {

constexpr ErrorCode kAllCodes[] = {
    ErrorCode::InvalidArgument,  ErrorCode::NotFound,        ErrorCode::AlreadyExists,
    ErrorCode::PermissionDenied, ErrorCode::Unauthenticated, ErrorCode::Locked,
    ErrorCode::Corrupt,          ErrorCode::Unsupported,     ErrorCode::Io,
    ErrorCode::Cancelled,        ErrorCode::Internal,
};
constexpr Activity kAllActivities[] = {Activity::General,    Activity::SignIn, Activity::OpenStorage,
                                       Activity::DataAccess, Activity::Unlock, Activity::ManageUsers,
                                       Activity::Connect};

}  // namespace

BOOST_AUTO_TEST_SUITE(ErrorTextTest)

BOOST_AUTO_TEST_CASE(EveryCodeGivesASentenceThatHidesTheTechnicalMessage) {
  const std::string technical = "sqlite3_step: disk I/O error (Storage.cpp:120)";
  for (const ErrorCode code : kAllCodes) {
    for (const Activity activity : kAllActivities) {
      if (activity == Activity::ManageUsers && code == ErrorCode::InvalidArgument) {
        continue;  // shows the broken account rule: see the test below
      }
      const wxString text = ErrorText(Fail(code, technical, "platedesk.db"), activity);
      BOOST_TEST_CONTEXT("code " << ErrorCodeName(code) << ", activity " << static_cast<int>(activity)) {
        BOOST_TEST(text.length() > 10u);
        BOOST_TEST(text.EndsWith(wxS(".")));
        BOOST_TEST(text.Find(wxS("sqlite3")) == wxNOT_FOUND);
        BOOST_TEST(text.Find(wxS("Storage.cpp")) == wxNOT_FOUND);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(SignInTellsWrongPasswordLockedAndDisabledApart) {
  const wxString wrong = ErrorText(Fail(ErrorCode::Unauthenticated, "x"), Activity::SignIn);
  const wxString locked = ErrorText(Fail(ErrorCode::Locked, "x"), Activity::SignIn);
  const wxString disabled = ErrorText(Fail(ErrorCode::PermissionDenied, "x"), Activity::SignIn);
  BOOST_TEST(wrong.Find(wxS("password")) != wxNOT_FOUND);
  BOOST_TEST(locked.Find(wxS("locked")) != wxNOT_FOUND);
  BOOST_TEST(disabled.Find(wxS("disabled")) != wxNOT_FOUND);
  const std::set<wxString> distinct{wrong, locked, disabled};
  BOOST_TEST(distinct.size() == 3u);
}

BOOST_AUTO_TEST_CASE(OpeningAFolderWithoutStorageSaysSoAndHowToMakeOne) {
  const wxString text = ErrorText(Fail(ErrorCode::NotFound, "no platedesk.db"), Activity::OpenStorage);
  BOOST_TEST(text.Find(wxS("does not contain a PlateDesk storage")) != wxNOT_FOUND);
  BOOST_TEST(text.Find(wxS("platedesk-cli demo")) != wxNOT_FOUND);
  BOOST_TEST(text != ErrorText(Fail(ErrorCode::NotFound, "no platedesk.db"), Activity::General));
}

BOOST_AUTO_TEST_CASE(AFolderTheServerOwnsIsNotCalledALockedSession) {
  Error served = Fail(ErrorCode::Locked, "served by platedesk-server pid 7");
  served.detail = ErrorDetail::StorageServed;
  const wxString text = ErrorText(served, Activity::OpenStorage);
  BOOST_TEST(text.Find(wxS("storage server")) != wxNOT_FOUND);
  BOOST_TEST(text.Find(wxS("session")) == wxNOT_FOUND);
  BOOST_TEST(text.EndsWith(wxS(".")));
}

BOOST_AUTO_TEST_CASE(UnlockTellsAWrongPasswordFromANowLockedAccount) {
  const wxString wrong = ErrorText(Fail(ErrorCode::Unauthenticated, "x"), Activity::Unlock);
  const wxString locked = ErrorText(Fail(ErrorCode::Locked, "x"), Activity::Unlock);
  BOOST_TEST(wrong.Find(wxS("password")) != wxNOT_FOUND);
  BOOST_TEST(wrong.Find(wxS("user name")) == wxNOT_FOUND);  // the user is known on the lock screen
  BOOST_TEST(locked.Find(wxS("now locked")) != wxNOT_FOUND);
  BOOST_TEST(locked.Find(wxS("Sign out")) != wxNOT_FOUND);
  BOOST_TEST(wrong != ErrorText(Fail(ErrorCode::Unauthenticated, "x"), Activity::General));
}

BOOST_AUTO_TEST_CASE(ManagingUsersShowsTheAccountRuleThatWasBroken) {
  const wxString policy =
      ErrorText(Fail(ErrorCode::InvalidArgument, "this password is on the list of common passwords; choose another"),
                Activity::ManageUsers);
  BOOST_TEST(FromWx(policy) ==
             "This cannot be saved. This password is on the list of common passwords; choose another.");
  const wxString dotted = ErrorText(Fail(ErrorCode::InvalidArgument, "the rule."), Activity::ManageUsers);
  BOOST_TEST(FromWx(dotted) == "This cannot be saved. The rule.");
  BOOST_TEST(ErrorText(Fail(ErrorCode::AlreadyExists, "x"), Activity::ManageUsers).Find(wxS("user")) != wxNOT_FOUND);
  // Elsewhere an invalid argument keeps the general sentence.
  BOOST_TEST(ErrorText(Fail(ErrorCode::InvalidArgument, "the rule"), Activity::General).Find(wxS("rule")) ==
             wxNOT_FOUND);
}

BOOST_AUTO_TEST_CASE(ConnectingNamesTheAddressAndPinNotAStorageFolder) {
  const wxString form = ErrorText(Fail(ErrorCode::InvalidArgument, "x"), Activity::Connect);
  BOOST_TEST(form.Find(wxS("https://")) != wxNOT_FOUND);
  BOOST_TEST(form.Find(wxS("pin")) != wxNOT_FOUND);
  BOOST_TEST(ErrorText(Fail(ErrorCode::NotFound, "x"), Activity::Connect).Find(wxS("CA certificate")) != wxNOT_FOUND);
  // A server's answers are not a folder's: no "storage"/"folder" sentence for these.
  for (const ErrorCode code : {ErrorCode::Unsupported, ErrorCode::Corrupt, ErrorCode::Io, ErrorCode::NotFound}) {
    const wxString text = ErrorText(Fail(code, "x"), Activity::Connect);
    BOOST_TEST_CONTEXT("code " << ErrorCodeName(code)) {
      BOOST_TEST(text.Find(wxS("folder")) == wxNOT_FOUND);
      BOOST_TEST(text.Find(wxS("storage")) == wxNOT_FOUND);
    }
  }
  // Trust and reachability read the same whatever the activity: they are told apart by detail.
  const wxString untrusted =
      ErrorText(Fail(ErrorCode::Io, ErrorDetail::ServerNotTrusted, "pin mismatch"), Activity::Connect);
  BOOST_TEST(untrusted.Find(wxS("intercepting")) != wxNOT_FOUND);
  BOOST_TEST(untrusted == ErrorText(Fail(ErrorCode::Io, ErrorDetail::ServerNotTrusted, "x"), Activity::General));
  BOOST_TEST(ErrorText(Fail(ErrorCode::Io, ErrorDetail::ServerUnreachable, "x"), Activity::Connect)
                 .Find(wxS("did not answer")) != wxNOT_FOUND);
}

BOOST_AUTO_TEST_CASE(EachAccessRuleShowsTheCoresReasonAndItsOwnNextStep) {
  // Every rule's refusal reads: recorded, the core's reason (as the CLI prints it), what to do.
  std::set<wxString> steps;
  for (int d = static_cast<int>(ErrorDetail::TrainingMissing); d <= static_cast<int>(kLastErrorDetail); ++d) {
    const auto detail = static_cast<ErrorDetail>(d);
    BOOST_TEST_CONTEXT(ErrorDetailName(detail)) {
      const Error refused = Fail(ErrorCode::PermissionDenied, detail, "case 26-004512 is closed; a closed case");
      const wxString text = ErrorText(refused, Activity::DataAccess);
      BOOST_TEST(text.StartsWith(wxS("Refused, and the refusal was recorded. Case 26-004512 is closed")), text);
      const wxString step = RefusalNextStep(refused);
      BOOST_TEST(text.EndsWith(step), text);
      BOOST_TEST(step.EndsWith(wxS(".")));
      BOOST_TEST(step != RefusalNextStep(Fail(ErrorCode::PermissionDenied, "x")), "a step of its own");
      steps.insert(step);
    }
  }
  // Unknown and withdrawn purposes, and the two prohibited uses, share their advice.
  const int rules = static_cast<int>(kLastErrorDetail) - static_cast<int>(ErrorDetail::TrainingMissing) + 1;
  BOOST_TEST(steps.size() == static_cast<std::size_t>(rules - 2));
  // The approval the search needs is a rule too; a refusal no rule names says whom to ask.
  BOOST_TEST(
      ErrorText(Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded, "needs approval"), Activity::DataAccess)
          .Contains(wxS("Request approval")));
  BOOST_TEST(RefusalNextStep(Fail(ErrorCode::PermissionDenied, "x")).Contains(wxS("supervisor")));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
