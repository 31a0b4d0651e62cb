// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/evidence/Package.h"
#include "platedesk/workstation/Session.h"

#include <wx/dialog.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

class wxButton;
class wxSimplebook;
class wxStaticText;

namespace platedesk::views {

class ExportCustodyPage;
class ExportDestinationPage;
class ExportDonePage;
class ExportProgressPage;
class ExportProtectionPage;
class ExportReadsPage;
class ExportReviewPage;

/// The evidence export wizard of the Cases page, in steps (one page class each, views/export/): the reads (the case's
/// collected and held reads, all preselected), the destination (mounted removable drives, or a folder), the protection
/// (an AES-256 zip, on by default for removable drives, and how the passphrase reaches the recipient), the custody
/// details (media label, recipient, description), a review, the export itself on a worker (Session::ExportEvidence,
/// with progress and Cancel), and the summary (path, size, SHA-256, the passphrase shown once with a Copy button) with
/// "Verify now" (Session::VerifyEvidence) listing every check. Everything goes through the session under the access
/// context the case was opened with. A modeless dialog; windows are named for tests (exportReads, exportDrive<N>,
/// exportFolderChoice, exportFolder, exportEncrypt, exportDelivery, exportMediaLabel, exportCustodian,
/// exportDescription, exportReview, exportProgress, exportPath, exportSize, exportSha256, exportPassphrase, exportCopy,
/// exportVerify, exportChecks, exportVerdict, exportBack, exportNext, exportCancel). GUI thread only.
class ExportWizard : public wxDialog {
 public:
  enum Step : int { kReads, kDestination, kProtection, kCustody, kReview, kExporting, kDone, kStepCount };

  ExportWizard(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
               std::shared_ptr<workstation::Session> session, AsyncJobs& jobs, workstation::AccessContext context,
               const workstation::CaseSummary& summary, std::map<store::CameraId, wxString> cameraNames);
  ~ExportWizard() override;

  [[nodiscard]] Step CurrentStep() const { return mStep; }
  /// Goes to the next step (the review's "Export" starts the export). Returns false, and says
  /// why on the page, when the step is not complete.
  bool Next();
  bool Back();
  /// Asks a running export (or verification) to stop; a stopped export leaves nothing on the medium.
  void CancelWork();
  /// Runs the offline verifier on the package just written (Done step). False if none, or busy.
  bool StartVerify();
  [[nodiscard]] bool IsBusy() const { return mExporting || mVerifying; }

  /// The reads ticked on the first step, in list order.
  [[nodiscard]] std::vector<store::ReadId> ChosenReads() const;
  /// Chooses "a folder" as the destination and fills it in (as "Choose folder..." would).
  void SetFolder(const std::filesystem::path& folder);
  /// Ticks or clears the encryption box (as a click would).
  void SetEncrypt(bool encrypt);
  [[nodiscard]] bool Encrypt() const;

  /// The finished export (Done step).
  [[nodiscard]] const std::optional<workstation::EvidenceExport>& Exported() const { return mExported; }
  /// The error of the last export that did not finish (cancelled, refused, failed).
  [[nodiscard]] const std::optional<Error>& ExportError() const { return mExportError; }
  /// The last verification's outcome.
  [[nodiscard]] const std::optional<evidence::PackageVerification>& Verification() const { return mVerification; }

  /// Makes this export the release of an approved dissemination request (Releases page): the
  /// custody step's "Received by" names who takes it for `recipient`, and the export records the
  /// release. Call before the custody step.
  void SetRelease(std::int64_t request, store::ReleaseMethod method, const wxString& recipient);
  [[nodiscard]] std::int64_t ReleaseRequest() const { return mRelease; }

  /// Called on the GUI thread after a successful export (the Cases page reloads the case).
  void SetOnExported(std::function<void()> onExported) { mOnExported = std::move(onExported); }

 public:
  /// Whether the wizard may close now: after an encrypted export the first attempt asks instead
  /// whether the passphrase was recorded (it is shown only here) and says so on the page; the
  /// next one closes.
  [[nodiscard]] bool ReadyToClose();

 private:
  void ShowStep(Step step);
  void UpdateButtons();
  void StartExport();
  void ShowDone();
  void CopyPassphrase();
  [[nodiscard]] workstation::EvidenceRequest BuildRequest() const;

  std::shared_ptr<workstation::Connection> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  workstation::AccessContext mContext;
  std::int64_t mRelease = 0;
  wxString mReleaseRecipient;
  store::ReleaseMethod mReleaseMethod = store::ReleaseMethod::Media;

  Step mStep = kReads;
  std::vector<wxStaticText*> mStepLabels;
  wxStaticText* mHeading = nullptr;
  wxSimplebook* mBook = nullptr;
  wxButton* mBack = nullptr;
  wxButton* mNext = nullptr;
  wxButton* mCancel = nullptr;

  // One page per step, in the book's order.
  ExportReadsPage* mReads = nullptr;
  ExportDestinationPage* mDestination = nullptr;
  ExportProtectionPage* mProtection = nullptr;
  ExportCustodyPage* mCustody = nullptr;
  ExportReviewPage* mReview = nullptr;
  ExportProgressPage* mProgress = nullptr;
  ExportDonePage* mDone = nullptr;

  bool mExporting = false;
  bool mVerifying = false;
  bool mPassphraseAsked = false;  // the user was asked whether the passphrase is recorded
  Canceller mCancelWork;          // the running export or verification
  std::optional<workstation::EvidenceExport> mExported;
  std::optional<Error> mExportError;
  std::optional<evidence::PackageVerification> mVerification;
  std::function<void()> mOnExported;
};

}  // namespace platedesk::views
