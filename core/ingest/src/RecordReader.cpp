// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvRecord.h"
#include "Json.h"
#include "JsonRecord.h"
#include "Normalise.h"

#include "platedesk/common/Text.h"
#include "platedesk/ingest/Records.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace platedesk::ingest {
namespace {

// Reads start small (webhook bodies are a few KiB) and grow to kMaxChunk for big files.
constexpr std::size_t kFirstChunk = 16u << 10;
constexpr std::size_t kMaxChunk = 1u << 20;
// What is kept (for quarantine) of a record or file too large to import.
constexpr std::size_t kKeptOfOversized = kMaxRecordBytes;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view StripCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return IsSpace(c); });
}

}  // namespace

const char* FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::Empty:
      return "empty";
    case FileFormat::JsonDocument:
      return "json";
    case FileFormat::JsonLines:
      return "jsonl";
    case FileFormat::Csv:
      return "csv";
    case FileFormat::Unsupported:
      return "unsupported";
  }
  return "unsupported";
}

// A growable window over the input: [pos, buf.size()) is not yet consumed.
struct RecordReader::State {
  const ReadFn& read;
  std::uint64_t& bytesRead;
  std::string buf;
  std::size_t pos = 0;
  bool eof = false;
  std::size_t chunk = kFirstChunk;

  // Appends one more chunk (compacting first). Returns false at the end of input.
  Result<bool> More() {
    if (eof) return false;
    if (pos > 0) {
      buf.erase(0, pos);
      pos = 0;
    }
    const std::size_t old = buf.size();
    buf.resize(old + chunk);
    auto n = read(buf.data() + old, chunk);
    chunk = std::min(chunk * 2, kMaxChunk);
    if (!n) {
      buf.resize(old);
      return n.Err();
    }
    buf.resize(old + *n);
    bytesRead += *n;
    if (*n == 0) eof = true;
    return *n > 0;
  }

  // Next line without its terminator. tooLong: the line exceeded kMaxRecordBytes; then line
  // holds its first kKeptOfOversized bytes (in kept) and the rest was skipped.
  Result<bool> NextLine(std::string_view& line, bool& tooLong, std::string& kept) {
    tooLong = false;
    std::size_t scanned = 0;  // bytes after pos already known to hold no '\n'
    while (true) {
      const char* start = buf.data() + pos + scanned;
      const std::size_t avail = buf.size() - pos - scanned;
      if (const void* nl = avail ? std::memchr(start, '\n', avail) : nullptr) {
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data());
        line = std::string_view(buf).substr(pos, end - pos);
        pos = end + 1;
        return true;
      }
      scanned = buf.size() - pos;
      if (scanned > kMaxRecordBytes) {
        tooLong = true;
        kept.assign(buf, pos, kKeptOfOversized);
        pos = buf.size();
        // Skip to the end of the line.
        while (true) {
          auto more = More();
          if (!more) return more.Err();
          if (!*more) break;
          if (const void* nl = std::memchr(buf.data(), '\n', buf.size())) {
            pos = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) + 1;
            break;
          }
          pos = buf.size();
        }
        line = kept;
        return true;
      }
      auto more = More();
      if (!more) return more.Err();
      if (!*more) {
        if (pos >= buf.size()) return false;
        line = std::string_view(buf).substr(pos);
        pos = buf.size();
        return true;
      }
      // More() compacts (pos becomes 0) but keeps the unconsumed bytes, so `scanned` stays valid.
    }
  }
};

RecordReader::RecordReader(std::string fileName, ParseOptions options)
    : mFileName(std::move(fileName)), mOptions(std::move(options)) {}
RecordReader::~RecordReader() = default;

Result<FileFormat> RecordReader::Run(const ReadFn& read, const RecordFn& onRecord) {
  State s{read, mBytesRead, {}, 0, false, kFirstChunk};

  // Skip a BOM and find the first non-blank byte (without consuming anything else, so that line
  // numbers stay right).
  std::size_t first = 0;
  bool bomChecked = false;
  while (true) {
    if (!bomChecked && (s.buf.size() >= 3 || s.eof)) {
      if (s.buf.compare(0, 3, "\xEF\xBB\xBF") == 0) s.pos = 3;
      bomChecked = true;
      first = s.pos;
    }
    if (bomChecked) {
      while (first < s.buf.size() && IsSpace(s.buf[first])) ++first;
      if (first < s.buf.size()) break;
    }
    if (s.eof) return FileFormat::Empty;
    // Keep everything: grow instead of compacting (pos stays meaningful).
    const std::size_t keepPos = s.pos;
    s.pos = 0;
    auto more = s.More();
    s.pos = keepPos;
    if (!more) return more.Err();
    if (first > kMaxRecordBytes) {  // megabytes of white space: not a record file
      ParsedRecord rec;
      detail::Reject(rec, "", "unsupported format: only white space");
      rec.raw = std::string_view(s.buf).substr(0, kKeptOfOversized);
      onRecord(rec);
      return FileFormat::Unsupported;
    }
  }

  auto readAll = [&]() -> Status {
    while (s.buf.size() - s.pos <= kMaxRecordBytes) {
      const std::size_t keepPos = s.pos;
      s.pos = 0;
      auto more = s.More();
      s.pos = keepPos;
      if (!more) return more.Err();
      if (!*more) break;
    }
    return {};
  };

  const char c0 = s.buf[first];
  json::Document doc;
  if (c0 == '{' || c0 == '[') {
    // JSON Lines or one document? The extension decides when it says .jsonl/.ndjson; otherwise a
    // first line that is a complete JSON object on its own means JSON Lines.
    std::string ext = ToLowerAscii(std::filesystem::path(mFileName).extension().string());
    bool lines = ext == ".jsonl" || ext == ".ndjson";
    if (!lines && c0 == '{') {
      std::size_t nl = s.buf.find('\n', first);
      while (nl == std::string::npos && !s.eof && s.buf.size() - first <= kMaxRecordBytes) {
        const std::size_t keepPos = s.pos;
        s.pos = 0;
        auto more = s.More();
        s.pos = keepPos;
        if (!more) return more.Err();
        nl = s.buf.find('\n', first);
      }
      const std::string_view firstLine =
          StripCr(std::string_view(s.buf).substr(first, nl == std::string::npos ? std::string::npos : nl - first));
      json::ParseError error;
      lines = firstLine.size() <= kMaxRecordBytes && doc.Parse(firstLine, error) && doc.Root().IsObject();
    }
    if (lines) {
      std::int64_t lineNo = 0;
      std::string_view line;
      bool tooLong = false;
      std::string kept;
      while (true) {
        auto got = s.NextLine(line, tooLong, kept);
        if (!got) return got.Err();
        if (!*got) break;
        ++lineNo;
        if (tooLong) {
          ParsedRecord rec;
          rec.line = lineNo;
          detail::Reject(rec, "", "record is larger than 64 MiB (its first 64 MiB are kept)");
          rec.raw = line;
          if (!onRecord(rec)) break;
          continue;
        }
        line = StripCr(line);
        if (lineNo == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        if (IsBlank(line)) continue;
        ParsedRecord rec = detail::ParseJsonRecordAt(line, lineNo, mOptions, doc);
        if (!onRecord(rec)) break;
      }
      return FileFormat::JsonLines;
    }
    auto all = readAll();
    if (!all.Ok()) return all.Err();
    const std::string_view text = std::string_view(s.buf).substr(s.pos);
    if (text.size() > kMaxRecordBytes) {
      ParsedRecord rec;
      rec.line = 1;
      detail::Reject(rec, "", "JSON document is larger than 64 MiB (its first 64 MiB are kept)");
      rec.raw = text.substr(0, kKeptOfOversized);
      onRecord(rec);
      return FileFormat::JsonDocument;
    }
    ParsedRecord rec = detail::ParseJsonRecordAt(text, 1, mOptions, doc);
    onRecord(rec);
    return FileFormat::JsonDocument;
  }

  // Not JSON: the PlateDesk CSV, or something unsupported.
  std::string_view header;
  bool tooLong = false;
  std::string kept;
  std::int64_t lineNo = 0;
  while (true) {
    auto got = s.NextLine(header, tooLong, kept);
    if (!got) return got.Err();
    if (!*got) return FileFormat::Empty;
    ++lineNo;
    header = StripCr(header);
    if (!IsBlank(header) || tooLong) break;
  }
  detail::CsvHeader csv;
  std::string message;
  const auto verdict = tooLong ? detail::CsvHeaderVerdict::NotOurs : detail::ParseCsvHeader(header, csv, message);
  if (verdict != detail::CsvHeaderVerdict::Ours) {
    // Keep the file for review: re-read what is left so the quarantine holds the whole file
    // (up to 64 MiB).
    if (verdict == detail::CsvHeaderVerdict::NotOurs) {
      const bool alprText = s.buf.find("plate0:") != std::string::npos && s.buf.find("confidence") != std::string::npos;
      message = alprText ? "OpenALPR text output (run alpr with -j for JSON)" : message;
      if (message.empty()) message = "not JSON and not a PlateDesk CSV";
      message = "unsupported format: " + message;
    }
    ParsedRecord rec;
    rec.line = verdict == detail::CsvHeaderVerdict::Bad ? lineNo : 0;
    rec.field = "";
    detail::Reject(rec, "", message);
    // Everything read so far starts at offset 0 only if nothing was compacted; re-reading is not
    // possible through ReadFn, so keep what the buffer still holds plus the rest (bounded).
    std::string whole;
    if (!tooLong) {
      whole.assign(header);
      whole.push_back('\n');
      whole.append(s.buf, s.pos, std::string::npos);
      while (whole.size() < kMaxRecordBytes) {
        s.buf.clear();
        s.pos = 0;
        auto more = s.More();
        if (!more) return more.Err();
        if (!*more) break;
        whole.append(s.buf);
      }
      if (whole.size() > kMaxRecordBytes) whole.resize(kMaxRecordBytes);
    } else {
      whole = kept;
    }
    rec.raw = whole;
    if (verdict == detail::CsvHeaderVerdict::Bad) rec.sourceFormat = "csv";
    onRecord(rec);
    return verdict == detail::CsvHeaderVerdict::Bad ? FileFormat::Csv : FileFormat::Unsupported;
  }
  std::string_view line;
  while (true) {
    auto got = s.NextLine(line, tooLong, kept);
    if (!got) return got.Err();
    if (!*got) break;
    ++lineNo;
    if (tooLong) {
      ParsedRecord rec;
      rec.line = lineNo;
      rec.sourceFormat = "csv";
      detail::Reject(rec, "", "record is larger than 64 MiB (its first 64 MiB are kept)");
      rec.raw = line;
      if (!onRecord(rec)) break;
      continue;
    }
    line = StripCr(line);
    if (IsBlank(line)) continue;
    ParsedRecord rec = detail::ParseCsvLine(line, lineNo, csv, mOptions);
    if (!onRecord(rec)) break;
  }
  return FileFormat::Csv;
}

FileFormat ParseBuffer(std::string_view bytes, std::string_view fileName, const ParseOptions& options,
                       const std::function<void(ParsedRecord& record)>& onRecord) {
  std::size_t offset = 0;
  RecordReader reader{std::string(fileName), options};
  auto result = reader.Run(
      [&](char* buf, std::size_t size) -> Result<std::size_t> {
        const std::size_t n = std::min(size, bytes.size() - offset);
        std::memcpy(buf, bytes.data() + offset, n);
        offset += n;
        return n;
      },
      [&](ParsedRecord& rec) {
        onRecord(rec);
        return true;
      });
  return result ? *result : FileFormat::Unsupported;
}

}  // namespace platedesk::ingest
