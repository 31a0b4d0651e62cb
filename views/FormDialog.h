// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <wx/dialog.h>

#include <functional>
#include <string>
#include <vector>

class wxButton;
class wxStaticText;
class wxWindow;

namespace platedesk::views {

/// One field of a FormDialog.
struct FormField {
  wxString name;   ///< the window's name, for tests
  wxString label;  ///< shown left of the field
  wxString hint;   ///< shown inside an empty text field
  bool required = true;
  bool multiline = false;
  std::vector<wxString> choices;  ///< non-empty: a drop-down of these instead of a text field
  bool file = false;              ///< a file path with "Choose..." (PDF or image)
  wxString initial;               ///< the text (or choice) it starts with
  bool secret = false;            ///< a password: typed unseen, never trimmed
};

/// A small form for the Releases page (a written request, a review's reason, a receipt, a notice
/// sent, an agency): labelled fields, OK enabled once the required ones are filled, and `apply`
/// called with the values (trimmed; a drop-down gives its index as text). Its error appears inline
/// and the dialog stays open, so nothing typed is lost. Window names: the fields' names, formError,
/// formOk. GUI thread only.
class FormDialog : public wxDialog {
 public:
  using Apply = std::function<Status(const std::vector<std::string>& values)>;
  FormDialog(wxWindow* parent, const wxString& title, const wxString& intro, std::vector<FormField> fields, Apply apply,
             const wxString& okLabel = wxString());

  /// The values as OK gave them to `apply`.
  [[nodiscard]] const std::vector<std::string>& Values() const { return mValues; }
  /// Fills a field (as typing would); for a drop-down, selects the first choice starting with `value`.
  void SetValue(std::size_t field, const wxString& value);
  /// Presses OK (as a click would). True when `apply` succeeded and the dialog ended.
  bool Submit();

 private:
  [[nodiscard]] std::vector<std::string> Collect() const;
  void UpdateOk();

  std::vector<FormField> mFields;
  std::vector<wxWindow*> mControls;
  Apply mApply;
  std::vector<std::string> mValues;
  wxStaticText* mError = nullptr;
  wxButton* mOk = nullptr;
};

}  // namespace platedesk::views
