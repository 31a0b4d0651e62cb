// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JsonFields.h"

#include "platedesk/ingest/Records.h"

// The camera vendors whose own JSON is read besides OpenALPR and Plate Recognizer (one file each:
// GenetecRecord.cpp, AxisRecord.cpp, SurvisionRecord.cpp). Each LooksLike* decides by content
// alone, on a JSON object that has no OpenALPR `data_type`; each Parse* fills f.Rec() and returns
// false when the record was rejected or skipped.
namespace platedesk::ingest::detail {

/// Genetec AutoVu read: `Plate` with `SharpName`, `CameraName`, `DateUtc` or an image field.
bool LooksLikeGenetec(const json::Value& root);
bool ParseGenetec(const Fields& f, const ParseOptions& options);

/// Axis License Plate Verifier event: a plate text field (`plateUTF8`, `plateText`, ...) with
/// `camera_info`, `carID`, `packetCounter` or `plateCountry`.
bool LooksLikeAxis(const json::Value& root);
bool ParseAxis(const Fields& f, const ParseOptions& options);

/// Survision `anpr` message: an object `anpr` at the top.
bool LooksLikeSurvision(const json::Value& root);
bool ParseSurvision(const Fields& f, const ParseOptions& options);

}  // namespace platedesk::ingest::detail
