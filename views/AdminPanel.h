// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class wxButton;
class wxGauge;
class wxListCtrl;
class wxStaticText;

namespace platedesk::views {

class FormDialog;

/// The administrator's "Administration" page, as the CLI's purpose, config, audit checkpoint and
/// import commands: the purpose catalogue (add a purpose, withdraw or restore one), an agency
/// setting, the audit log's signed checkpoint saved to a file to keep elsewhere, and camera files
/// imported on a worker with progress, Cancel and the summary (stored, duplicates, not reads,
/// quarantined, the first problems). Every change is a Session call, checked and audited in core.
/// The settings list shows every key with its value (or that the default applies); double-click
/// one, or select it and press Change a setting..., to change it.
/// Window names: adminPurposes, adminAddPurpose, adminWithdraw, adminRestore, adminSettings, adminSetting,
/// adminCheckpoint, adminImportFiles, adminImportFolder, adminImportCancel, adminProgress,
/// adminStatus. GUI thread only.
class AdminPanel : public wxPanel {
 public:
  AdminPanel(wxWindow* parent, std::shared_ptr<workstation::Session> session, AsyncJobs& jobs);

  /// Reads the purpose catalogue and the agency settings again.
  void Reload();
  /// The agency settings as stored (Session::Settings), by key; the list shows them.
  [[nodiscard]] const std::vector<workstation::AgencySetting>& Settings() const { return mSettings; }
  /// Selects a setting's row by key (Change a setting... then starts from it); false when not listed.
  bool SelectSetting(const std::string& key);
  /// Called after an import (finished or cancelled: reads may have been stored) so that the
  /// window's counts are read again.
  void SetOnReadsChanged(std::function<void()> fn) { mOnReadsChanged = std::move(fn); }
  /// The forms behind Add purpose... and Change a setting... (the caller shows them).
  [[nodiscard]] FormDialog* MakePurposeDialog();
  [[nodiscard]] FormDialog* MakeSettingDialog();
  /// Withdraws (or restores) the selected purpose. False, and says why, without a selection.
  bool SetSelectedWithdrawn(bool withdrawn);
  /// Selects a purpose's row by code; false when it is not listed.
  bool SelectPurpose(const std::string& code);
  [[nodiscard]] const std::vector<store::PurposeRecord>& Purposes() const { return mPurposes; }
  /// Signs the newest checkpoint and writes it to `file` (never over a file).
  bool SaveCheckpoint(const std::filesystem::path& file);
  /// Imports files (or the importable files of folders) on a worker. False when one runs.
  bool Import(std::vector<std::filesystem::path> paths);
  void CancelImport() { mCancel.Cancel(); }
  [[nodiscard]] bool IsImporting() const { return mImporting; }
  [[nodiscard]] wxString StatusText() const;

 private:
  void ShowStatus(const wxString& text, bool problem = false);
  void ShowError(const Error& error);
  void LoadSettings();

  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  std::vector<store::PurposeRecord> mPurposes;
  std::vector<workstation::AgencySetting> mSettings;
  wxListCtrl* mSettingsList = nullptr;
  std::function<void()> mOnReadsChanged;
  Canceller mCancel;
  bool mImporting = false;
  wxListCtrl* mList = nullptr;
  wxButton* mImportFiles = nullptr;
  wxButton* mImportFolder = nullptr;
  wxButton* mImportCancel = nullptr;
  wxGauge* mProgress = nullptr;
  wxStaticText* mStatus = nullptr;
};

}  // namespace platedesk::views
