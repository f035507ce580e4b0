#include "grammar/os9/read_ahead.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace vrfleak::os9 {
namespace {

/// Lines read and not yet visited, with the diagnostics reported while reading them.
struct Batch {
  uint32_t first_index = 0;  // of nodes[0]
  std::vector<Node> nodes;   // each node's first_field indexes `fields`
  std::vector<Field> fields;
  /// Per node: how many of `diagnostics` were reported before it was read, and so reach the sink
  /// before it is visited.
  std::vector<uint32_t> reports_before;
  std::vector<Diagnostic> diagnostics;

  void clear() {
    nodes.clear();
    fields.clear();
    reports_before.clear();
    diagnostics.clear();
  }
};

/// Thrown on the reading thread when the visiting side has stopped: it ends the reading.
struct Stopped {};

/// The batches between the two threads. A few exist; each goes from the reader to the visitor and
/// back to be filled again, keeping the memory of its arrays, so the reader is never more than
/// those few batches ahead.
class Handover {
 public:
  static constexpr int kBatches = 4;

  Handover() {
    for (int i = 0; i < kBatches; ++i) free_.push_back(std::make_unique<Batch>());
  }

  // The reading thread's side.

  /// An empty batch, once the visitor has given one back. Throws Stopped when the visitor stopped.
  std::unique_ptr<Batch> empty_batch() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopped_ || !free_.empty(); });
    if (stopped_) throw Stopped{};
    std::unique_ptr<Batch> batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }
  void publish(std::unique_ptr<Batch> batch) {
    {
      const std::lock_guard lock(mutex_);
      full_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  /// The reading has ended, with `error` (or none).
  void finish(std::exception_ptr error) {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
      error_ = std::move(error);
    }
    changed_.notify_all();
  }

  // The visiting thread's side.

  /// The next batch in reading order, or null when the reading has ended and every batch was
  /// taken.
  std::unique_ptr<Batch> next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return done_ || !full_.empty(); });
    if (full_.empty()) return nullptr;
    std::unique_ptr<Batch> batch = std::move(full_.front());
    full_.erase(full_.begin());
    return batch;
  }
  void recycle(std::unique_ptr<Batch> batch) {
    batch->clear();
    {
      const std::lock_guard lock(mutex_);
      free_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  /// The visitor gives up (it threw): the reader stops at its next batch.
  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }
  std::exception_ptr error() {
    const std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Batch>> free_;
  std::vector<std::unique_ptr<Batch>> full_;  // in reading order
  bool done_ = false;
  bool stopped_ = false;
  std::exception_ptr error_;
};

/// The reading thread's visitor: copies each line into the batch being filled and sends it when
/// it is full.
class Batcher final : public LineVisitor {
 public:
  Batcher(Handover& handover, DiagnosticSink& sink, uint32_t batch_lines)
      : handover_(handover), sink_(sink), batch_lines_(std::max<uint32_t>(batch_lines, 1)) {}

  void line(uint32_t index, const Node& node, std::span<const Field> fields) override {
    if (!batch_) {
      batch_ = handover_.empty_batch();
      batch_->first_index = index;
    }
    Node& kept = batch_->nodes.emplace_back(node);
    kept.first_field = static_cast<uint32_t>(batch_->fields.size());
    batch_->fields.insert(batch_->fields.end(), fields.begin(), fields.end());
    batch_->reports_before.push_back(static_cast<uint32_t>(sink_.diagnostics().size()));
    if (batch_->nodes.size() >= batch_lines_) send();
  }

  /// Sends the lines and the diagnostics not sent yet (the diagnostics of the batch's lines, and
  /// any reported after its last line).
  void send() {
    if (!batch_) {
      if (sink_.empty()) return;
      batch_ = handover_.empty_batch();
    }
    batch_->diagnostics = std::move(sink_.diagnostics());
    sink_.diagnostics().clear();
    handover_.publish(std::move(batch_));
  }

 private:
  Handover& handover_;
  DiagnosticSink& sink_;
  const uint32_t batch_lines_;
  std::unique_ptr<Batch> batch_;
};

/// Hands a batch to the visitor and its diagnostics to the sink, in the order of a reading on one
/// thread.
void visit(Batch& batch, LineVisitor& visitor, DiagnosticSink& sink) {
  size_t reported = 0;
  for (size_t i = 0; i < batch.nodes.size(); ++i) {
    for (; reported < batch.reports_before[i]; ++reported) {
      sink.add(std::move(batch.diagnostics[reported]));
    }
    const Node& node = batch.nodes[i];
    visitor.line(batch.first_index + static_cast<uint32_t>(i), node,
                 std::span<const Field>(batch.fields.data() + node.first_field, node.field_count));
  }
  for (; reported < batch.diagnostics.size(); ++reported) {
    sink.add(std::move(batch.diagnostics[reported]));
  }
}

}  // namespace

void read_ahead(LineVisitor& visitor, DiagnosticSink& sink, uint32_t batch_lines,
                const std::function<void(LineVisitor&, DiagnosticSink&)>& read) {
  Handover handover;
  std::thread reader;
  try {
    reader = std::thread([&handover, &read, batch_lines] {
      std::exception_ptr error;
      try {
        DiagnosticSink own;
        Batcher batcher(handover, own, batch_lines);
        read(batcher, own);
        batcher.send();
      } catch (const Stopped&) {
      } catch (...) {
        error = std::current_exception();
      }
      handover.finish(std::move(error));
    });
  } catch (const std::system_error&) {
    // No thread to be had (a process or container limit): read on this one.
    read(visitor, sink);
    return;
  }
  try {
    while (std::unique_ptr<Batch> batch = handover.next()) {
      visit(*batch, visitor, sink);
      handover.recycle(std::move(batch));
    }
  } catch (...) {
    handover.stop();
    reader.join();
    throw;
  }
  reader.join();
  if (std::exception_ptr error = handover.error()) std::rethrow_exception(error);
}

}  // namespace vrfleak::os9
