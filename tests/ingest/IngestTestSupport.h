// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"
#include "platedesk/ingest/Records.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace platedesk::ingest::testing {

/// "Now" for the parsers in tests: 2025-01-01 (after every fixture's capture time).
inline UtcMs TestNow() { return UtcFromCivil(2025, 1, 1); }

inline std::filesystem::path FixtureDir() { return std::filesystem::path(PLATEDESK_FIXTURES_DIR) / "ingest"; }

inline std::string ReadFixture(const std::string& name) {
  auto bytes = ReadFile(FixtureDir() / name);
  if (!bytes) throw std::runtime_error("missing fixture " + name);
  return *bytes;
}

/// text with the first occurrence of from replaced by to (throws when from is not there, so a
/// fixture edit that no longer applies fails the test instead of testing the original).
inline std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("edit target not found: " + from);
  return text.replace(at, from.size(), to);
}

inline ParseOptions TestOptions() {
  ParseOptions o;
  o.now = TestNow();
  return o;
}

/// A parsed record that owns its raw bytes.
struct Owned {
  ParsedRecord rec;
  std::string raw;
};

/// All records of a buffer, as RecordReader delivers them.
inline std::vector<Owned> ParseAll(std::string_view bytes, const std::string& name = "input.json",
                                   FileFormat* format = nullptr) {
  std::vector<Owned> out;
  const FileFormat f = ParseBuffer(bytes, name, TestOptions(), [&](ParsedRecord& r) {
    Owned o{r, std::string(r.raw)};
    o.rec.raw = {};
    out.push_back(std::move(o));
  });
  if (format) *format = f;
  return out;
}

/// A real JPEG (a grey gradient with a white box) made with OpenCV.
inline std::string MakeJpeg(int width, int height) {
  cv::Mat img(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) img.at<cv::Vec3b>(y, x) = cv::Vec3b(x % 256, y % 256, (x + y) % 256);
  cv::rectangle(img, cv::Rect(width / 4, height / 4, width / 2, height / 2), cv::Scalar(255, 255, 255), -1);
  std::vector<unsigned char> buf;
  cv::imencode(".jpg", img, buf);
  return std::string(buf.begin(), buf.end());
}

inline std::string MakePng(int width, int height) {
  cv::Mat img(height, width, CV_8UC1, cv::Scalar(128));
  std::vector<unsigned char> buf;
  cv::imencode(".png", img, buf);
  return std::string(buf.begin(), buf.end());
}

inline std::string Base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

/// A compact alpr_group line (JSON Lines) with optional base64 images.
inline std::string GroupJson(const std::string& uuid, const std::string& plate, std::int64_t epochMs,
                             const std::string& plateJpegB64 = "", const std::string& vehicleJpegB64 = "",
                             const std::string& camera = "7") {
  std::string s = R"({"data_type":"alpr_group","version":2,"epoch_start":)" + std::to_string(epochMs) +
                  R"(,"agent_uid":"AGENT-T","camera_id":)" + camera + R"(,"best_plate_number":")" + plate +
                  R"(","best_confidence":90.5,"best_region":"us-mo","best_uuid":")" + uuid + "\"";
  if (!plateJpegB64.empty())
    s += R"(,"best_plate":{"plate":")" + plate + R"(","plate_crop_jpeg":")" + plateJpegB64 + "\"}";
  if (!vehicleJpegB64.empty()) s += R"(,"vehicle_crop_jpeg":")" + vehicleJpegB64 + "\"";
  s += "}";
  return s;
}

}  // namespace platedesk::ingest::testing
