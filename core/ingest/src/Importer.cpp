// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/ingest/Importer.h"

#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"
#include "platedesk/ingest/ImageCheck.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/store/Storage.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <variant>

namespace platedesk::ingest {

namespace fs = std::filesystem;

const char* ProblemKindName(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::Rejected:
      return "rejected";
    case ProblemKind::Skipped:
      return "skipped";
    case ProblemKind::Warning:
      return "warning";
  }
  return "rejected";
}

namespace {

constexpr std::size_t kItemsPerBatch = 256;
constexpr std::size_t kBatchBytes = 32u * 1024 * 1024;
constexpr std::size_t kQueuedBatches = 4;

// One input: a file on disk, or bytes in memory.
struct Source {
  std::string name;
  fs::path path;           // empty for in-memory input
  std::string_view bytes;  // in-memory input
  std::uint64_t size = 0;
};

struct CheckedImage {
  std::string field;
  std::string bytes;
  ImageFacts facts;
};

struct PreparedRead {
  store::NewRead read;
  std::string camera;
  CheckedImage plate;
  CheckedImage vehicle;
};

// A record as the worker hands it to the writer.
struct RecordItem {
  std::size_t source = 0;
  std::int64_t line = 0;
  RecordStatus status = RecordStatus::Parsed;
  std::string sourceFormat;
  std::string field;
  std::string message;
  std::vector<RecordNote> warnings;
  std::vector<PreparedRead> reads;
  std::string raw;  // only when Rejected (for quarantine)
  bool json = true;
  std::vector<std::string> heardCameras;  // a heartbeat's cameras
};

struct FileStart {
  std::size_t source = 0;
};
struct FileEnd {
  std::size_t source = 0;
  FileFormat format = FileFormat::Empty;
  std::optional<Error> error;
  std::uint64_t bytesDone = 0;  // over all sources so far
};

using Item = std::variant<FileStart, RecordItem, FileEnd>;

struct Batch {
  std::vector<Item> items;
  std::uint64_t bytesDone = 0;
};

// Bounded hand-over between the parsing worker and the writing thread.
class BatchQueue {
 public:
  // False when the consumer has closed the queue (stop).
  bool Push(Batch batch) {
    std::unique_lock lock(mMutex);
    mNotFull.wait(lock, [&] { return mQueue.size() < kQueuedBatches || mClosed; });
    if (mClosed) return false;
    mQueue.push_back(std::move(batch));
    mNotEmpty.notify_one();
    return true;
  }
  void Finish() {
    std::lock_guard lock(mMutex);
    mFinished = true;
    mNotEmpty.notify_one();
  }
  // nullopt at the end.
  std::optional<Batch> Pop() {
    std::unique_lock lock(mMutex);
    mNotEmpty.wait(lock, [&] { return !mQueue.empty() || mFinished; });
    if (mQueue.empty()) return std::nullopt;
    Batch b = std::move(mQueue.front());
    mQueue.pop_front();
    mNotFull.notify_one();
    return b;
  }
  void Close() {
    std::lock_guard lock(mMutex);
    mClosed = true;
    mQueue.clear();
    mNotFull.notify_all();
  }

 private:
  std::mutex mMutex;
  std::condition_variable mNotEmpty;
  std::condition_variable mNotFull;
  std::deque<Batch> mQueue;
  bool mFinished = false;
  bool mClosed = false;
};

bool HasImportExtension(const fs::path& p) {
  const std::string ext = ToLowerAscii(p.extension().string());
  return ext == ".json" || ext == ".jsonl" || ext == ".ndjson" || ext == ".csv";
}

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Turns a parsed record into a writer item: checks the images (a bad one rejects the record).
// overview: an image received beside the record (a multipart webhook's file), given to every read
// that carries no overview of its own.
RecordItem Prepare(std::size_t source, ParsedRecord& rec, bool json, std::string_view overview) {
  RecordItem item;
  item.source = source;
  item.line = rec.line;
  item.status = rec.status;
  item.sourceFormat = rec.sourceFormat;
  item.field = std::move(rec.field);
  item.message = std::move(rec.message);
  item.warnings = std::move(rec.warnings);
  item.json = json;
  item.heardCameras = std::move(rec.heardCameras);
  if (item.status == RecordStatus::Parsed && !overview.empty()) {
    for (ParsedRead& pr : rec.reads)
      if (pr.vehicleImage.bytes.empty()) pr.vehicleImage = {"upload", std::string(overview)};
  }
  if (item.status == RecordStatus::Parsed) {
    item.reads.reserve(rec.reads.size());
    for (ParsedRead& pr : rec.reads) {
      PreparedRead out;
      out.read = std::move(pr.read);
      out.camera = std::move(pr.cameraExternalId);
      for (auto [in, dst] : {std::pair{&pr.plateImage, &out.plate}, std::pair{&pr.vehicleImage, &out.vehicle}}) {
        if (in->bytes.empty()) continue;
        auto facts = CheckImage(in->bytes);
        if (!facts) {
          // A damaged image: the read imports without it; the record goes to quarantine as well.
          item.warnings.push_back({in->field,
                                   "image is not usable (" + facts.Err().message +
                                       "): the read was imported without it and the record kept in quarantine",
                                   true});
          continue;
        }
        dst->field = std::move(in->field);
        dst->bytes = std::move(in->bytes);
        dst->facts = std::move(*facts);
      }
      if (item.status != RecordStatus::Parsed) break;
      item.reads.push_back(std::move(out));
    }
  }
  item.raw = std::string(rec.raw);  // kept for quarantine (also if the storage refuses a read)
  return item;
}

// Parses one source, handing each item to emit with the bytes read so far (emit returns false to
// stop). Returns the bytes the source accounted for.
std::uint64_t ParseSource(std::size_t i, const Source& src, const ParseOptions& options, std::string_view overview,
                          const std::function<bool()>& stopped,
                          const std::function<bool(Item item, std::uint64_t bytesRead)>& emit) {
  bool go = emit(FileStart{i}, 0);
  RecordReader reader(src.name, options);
  std::FILE* file = nullptr;
  std::size_t offset = 0;
  FileEnd end;
  end.source = i;
  if (!src.path.empty()) {
    file = std::fopen(src.path.c_str(), "rb");
    if (!file) end.error = Fail(ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno));
  }
  if (go && !end.error) {
    auto result = reader.Run(
        [&](char* buf, std::size_t size) -> Result<std::size_t> {
          if (!file) {
            const std::size_t n = std::min(size, src.bytes.size() - offset);
            std::memcpy(buf, src.bytes.data() + offset, n);
            offset += n;
            return n;
          }
          const std::size_t n = std::fread(buf, 1, size, file);
          if (n == 0 && std::ferror(file)) return Fail(ErrorCode::Io, "read error");
          return n;
        },
        [&](ParsedRecord& rec) {
          if (stopped()) return false;
          go = emit(Prepare(i, rec, rec.sourceFormat != "csv", overview), reader.BytesRead());
          return go;
        });
    if (result)
      end.format = *result;
    else
      end.error = result.Err();
  }
  if (file) std::fclose(file);
  const std::uint64_t done = std::max<std::uint64_t>(src.size, reader.BytesRead());
  if (go) emit(std::move(end), done);
  return done;
}

// The parsing side: reads every source in order and hands batches to the queue.
void ParseSources(const std::vector<Source>& sources, const ParseOptions& options, BatchQueue& queue,
                  std::stop_token stop, std::stop_token callerStop) {
  const std::function<bool()> stopped = [&] { return stop.stop_requested() || callerStop.stop_requested(); };
  Batch batch;
  std::size_t batchBytes = 0;
  std::uint64_t base = 0;
  bool closed = false;
  auto flush = [&](std::uint64_t bytesDone) {
    batch.bytesDone = bytesDone;
    if (!queue.Push(std::move(batch))) closed = true;
    batch = Batch{};
    batchBytes = 0;
    return !closed;
  };
  for (std::size_t i = 0; i < sources.size() && !closed && !stopped(); ++i) {
    base += ParseSource(i, sources[i], options, {}, stopped, [&](Item item, std::uint64_t bytesRead) {
      if (auto* end = std::get_if<FileEnd>(&item)) end->bytesDone = base + bytesRead;
      if (const auto* rec = std::get_if<RecordItem>(&item)) {
        batchBytes += rec->raw.size() + 512;
        for (const auto& r : rec->reads) batchBytes += r.plate.bytes.size() + r.vehicle.bytes.size();
      }
      const bool isRecord = std::holds_alternative<RecordItem>(item);
      batch.items.emplace_back(std::move(item));
      if (isRecord && (batch.items.size() >= kItemsPerBatch || batchBytes >= kBatchBytes))
        return flush(base + bytesRead);
      return true;
    });
  }
  if (!closed && !batch.items.empty()) flush(base);
  queue.Finish();
}

// The writing side: everything that touches the storage.
class Writer {
 public:
  // externalTransaction: the caller holds the storage's transaction (the server's group commit);
  // otherwise the writer opens one and commits every batchSize records.
  Writer(store::Storage& storage, const Clock& clock, const ImportOptions& options, bool externalTransaction = false)
      : mStorage(storage), mClock(clock), mOptions(options), mExternalTx(externalTransaction) {}

  // What the next items belong to (their sources) and where their counts go.
  void Target(const std::vector<Source>& sources, ImportSummary& summary) {
    mSources = &sources;
    mSummary = &summary;
  }

  // After a rolled-back transaction: the cameras it created are gone.
  void Forget() { mCameras.clear(); }

  Status Handle(Item& item) {
    if (auto* start = std::get_if<FileStart>(&item)) {
      (void)start;
      ++mSummary->files;
      return {};
    }
    if (auto* end = std::get_if<FileEnd>(&item)) {
      if (end->error) {
        AddProblem(ProblemKind::Rejected, end->source, 0, "", "cannot read the file: " + end->error->ToString());
      } else if (end->format == FileFormat::Empty) {
        AddProblem(ProblemKind::Warning, end->source, 0, "", "empty file: nothing to import");
      }
      return {};
    }
    return HandleRecord(std::get<RecordItem>(item));
  }

  Status Commit() {
    if (!mTx) return {};
    Status s = mTx->Commit();
    mTx.reset();
    mInBatch = 0;
    return s;
  }

 private:
  Status HandleRecord(RecordItem& item) {
    if (!mTx && !mExternalTx) {
      auto tx = mStorage.Begin();
      if (!tx) return tx.Err();
      mTx.emplace(std::move(tx.Value()));
    }
    ++mSummary->records;
    for (const RecordNote& w : item.warnings)
      AddProblem(ProblemKind::Warning, item.source, item.line, w.field, w.message);
    if (item.status == RecordStatus::Skipped) {
      ++mSummary->skipped;
      AddProblem(ProblemKind::Skipped, item.source, item.line, item.field, item.message);
    } else if (item.status == RecordStatus::Rejected) {
      PLATEDESK_TRY(Reject(item, item.field, item.message));
    } else {
      PLATEDESK_TRY(Store(item));
      for (const RecordNote& w : item.warnings)
        if (w.keepCopy && !item.raw.empty()) {
          PLATEDESK_TRY(Keep(item, w.field, w.message));
          break;
        }
    }
    if (!mExternalTx && ++mInBatch >= mOptions.batchSize) return Commit();
    return {};
  }

  Status Store(RecordItem& item) {
    // Every read's camera first: a record a retired camera sent is refused whole, before any of
    // its reads is stored.
    for (PreparedRead& pr : item.reads) {
      auto camera = Camera(pr);
      if (!camera) {
        if (camera.Err().code != ErrorCode::InvalidArgument) return camera.Err();
        return Reject(item, "camera_id", "camera refused by the storage: " + camera.Err().message);
      }
      pr.read.camera = camera->id;
      if (camera->retiredAt && pr.read.capturedAt >= *camera->retiredAt)
        return Reject(item, "camera_id",
                      "camera " + pr.camera + " was retired on " + FormatIso8601(*camera->retiredAt) +
                          ": a read it took after that is not stored (an administrator returns it to service with "
                          "`platedesk-cli camera add` under a new id, or corrects the record)");
    }
    for (PreparedRead& pr : item.reads) {
      for (auto [image, sha] :
           {std::pair{&pr.plate, &pr.read.plateImage}, std::pair{&pr.vehicle, &pr.read.vehicleImage}}) {
        if (image->bytes.empty()) continue;
        auto info = mStorage.PutImage(image->bytes, image->facts.mime, image->facts.width, image->facts.height);
        if (!info) {
          if (info.Err().code != ErrorCode::InvalidArgument) return info.Err();
          return Reject(item, image->field, "image refused by the storage: " + info.Err().message);
        }
        *sha = info->sha256;
        ++mSummary->images;
      }
      auto outcome = mStorage.InsertRead(pr.read);
      if (!outcome) {
        if (outcome.Err().code != ErrorCode::InvalidArgument) return outcome.Err();
        return Reject(item, outcome.Err().context, "read refused by the storage: " + outcome.Err().message);
      }
      if (!outcome->inserted) {
        // Same source id already stored: a true duplicate only if it is the same read. Otherwise a
        // source reused an id (or someone forged one): never let it pass as "already there".
        auto stored = mStorage.GetRead(outcome->id);
        if (!stored) return stored.Err();
        if (!*stored || (*stored)->plate != pr.read.plate || (*stored)->capturedAt != pr.read.capturedAt ||
            (*stored)->camera != pr.read.camera)
          return Reject(item, "",
                        "conflicts with a stored read: same source id \"" + pr.read.sourceUuid.substr(0, 80) +
                            "\" but a different plate, time or camera");
      }
      ++mSummary->reads;
      if (outcome->inserted)
        ++mSummary->inserted;
      else
        ++mSummary->duplicates;
    }
    return {};
  }

  // Puts the record in quarantine (the raw bytes as received) and notes the problem.
  Status Reject(RecordItem& item, const std::string& field, const std::string& message) {
    ++mSummary->rejected;
    AddProblem(ProblemKind::Rejected, item.source, item.line, field, message);
    return Keep(item, field, message);
  }

  // Writes the record's bytes to quarantine with the reason (for rejected records, and for
  // imported ones that had a damaged image).
  Status Keep(RecordItem& item, const std::string& field, const std::string& message) {
    const Source& src = (*mSources)[item.source];
    std::string ext = item.json ? "json" : "csv";
    if (item.line == 0) {
      ext = ToLowerAscii(fs::path(src.name).extension().string());
      if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
      if (ext.empty() || ext.size() > 8) ext = "bin";
    }
    store::QuarantineEntry entry;
    entry.sourcePath = src.name;
    entry.line = item.line;
    entry.field = field;
    entry.reason = message;
    entry.sourceFormat = item.sourceFormat;
    entry.receivedAt = mClock.Now();
    auto q = mStorage.Quarantine(item.raw, ext, entry);
    if (!q) return q.Err();
    item.raw.clear();
    item.raw.shrink_to_fit();
    return {};
  }

  // The camera a read names (created when new) and when it was retired, if it was.
  struct KnownCamera {
    store::CameraId id = 0;
    std::optional<UtcMs> retiredAt;
  };
  Result<KnownCamera> Camera(const PreparedRead& pr) {
    if (const auto it = mCameras.find(pr.camera); it != mCameras.end()) return it->second;
    std::optional<store::CameraLocation> location;
    if (pr.read.latitude && pr.read.longitude)
      location = store::CameraLocation{*pr.read.latitude, *pr.read.longitude, "", pr.read.capturedAt, std::nullopt};
    auto id = mStorage.EnsureCamera(pr.camera, pr.camera, store::CameraKind::Fixed, location);
    if (!id) return id.Err();
    auto found = mStorage.FindCamera(*id);
    if (!found) return found.Err();
    KnownCamera known{*id, *found ? (*found)->retiredAt : std::nullopt};
    mCameras.emplace(pr.camera, known);
    return known;
  }

  void AddProblem(ProblemKind kind, std::size_t source, std::int64_t line, const std::string& field,
                  const std::string& message) {
    if (mSummary->problems.size() >= mOptions.maxProblems) {
      ++mSummary->problemsOmitted;
      return;
    }
    mSummary->problems.push_back({kind, (*mSources)[source].name, line, field, message});
  }

  store::Storage& mStorage;
  const Clock& mClock;
  const ImportOptions& mOptions;
  bool mExternalTx = false;
  const std::vector<Source>* mSources = nullptr;
  ImportSummary* mSummary = nullptr;
  std::optional<store::Storage::Transaction> mTx;
  std::size_t mInBatch = 0;
  std::unordered_map<std::string, KnownCamera> mCameras;
};

Result<ImportSummary> RunImport(store::Storage& storage, const Clock& clock, const ImportOptions& options,
                                const std::vector<Source>& sources, std::stop_token stop, const ProgressFn& progress) {
  ImportSummary summary;
  ParseOptions parseOptions;
  parseOptions.defaultCamera = options.defaultCamera;
  parseOptions.now = clock.Now();
  std::uint64_t totalBytes = 0;
  for (const Source& s : sources) totalBytes += s.size;

  BatchQueue queue;
  std::jthread worker([&](std::stop_token own) { ParseSources(sources, parseOptions, queue, own, stop); });
  // Whatever way this function leaves, the worker is released and joined before the queue dies.
  struct Join {
    BatchQueue& queue;
    std::jthread& worker;
    ~Join() {
      worker.request_stop();
      queue.Close();
      if (worker.joinable()) worker.join();
    }
  } join{queue, worker};

  Writer writer(storage, clock, options);
  writer.Target(sources, summary);
  ProgressThrottle throttle(progress);
  while (auto batch = queue.Pop()) {
    for (Item& item : batch->items) {
      if (stop.stop_requested()) {
        PLATEDESK_TRY(writer.Commit());
        return Fail(ErrorCode::Cancelled, "import cancelled",
                    std::to_string(summary.records) + " records read, " + std::to_string(summary.inserted) +
                        " reads stored before the stop");
      }
      PLATEDESK_TRY(writer.Handle(item));
    }
    throttle.Report(batch->bytesDone, totalBytes);
  }
  if (stop.stop_requested()) {
    PLATEDESK_TRY(writer.Commit());
    return Fail(ErrorCode::Cancelled, "import cancelled",
                std::to_string(summary.records) + " records read, " + std::to_string(summary.inserted) +
                    " reads stored before the stop");
  }
  PLATEDESK_TRY(writer.Commit());
  throttle.Report(totalBytes, totalBytes, true);
  return summary;
}

}  // namespace

Result<std::vector<fs::path>> ImportableFiles(const fs::path& folder) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Fail(ErrorCode::Io, "cannot list the folder: " + ec.message(), folder.string());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Fail(ErrorCode::Io, "cannot list the folder: " + ec.message(), folder.string());
    const fs::path& entry = it->path();
    if (IsHidden(entry)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && HasImportExtension(entry)) found.push_back(entry);
  }
  std::sort(found.begin(), found.end());
  return found;
}

Importer::Importer(store::Storage& storage, const Clock& clock, ImportOptions options)
    : mStorage(storage), mClock(clock), mOptions(std::move(options)) {
  if (mOptions.batchSize == 0) mOptions.batchSize = 1;
}

Result<ImportSummary> Importer::Import(std::span<const fs::path> paths, std::stop_token stop,
                                       const ProgressFn& progress) {
  std::vector<Source> sources;
  for (const fs::path& p : paths) {
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) return Fail(ErrorCode::NotFound, "no such file or folder", p.string());
    if (fs::is_directory(status)) {
      auto found = ImportableFiles(p);
      if (!found) return found.Err();
      for (fs::path& f : *found) {
        const auto size = fs::file_size(f, ec);
        sources.push_back({f.string(), f, {}, ec ? 0 : size});
      }
    } else if (fs::is_regular_file(status)) {
      const auto size = fs::file_size(p, ec);
      sources.push_back({p.string(), p, {}, ec ? 0 : size});
    } else {
      return Fail(ErrorCode::NotFound, "not a file or folder", p.string());
    }
  }
  return RunImport(mStorage, mClock, mOptions, sources, std::move(stop), progress);
}

Result<ImportSummary> Importer::ImportBytes(std::string_view bytes, std::string_view sourceName, std::stop_token stop) {
  std::vector<Source> sources{{std::string(sourceName), {}, bytes, bytes.size()}};
  return RunImport(mStorage, mClock, mOptions, sources, std::move(stop), {});
}

// ----------------------------------------------------------------------------------------------
// Bodies received over HTTP: parsed on the receiving thread, written by the server's one writer.

struct PreparedBody::Impl {
  std::vector<Source> sources;  // one: the body (its bytes are owned by `bytes`)
  std::string bytes;
  std::vector<Item> items;
};

PreparedBody::PreparedBody() : mImpl(std::make_unique<Impl>()) {}
PreparedBody::~PreparedBody() = default;
PreparedBody::PreparedBody(PreparedBody&&) noexcept = default;
PreparedBody& PreparedBody::operator=(PreparedBody&&) noexcept = default;

namespace {

template <typename Fn>
void ForEachRecord(const std::vector<Item>& items, Fn&& fn) {
  for (const Item& item : items)
    if (const auto* rec = std::get_if<RecordItem>(&item)) fn(*rec);
}

}  // namespace

std::vector<std::string> PreparedBody::Cameras() const {
  std::vector<std::string> out;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) {
    for (const PreparedRead& r : rec.reads) out.push_back(r.camera);
    out.insert(out.end(), rec.heardCameras.begin(), rec.heardCameras.end());
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> PreparedBody::HeardCameras() const {
  std::vector<std::string> out;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) {
    out.insert(out.end(), rec.heardCameras.begin(), rec.heardCameras.end());
  });
  return out;
}

std::size_t PreparedBody::ReadCount() const {
  std::size_t n = 0;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) {
    if (rec.status == RecordStatus::Parsed) n += rec.reads.size();
  });
  return n;
}

std::size_t PreparedBody::RejectedCount() const {
  std::size_t n = 0;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) { n += rec.status == RecordStatus::Rejected ? 1 : 0; });
  for (const Item& item : mImpl->items)
    if (const auto* end = std::get_if<FileEnd>(&item); end && end->error) ++n;
  return n;
}

bool PreparedBody::Unusable() const {
  bool usable = false;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) { usable = usable || rec.status != RecordStatus::Rejected; });
  return !usable;
}

std::string PreparedBody::FirstProblemField() const {
  std::string out;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) {
    if (out.empty() && rec.status == RecordStatus::Rejected) out = rec.field;
  });
  return out;
}

std::string PreparedBody::FirstProblem() const {
  std::string out;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) {
    if (out.empty() && rec.status == RecordStatus::Rejected) out = rec.message;
  });
  for (const Item& item : mImpl->items)
    if (const auto* end = std::get_if<FileEnd>(&item); out.empty() && end && end->error) out = end->error->message;
  if (out.empty() && Unusable()) out = "the body holds no record";
  return out;
}

std::string PreparedBody::SourceFormat() const {
  std::string out;
  ForEachRecord(mImpl->items, [&](const RecordItem& rec) {
    if (out.empty()) out = rec.sourceFormat;
  });
  return out;
}

PreparedBody PrepareBody(std::string_view bytes, std::string_view sourceName, const ParseOptions& options,
                         std::string_view overview) {
  PreparedBody body;
  PreparedBody::Impl& impl = *body.mImpl;
  impl.bytes = std::string(bytes);
  impl.sources.push_back({std::string(sourceName), {}, impl.bytes, impl.bytes.size()});
  const std::function<bool()> never = [] { return false; };
  (void)ParseSource(0, impl.sources[0], options, overview, never, [&](Item item, std::uint64_t) {
    impl.items.push_back(std::move(item));
    return true;
  });
  return body;
}

struct BodyWriter::Impl {
  Impl(store::Storage& storage, const Clock& clock) : writer(storage, clock, options, true) {}
  ImportOptions options;
  Writer writer;
};

BodyWriter::BodyWriter(store::Storage& storage, const Clock& clock) : mImpl(std::make_unique<Impl>(storage, clock)) {}
BodyWriter::~BodyWriter() = default;

Result<ImportSummary> BodyWriter::Write(PreparedBody& body) {
  ImportSummary summary;
  mImpl->writer.Target(body.mImpl->sources, summary);
  for (Item& item : body.mImpl->items) PLATEDESK_TRY(mImpl->writer.Handle(item));
  return summary;
}

void BodyWriter::Forget() { mImpl->writer.Forget(); }

}  // namespace platedesk::ingest
