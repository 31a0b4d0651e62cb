// SPDX-License-Identifier: GPL-3.0-or-later
// Accountability end to end through the CLI: sessions, lockout, TOTP, training, purposes, audit.
#include "CliSupport.h"

#include "platedesk/access/Totp.h"
#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::testsupport;
namespace fs = std::filesystem;

namespace {

const char* kAdminPassword = "slate river morning";
const char* kDetectivePassword = "tide pool lantern";

struct Agency {
  TempFolder t;
  fs::path dir = t.Path() / "agency";
  std::string S() const { return " --storage " + ShellQuote(dir.string()); }

  Agency() {
    // No second factor required at first, so one unenrolled administrator can set the world up;
    // tests about MFA turn it on (issue 10: required MFA covers administration too).
    BOOST_TEST_REQUIRE(
        RunCli("init" + S() + " --admin a.rivera --no-mfa", {}, std::string(kAdminPassword) + "\n").exitCode == 0);
    BOOST_TEST_REQUIRE(Admin("user add d.reyes --role detective", std::string(kDetectivePassword) + "\n").exitCode ==
                       0);
    BOOST_TEST_REQUIRE(
        Admin("user set-training d.reyes --completed " + FormatDate(SystemClock().Now() - 10 * kMsPerDay)).exitCode ==
        0);
  }
  ProcessResult Admin(const std::string& args, const std::string& in = {}) {
    return RunCli(args + S() + " --user a.rivera", {{"PLATEDESK_PASSWORD", kAdminPassword}}, in);
  }
  ProcessResult Detective(const std::string& args, std::map<std::string, std::string> env = {}) {
    env.emplace("PLATEDESK_PASSWORD", kDetectivePassword);
    return RunCli(args + S() + " --user d.reyes", env);
  }
  std::string Read(const std::string& ctx) { return "read 1 " + ctx; }
};

const std::string kGoodContext = "--case 26-004512 --purpose INV-PROPERTY --justification " +
                                 ShellQuote("Burglary 5th Ave, grey sedan seen leaving");

}  // namespace

BOOST_AUTO_TEST_SUITE(AccessCliTest)

BOOST_AUTO_TEST_CASE(PlateDataNeedsMfaWhereTheAgencyRequiresIt) {
  Agency a;
  BOOST_TEST_REQUIRE(a.Admin("config set mfa_required 1").exitCode == 0);
  auto r = a.Detective("read 1 " + kGoodContext);
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("second factor") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(TotpIsRequiredOnceEnrolledAndEachCodeWorksOnce) {
  Agency a;
  auto enrolled = a.Admin("user enroll-totp d.reyes");
  BOOST_TEST_REQUIRE(enrolled.exitCode == 0, enrolled.err);
  const auto pos = enrolled.out.find("secret=");
  BOOST_TEST_REQUIRE(pos != std::string::npos);
  const std::string secret = enrolled.out.substr(pos + 7, enrolled.out.find('&', pos) - pos - 7);

  // Enrolled by an administrator, the authenticator counts once the detective signs in with a
  // first code from it; from then on a code is required.
  const std::string code = access::Totp::CodeAt(secret, access::Totp::StepAt(SystemClock().Now())).Value();
  auto ok = a.Detective("login", {{"PLATEDESK_TOTP", code}});
  BOOST_TEST_REQUIRE(ok.exitCode == 0, ok.err);
  BOOST_TEST(RunCli("logout" + a.S()).exitCode == 0);
  auto noCode = a.Detective("login");
  BOOST_TEST(noCode.exitCode == 1);
  BOOST_TEST(noCode.err.find("one-time code") != std::string::npos, noCode.err);
  auto replay = a.Detective("login", {{"PLATEDESK_TOTP", code}});
  BOOST_TEST(replay.exitCode == 1);
  BOOST_TEST(replay.err.find("already used") != std::string::npos, replay.err);
}

BOOST_AUTO_TEST_CASE(ALoginSessionIsReusedUntilLogout) {
  Agency a;
  BOOST_TEST_REQUIRE(a.Admin("login").exitCode == 0);
  auto list = RunCli("purpose list" + a.S());  // no --user, no password: the saved session
  BOOST_TEST(list.exitCode == 0, list.err);
  BOOST_TEST(list.out.find("PROHIB-IMMIGRATION") != std::string::npos);
  BOOST_TEST(RunCli("logout" + a.S()).exitCode == 0);
  auto after = RunCli("purpose list" + a.S());
  BOOST_TEST(after.exitCode == 1);
  BOOST_TEST(after.err.find("not signed in") != std::string::npos, after.err);
}

BOOST_AUTO_TEST_CASE(FiveWrongPasswordsLockUntilAnAdministratorUnlocks) {
  Agency a;
  for (int i = 0; i < 5; ++i)
    BOOST_TEST(a.Detective("purpose list", {{"PLATEDESK_PASSWORD", "wrong guess here"}}).exitCode == 1);
  auto locked = a.Detective("purpose list");
  BOOST_TEST(locked.exitCode == 1);
  BOOST_TEST(locked.err.find("locked") != std::string::npos, locked.err);
  BOOST_TEST(a.Admin("user unlock d.reyes").exitCode == 0);
  BOOST_TEST(a.Detective("purpose list").exitCode == 0);
  auto trail = a.Admin("audit list --event account.locked");
  BOOST_TEST(trail.exitCode == 1);  // administrators do not review the trail
  BOOST_TEST(a.Admin("user add s.okafor --role supervisor", "cedar lantern ridge\n").exitCode == 0);
  auto review = RunCli("audit list --event account.* --format csv" + a.S() + " --user s.okafor",
                       {{"PLATEDESK_PASSWORD", "cedar lantern ridge"}});
  BOOST_TEST(review.exitCode == 0, review.err);
  BOOST_TEST(review.out.find("account.locked") != std::string::npos, review.out);
  BOOST_TEST(review.out.find("account.unlocked") != std::string::npos, review.out);
}

BOOST_AUTO_TEST_CASE(ProhibitedPurposesAreRefusedWithTheirName) {
  Agency a;
  // Administrators do not record their own training: a second one records it.
  BOOST_TEST_REQUIRE(a.Admin("user add b.osei --role administrator", "orchard gate twilight\n").exitCode == 0);
  BOOST_TEST(a.Admin("user set-training a.rivera --completed " + FormatDate(SystemClock().Now())).exitCode == 1);
  BOOST_TEST_REQUIRE(
      RunCli("user set-training a.rivera --completed " + FormatDate(SystemClock().Now()) + a.S() + " --user b.osei",
             {{"PLATEDESK_PASSWORD", "orchard gate twilight"}})
          .exitCode == 0);
  // This agency does not require MFA (the setting is audited like any configuration change).
  BOOST_TEST_REQUIRE(a.Admin("config set mfa_required 0").exitCode == 0);
  auto r =
      a.Admin("read 1 --case 26-004512 --purpose PROHIB-IMMIGRATION --justification " + ShellQuote("look up a driver"));
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("prohibited") != std::string::npos, r.err);
  auto bad = a.Admin("read 1 --case 2026-1 --purpose INV-OTHER --justification " + ShellQuote("a long enough reason"));
  BOOST_TEST(bad.exitCode == 1);
}

BOOST_AUTO_TEST_CASE(AuditVerifyPassesThenCatchesAnEditedRecord) {
  Agency a;
  BOOST_TEST_REQUIRE(a.Admin("purpose add INV-FRAUD --label " + ShellQuote("Fraud investigation")).exitCode == 0);
  const fs::path cp = a.t.Path() / "anchor.checkpoint";
  auto checkpoint = a.Admin("audit checkpoint --out " + ShellQuote(cp.string()));
  BOOST_TEST_REQUIRE(checkpoint.exitCode == 0);
  // The verifier key the administrator publishes, kept by the auditor as a trusted key.
  const auto at = checkpoint.out.find("Verifier key: ");
  BOOST_TEST_REQUIRE(at != std::string::npos, checkpoint.out);
  const fs::path key = a.t.Path() / "agency-key.txt";
  BOOST_TEST_REQUIRE(WriteFileAtomic(key, checkpoint.out.substr(at + 14)).Ok());
  const std::string trusted = " --key " + ShellQuote(key.string());
  auto pass = RunCli("audit verify" + a.S() + " --checkpoint " + ShellQuote(cp.string()) + trusted);
  BOOST_TEST(pass.exitCode == 0, pass.out + pass.err);
  BOOST_TEST(pass.out.find("PASS") != std::string::npos);
  // Without a trusted key the log is only consistent with the keys it carries.
  auto untrusted = RunCli("audit verify" + a.S() + " --checkpoint " + ShellQuote(cp.string()));
  BOOST_TEST(untrusted.exitCode == 3, untrusted.out + untrusted.err);
  BOOST_TEST(untrusted.out.find("PASS") == std::string::npos, untrusted.out);
  // An attacker with file access edits one record (dropping the trigger that forbids it).
  const std::string db = (a.dir / "audit.db").string();
  auto edit = Run("sqlite3 " + ShellQuote(db) +
                  " \"DROP TRIGGER records_append_only; UPDATE records SET record = replace(record, 'INV-FRAUD', "
                  "'INV-FRAUX') WHERE record LIKE '%INV-FRAUD%';\"");
  BOOST_TEST_REQUIRE(edit.exitCode == 0, edit.err);
  auto fail = RunCli("audit verify" + a.S() + " --checkpoint " + ShellQuote(cp.string()) + trusted);
  BOOST_TEST(fail.exitCode == 1);
  BOOST_TEST(fail.out.find("FAIL") != std::string::npos, fail.out);
  BOOST_TEST(fail.out.find("at index") != std::string::npos, fail.out);
}

BOOST_AUTO_TEST_CASE(JsonListsHaveRealBooleansWhileTableAndCsvKeepTheirWords) {
  Agency a;
  BOOST_TEST_REQUIRE(
      a.Admin("purpose add INV-FRAUD --label " + ShellQuote("Fraud investigation") + " --needs-approval").exitCode ==
      0);
  auto purposes = a.Admin("purpose list --format json");
  BOOST_TEST_REQUIRE(purposes.exitCode == 0, purposes.err);
  const auto list = nlohmann::json::parse(purposes.out);
  std::map<std::string, nlohmann::json> byCode;
  for (const auto& p : list) byCode[p["code"].get<std::string>()] = p;
  BOOST_TEST_REQUIRE(byCode.count("INV-FRAUD") == 1u);
  BOOST_TEST(byCode["INV-FRAUD"]["approval_needed"].is_boolean());
  BOOST_TEST(byCode["INV-FRAUD"]["approval_needed"].get<bool>() == true);
  BOOST_TEST(byCode["INV-FRAUD"]["prohibited"].get<bool>() == false);
  BOOST_TEST(byCode["INV-FRAUD"]["disabled"].get<bool>() == false);
  BOOST_TEST(byCode["PROHIB-PERSONAL"]["prohibited"].is_boolean());
  BOOST_TEST(byCode["PROHIB-PERSONAL"]["prohibited"].get<bool>() == true);
  auto csv = a.Admin("purpose list --format csv");
  BOOST_TEST(csv.out.find("INV-FRAUD,Fraud investigation,yes,no,no") != std::string::npos, csv.out);
  BOOST_TEST(csv.out.find(",PROHIBITED,") != std::string::npos, csv.out);

  BOOST_TEST_REQUIRE(a.Admin("user disable d.reyes").exitCode == 0);
  auto users = a.Admin("user list --format json");
  BOOST_TEST_REQUIRE(users.exitCode == 0, users.err);
  for (const auto& u : nlohmann::json::parse(users.out)) {
    BOOST_TEST(u["disabled"].is_boolean());
    BOOST_TEST(u["locked"].get<bool>() == false);
    BOOST_TEST(u["disabled"].get<bool>() == (u["name"] == "d.reyes"));
  }
  auto table = a.Admin("user list");
  BOOST_TEST(table.out.find("yes") != std::string::npos, table.out);
}

BOOST_AUTO_TEST_SUITE_END()
