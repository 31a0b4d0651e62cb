// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/evidence/Package.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

class wxRadioButton;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The export wizard's destination step: the mounted removable drives (the first chosen), or a
/// folder typed or picked with "Choose folder...". Windows are named exportDrive<N>,
/// exportFolderChoice, exportFolder, exportChooseFolder and exportDestinationProblem. GUI thread only.
class ExportDestinationPage : public wxPanel {
 public:
  ExportDestinationPage(wxWindow* parent, std::vector<evidence::RemovableDrive> drives);

  /// The chosen drive's mount point or the folder; nullopt when the folder is empty.
  [[nodiscard]] std::optional<std::filesystem::path> Destination() const;
  /// True when a removable drive is chosen.
  [[nodiscard]] bool IsRemovable() const;
  /// The destination for people: the drive's label, mount point and file system, or the folder.
  [[nodiscard]] wxString DestinationText() const;
  /// Chooses "a folder" and fills it in (as "Choose folder..." does).
  void SetFolder(const std::filesystem::path& folder);
  /// True when the destination is an existing folder; otherwise says what is wrong on the page.
  bool Validate();
  /// The destination (call after Validate).
  void AddTo(workstation::EvidenceRequest& request) const;
  /// Called on the GUI thread whenever the choice changes.
  void SetOnChange(std::function<void()> onChange) { mOnChange = std::move(onChange); }

 private:
  void Changed();
  void ShowProblem(const wxString& text);

  std::vector<evidence::RemovableDrive> mDrives;
  std::vector<wxRadioButton*> mDriveChoices;  // one per drive, in the same order
  wxRadioButton* mFolderChoice = nullptr;
  wxTextCtrl* mFolder = nullptr;
  wxStaticText* mProblem = nullptr;
  std::function<void()> mOnChange;
};

}  // namespace platedesk::views
