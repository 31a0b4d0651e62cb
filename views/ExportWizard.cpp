// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ExportWizard.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/clipbrd.h>
#include <wx/dirdlg.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <chrono>

namespace platedesk::views {
namespace {

const wxColour kProblem(0xb0, 0x1e, 0x1e);
const wxColour kGood(0x1e, 0x6b, 0x35);

struct StepText {
  const char* label;  // in the step list
  const char* title;  // above the page
};
constexpr StepText kSteps[ExportWizard::kStepCount] = {
    {"Reads", "Choose the reads to export"},
    {"Destination", "Choose where the package is written"},
    {"Protection", "Protect the package"},
    {"Custody", "Record the chain of custody"},
    {"Review", "Review the export"},
    {"Export", "Writing the package"},
    {"Summary and verify", "The package is on the medium"},
};

wxString Trimmed(const wxString& text) {
  wxString t = text;
  t.Trim(true).Trim(false);
  return t;
}

wxStaticText* Note(wxWindow* parent, const wxString& text, int wrap, const wxString& name = wxS("staticText")) {
  auto* label = new wxStaticText(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, 0, name);
  label->Wrap(wrap);
  return label;
}

wxStaticText* Muted(wxWindow* parent, const wxString& text, int wrap) {
  auto* label = Note(parent, text, wrap);
  label->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  return label;
}

wxTextCtrl* Field(wxWindow* parent, const wxString& name, const wxString& hint, long style = 0) {
  auto* field = new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, style,
                               wxDefaultValidator, name);
  field->SetHint(hint);
  return field;
}

wxTextCtrl* ReadOnly(wxWindow* parent, const wxString& name, bool mono) {
  auto* field = new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxTE_READONLY | wxBORDER_NONE, wxDefaultValidator, name);
  field->SetBackgroundColour(parent->GetBackgroundColour());
  if (mono) {
    field->SetFont(wxFont(wxFontInfo(parent->GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE)));
  }
  return field;
}

wxString DriveText(const evidence::RemovableDrive& d) {
  wxString text = d.label.empty() ? _("Removable drive") : ToWx(d.label);
  text += wxS("  (") + PathToWx(d.mountPoint);
  if (!d.fileSystem.empty()) {
    text += wxS(", ") + ToWx(d.fileSystem);
  }
  return text + wxS(")");
}

wxString CheckName(const std::string& name) {
  if (name == "archive") return _("Archive opens with the passphrase");
  if (name == "bagit") return _("BagIt bag complete and valid");
  if (name == "signature") return _("Signature over every file");
  if (name == "images") return _("Images match their import hashes");
  if (name == "checkpoint") return _("Audit checkpoint signature");
  if (name == "inclusion proof") return _("Export record is in the audit log");
  if (name == "export record") return _("Export record names this package");
  return ToWx(name);
}

}  // namespace

ExportWizard::ExportWizard(wxWindow* parent, std::shared_ptr<workstation::Workstation> workstation,
                           std::shared_ptr<workstation::Session> session, AsyncJobs& jobs,
                           workstation::AccessContext context, const workstation::CaseSummary& summary,
                           std::map<store::CameraId, wxString> cameraNames)
    : wxDialog(parent, wxID_ANY,
               _("Export evidence") + wxS(" \u2014 ") + ToWx(context.caseNumber), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("exportWizard")),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mJobs(jobs),
      mContext(std::move(context)),
      mHolds(summary.holds),
      mCameraNames(std::move(cameraNames)),
      mDrives(mSession->RemovableDrives()) {
  std::map<store::ReadId, const store::Read*> byId;
  for (const auto& r : summary.reads) {
    byId[r.id] = &r;
  }
  std::vector<store::CaseHold> shown;
  for (const auto& h : mHolds) {
    if (const auto it = byId.find(h.read); it != byId.end()) {
      mReadsShown.push_back(*it->second);
      shown.push_back(h);
    }
  }
  mHolds = std::move(shown);

  const int gap = FromDIP(12);
  auto* columns = new wxBoxSizer(wxHORIZONTAL);

  // Left: the steps, the current one in bold, finished ones ticked.
  auto* side = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportSteps"));
  side->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  auto* sideSizer = new wxBoxSizer(wxVERTICAL);
  auto* brand = new wxBoxSizer(wxHORIZONTAL);
  brand->Add(new wxStaticBitmap(side, wxID_ANY, Icon("export", 24)), 0, wxALIGN_CENTER_VERTICAL);
  auto* caseLabel = new wxStaticText(side, wxID_ANY, ToWx(mContext.caseNumber));
  caseLabel->SetFont(GetFont().Bold());
  brand->Add(caseLabel, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  sideSizer->Add(brand, 0, wxALL, gap);
  for (int i = 0; i < kStepCount; ++i) {
    auto* label = new wxStaticText(side, wxID_ANY, wxGetTranslation(wxString::FromUTF8(kSteps[i].label)));
    mStepLabels.push_back(label);
    sideSizer->Add(label, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);
  }
  side->SetSizer(sideSizer);
  side->SetMinSize(wxSize(FromDIP(190), -1));
  columns->Add(side, 0, wxEXPAND);
  columns->Add(new wxStaticLine(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLI_VERTICAL), 0, wxEXPAND);

  // Right: one page per step.
  auto* right = new wxBoxSizer(wxVERTICAL);
  mHeading = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                              wxS("exportHeading"));
  mHeading->SetFont(GetFont().Scaled(1.25f).Bold());
  right->Add(mHeading, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mBook = new wxSimplebook(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("exportPages"));
  mBook->AddPage(BuildReads(mBook), wxString());
  mBook->AddPage(BuildDestination(mBook), wxString());
  mBook->AddPage(BuildProtection(mBook), wxString());
  mBook->AddPage(BuildCustody(mBook), wxString());
  mBook->AddPage(BuildReview(mBook), wxString());
  mBook->AddPage(BuildExporting(mBook), wxString());
  mBook->AddPage(BuildDone(mBook), wxString());
  right->Add(mBook, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
  right->Insert(1, 0, FromDIP(8));
  columns->Add(right, 1, wxEXPAND);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->AddStretchSpacer();
  mBack = new wxButton(this, wxID_ANY, _("< &Back"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       wxS("exportBack"));
  mNext = new wxButton(this, wxID_ANY, _("&Next >"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       wxS("exportNext"));
  mCancel = new wxButton(this, wxID_ANY, _("Cancel"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("exportCancel"));
  buttons->Add(mBack, 0);
  buttons->Add(mNext, 0, wxLEFT, FromDIP(6));
  buttons->Add(mCancel, 0, wxLEFT, gap);

  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(columns, 1, wxEXPAND);
  outer->Add(new wxStaticLine(this), 0, wxEXPAND);
  outer->Add(buttons, 0, wxEXPAND | wxALL, gap);
  SetSizer(outer);
  SetMinSize(FromDIP(wxSize(860, 580)));
  SetSize(FromDIP(wxSize(900, 620)));
  CentreOnParent();

  mNext->SetDefault();
  SetEscapeId(mCancel->GetId());  // Escape cancels a running export, or closes the wizard
  mBack->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Back(); });
  mNext->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Next(); });
  mCancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (IsBusy()) {
      CancelWork();
    } else {
      Close();
    }
  });
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
    // A running export stops and removes what it wrote; its late result is dropped.
    CancelWork();
    Destroy();
  });
  ShowStep(kReads);
}

ExportWizard::~ExportWizard() {
  CancelWork();
  // The passphrase was shown once; do not leave it lying in freed memory longer than needed.
  if (mExported) {
    std::fill(mExported->passphrase.begin(), mExported->passphrase.end(), '\0');
  }
}

wxWindow* ExportWizard::BuildReads(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(Muted(page,
               _("The reads collected for the case and those already held by its evidence packages. Untick those "
                 "that do not belong in this package."),
               FromDIP(600)),
         0, wxBOTTOM, FromDIP(8));
  mReads = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES,
                          wxDefaultValidator, wxS("exportReads"));
  mReads->EnableCheckBoxes(true);
  mReads->AppendColumn(_("Plate"), wxLIST_FORMAT_LEFT, FromDIP(110));
  mReads->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(50));
  mReads->AppendColumn(_("Time"), wxLIST_FORMAT_LEFT, FromDIP(130));
  mReads->AppendColumn(_("Camera"), wxLIST_FORMAT_LEFT, FromDIP(170));
  mReads->AppendColumn(_("Held because"), wxLIST_FORMAT_LEFT, FromDIP(190));
  for (std::size_t i = 0; i < mReadsShown.size(); ++i) {
    const store::Read& r = mReadsShown[i];
    const long row = mReads->InsertItem(static_cast<long>(i), ToWx(r.plate));
    mReads->SetItem(row, 1, ToWx(r.state));
    mReads->SetItem(row, 2, FormatLocalMinute(r.capturedAt));
    const auto camera = mCameraNames.find(r.camera);
    mReads->SetItem(row, 3, camera == mCameraNames.end() ? wxString::Format(wxS("#%lld"), static_cast<long long>(r.camera))
                                                         : camera->second);
    mReads->SetItem(row, 4, HoldReasonText(mHolds[i]));
    mReads->CheckItem(row, true);
  }
  s->Add(mReads, 1, wxEXPAND);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  auto* all = new wxButton(page, wxID_ANY, _("Select all"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("exportAll"));
  auto* none = new wxButton(page, wxID_ANY, _("Select none"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("exportNone"));
  mReadCount = new wxStaticText(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                                wxS("exportReadCount"));
  row->Add(all, 0);
  row->Add(none, 0, wxLEFT, FromDIP(6));
  row->Add(mReadCount, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(12));
  s->Add(row, 0, wxEXPAND | wxTOP, FromDIP(8));
  page->SetSizer(s);

  auto tickAll = [this](bool on) {
    for (long i = 0; i < mReads->GetItemCount(); ++i) {
      mReads->CheckItem(i, on);
    }
    UpdateReadCount();
  };
  all->Bind(wxEVT_BUTTON, [tickAll](wxCommandEvent&) { tickAll(true); });
  none->Bind(wxEVT_BUTTON, [tickAll](wxCommandEvent&) { tickAll(false); });
  mReads->Bind(wxEVT_LIST_ITEM_CHECKED, [this](wxListEvent&) { UpdateReadCount(); });
  mReads->Bind(wxEVT_LIST_ITEM_UNCHECKED, [this](wxListEvent&) { UpdateReadCount(); });
  UpdateReadCount();
  return page;
}

wxWindow* ExportWizard::BuildDestination(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(Muted(page,
               _("A removable drive to book into evidence, or any folder. PlateDesk checks the free space and the "
                 "file system's file-size limit first, then reads every file back from the medium before it says "
                 "the export is complete."),
               FromDIP(600)),
         0, wxBOTTOM, FromDIP(12));
  auto* drivesTitle = new wxStaticText(page, wxID_ANY, _("Removable drives"));
  drivesTitle->SetFont(GetFont().Bold());
  s->Add(drivesTitle, 0, wxBOTTOM, FromDIP(6));
  bool first = true;
  for (std::size_t i = 0; i < mDrives.size(); ++i) {
    auto* choice = new wxRadioButton(page, wxID_ANY, DriveText(mDrives[i]), wxDefaultPosition, wxDefaultSize,
                                     first ? wxRB_GROUP : 0, wxDefaultValidator,
                                     wxString::Format(wxS("exportDrive%zu"), i));
    first = false;
    mDriveChoices.push_back(choice);
    s->Add(choice, 0, wxBOTTOM, FromDIP(4));
  }
  if (mDrives.empty()) {
    s->Add(Muted(page, _("No removable drive is connected. Connect one and open the wizard again, or choose a folder."),
                 FromDIP(600)),
           0, wxBOTTOM, FromDIP(4));
  }
  auto* folderTitle = new wxStaticText(page, wxID_ANY, _("Or a folder"));
  folderTitle->SetFont(GetFont().Bold());
  s->Add(folderTitle, 0, wxTOP | wxBOTTOM, FromDIP(8));
  auto* folderRow = new wxBoxSizer(wxHORIZONTAL);
  mFolderChoice = new wxRadioButton(page, wxID_ANY, _("Folder:"), wxDefaultPosition, wxDefaultSize,
                                    mDrives.empty() ? wxRB_GROUP : 0, wxDefaultValidator, wxS("exportFolderChoice"));
  mFolder = Field(page, wxS("exportFolder"), _("a folder on this computer or a network share"));
  auto* choose = new wxButton(page, wxID_ANY, _("Choose folder") + wxS("\u2026"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("exportChooseFolder"));
  choose->SetBitmap(Icon("folder-open", 16));
  folderRow->Add(mFolderChoice, 0, wxALIGN_CENTER_VERTICAL);
  folderRow->Add(mFolder, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  folderRow->Add(choose, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  s->Add(folderRow, 0, wxEXPAND);
  mDestinationProblem = new wxStaticText(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                         wxS("exportDestinationProblem"));
  s->Add(mDestinationProblem, 0, wxEXPAND | wxTOP, FromDIP(8));
  page->SetSizer(s);
  if (mDriveChoices.empty()) {
    mFolderChoice->SetValue(true);
  } else {
    mDriveChoices.front()->SetValue(true);
  }

  auto changed = [this](wxCommandEvent&) {
    mDestinationProblem->SetLabel(wxString());
    if (!mEncryptTouched) {
      mEncrypt->SetValue(DestinationIsRemovable());
    }
  };
  for (wxRadioButton* d : mDriveChoices) {
    d->Bind(wxEVT_RADIOBUTTON, changed);
  }
  mFolderChoice->Bind(wxEVT_RADIOBUTTON, changed);
  mFolder->Bind(wxEVT_TEXT, [this, changed](wxCommandEvent& event) {
    if (!Trimmed(mFolder->GetValue()).empty() && !mFolderChoice->GetValue()) {
      mFolderChoice->SetValue(true);
    }
    changed(event);
  });
  choose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    wxDirDialog dialog(this, _("Choose the folder for the evidence package"), mFolder->GetValue(),
                       wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK) {
      SetFolder(PathFromWx(dialog.GetPath()));
    }
  });
  return page;
}

wxWindow* ExportWizard::BuildProtection(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  mEncrypt = new wxCheckBox(page, wxID_ANY, _("Encrypt the package (AES-256 zip)"), wxDefaultPosition, wxDefaultSize,
                            0, wxDefaultValidator, wxS("exportEncrypt"));
  mEncrypt->SetFont(GetFont().Bold());
  s->Add(mEncrypt, 0, wxBOTTOM, FromDIP(6));
  s->Add(Muted(page,
               _("The medium then holds one zip file encrypted with AES-256 (WinZip AE-2), which 7-Zip and other "
                 "standard tools open; inside it, the package as one archive, so not even file names show. "
                 "PlateDesk generates a passphrase of 150 bits and shows it once, after the export: give it to the "
                 "recipient separately from the medium. Recommended for anything that leaves the building."),
               FromDIP(600)),
         0, wxLEFT | wxBOTTOM, FromDIP(4));
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(page, wxID_ANY, _("Passphrase delivery")), 0, wxALIGN_CENTER_VERTICAL);
  mDelivery = Field(page, wxS("exportDelivery"), _("how it reaches the recipient, e.g. by phone to the prosecutor"));
  grid->Add(mDelivery, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND | wxTOP, FromDIP(8));
  mProtectionNote = Muted(page, _("The custody record notes how the passphrase is delivered, never the passphrase."),
                          FromDIP(600));
  s->Add(mProtectionNote, 0, wxTOP, FromDIP(6));
  page->SetSizer(s);
  mEncrypt->SetValue(DestinationIsRemovable());
  mEncrypt->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    mEncryptTouched = true;
    mDelivery->Enable(mEncrypt->GetValue());
  });
  return page;
}

wxWindow* ExportWizard::BuildCustody(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(Muted(page,
               _("These go into the package's chain-of-custody record and the export's audit record. The medium's "
                 "file system and serial number are added by PlateDesk."),
               FromDIP(600)),
         0, wxBOTTOM, FromDIP(12));
  auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(8));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(page, wxID_ANY, _("Media label")), 0, wxALIGN_CENTER_VERTICAL);
  mMediaLabel = Field(page, wxS("exportMediaLabel"), _("the label written on the drive, e.g. USB-0042"));
  grid->Add(mMediaLabel, 1, wxEXPAND);
  grid->Add(new wxStaticText(page, wxID_ANY, _("Recipient")), 0, wxALIGN_CENTER_VERTICAL);
  mRecipient = Field(page, wxS("exportRecipient"), _("who receives the medium, e.g. property room, officer 4411"));
  grid->Add(mRecipient, 1, wxEXPAND);
  grid->Add(new wxStaticText(page, wxID_ANY, _("Description")), 0, wxALIGN_TOP | wxTOP, FromDIP(4));
  mDescription = Field(page, wxS("exportDescription"), _("optional: what the package is for"), wxTE_MULTILINE);
  mDescription->SetMinSize(wxSize(-1, FromDIP(70)));
  grid->Add(mDescription, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND);
  page->SetSizer(s);
  return page;
}

wxWindow* ExportWizard::BuildReview(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  mReview = new wxPanel(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("exportReview"));
  s->Add(mReview, 0, wxEXPAND);
  s->Add(Muted(page,
               _("\"Export\" records the export in the audit log before any file is written (with the case, purpose, "
                 "justification and every read), places a hold for the case on every read so retention keeps it, "
                 "writes and signs the package, and reads it back from the medium to check every hash."),
               FromDIP(600)),
         0, wxTOP, FromDIP(16));
  page->SetSizer(s);
  return page;
}

wxWindow* ExportWizard::BuildExporting(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  mProgressText = new wxStaticText(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxS("exportProgressText"));
  s->Add(mProgressText, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
  mProgress = new wxGauge(page, wxID_ANY, 1000, wxDefaultPosition, wxSize(-1, FromDIP(16)), wxGA_HORIZONTAL,
                          wxDefaultValidator, wxS("exportProgress"));
  s->Add(mProgress, 0, wxEXPAND);
  s->Add(Muted(page,
               _("Cancel stops the export and removes what was written; nothing is left that looks like a "
                 "package, and the audit log records the cancellation."),
               FromDIP(600)),
         0, wxTOP, FromDIP(12));
  page->SetSizer(s);
  return page;
}

wxWindow* ExportWizard::BuildDone(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(new wxStaticBitmap(page, wxID_ANY, Icon("verified", 24)), 0, wxALIGN_CENTER_VERTICAL);
  mDoneTitle = new wxStaticText(page, wxID_ANY, _("Written, read back from the medium and checked."));
  mDoneTitle->SetFont(GetFont().Bold());
  head->Add(mDoneTitle, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  s->Add(head, 0, wxEXPAND | wxBOTTOM, FromDIP(10));

  auto* grid = new wxFlexGridSizer(2, FromDIP(4), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(page, wxID_ANY, _("Package")), 0, wxALIGN_CENTER_VERTICAL);
  mPath = ReadOnly(page, wxS("exportPath"), false);
  grid->Add(mPath, 1, wxEXPAND);
  grid->Add(new wxStaticText(page, wxID_ANY, _("Size")), 0, wxALIGN_CENTER_VERTICAL);
  mSize = new wxStaticText(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("exportSize"));
  grid->Add(mSize, 1, wxEXPAND);
  mShaLabel = new wxStaticText(page, wxID_ANY, _("SHA-256"));
  grid->Add(mShaLabel, 0, wxALIGN_CENTER_VERTICAL);
  mSha = ReadOnly(page, wxS("exportSha256"), true);
  grid->Add(mSha, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND);

  // The passphrase, once. Only for encrypted packages.
  auto* box = new wxPanel(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_SIMPLE, wxS("exportPassphraseBox"));
  box->SetBackgroundColour(wxColour(0xff, 0xf6, 0xdc));
  auto* b = new wxBoxSizer(wxVERTICAL);
  auto* warnRow = new wxBoxSizer(wxHORIZONTAL);
  warnRow->Add(new wxStaticBitmap(box, wxID_ANY, Icon("warning", 16)), 0, wxALIGN_CENTER_VERTICAL);
  auto* warnTitle = new wxStaticText(box, wxID_ANY, _("Passphrase: shown only now"));
  warnTitle->SetFont(GetFont().Bold());
  warnRow->Add(warnTitle, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  b->Add(warnRow, 0, wxALL, FromDIP(8));
  auto* passRow = new wxBoxSizer(wxHORIZONTAL);
  mPassphrase = new wxTextCtrl(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_READONLY,
                               wxDefaultValidator, wxS("exportPassphrase"));
  mPassphrase->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize() + 3).Family(wxFONTFAMILY_TELETYPE).Bold()));
  auto* copy = new wxButton(box, wxID_ANY, _("Copy"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("exportCopy"));
  passRow->Add(mPassphrase, 1, wxALIGN_CENTER_VERTICAL);
  passRow->Add(copy, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  b->Add(passRow, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
  auto* warning = Note(box,
                       _("Deliver it to the recipient out of band (by phone or in person), never with the medium and "
                         "never by the same way. PlateDesk does not keep it: when this window closes it cannot be "
                         "shown again, and without it the package cannot be opened."),
                       FromDIP(580));
  b->Add(warning, 0, wxALL, FromDIP(8));
  box->SetSizer(b);
  mPassphraseBox = box;
  s->Add(box, 0, wxEXPAND | wxTOP, FromDIP(12));

  auto* verifyRow = new wxBoxSizer(wxHORIZONTAL);
  mVerify = new wxButton(page, wxID_ANY, _("&Verify now"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("exportVerify"));
  mVerify->SetBitmap(Icon("verified", 16));
  mVerdict = new wxStaticText(page, wxID_ANY,
                              _("Runs the offline verifier on the medium, as a prosecutor or defence expert would."),
                              wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END,
                              wxS("exportVerdict"));
  verifyRow->Add(mVerify, 0, wxALIGN_CENTER_VERTICAL);
  verifyRow->Add(mVerdict, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(10));
  s->Add(verifyRow, 0, wxEXPAND | wxTOP, FromDIP(12));
  mChecks = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES | wxLC_NO_HEADER,
                           wxDefaultValidator, wxS("exportChecks"));
  mChecks->AppendColumn(_("Check"), wxLIST_FORMAT_LEFT, FromDIP(250));
  mChecks->AppendColumn(_("Result"), wxLIST_FORMAT_LEFT, FromDIP(60));
  mChecks->AppendColumn(_("Detail"), wxLIST_FORMAT_LEFT, FromDIP(340));
  s->Add(mChecks, 1, wxEXPAND | wxTOP, FromDIP(8));
  auto* detail = new wxStaticText(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                  wxS("exportCheckDetail"));
  detail->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  s->Add(detail, 0, wxEXPAND | wxTOP, FromDIP(6));
  page->SetSizer(s);
  // A check's detail is often longer than its column: the selected one is shown in full below.
  mChecks->Bind(wxEVT_LIST_ITEM_SELECTED, [this, detail, page](wxListEvent& event) {
    detail->SetLabel(mChecks->GetItemText(event.GetIndex(), 0) + wxS(": ") + mChecks->GetItemText(event.GetIndex(), 2));
    detail->Wrap(mChecks->GetClientSize().x);
    page->Layout();
  });
  mChecks->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    // The detail takes the width left over, so the verifier's explanation is not cut short.
    const int rest = mChecks->GetClientSize().x - mChecks->GetColumnWidth(0) - mChecks->GetColumnWidth(1);
    mChecks->SetColumnWidth(2, std::max(FromDIP(120), rest));
    event.Skip();
  });

  copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (mExported && !mExported->passphrase.empty() && wxTheClipboard->Open()) {
      wxTheClipboard->SetData(new wxTextDataObject(ToWx(mExported->passphrase)));
      wxTheClipboard->Close();
      mVerdict->SetLabel(_("Passphrase copied. Clear the clipboard once it is delivered."));
    }
  });
  mVerify->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { StartVerify(); });
  return page;
}

void ExportWizard::ShowStep(Step step) {
  mStep = step;
  for (int i = 0; i < kStepCount; ++i) {
    wxStaticText* label = mStepLabels[static_cast<std::size_t>(i)];
    wxString text = wxGetTranslation(wxString::FromUTF8(kSteps[i].label));
    if (i < step) {
      text = wxS("\u2713 ") + text;
    }
    label->SetLabel(text);
    label->SetFont(i == step ? GetFont().Bold() : GetFont());
    label->SetForegroundColour(i <= step ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT)
                                         : wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  }
  const wxString heading = wxGetTranslation(wxString::FromUTF8(kSteps[step].title));
  mHeading->SetLabel(heading);
  SetTitle(wxString::Format(_("Export evidence for case %s"), ToWx(mContext.caseNumber)) + wxS(" \u2014 ") + heading);
  if (step == kProtection) {
    mDelivery->Enable(mEncrypt->GetValue());
  }
  if (step == kReview) {
    FillReview();
  }
  mBook->ChangeSelection(static_cast<std::size_t>(step));
  UpdateButtons();
  Layout();
}

void ExportWizard::UpdateButtons() {
  const bool done = mStep == kDone;
  const bool failed = mStep == kExporting && !mExporting;
  mBack->Show(!done);
  mNext->Show(!done);
  mBack->Enable(!mExporting && mStep != kReads && (mStep != kExporting || failed));
  mNext->Enable(!mExporting && mStep != kExporting);
  mNext->SetLabel(mStep == kReview ? _("&Export") : _("&Next >"));
  mCancel->SetLabel(mExporting ? _("Cancel export") : (mVerifying ? _("Stop verifying") : (done || failed ? _("Close") : _("Cancel"))));
  mVerify->Enable(!mVerifying && mExported.has_value());
  GetSizer()->Layout();
}

void ExportWizard::UpdateReadCount() {
  const std::size_t chosen = ChosenReads().size();
  mReadCount->SetLabel(wxString::Format(_("%s of %s reads chosen"), FormatCount(static_cast<std::int64_t>(chosen)),
                                        FormatCount(static_cast<std::int64_t>(mReadsShown.size()))));
}

std::vector<store::ReadId> ExportWizard::ChosenReads() const {
  std::vector<store::ReadId> out;
  for (long i = 0; i < mReads->GetItemCount(); ++i) {
    if (mReads->IsItemChecked(i)) {
      out.push_back(mReadsShown[static_cast<std::size_t>(i)].id);
    }
  }
  return out;
}

void ExportWizard::SetFolder(const std::filesystem::path& folder) {
  mFolder->SetValue(PathToWx(folder));  // wxEVT_TEXT selects "Folder:"
  mFolderChoice->SetValue(true);
  if (!mEncryptTouched) {
    mEncrypt->SetValue(DestinationIsRemovable());
  }
}

void ExportWizard::SetEncrypt(bool encrypt) {
  mEncrypt->SetValue(encrypt);
  wxCommandEvent event(wxEVT_CHECKBOX, mEncrypt->GetId());
  event.SetEventObject(mEncrypt);
  event.SetInt(encrypt ? 1 : 0);
  mEncrypt->ProcessWindowEvent(event);
}

bool ExportWizard::Encrypt() const { return mEncrypt->GetValue(); }

std::optional<std::filesystem::path> ExportWizard::Destination() const {
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

bool ExportWizard::DestinationIsRemovable() const {
  return std::any_of(mDriveChoices.begin(), mDriveChoices.end(), [](const wxRadioButton* r) { return r->GetValue(); });
}

wxString ExportWizard::DestinationText() const {
  for (std::size_t i = 0; i < mDriveChoices.size(); ++i) {
    if (mDriveChoices[i]->GetValue()) {
      return DriveText(mDrives[i]);
    }
  }
  const auto folder = Destination();
  return folder ? PathToWx(*folder) : wxString();
}

void ExportWizard::ShowProblem(wxStaticText* where, const wxString& text) {
  where->SetForegroundColour(kProblem);
  where->SetLabel(text);
  where->Wrap(FromDIP(600));
  where->GetParent()->Layout();
}

bool ExportWizard::Next() {
  switch (mStep) {
    case kReads:
      if (ChosenReads().empty()) {
        mReadCount->SetForegroundColour(kProblem);
        mReadCount->SetLabel(_("Choose at least one read to export."));
        return false;
      }
      mReadCount->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
      ShowStep(kDestination);
      return true;
    case kDestination: {
      const auto destination = Destination();
      std::error_code ec;
      if (!destination) {
        ShowProblem(mDestinationProblem, _("Choose a removable drive or a folder."));
        return false;
      }
      if (!std::filesystem::is_directory(*destination, ec)) {
        ShowProblem(mDestinationProblem, _("This folder does not exist. Choose an existing folder."));
        return false;
      }
      ShowStep(kProtection);
      return true;
    }
    case kProtection:
      ShowStep(kCustody);
      return true;
    case kCustody:
      ShowStep(kReview);
      return true;
    case kReview:
      StartExport();
      return true;
    default:
      return false;
  }
}

bool ExportWizard::Back() {
  if (mExporting || mStep == kReads || mStep == kDone) {
    return false;
  }
  ShowStep(mStep == kExporting ? kReview : static_cast<Step>(mStep - 1));
  return true;
}

void ExportWizard::FillReview() {
  mReview->DestroyChildren();
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(14));
  grid->AddGrowableCol(1, 1);
  auto row = [&](const wxString& label, const wxString& value, const wxString& name = wxS("staticText")) {
    auto* l = new wxStaticText(mReview, wxID_ANY, label);
    l->SetFont(GetFont().Bold());
    grid->Add(l, 0, wxALIGN_TOP);
    auto* v = new wxStaticText(mReview, wxID_ANY, value, wxDefaultPosition, wxDefaultSize, 0, name);
    v->Wrap(FromDIP(480));
    grid->Add(v, 1, wxEXPAND);
  };
  const auto reads = ChosenReads();
  row(_("Case"), ToWx(mContext.caseNumber), wxS("exportReviewCase"));
  row(_("Purpose"), ToWx(mContext.purposeCode));
  row(_("Justification"), ToWx(mContext.justification));
  row(_("Reads"), wxString::Format(wxPLURAL("%s read, with its images", "%s reads, with their images",
                                            static_cast<unsigned long>(reads.size())),
                                   FormatCount(static_cast<std::int64_t>(reads.size()))),
      wxS("exportReviewReads"));
  row(_("Destination"), DestinationText(), wxS("exportReviewDestination"));
  wxString protection = Encrypt() ? _("AES-256 zip; the passphrase is shown once after the export") : _("none (a folder anyone with the medium can read)");
  if (Encrypt() && !Trimmed(mDelivery->GetValue()).empty()) {
    protection += wxS("; ") + wxString::Format(_("delivered %s"), Trimmed(mDelivery->GetValue()));
  }
  row(_("Protection"), protection, wxS("exportReviewProtection"));
  const wxString notGiven = _("(not given)");
  row(_("Media label"), Trimmed(mMediaLabel->GetValue()).empty() ? notGiven : Trimmed(mMediaLabel->GetValue()));
  row(_("Recipient"), Trimmed(mRecipient->GetValue()).empty() ? notGiven : Trimmed(mRecipient->GetValue()));
  if (!Trimmed(mDescription->GetValue()).empty()) {
    row(_("Description"), Trimmed(mDescription->GetValue()));
  }
  mReview->SetSizer(grid);
  mReview->GetParent()->Layout();
}

workstation::EvidenceRequest ExportWizard::BuildRequest() const {
  workstation::EvidenceRequest r;
  r.reads = ChosenReads();
  r.destination = *Destination();
  r.selectionMethod = "case-reads";
  std::string ids;
  for (auto id : r.reads) {
    ids += (ids.empty() ? "" : ",") + std::to_string(id);
  }
  // How the reads were chosen, for the custody record and the audit record.
  r.selection = {{"chosen_from", "reads held for the case (export wizard)"},
                 {"held", std::to_string(mReadsShown.size())},
                 {"reads", ids}};
  r.description = FromWx(Trimmed(mDescription->GetValue()));
  r.mediaLabel = FromWx(Trimmed(mMediaLabel->GetValue()));
  r.recipient = FromWx(Trimmed(mRecipient->GetValue()));
  r.encrypt = Encrypt();
  if (r.encrypt) {
    r.passphraseDelivery = FromWx(Trimmed(mDelivery->GetValue()));
  }
  return r;
}

void ExportWizard::StartExport() {
  if (mExporting) {
    return;
  }
  mExporting = true;
  mExportError.reset();
  mStop = std::make_shared<std::stop_source>();
  mProgress->SetValue(0);
  mProgressText->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mProgressText->SetLabel(_("Recording the export in the audit log, then writing") + wxS("\u2026"));
  ShowStep(kExporting);

  const GuiPost post(this);
  auto session = mSession;
  auto workstation = mWorkstation;
  auto cancel = mStop;
  RunAsync(
      mJobs, this,
      [session, workstation, context = mContext, request = BuildRequest(), post, cancel,
       this](std::stop_token jobStop) mutable -> Result<workstation::EvidenceExport> {
        std::stop_source stop;
        std::stop_callback onJobStop(jobStop, [&stop] { stop.request_stop(); });
        std::stop_callback onCancel(cancel->get_token(), [&stop] { stop.request_stop(); });
        const ProgressFn progress = GaugeProgress([&](int value, std::uint64_t done, std::uint64_t total) {
          const bool readingBack = done * 2 > total;  // the writer reports writing, then reading back
          // `this` is only used if the wizard still exists (GuiPost checks).
          post.Post([this, value, readingBack] {
            if (mExporting) {
              mProgress->SetValue(value);
              mProgressText->SetLabel((readingBack ? _("Reading the package back from the medium")
                                                   : _("Writing the package")) +
                                      wxS("\u2026"));
            }
          });
        });
        return session->ExportEvidence(context, request, stop.get_token(), progress);
      },
      [this](Result<workstation::EvidenceExport> outcome) {
        mExporting = false;
        if (!outcome) {
          const Error& e = outcome.Err();
          mExportError = e;
          mProgress->SetValue(0);
          mProgressText->SetForegroundColour(kProblem);
          if (e.code == ErrorCode::Cancelled) {
            mProgressText->SetLabel(_("The export was cancelled. What had been written was removed, and the audit "
                                      "log records the cancellation."));
          } else {
            LogError(e, Activity::DataAccess);
            mProgressText->SetLabel(ErrorText(e, Activity::DataAccess) + wxS(" ") +
                                    _("Nothing that looks like a package was left on the medium."));
          }
          mProgressText->Wrap(FromDIP(600));
          UpdateButtons();
          return;
        }
        mExported = std::move(*outcome);
        ShowDone();
        if (mOnExported) {
          mOnExported();
        }
      });
}

void ExportWizard::ShowDone() {
  const workstation::EvidenceExport& e = *mExported;
  mPath->SetValue(PathToWx(e.path));
  mSize->SetLabel(wxString::Format(_("%s in %s files"), FormatSize(e.bytes), FormatCount(static_cast<std::int64_t>(e.files))) +
                  wxS(" \u00b7 ") +
                  wxString::Format(_("%s reads, %s images"), FormatCount(static_cast<std::int64_t>(e.reads)),
                                   FormatCount(static_cast<std::int64_t>(e.images))));
  mShaLabel->SetLabel(e.encrypted ? _("SHA-256 of the zip") : _("SHA-256 (tag manifest)"));
  mShaLabel->SetToolTip(e.encrypted ? _("The hash of the one file on the medium: check it with sha256sum.")
                                    : _("The hash of tagmanifest-sha256.txt, which lists the hash of every file."));
  mSha->SetValue(ToWx(e.sha256));
  mPassphraseBox->Show(e.encrypted);
  if (e.encrypted) {
    mPassphrase->SetValue(ToWx(e.passphrase));
  }
  ShowStep(kDone);
  mBook->GetCurrentPage()->Layout();
}

bool ExportWizard::StartVerify() {
  if (!mExported || mVerifying || mExporting) {
    return false;
  }
  mVerifying = true;
  mVerification.reset();
  mChecks->DeleteAllItems();
  mVerdict->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mVerdict->SetLabel(_("Verifying the package on the medium") + wxS("\u2026"));
  mStop = std::make_shared<std::stop_source>();
  UpdateButtons();
  auto session = mSession;
  auto workstation = mWorkstation;
  auto cancel = mStop;
  const std::filesystem::path path = mExported->path;
  std::optional<std::string> passphrase;
  if (mExported->encrypted) {
    passphrase = mExported->passphrase;
  }
  RunAsync(
      mJobs, this,
      [session, workstation, path, passphrase, cancel](std::stop_token jobStop) {
        std::stop_source stop;
        std::stop_callback onJobStop(jobStop, [&stop] { stop.request_stop(); });
        std::stop_callback onCancel(cancel->get_token(), [&stop] { stop.request_stop(); });
        return session->VerifyEvidence(path, passphrase, stop.get_token());
      },
      [this](Result<evidence::PackageVerification> outcome) {
        mVerifying = false;
        UpdateButtons();
        if (!outcome) {
          LogError(outcome.Err(), Activity::General);
          mVerdict->SetForegroundColour(kProblem);
          mVerdict->SetLabel(outcome.Err().code == ErrorCode::Cancelled ? _("Verification stopped.")
                                                                        : ErrorText(outcome.Err()));
          return;
        }
        mVerification = std::move(*outcome);
        for (const auto& check : mVerification->checks) {
          const long row = mChecks->InsertItem(mChecks->GetItemCount(), CheckName(check.name));
          mChecks->SetItem(row, 1, check.ok ? _("pass") : _("FAIL"));
          mChecks->SetItem(row, 2, ToWx(check.detail));
          mChecks->SetItemTextColour(row, check.ok ? kGood : kProblem);
        }
        for (const auto& warning : mVerification->warnings) {
          const long row = mChecks->InsertItem(mChecks->GetItemCount(), _("Note"));
          mChecks->SetItem(row, 2, ToWx(warning));
        }
        // Only a check against this storage's own keys names the signer (the session always gives
        // them; a package checked with its own key would be intact, signer not verified).
        mVerdict->SetForegroundColour(mVerification->SignerVerified() ? kGood : kProblem);
        mVerdict->SetLabel(
            mVerification->SignerVerified()
                ? wxString::Format(_("VALID: every check passed against this storage's signing key (%s reads, %s images)."),
                                   FormatCount(static_cast<std::int64_t>(mVerification->reads)),
                                   FormatCount(static_cast<std::int64_t>(mVerification->images)))
            : mVerification->valid ? _("INTACT, SIGNER NOT VERIFIED: checked only with the key inside the package.")
                                   : wxString::Format(_("INVALID: %s"), ToWx(mVerification->firstProblem)));
        mVerdict->SetToolTip(mVerdict->GetLabel());
      });
  return true;
}

void ExportWizard::CancelWork() {
  if (mStop) {
    mStop->request_stop();
  }
}

}  // namespace platedesk::views
