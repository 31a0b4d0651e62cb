// SPDX-License-Identifier: GPL-3.0-or-later
// The administrator's Users page in the real main window over a demo storage with the demo
// accounts: listing, adding (with the password policy's error), unlocking, authenticator
// enrolment with its QR code, the audit key; and that other roles do not get the page.
// Leaves gui-users.png, gui-add-user.png and gui-totp.png in <build>/screenshots (ScreenshotPath).
#include "AccountsFixture.h"
#include "GuiTestSupport.h"
#include "views/MainFrame.h"
#include "views/TotpDialog.h"
#include "views/UsersPanel.h"
#include "views/support/NavigationList.h"
#include "views/support/QrCode.h"
#include "views/support/Strings.h"

#include "platedesk/access/Totp.h"
#include "platedesk/common/Hash.h"
#include "platedesk/evidence/Package.h"

#include <boost/test/unit_test.hpp>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/textdlg.h>
// wx/msgdlg.h declares the base class that the generic dialog extends: it comes first.
// clang-format off
#include <wx/msgdlg.h>
#include <wx/generic/msgdlgg.h>
// clang-format on
#include <wx/listctrl.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <map>

namespace platedesk::views {
namespace {

using namespace platedesk::tests;
using namespace std::chrono_literals;

// Column order of the list (UsersPanel.cpp).
enum Col { kName, kDisplayName, kRole, kDisabled, kLocked, kAuthenticator, kTrained, kExpires };

struct UsersPage {
  MainFrame* frame = nullptr;
  UsersPanel* panel = nullptr;
  wxListCtrl* list = nullptr;
  int section = -1;  ///< the Users section's index in the navigation

  explicit UsersPage(MainFrame* f) : frame(f) {
    auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
    auto* sections = FindNamed<wxBookCtrlBase>(frame, wxS("sections"));
    BOOST_REQUIRE(navigation != nullptr);
    BOOST_REQUIRE(sections != nullptr);
    // The Users section comes after the sections of every role (Overview and Search first), then
    // Cameras and Administration.
    int users = -1;
    for (std::size_t i = 0; i < navigation->SectionCount(); ++i)
      if (FromWx(navigation->SectionLabel(i)) == "Users") users = static_cast<int>(i);
    BOOST_REQUIRE(users >= 0);
    BOOST_TEST(static_cast<std::size_t>(users) == navigation->SectionCount() - 3);
    BOOST_TEST(FromWx(navigation->SectionLabel(navigation->SectionCount() - 1)) == "Administration");
    navigation->SetSelection(users);
    wxCommandEvent select(wxEVT_LISTBOX, navigation->GetId());
    select.SetEventObject(navigation);
    select.SetInt(users);
    navigation->ProcessWindowEvent(select);
    panel = FindNamed<UsersPanel>(frame, wxS("usersPanel"));
    list = FindNamed<wxListCtrl>(frame, wxS("usersList"));
    BOOST_REQUIRE(panel != nullptr);
    BOOST_REQUIRE(list != nullptr);
    BOOST_TEST(sections->GetSelection() == users);
    section = users;
    PumpFor(100ms);
    BOOST_TEST(panel->IsShownOnScreen());
  }

  // The rows as text, by user name.
  [[nodiscard]] std::map<std::string, std::vector<std::string>> Rows() const {
    std::map<std::string, std::vector<std::string>> rows;
    for (long i = 0; i < list->GetItemCount(); ++i) {
      std::vector<std::string> cells;
      for (int c = 0; c < list->GetColumnCount(); ++c) {
        cells.push_back(FromWx(list->GetItemText(i, c)));
      }
      rows[cells[kName]] = cells;
    }
    return rows;
  }

  [[nodiscard]] wxButton* Button(const wxString& name) const {
    auto* button = FindNamed<wxButton>(panel, name);
    BOOST_REQUIRE(button != nullptr);
    return button;
  }

  [[nodiscard]] wxString Message() const {
    auto* message = FindNamed<wxStaticText>(panel, wxS("usersMessage"));
    BOOST_REQUIRE(message != nullptr);
    wxString text = message->GetLabel();
    text.Replace(wxS("\n"), wxS(" "));
    return text;
  }
};

wxString DialogError(wxWindow* dialog, const wxString& name) {
  auto* error = FindNamed<wxStaticText>(dialog, name);
  BOOST_REQUIRE(error != nullptr);
  if (!error->IsShown()) {
    return wxString();
  }
  wxString text = error->GetLabel();
  text.Replace(wxS("\n"), wxS(" "));
  return text;
}

// Confirms the enrolment question, gives the password again when enrolling oneself (and no code:
// none is enrolled yet), then runs `inspect` on the TotpDialog and closes it, as a user would;
// `trigger` is the click that starts it. Returns whether every dialog came up.
bool EnrolThroughTheDialogs(const std::function<void()>& trigger, const std::function<void(TotpDialog&)>& inspect,
                            const char* ownPassword = nullptr) {
  bool confirmed = false;
  bool reauthenticated = ownPassword == nullptr;
  bool coded = ownPassword == nullptr;
  bool shown = false;
  auto showTotp = [&] {
    WhenModal<TotpDialog>(
        wxS("totpDialog"),
        [&](TotpDialog& dialog) {
          inspect(dialog);
          dialog.EndModal(wxID_OK);
        },
        &shown);
  };
  WhenModal<wxGenericMessageDialog>(
      wxString(),
      [&](wxGenericMessageDialog& confirm) {
        if (ownPassword != nullptr) {
          WhenModal<wxPasswordEntryDialog>(
              wxString(),
              [&](wxPasswordEntryDialog& password) {
                WhenModal<wxTextEntryDialog>(
                    wxString(),
                    [&](wxTextEntryDialog& code) {
                      showTotp();
                      code.EndModal(wxID_OK);
                    },
                    &coded);
                password.SetValue(wxString::FromUTF8(ownPassword));
                password.EndModal(wxID_OK);
              },
              &reauthenticated);
        } else {
          showTotp();
        }
        confirm.EndModal(wxID_YES);
      },
      &confirmed);
  trigger();
  return confirmed && reauthenticated && coded && shown;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(UsersPanelTest)

BOOST_AUTO_TEST_CASE(AdministratorsSeeEveryDemoUserWithTheirStateAndTheAuditKey) {
  AccountsStorage storage;
  {
    // Before the frame: one auditor's training ran out long ago, a supervisor is disabled.
    auto admin = storage.SignIn(kAdministrator);
    BOOST_REQUIRE(admin->SetTraining("auditor", storage.clock.Now() - 800 * kMsPerDay, std::nullopt).Ok());
    BOOST_REQUIRE(admin->SetDisabled("supervisor", true).Ok());
    BOOST_REQUIRE(admin->Logout().Ok());
  }
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  const UsersPage page(frame);
  const auto rows = page.Rows();
  BOOST_REQUIRE(rows.size() == 4u);
  for (const DemoAccount& account : kDemoAccounts) {
    BOOST_TEST_CONTEXT(account.name) {
      BOOST_REQUIRE(rows.count(account.name) == 1u);
      const auto& row = rows.at(account.name);
      BOOST_TEST(row[kDisplayName] == account.displayName);
      BOOST_TEST(row[kRole] == FromWx(RoleText(account.role)));
      BOOST_TEST(row[kLocked].empty());
      BOOST_TEST(row[kAuthenticator] == "none");
      BOOST_TEST(row[kTrained] != "none");
    }
  }
  BOOST_TEST(rows.at("detective")[kTrained] == FormatDate(storage.clock.Now()));
  BOOST_TEST(rows.at("detective")[kExpires] == FormatDate(storage.clock.Now() + 365 * kMsPerDay));
  BOOST_TEST(rows.at("auditor")[kExpires] == "expired " + FormatDate(storage.clock.Now() - 435 * kMsPerDay));
  BOOST_TEST(rows.at("supervisor")[kDisabled] == "Disabled");
  BOOST_TEST(rows.at("detective")[kDisabled].empty());

  // Actions wait for a selection; Unlock only for a locked account; Disable reads Enable for a
  // disabled one.
  BOOST_TEST(!page.Button(wxS("usersRole"))->IsEnabled());
  BOOST_TEST(page.Button(wxS("usersAdd"))->IsEnabled());
  BOOST_REQUIRE(page.panel->SelectUser("supervisor"));
  BOOST_TEST(page.Button(wxS("usersRole"))->IsEnabled());
  BOOST_TEST(!page.Button(wxS("usersUnlock"))->IsEnabled());
  BOOST_TEST(page.Button(wxS("usersDisable"))->GetLabel().Contains(wxS("Enable")));

  // The verifier key and its fingerprint.
  auto* key = FindNamed<wxTextCtrl>(frame, wxS("auditKey"));
  auto* fingerprint = FindNamed<wxStaticText>(frame, wxS("auditKeyFingerprint"));
  BOOST_REQUIRE(key != nullptr);
  BOOST_REQUIRE(fingerprint != nullptr);
  const std::string keyText = FromWx(key->GetValue());
  // "<name>+<8 hex digits of key id>+<base64 key>" (the base64 may hold '+' too).
  const std::size_t plus = keyText.find('+');
  BOOST_REQUIRE(plus != std::string::npos);
  BOOST_REQUIRE(keyText.size() > plus + 9 + 40);
  BOOST_TEST(keyText[plus + 9] == '+');
  const std::string keyId = keyText.substr(plus + 1, 8);
  BOOST_TEST(fingerprint->GetLabel().Contains(wxString::FromUTF8("Key ID " + keyId)));
  // The fingerprint evidence packages carry (and `platedesk-cli verify` prints): one string to compare.
  const std::string expected = evidence::KeyFingerprint(keyText).Value();
  BOOST_TEST(expected.size() == 64u + 15u);  // 16 groups of four hex digits
  BOOST_TEST(fingerprint->GetLabel().Contains(wxString::FromUTF8(expected)));
  BOOST_TEST(FromWx(UsersPanel::KeyFingerprint(keyText)) == expected);

  page.panel->SelectUser("auditor");
  const wxBitmap shot = CaptureWindow(frame);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-users.png")), wxBITMAP_TYPE_PNG));
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(AddingAUserShowsThePolicyErrorThenListsTheNewUser) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  const UsersPage page(frame);
  const std::string password = "quiet harbour lamps 19";

  bool ran = false;
  wxString policyError;
  wxString mismatchError;
  bool stayedOpen = false;
  WhenModal<wxDialog>(
      wxS("accountDialog"),
      [&](wxDialog& dialog) {
        FindNamed<wxTextCtrl>(&dialog, wxS("accountName"))->SetValue(wxS("m.chen"));
        FindNamed<wxTextCtrl>(&dialog, wxS("accountDisplayName"))->SetValue(wxS("Morgan Chen"));
        FindNamed<wxChoice>(&dialog, wxS("accountRole"))->SetSelection(1);  // Supervisor
        auto* first = FindNamed<wxTextCtrl>(&dialog, wxS("accountPassword"));
        auto* again = FindNamed<wxTextCtrl>(&dialog, wxS("accountPasswordAgain"));
        auto* ok = FindNamed<wxButton>(&dialog, wxS("accountOk"));
        first->SetValue(wxS("short"));
        again->SetValue(wxS("short"));
        Click(ok);
        policyError = DialogError(&dialog, wxS("accountError"));
        BOOST_TEST(CaptureWindow(&dialog).SaveFile(ScreenshotPath(wxS("gui-add-user.png")), wxBITMAP_TYPE_PNG));
        first->SetValue(wxString::FromUTF8(password));
        again->SetValue(wxS("quiet harbour lamps 91"));
        Click(ok);
        mismatchError = DialogError(&dialog, wxS("accountError"));
        stayedOpen = dialog.IsModal();
        first->SetValue(wxString::FromUTF8(password));
        again->SetValue(wxString::FromUTF8(password));
        Click(ok);  // ends the dialog
      },
      &ran);
  Click(page.Button(wxS("usersAdd")));
  BOOST_TEST(ran);
  BOOST_TEST(
      FromWx(policyError) ==
      "This cannot be saved. The password must have at least 8 characters (a passphrase with spaces is welcome).");
  BOOST_TEST(mismatchError.Contains(wxS("not the same")));
  BOOST_TEST(stayedOpen);

  const auto rows = page.Rows();
  BOOST_REQUIRE(rows.count("m.chen") == 1u);
  BOOST_TEST(rows.at("m.chen")[kDisplayName] == "Morgan Chen");
  BOOST_TEST(rows.at("m.chen")[kRole] == "Supervisor");
  BOOST_TEST(rows.at("m.chen")[kTrained] == "none");
  BOOST_TEST(rows.at("m.chen")[kExpires] == "none");
  BOOST_TEST(page.panel->SelectedUser().value_or("") == "m.chen");
  BOOST_TEST(page.Message().Contains(wxS("m.chen was added as Supervisor")));
  BOOST_TEST(storage.LastEvent() == "user.added");
  // The account is real: it signs in with the password typed in the dialog.
  BOOST_TEST(storage.TrySignIn("m.chen", password).Ok());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(AnAdministratorUnlocksALockedAccount) {
  AccountsStorage storage;
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(!storage.TrySignIn(kDetective.name, "wrong wrong wrong").Ok());
  }
  BOOST_TEST(storage.LastEvent() == "account.locked");
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  const UsersPage page(frame);
  BOOST_TEST(page.Rows().at("detective")[kLocked] == "Locked");
  BOOST_TEST(page.Rows().at("supervisor")[kLocked].empty());
  // Locked while the page was out of view: coming back to it shows it.
  auto* sections = FindNamed<wxBookCtrlBase>(frame, wxS("sections"));
  sections->ChangeSelection(0);
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(!storage.TrySignIn("supervisor", "wrong wrong wrong").Ok());
  }
  sections->ChangeSelection(static_cast<std::size_t>(page.section));
  BOOST_TEST(page.Rows().at("supervisor")[kLocked] == "Locked");
  BOOST_REQUIRE(page.panel->SelectUser("detective"));
  BOOST_REQUIRE(page.Button(wxS("usersUnlock"))->IsEnabled());
  Click(page.Button(wxS("usersUnlock")));
  BOOST_TEST(page.Rows().at("detective")[kLocked].empty());
  BOOST_TEST(!page.Button(wxS("usersUnlock"))->IsEnabled());
  BOOST_TEST(page.Message().Contains(wxS("unlocked")));
  BOOST_TEST(storage.LastEvent() == "account.unlocked");
  BOOST_TEST(storage.TrySignIn(kDetective.name, kDetective.password).Ok());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(RoleTrainingPasswordAndDisablingGoThroughTheSessionAndShowInTheList) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  const UsersPage page(frame);
  BOOST_REQUIRE(page.panel->SelectUser("detective"));

  // Change Role...: detective -> supervisor.
  bool ran = false;
  WhenModal<wxSingleChoiceDialog>(
      wxS("roleDialog"),
      [](wxSingleChoiceDialog& dialog) {
        dialog.SetSelection(1);  // Supervisor
        dialog.EndModal(wxID_OK);
      },
      &ran);
  Click(page.Button(wxS("usersRole")));
  BOOST_TEST(ran);
  BOOST_TEST(page.Rows().at("detective")[kRole] == "Supervisor");
  BOOST_TEST(storage.LastEvent() == "role.changed");

  // Training...: completed on 2026-03-02, expiring (by default) a year later.
  ran = false;
  wxString expiryShown;
  WhenModal<wxDialog>(
      wxS("trainingDialog"),
      [&](wxDialog& dialog) {
        auto* completed = FindNamed<wxDatePickerCtrl>(&dialog, wxS("trainingCompleted"));
        auto* expires = FindNamed<wxDatePickerCtrl>(&dialog, wxS("trainingExpires"));
        BOOST_REQUIRE(completed != nullptr);
        BOOST_REQUIRE(expires != nullptr);
        completed->SetValue(wxDateTime(2, wxDateTime::Mar, 2026));
        wxDateEvent changed(completed, completed->GetValue(), wxEVT_DATE_CHANGED);
        completed->ProcessWindowEvent(changed);
        expiryShown = expires->GetValue().FormatISODate();
        BOOST_TEST(!expires->IsEnabled());
        Click(FindNamed<wxButton>(&dialog, wxS("trainingOk")));
      },
      &ran);
  Click(page.Button(wxS("usersTraining")));
  BOOST_TEST(ran);
  BOOST_TEST(FromWx(expiryShown) == "2027-03-02");
  BOOST_TEST(page.Rows().at("detective")[kTrained] == "2026-03-02");
  BOOST_TEST(page.Rows().at("detective")[kExpires] == "2027-03-02");
  BOOST_TEST(storage.LastEvent() == "training.changed");

  // New Password...: a common password is refused with the policy's words, then a good one works.
  ran = false;
  wxString refused;
  const std::string password = "copper kettle morning 88";
  WhenModal<wxDialog>(
      wxS("accountDialog"),
      [&](wxDialog& dialog) {
        BOOST_TEST(FindNamed<wxWindow>(&dialog, wxS("accountName")) == nullptr);  // only the password
        auto* first = FindNamed<wxTextCtrl>(&dialog, wxS("accountPassword"));
        auto* again = FindNamed<wxTextCtrl>(&dialog, wxS("accountPasswordAgain"));
        first->SetValue(wxS("password123"));
        again->SetValue(wxS("password123"));
        Click(FindNamed<wxButton>(&dialog, wxS("accountOk")));
        refused = DialogError(&dialog, wxS("accountError"));
        first->SetValue(wxString::FromUTF8(password));
        again->SetValue(wxString::FromUTF8(password));
        Click(FindNamed<wxButton>(&dialog, wxS("accountOk")));
      },
      &ran);
  Click(page.Button(wxS("usersPassword")));
  BOOST_TEST(ran);
  BOOST_TEST(refused.StartsWith(wxS("This cannot be saved.")));
  BOOST_TEST(storage.LastEvent() == "password.changed");
  BOOST_TEST(!storage.TrySignIn(kDetective.name, kDetective.password).Ok());
  {
    // An administrator's password works once, only to choose a new one (issue 10 item 5).
    auto withReset = storage.TrySignIn(kDetective.name, password);
    BOOST_REQUIRE(!withReset.Ok());
    BOOST_TEST((withReset.Err().detail == ErrorDetail::PasswordChangeNeeded));
    workstation::LoginRequest request;
    request.user = kDetective.name;
    request.password = password;
    request.newPassword = "own choice of words 42";
    request.bannerAccepted = true;
    BOOST_TEST(storage.workstation->Login(request).Ok());
  }
  const std::string chosen = "own choice of words 42";

  // Disable (confirmed), then Enable.
  ran = false;
  WhenModal<wxGenericMessageDialog>(
      wxString(), [](wxGenericMessageDialog& confirm) { confirm.EndModal(wxID_YES); }, &ran);
  Click(page.Button(wxS("usersDisable")));
  BOOST_TEST(ran);
  BOOST_TEST(page.Rows().at("detective")[kDisabled] == "Disabled");
  BOOST_TEST(storage.LastEvent() == "user.disabled");
  BOOST_TEST(!storage.TrySignIn(kDetective.name, chosen).Ok());
  BOOST_TEST(page.Button(wxS("usersDisable"))->GetLabel().Contains(wxS("Enable")));
  Click(page.Button(wxS("usersDisable")));
  BOOST_TEST(page.Rows().at("detective")[kDisabled].empty());
  BOOST_TEST(storage.TrySignIn(kDetective.name, chosen).Ok());

  // An administrator cannot disable themself: the core's rule, shown in the panel.
  BOOST_REQUIRE(page.panel->SelectUser("administrator"));
  ran = false;
  WhenModal<wxGenericMessageDialog>(
      wxString(), [](wxGenericMessageDialog& confirm) { confirm.EndModal(wxID_YES); }, &ran);
  Click(page.Button(wxS("usersDisable")));
  BOOST_TEST(ran);
  BOOST_TEST(page.Message().Contains(wxS("cannot disable your own account")));
  BOOST_TEST(page.Rows().at("administrator")[kDisabled].empty());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(EnrolmentShowsTheUriAsAQrCodeOnceAndItsSecretSignsIn) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  const UsersPage page(frame);
  BOOST_REQUIRE(page.panel->SelectUser("detective"));

  std::string uri;
  std::string secretShown;
  bool qrMatches = false;
  int qrModules = 0;
  const bool enrolled = EnrolThroughTheDialogs(
      [&] { Click(page.Button(wxS("usersTotp"))); },
      [&](TotpDialog& dialog) {
        uri = dialog.Uri();
        auto* secret = FindNamed<wxTextCtrl>(&dialog, wxS("totpSecret"));
        auto* link = FindNamed<wxTextCtrl>(&dialog, wxS("totpUri"));
        auto* qr = FindNamed<wxStaticBitmap>(&dialog, wxS("totpQr"));
        BOOST_REQUIRE(secret != nullptr);
        BOOST_REQUIRE(link != nullptr);
        BOOST_REQUIRE(qr != nullptr);
        BOOST_TEST(FromWx(link->GetValue()) == uri);
        secretShown = FromWx(secret->GetValue());
        Result<QrCode> expected = QrCode::Encode(uri);
        BOOST_REQUIRE(expected.Ok());
        qrModules = expected->Size();
        const wxImage image = qr->GetBitmap().ConvertToImage();
        const int modulePixels = image.GetWidth() / (expected->Size() + 2 * QrCode::kQuietZone);
        BOOST_TEST(modulePixels >= 2);
        qrMatches = ImageMatches(image, *expected, modulePixels);
        PumpFor(200ms);
        BOOST_TEST(CaptureWindow(&dialog).SaveFile(ScreenshotPath(wxS("gui-totp.png")), wxBITMAP_TYPE_PNG));
      });
  BOOST_TEST(enrolled);
  BOOST_TEST(uri.rfind("otpauth://totp/", 0) == 0);
  BOOST_TEST(uri.find("detective") != std::string::npos);
  BOOST_TEST(qrModules >= 21);
  BOOST_TEST(qrMatches);  // the picture holds exactly the modules of the URI's code
  std::string secret = secretShown;
  std::erase(secret, ' ');
  BOOST_TEST(!secret.empty());
  BOOST_TEST(secret == TotpDialog::SecretOf(uri));
  BOOST_TEST(uri.find("secret=" + secret) != std::string::npos);
  // An administrator's enrolment counts once the user confirms it with a first code (issue 10).
  BOOST_TEST(page.Rows().at("detective")[kAuthenticator] == "Waiting for first code");
  BOOST_TEST(storage.LastEvent() == "totp.enrolled");

  // What the dialog showed is the real secret: a code made from it signs the detective in and
  // confirms it; without a code the sign-in is refused from then on.
  const auto code = access::Totp::CodeAt(secret, access::Totp::StepAt(storage.clock.Now()));
  BOOST_REQUIRE(code.Ok());
  BOOST_TEST(storage.TrySignIn(kDetective.name, kDetective.password, *code).Ok());
  BOOST_TEST(!storage.TrySignIn(kDetective.name, kDetective.password).Ok());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(OtherRolesHaveNoUsersSectionButEnrolThemselves) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
  BOOST_REQUIRE(navigation != nullptr);
  for (std::size_t i = 0; i < navigation->SectionCount(); ++i) {
    BOOST_TEST(FromWx(navigation->SectionLabel(i)) != "Users");
  }
  BOOST_TEST(FindNamed<UsersPanel>(frame, wxS("usersPanel")) == nullptr);
  BOOST_TEST(FindNamed<wxWindow>(frame, wxS("auditKey")) == nullptr);

  // Account > Enrol Authenticator App... enrols the signed-in user.
  std::string uri;
  BOOST_TEST(EnrolThroughTheDialogs([&] { ClickMenu(frame, wxS("Account"), wxS("Enrol Authenticator App...")); },
                                    [&](TotpDialog& dialog) { uri = dialog.Uri(); }, kDetective.password));
  BOOST_TEST(uri.find("detective") != std::string::npos);
  BOOST_TEST(storage.LastEvent() == "totp.enrolled");
  frame->Close(true);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
