// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ExportWizard.h"

#include "views/export/ExportCustodyPage.h"
#include "views/export/ExportDestinationPage.h"
#include "views/export/ExportDonePage.h"
#include "views/export/ExportProgressPage.h"
#include "views/export/ExportProtectionPage.h"
#include "views/export/ExportReadsPage.h"
#include "views/export/ExportReviewPage.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/clipbrd.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>

#include <algorithm>

namespace platedesk::views {
namespace {

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

}  // namespace

ExportWizard::ExportWizard(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                           std::shared_ptr<workstation::Session> session, AsyncJobs& jobs,
                           workstation::AccessContext context, const workstation::CaseSummary& summary,
                           std::map<store::CameraId, wxString> cameraNames)
    : wxDialog(parent, wxID_ANY, _("Export evidence") + wxS(" \u2014 ") + ToWx(context.caseNumber), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("exportWizard")),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mJobs(jobs),
      mContext(std::move(context)) {
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
  mReads = new ExportReadsPage(mBook, summary, cameraNames);
  mDestination = new ExportDestinationPage(mBook, mSession->RemovableDrives());
  mProtection = new ExportProtectionPage(mBook, mDestination->IsRemovable());  // removable drives: on by default
  mCustody = new ExportCustodyPage(mBook);
  mReview = new ExportReviewPage(mBook);
  mProgress = new ExportProgressPage(mBook);
  mDone = new ExportDonePage(mBook);
  for (wxWindow* page :
       std::initializer_list<wxWindow*>{mReads, mDestination, mProtection, mCustody, mReview, mProgress, mDone}) {
    mBook->AddPage(page, wxString());
  }
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
    } else if (ReadyToClose()) {
      Close(true);
    }
  });
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
    if (event.CanVeto() && !IsBusy() && !ReadyToClose()) {
      event.Veto();
      return;
    }
    // A running export stops and removes what it wrote; its late result is dropped.
    CancelWork();
    Destroy();
  });
  mDestination->SetOnChange([this] { mProtection->SuggestEncrypt(mDestination->IsRemovable()); });
  mDone->SetOnVerify([this] { StartVerify(); });
  mDone->SetOnCopy([this] { CopyPassphrase(); });
  ShowStep(kReads);
}

bool ExportWizard::ReadyToClose() {
  if (!mExported || !mExported->encrypted || mPassphraseAsked) return true;
  mPassphraseAsked = true;
  mDone->ShowNote(
      _("Have you recorded the passphrase? It is shown only here: once this window closes nobody can "
        "show it again, and without it the package cannot be opened. Close again when it is recorded."));
  mCancel->SetLabel(_("Close: it is recorded"));
  Layout();
  return false;
}

ExportWizard::~ExportWizard() {
  CancelWork();
  // The passphrase was shown once; do not leave it lying in freed memory longer than needed.
  if (mExported) {
    std::fill(mExported->passphrase.begin(), mExported->passphrase.end(), '\0');
  }
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
    label->SetForegroundColour(i <= step ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT) : MutedColour());
  }
  const wxString heading = wxGetTranslation(wxString::FromUTF8(kSteps[step].title));
  mHeading->SetLabel(heading);
  SetTitle((mRelease != 0 ? wxString::Format(_("Release for case %s"), ToWx(mContext.caseNumber))
                          : wxString::Format(_("Export evidence for case %s"), ToWx(mContext.caseNumber))) +
           wxS(" \u2014 ") + heading);
  if (step == kReview) {
    mReview->Fill(mContext, BuildRequest(), mDestination->DestinationText());
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
  mCancel->SetLabel(mExporting ? _("Cancel export")
                               : (mVerifying ? _("Stop verifying") : (done || failed ? _("Close") : _("Cancel"))));
  mDone->EnableVerify(!mVerifying && mExported.has_value());
  GetSizer()->Layout();
}

std::vector<store::ReadId> ExportWizard::ChosenReads() const { return mReads->ChosenReads(); }

void ExportWizard::SetFolder(const std::filesystem::path& folder) { mDestination->SetFolder(folder); }

void ExportWizard::SetEncrypt(bool encrypt) { mProtection->SetEncrypt(encrypt); }

bool ExportWizard::Encrypt() const { return mProtection->Encrypt(); }

bool ExportWizard::Next() {
  switch (mStep) {
    case kReads:
      if (!mReads->Validate()) {
        return false;
      }
      ShowStep(kDestination);
      return true;
    case kDestination:
      if (!mDestination->Validate()) {
        return false;
      }
      ShowStep(kProtection);
      return true;
    case kProtection:
      ShowStep(kCustody);
      return true;
    case kCustody:
      if (!mCustody->Validate(mRelease == 0 || mReleaseMethod == store::ReleaseMethod::Media)) {
        return false;
      }
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

workstation::EvidenceRequest ExportWizard::BuildRequest() const {
  workstation::EvidenceRequest request;
  mReads->AddTo(request);
  mDestination->AddTo(request);
  mProtection->AddTo(request);
  mCustody->AddTo(request);
  if (mRelease != 0) {
    // A release: the one who takes it is the recipient's, not a custodian inside the agency.
    request.release = mRelease;
    request.releaseMethod = mReleaseMethod;
    request.receivedBy = request.custodian;
    request.custodian.clear();
    request.recipient = FromWx(mReleaseRecipient);  // shown on the review; the session names it from the request
  }
  return request;
}

void ExportWizard::SetRelease(std::int64_t request, store::ReleaseMethod method, const wxString& recipient) {
  mRelease = request;
  mReleaseMethod = method;
  mReleaseRecipient = recipient;
  mCustody->SetReleaseTo(recipient);
  SetTitle(wxString::Format(_("Release to %s (request %lld)"), recipient, static_cast<long long>(request)));
}

void ExportWizard::StartExport() {
  if (mExporting) {
    return;
  }
  mExporting = true;
  mExportError.reset();
  const std::stop_token cancel = mCancelWork.Arm();
  mProgress->Start();
  ShowStep(kExporting);

  const GuiPost post(this);
  auto session = mSession;
  auto workstation = mWorkstation;
  RunAsync(
      mJobs, this,
      [session, workstation, context = mContext, request = BuildRequest(), post, cancel,
       this](std::stop_token jobStop) mutable -> Result<workstation::EvidenceExport> {
        const JoinedStop stop(jobStop, cancel);
        const ProgressFn progress = GaugeProgress([&](int value, std::uint64_t done, std::uint64_t total) {
          const bool readingBack = done * 2 > total;  // the writer reports writing, then reading back
          // `this` is only used if the wizard still exists (GuiPost checks).
          post.Post([this, value, readingBack] {
            if (mExporting) {
              mProgress->SetProgress(value, readingBack);
            }
          });
        });
        return session->ExportEvidence(context, request, stop.Token(), progress);
      },
      [this](Result<workstation::EvidenceExport> outcome) {
        mExporting = false;
        if (!outcome) {
          mExportError = outcome.Err();
          mProgress->ShowFailure(outcome.Err());
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
  mDone->ShowExport(*mExported);
  ShowStep(kDone);
  mBook->GetCurrentPage()->Layout();
}

void ExportWizard::CopyPassphrase() {
  if (mExported && !mExported->passphrase.empty() && wxTheClipboard->Open()) {
    wxTheClipboard->SetData(new wxTextDataObject(ToWx(mExported->passphrase)));
    wxTheClipboard->Close();
    mDone->ShowNote(_("Passphrase copied. Clear the clipboard once it is delivered."));
  }
}

bool ExportWizard::StartVerify() {
  if (!mExported || mVerifying || mExporting) {
    return false;
  }
  mVerifying = true;
  mVerification.reset();
  mDone->StartVerifying();
  const std::stop_token cancel = mCancelWork.Arm();
  UpdateButtons();
  auto session = mSession;
  auto workstation = mWorkstation;
  const std::filesystem::path path = mExported->path;
  std::optional<std::string> passphrase;
  if (mExported->encrypted) {
    passphrase = mExported->passphrase;
  }
  RunAsync(
      mJobs, this,
      [session, workstation, path, passphrase, cancel](std::stop_token jobStop) {
        const JoinedStop stop(jobStop, cancel);
        return session->VerifyEvidence(path, passphrase, stop.Token());
      },
      [this](Result<evidence::PackageVerification> outcome) {
        mVerifying = false;
        UpdateButtons();
        if (!outcome) {
          mDone->ShowVerificationError(outcome.Err());
          return;
        }
        mVerification = std::move(*outcome);
        mDone->ShowVerification(*mVerification);
      });
  return true;
}

void ExportWizard::CancelWork() { mCancelWork.Cancel(); }

}  // namespace platedesk::views
