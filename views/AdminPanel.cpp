// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/AdminPanel.h"

#include "views/FormDialog.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/access/Policy.h"
#include "platedesk/common/Files.h"
#include "platedesk/ingest/Importer.h"

#include <wx/button.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <charconv>
#include <iterator>
#include <string>

namespace platedesk::views {

AdminPanel::AdminPanel(wxWindow* parent, std::shared_ptr<workstation::Session> session, AsyncJobs& jobs)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("adminPanel")),
      mSession(std::move(session)),
      mJobs(jobs) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Administration"));
  title->SetFont(GetFont().Scaled(1.4f).Bold());
  s->Add(title, 0, wxALL, FromDIP(16));
  auto button = [&](wxSizer* row, const wxString& label, const wxString& name) {
    auto* b = new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
    row->Add(b, 0, wxRIGHT, FromDIP(6));
    return b;
  };
  auto section = [&](const wxString& text) {
    auto* l = new wxStaticText(this, wxID_ANY, text);
    l->SetFont(GetFont().Bold());
    s->Add(l, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  };

  section(_("Purposes"));
  mList = ReportList(this, wxS("adminPurposes"),
                     {{_("Code"), 150}, {_("Label"), 380}, {_("Approval"), 80}, {_("State"), 110}, {_("Roles"), 200}});
  s->Add(mList, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  auto* purposeButtons = new wxBoxSizer(wxHORIZONTAL);
  button(purposeButtons, _("Add purpose..."), wxS("adminAddPurpose"))->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (FormDialog* d = MakePurposeDialog()) {
      d->ShowModal();
      d->Destroy();
    }
  });
  button(purposeButtons, _("Withdraw"), wxS("adminWithdraw"))->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    SetSelectedWithdrawn(true);
  });
  button(purposeButtons, _("Restore"), wxS("adminRestore"))->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    SetSelectedWithdrawn(false);
  });
  s->Add(purposeButtons, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(8) + FromDIP(8));

  section(_("Agency settings, audit log and camera files"));
  mSettingsList = ReportList(this, wxS("adminSettings"), {{_("Setting"), 230}, {_("Value"), 560}});
  mSettingsList->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
    if (FormDialog* d = MakeSettingDialog()) {
      d->ShowModal();
      d->Destroy();
    }
  });
  s->Add(mSettingsList, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  auto* other = new wxBoxSizer(wxHORIZONTAL);
  button(other, _("Change a setting..."), wxS("adminSetting"))->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (FormDialog* d = MakeSettingDialog()) {
      d->ShowModal();
      d->Destroy();
    }
  });
  button(other, _("Save audit checkpoint..."), wxS("adminCheckpoint"))->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxFileDialog dialog(this, _("Save the signed checkpoint"), wxString(), wxS("platedesk-checkpoint.txt"),
                        _("Text files (*.txt)|*.txt"), wxFD_SAVE);
    if (dialog.ShowModal() == wxID_OK) SaveCheckpoint(PathFromWx(dialog.GetPath()));
  });
  mImportFiles = button(other, _("Import files..."), wxS("adminImportFiles"));
  mImportFiles->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxFileDialog dialog(this, _("Import camera files"), wxString(), wxString(),
                        _("Camera files (*.json;*.jsonl;*.ndjson;*.csv)|*.json;*.jsonl;*.ndjson;*.csv"),
                        wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    wxArrayString chosen;
    dialog.GetPaths(chosen);
    std::vector<std::filesystem::path> paths;
    for (const auto& p : chosen) paths.push_back(PathFromWx(p));
    Import(std::move(paths));
  });
  mImportFolder = button(other, _("Import folder..."), wxS("adminImportFolder"));
  mImportFolder->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxDirDialog dialog(this, _("Import every camera file in a folder"));
    if (dialog.ShowModal() == wxID_OK) Import({PathFromWx(dialog.GetPath())});
  });
  mProgress = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(160, 12)), wxGA_HORIZONTAL,
                          wxDefaultValidator, wxS("adminProgress"));
  other->Add(mProgress, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  mImportCancel = button(other, _("Cancel"), wxS("adminImportCancel"));
  mImportCancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CancelImport(); });
  mImportCancel->Disable();
  s->Add(other, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("adminStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxALL, FromDIP(16));
  SetSizer(s);
  Reload();
}

void AdminPanel::LoadSettings() {
  auto settings = mSession->Settings();
  if (!settings) {
    ShowError(settings.Err());
    return;
  }
  mSettings = std::move(*settings);
  mSettingsList->DeleteAllItems();
  for (const auto& setting : mSettings) {
    AppendRow(mSettingsList,
              {ToWx(setting.key), setting.set ? ToWx(setting.value) : _("(not set: the default applies)")});
  }
}

bool AdminPanel::SelectSetting(const std::string& key) {
  for (std::size_t i = 0; i < mSettings.size(); ++i) {
    if (mSettings[i].key == key) {
      mSettingsList->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                  wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      mSettingsList->EnsureVisible(static_cast<long>(i));
      return true;
    }
  }
  return false;
}

void AdminPanel::Reload() {
  LoadSettings();
  auto purposes = mSession->Purposes();
  if (!purposes) {
    ShowError(purposes.Err());
    return;
  }
  mPurposes = std::move(*purposes);
  mList->DeleteAllItems();
  for (const auto& p : mPurposes) {
    AppendRow(mList, {ToWx(p.code), ToWx(p.label), p.needsApproval ? _("needed") : wxString(),
                      p.prohibited ? _("prohibited") : (p.disabled ? _("withdrawn") : _("in use")),
                      ToWx(access::Policy::RolesText(p.roles))});
  }
}

bool AdminPanel::SelectPurpose(const std::string& code) {
  for (std::size_t i = 0; i < mPurposes.size(); ++i) {
    if (mPurposes[i].code == code) {
      mList->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
      return true;
    }
  }
  return false;
}

FormDialog* AdminPanel::MakePurposeDialog() {
  std::vector<FormField> fields{
      {wxS("purposeCode"), _("Code"), _("2-40 of A-Z, 0-9 and -, e.g. INV-FRAUD")},
      {wxS("purposeLabel"), _("Label"), _("what the access is for, as users choose it")},
      {wxS("purposeApproval"), _("Supervisor's approval"), wxString(), true, false, {_("not needed"), _("needed")}},
      {wxS("purposeRoles"), _("Roles"), _("empty: every role; or e.g. supervisor,auditor"), false},
  };
  return new FormDialog(this, _("Add a purpose"),
                        _("A purpose users choose for their access. Prohibited uses cannot be added."),
                        std::move(fields), [this](const std::vector<std::string>& v) -> Status {
                          std::vector<store::Role> roles;
                          if (!v[3].empty()) {
                            auto parsed = access::Policy::ParseRoles(v[3]);
                            if (!parsed) return parsed.Err();
                            roles = std::move(*parsed);
                          }
                          PLATEDESK_TRY(mSession->AddPurpose(v[0], v[1], v[2] == "1", roles));
                          Reload();
                          ShowStatus(wxString::Format(_("Purpose %s added (recorded in the audit log)."), ToWx(v[0])));
                          return {};
                        });
}

FormDialog* AdminPanel::MakeSettingDialog() {
  if (mSettings.empty()) {
    ShowStatus(_("The agency settings could not be read: see the message above."), true);
    return nullptr;
  }
  std::vector<wxString> keys;
  for (const auto& setting : mSettings) keys.push_back(ToWx(setting.key));
  // The selected setting (or the first) with its value, to change from there.
  const long row = mSettingsList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  const auto& chosen = mSettings[row >= 0 && static_cast<std::size_t>(row) < mSettings.size() ? row : 0];
  std::vector<FormField> fields{
      {wxS("settingKey"), _("Setting"), wxString(), true, false, keys, false, ToWx(chosen.key)},
      {wxS("settingValue"),
       _("Value"),
       _("as `platedesk-cli config set` takes it (docs/cli.md); empty: unset"),
       false,
       false,
       {},
       false,
       ToWx(chosen.value)},
  };
  auto* dialog = new FormDialog(
      this, _("Change an agency setting"),
      _("Every change is recorded. Turning the second factor off takes two administrators."), std::move(fields),
      [this, keys](const std::vector<std::string>& v) -> Status {
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(v[0].data(), v[0].data() + v[0].size(), index);
        if (ec != std::errc() || end != v[0].data() + v[0].size() || index >= keys.size())
          return Fail(ErrorCode::InvalidArgument, "choose a setting");
        const std::string key = FromWx(keys[index]);
        const Status st = mSession->SetSetting(key, v[1]);
        if (!st.Ok() && st.Err().detail == ErrorDetail::SecondAdministratorNeeded) {
          ShowStatus(ToWx(st.Err().message) + wxS("."));
          return {};  // recorded as a request: the form's work is done
        }
        PLATEDESK_TRY(st);
        LoadSettings();
        SelectSetting(key);
        ShowStatus(wxString::Format(_("%s is now %s (recorded in the audit log)."), ToWx(key), ToWx(v[1])));
        return {};
      });
  // Another setting chosen: its value, so that one key's value is never saved under another.
  dialog->Bind(wxEVT_CHOICE, [dialog, settings = mSettings](wxCommandEvent& event) {
    event.Skip();
    const int index = event.GetSelection();
    if (index >= 0 && static_cast<std::size_t>(index) < settings.size()) {
      dialog->SetValue(1, ToWx(settings[static_cast<std::size_t>(index)].value));
    }
  });
  return dialog;
}

bool AdminPanel::SetSelectedWithdrawn(bool withdrawn) {
  const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= mPurposes.size()) {
    ShowStatus(_("Select a purpose first."), true);
    return false;
  }
  const std::string code = mPurposes[static_cast<std::size_t>(row)].code;
  if (const Status st = mSession->SetPurposeDisabled(code, withdrawn); !st.Ok()) {
    ShowError(st.Err());
    return false;
  }
  Reload();
  SelectPurpose(code);
  ShowStatus(wxString::Format(withdrawn ? _("Purpose %s withdrawn (recorded in the audit log).")
                                        : _("Purpose %s restored (recorded in the audit log)."),
                              ToWx(code)));
  return true;
}

bool AdminPanel::SaveCheckpoint(const std::filesystem::path& file) {
  auto checkpoint = mSession->ExportCheckpoint();
  if (!checkpoint) {
    ShowError(checkpoint.Err());
    return false;
  }
  if (const Status st = WriteFileExclusive(file, *checkpoint); !st.Ok()) {
    ShowError(st.Err());
    return false;
  }
  ShowStatus(wxString::Format(_("The signed checkpoint is in %s: keep it away from this storage (another machine, "
                                "a printout). `platedesk-cli audit verify` checks the log against it."),
                              PathToWx(file)));
  return true;
}

bool AdminPanel::Import(std::vector<std::filesystem::path> paths) {
  if (mImporting || paths.empty()) return false;
  mImporting = true;
  mImportFiles->Disable();
  mImportFolder->Disable();
  mImportCancel->Enable();
  mProgress->SetValue(0);
  ShowStatus(_("Importing") + wxS("\u2026"));
  const std::stop_token cancel = mCancel.Arm();
  const GuiPost post(this);
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, paths = std::move(paths), cancel, post, this](std::stop_token job) {
        const JoinedStop stop(job, cancel);
        const ProgressFn progress = GaugeProgress(
            [&](int value, std::uint64_t, std::uint64_t) { post.Post([this, value] { mProgress->SetValue(value); }); });
        return session->Import(paths, stop.Token(), progress);
      },
      [this](Result<ingest::ImportSummary> done) {
        mImporting = false;
        mImportFiles->Enable();
        mImportFolder->Enable();
        mImportCancel->Disable();
        if (mOnReadsChanged && (!done || done->inserted > 0)) {
          mOnReadsChanged();  // the status bar's and the Overview's counts
        }
        if (!done) {
          if (done.Err().code == ErrorCode::Cancelled) {
            ShowStatus(
                _("The import was cancelled; what was stored before stays (a read is stored whole or not "
                  "at all)."));
          } else {
            ShowError(done.Err());
          }
          return;
        }
        mProgress->SetValue(1000);
        const ingest::ImportSummary& s = *done;
        wxString text = wxString::Format(
            _("Files read: %s. Reads stored: %s; already stored: %s; records that are not reads: %s; put in "
              "quarantine: %s (kept byte for byte with the reason, in the storage's quarantine folder)."),
            FormatCount(static_cast<std::int64_t>(s.files)), FormatCount(static_cast<std::int64_t>(s.inserted)),
            FormatCount(static_cast<std::int64_t>(s.duplicates)), FormatCount(static_cast<std::int64_t>(s.skipped)),
            FormatCount(static_cast<std::int64_t>(s.rejected)));
        for (std::size_t i = 0; i < s.problems.size() && i < 3; ++i) {
          const auto& p = s.problems[i];
          text += wxS("\n") + PathToWx(std::filesystem::path(p.file).filename()) +
                  (p.line > 0 ? wxString::Format(wxS(":%lld"), static_cast<long long>(p.line)) : wxString()) +
                  wxS(": ") + ToWx(p.message);
        }
        if (s.problems.size() > 3 || s.problemsOmitted > 0) {
          text += wxS("\n") +
                  wxString::Format(
                      _("and %s more problems."),
                      FormatCount(static_cast<std::int64_t>(
                          s.problems.size() - std::min<std::size_t>(3, s.problems.size()) + s.problemsOmitted)));
        }
        ShowStatus(text, s.rejected > 0);
      });
  return true;
}

void AdminPanel::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetLabelText(text);
  mStatus->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mStatus->Wrap(std::max(FromDIP(400), GetClientSize().GetWidth() - FromDIP(40)));
  Layout();
}

void AdminPanel::ShowError(const Error& error) {
  LogError(error, Activity::General);
  wxString text = ErrorText(error, Activity::General);
  if ((error.code == ErrorCode::InvalidArgument || error.code == ErrorCode::PermissionDenied ||
       error.code == ErrorCode::AlreadyExists) &&
      !error.message.empty()) {
    text += wxS(" (") + ToWx(error.message) + wxS(")");
  }
  ShowStatus(text, true);
}

wxString AdminPanel::StatusText() const { return mStatus->GetLabel(); }

}  // namespace platedesk::views
