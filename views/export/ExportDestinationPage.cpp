// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportDestinationPage.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/dirdlg.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <system_error>

namespace platedesk::views {
namespace {

wxString DriveText(const evidence::RemovableDrive& d) {
  wxString text = d.label.empty() ? _("Removable drive") : ToWx(d.label);
  text += wxS("  (") + PathToWx(d.mountPoint);
  if (!d.fileSystem.empty()) {
    text += wxS(", ") + ToWx(d.fileSystem);
  }
  return text + wxS(")");
}

}  // namespace

ExportDestinationPage::ExportDestinationPage(wxWindow* parent, std::vector<evidence::RemovableDrive> drives)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportDestinationPage")),
      mDrives(std::move(drives)) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(Muted(this,
               _("A removable drive to book into evidence, or any folder. PlateDesk checks the free space and the "
                 "file system's file-size limit first, then reads every file back from the medium before it says "
                 "the export is complete."),
               FromDIP(600)),
         0, wxBOTTOM, FromDIP(12));
  auto* drivesTitle = new wxStaticText(this, wxID_ANY, _("Removable drives"));
  drivesTitle->SetFont(GetFont().Bold());
  s->Add(drivesTitle, 0, wxBOTTOM, FromDIP(6));
  bool first = true;
  for (std::size_t i = 0; i < mDrives.size(); ++i) {
    auto* choice =
        new wxRadioButton(this, wxID_ANY, DriveText(mDrives[i]), wxDefaultPosition, wxDefaultSize,
                          first ? wxRB_GROUP : 0, wxDefaultValidator, wxString::Format(wxS("exportDrive%zu"), i));
    first = false;
    mDriveChoices.push_back(choice);
    s->Add(choice, 0, wxBOTTOM, FromDIP(4));
  }
  if (mDrives.empty()) {
    s->Add(Muted(this, _("No removable drive is connected. Connect one and open the wizard again, or choose a folder."),
                 FromDIP(600)),
           0, wxBOTTOM, FromDIP(4));
  }
  auto* folderTitle = new wxStaticText(this, wxID_ANY, _("Or a folder"));
  folderTitle->SetFont(GetFont().Bold());
  s->Add(folderTitle, 0, wxTOP | wxBOTTOM, FromDIP(8));
  auto* folderRow = new wxBoxSizer(wxHORIZONTAL);
  mFolderChoice = new wxRadioButton(this, wxID_ANY, _("Folder:"), wxDefaultPosition, wxDefaultSize,
                                    mDrives.empty() ? wxRB_GROUP : 0, wxDefaultValidator, wxS("exportFolderChoice"));
  mFolder = HintedField(this, wxS("exportFolder"), _("a folder on this computer or a network share"));
  auto* choose = new wxButton(this, wxID_ANY, _("Choose folder") + wxS("\u2026"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("exportChooseFolder"));
  choose->SetBitmap(Icon("folder-open", 16));
  folderRow->Add(mFolderChoice, 0, wxALIGN_CENTER_VERTICAL);
  folderRow->Add(mFolder, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  folderRow->Add(choose, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  s->Add(folderRow, 0, wxEXPAND);
  mProblem = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                              wxS("exportDestinationProblem"));
  s->Add(mProblem, 0, wxEXPAND | wxTOP, FromDIP(8));
  SetSizer(s);
  if (mDriveChoices.empty()) {
    mFolderChoice->SetValue(true);
  } else {
    mDriveChoices.front()->SetValue(true);
  }

  for (wxRadioButton* d : mDriveChoices) {
    d->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { Changed(); });
  }
  mFolderChoice->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { Changed(); });
  mFolder->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    if (!Trimmed(mFolder->GetValue()).empty() && !mFolderChoice->GetValue()) {
      mFolderChoice->SetValue(true);
    }
    Changed();
  });
  choose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxDirDialog dialog(this, _("Choose the folder for the evidence package"), mFolder->GetValue(),
                       wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK) {
      SetFolder(PathFromWx(dialog.GetPath()));
    }
  });
}

std::optional<std::filesystem::path> ExportDestinationPage::Destination() const {
  for (std::size_t i = 0; i < mDriveChoices.size(); ++i) {
    if (mDriveChoices[i]->GetValue()) {
      return mDrives[i].mountPoint;
    }
  }
  const wxString folder = Trimmed(mFolder->GetValue());
  if (folder.empty()) {
    return std::nullopt;
  }
  return PathFromWx(folder);
}

bool ExportDestinationPage::IsRemovable() const {
  return std::any_of(mDriveChoices.begin(), mDriveChoices.end(), [](const wxRadioButton* r) { return r->GetValue(); });
}

wxString ExportDestinationPage::DestinationText() const {
  for (std::size_t i = 0; i < mDriveChoices.size(); ++i) {
    if (mDriveChoices[i]->GetValue()) {
      return DriveText(mDrives[i]);
    }
  }
  const auto folder = Destination();
  return folder ? PathToWx(*folder) : wxString();
}

void ExportDestinationPage::SetFolder(const std::filesystem::path& folder) {
  mFolder->SetValue(PathToWx(folder));  // wxEVT_TEXT selects "Folder:"
  mFolderChoice->SetValue(true);
  Changed();
}

bool ExportDestinationPage::Validate() {
  const auto destination = Destination();
  if (!destination) {
    ShowProblem(_("Choose a removable drive or a folder."));
    return false;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(*destination, ec)) {
    ShowProblem(_("This folder does not exist. Choose an existing folder."));
    return false;
  }
  return true;
}

void ExportDestinationPage::AddTo(workstation::EvidenceRequest& request) const {
  request.destination = Destination().value_or(std::filesystem::path());
}

void ExportDestinationPage::Changed() {
  mProblem->SetLabel(wxString());
  if (mOnChange) {
    mOnChange();
  }
}

void ExportDestinationPage::ShowProblem(const wxString& text) {
  mProblem->SetForegroundColour(ErrorColour());
  mProblem->SetLabel(text);
  mProblem->Wrap(FromDIP(600));
  Layout();
}

}  // namespace platedesk::views
