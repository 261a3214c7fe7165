// Drives plugins through the C ABI, as the host does, to check the adapters:
// statuses for each exception type, reject bookkeeping, ownership.
#include "foreign_batch.h"

#include <sluice/plugin.hpp>

#include <gtest/gtest.h>

#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Behaviour chosen by the "mode" option.
class Probe final : public sluice::Transform {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "probe", .version = "1.0.0", .description = "test transform",
      .config_schema = R"({"type": "object"})"};
  static constexpr bool invertible = true;

  Probe(const sluice::Host& host, const sluice::Config& config)
      : host_(host), mode_(config.require<std::string>("mode")) {
    if (mode_ == "bad") throw sluice::ConfigError("option 'mode' is bad");
  }

  sluice::OwnedBatch process(sluice::OwnedBatch in,
                             sluice::Rejector& rejects) override {
    if (mode_ == "unavailable") throw sluice::UnavailableError("down");
    if (mode_ == "runtime") throw std::runtime_error("boom");
    if (mode_ == "int") throw 42;
    host_.info("processing");
    rejects.reject(1, "field 'n' is odd");
    if (mode_ == "filter_self") in.remove_rows(rejects.removed_mask());
    if (mode_ == "wrong_length") {
      std::vector<uint8_t> removed(static_cast<size_t>(in.num_rows()), 0);
      removed[0] = removed[2] = 1;
      in.remove_rows(removed);
    }
    return in;
  }

  sluice::OwnedBatch invert(sluice::OwnedBatch in, sluice::Rejector&) override {
    in.drop_column("s");
    return in;
  }

 private:
  sluice::Host host_;
  std::string mode_;
};

class Counter final : public sluice::Source {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "counter", .version = "0.1.0", .description = "test source",
      .config_schema = R"({"type": "object"})"};
  explicit Counter(const sluice::Config&) {}

  sluice::Next next(std::chrono::milliseconds) override {
    if (sent_ == 2) return sluice::Next::end();
    sluice::Int64Builder n;
    n.append(sent_);
    return sluice::Next::ready(sluice::BatchBuilder(1).add("n", n).finish(),
                               static_cast<uint64_t>(100 + sent_++));
  }
  void ack(uint64_t id, std::span<const int8_t> outcomes) override {
    acked.push_back(id);
    if (outcomes.size() != 1) throw std::logic_error("bad ack");
  }
  inline static std::vector<uint64_t> acked;

 private:
  int64_t sent_ = 0;
};

class Collect final : public sluice::Sink {
 public:
  static constexpr sluice::PluginInfo info{
      .name = "collect", .version = "0.1.0", .description = "test sink",
      .config_schema = R"({"type": "object"})"};
  Collect() = default;

  void write(sluice::OwnedBatch batch, uint64_t id,
             sluice::Reporter& reporter) override {
    rows_ += batch.num_rows();
    pending_.push_back(id);
    reporter.reject(id, 0, "column 'n' out of range");
  }
  void flush(bool force, sluice::Reporter& reporter) override {
    if (!force) return;
    for (uint64_t id : pending_) reporter.committed(id);
    pending_.clear();
  }

 private:
  int64_t rows_ = 0;
  std::deque<uint64_t> pending_;
};

struct HostLog {
  std::vector<std::string> lines;
  static void log(void* ctx, int32_t, const char* m) {
    static_cast<HostLog*>(ctx)->lines.push_back(m);
  }
};

struct Rejections {
  std::vector<std::pair<int64_t, std::string>> rows;
  static void reject(void* ctx, int64_t row, const char* reason) {
    static_cast<Rejections*>(ctx)->rows.emplace_back(row, reason);
  }
};

class TransformBoundary : public ::testing::Test {
 protected:
  const sluice_plugin& plugin = sluice::descriptor<Probe>;
  HostLog log;
  sluice_host host{sizeof(sluice_host), SLUICE_ABI_MINOR, &log, &HostLog::log,
                   "p", "probe", 0, nullptr};
  Rejections rejections;
  sluice_rejector rejector{sizeof(sluice_rejector), &rejections,
                           &Rejections::reject, nullptr};
  sluice_error err{sizeof(sluice_error), {}};
  sluice::testing::ReleaseCounts counts;

  void* create(const std::string& mode) {
    void* instance = nullptr;
    const std::string config = R"({"mode": ")" + mode + R"("})";
    EXPECT_EQ(plugin.create(&host, config.c_str(), &instance, &err), SLUICE_OK)
        << err.message;
    return instance;
  }

  sluice_status process(void* instance, ArrowSchema* out_schema,
                        ArrowArray* out_array) {
    sluice::testing::ForeignBatch in(4, 0, &counts);
    const sluice_status status =
        plugin.transform->process(instance, &in.schema, &in.array, out_schema,
                                  out_array, &rejector, &err);
    EXPECT_EQ(in.array.release, nullptr) << "input must be moved";
    return status;
  }

  sluice_status process_status(const std::string& mode) {
    void* instance = create(mode);
    ArrowSchema s;
    ArrowArray a;
    const sluice_status status = process(instance, &s, &a);
    if (status == SLUICE_OK) {
      a.release(&a);
      s.release(&s);
    }
    plugin.destroy(instance);
    return status;
  }
};

TEST_F(TransformBoundary, DescriptorCarriesInfoAndOps) {
  EXPECT_EQ(plugin.struct_size, sizeof(sluice_plugin));
  EXPECT_EQ(plugin.kind, SLUICE_KIND_TRANSFORM);
  EXPECT_STREQ(plugin.name, "probe");
  EXPECT_NE(plugin.transform, nullptr);
  EXPECT_NE(plugin.transform->invert, nullptr);
  EXPECT_EQ(plugin.source, nullptr);
  EXPECT_EQ(plugin.sink, nullptr);
}

TEST_F(TransformBoundary, ConfigErrorsInCreateBecomeConfigStatus) {
  void* instance = nullptr;
  EXPECT_EQ(plugin.create(&host, R"({"mode": "bad"})", &instance, &err),
            SLUICE_ERR_CONFIG);
  EXPECT_STREQ(err.message, "option 'mode' is bad");
  EXPECT_EQ(plugin.create(&host, "{}", &instance, &err), SLUICE_ERR_CONFIG);
  EXPECT_STREQ(err.message, "missing option 'mode'");
  EXPECT_EQ(plugin.create(&host, "not json", &instance, &err),
            SLUICE_ERR_CONFIG);
}

TEST_F(TransformBoundary, ExceptionsMapToStatuses) {
  EXPECT_EQ(process_status("unavailable"), SLUICE_ERR_UNAVAILABLE);
  EXPECT_STREQ(err.message, "down");
  EXPECT_EQ(process_status("runtime"), SLUICE_ERR_INTERNAL);
  EXPECT_STREQ(err.message, "boom");
  EXPECT_EQ(process_status("int"), SLUICE_ERR_INTERNAL);
  EXPECT_STREQ(err.message, "unknown exception");
  EXPECT_EQ(counts.arrays, 9) << "each input released exactly once";
}

TEST_F(TransformBoundary, RejectedRowsAreReportedAndRemoved) {
  for (const char* mode : {"keep_all", "filter_self"}) {
    rejections.rows.clear();
    void* instance = create(mode);
    ArrowSchema s;
    ArrowArray a;
    ASSERT_EQ(process(instance, &s, &a), SLUICE_OK) << err.message;
    sluice::OwnedBatch out = sluice::OwnedBatch::adopt(&s, &a);
    ASSERT_EQ(out.num_rows(), 3) << mode;
    EXPECT_EQ(out.column("s").view().string(1), "v2") << mode;
    ASSERT_EQ(rejections.rows.size(), 1u);
    EXPECT_EQ(rejections.rows[0].first, 1);
    EXPECT_EQ(rejections.rows[0].second, "field 'n' is odd");
    plugin.destroy(instance);
  }
  EXPECT_EQ(log.lines, (std::vector<std::string>{"processing", "processing"}));
}

TEST_F(TransformBoundary, OutputOfInconsistentLengthIsAnInternalError) {
  EXPECT_EQ(process_status("wrong_length"), SLUICE_ERR_INTERNAL);
  EXPECT_NE(std::string(err.message).find("returned 2 rows"),
            std::string::npos) << err.message;
}

TEST_F(TransformBoundary, InvertUsesTheSameContract) {
  void* instance = create("keep_all");
  sluice::testing::ForeignBatch in(2, 0, &counts);
  ArrowSchema s;
  ArrowArray a;
  ASSERT_EQ(plugin.transform->invert(instance, &in.schema, &in.array, &s, &a,
                                     &rejector, &err),
            SLUICE_OK);
  EXPECT_EQ(s.n_children, 1);
  a.release(&a);
  s.release(&s);
  plugin.destroy(instance);
}

TEST(SourceBoundary, NextExportsBatchesThenEnds) {
  const sluice_plugin& plugin = sluice::descriptor<Counter>;
  EXPECT_EQ(plugin.kind, SLUICE_KIND_SOURCE);
  sluice_error err{sizeof(sluice_error), {}};
  void* instance = nullptr;
  ASSERT_EQ(plugin.create(nullptr, "{}", &instance, &err), SLUICE_OK);
  for (int i = 0; i < 2; ++i) {
    ArrowSchema s;
    ArrowArray a;
    uint64_t id = 0;
    ASSERT_EQ(plugin.source->next(instance, 10, &s, &a, &id, &err), SLUICE_OK);
    EXPECT_EQ(id, 100u + i);
    sluice::BatchView view(&s, &a);
    EXPECT_EQ(view.column("n").int64(0), i);
    a.release(&a);
    s.release(&s);
    const int8_t outcome = SLUICE_ROW_DONE;
    EXPECT_EQ(plugin.source->ack(instance, id, &outcome, 1, &err), SLUICE_OK);
  }
  ArrowSchema s;
  ArrowArray a;
  uint64_t id = 0;
  EXPECT_EQ(plugin.source->next(instance, 10, &s, &a, &id, &err), SLUICE_END);
  const int8_t two[2] = {0, 0};
  EXPECT_EQ(plugin.source->ack(instance, 7, two, 2, &err), SLUICE_ERR_INTERNAL);
  EXPECT_EQ(Counter::acked, (std::vector<uint64_t>{100, 101, 7}));
  plugin.destroy(instance);
}

struct SinkEvents {
  std::vector<std::string> events;
  static void reject(void* ctx, uint64_t id, int64_t row, const char* reason) {
    static_cast<SinkEvents*>(ctx)->events.push_back(
        "reject " + std::to_string(id) + ":" + std::to_string(row) + " " + reason);
  }
  static void committed(void* ctx, uint64_t id) {
    static_cast<SinkEvents*>(ctx)->events.push_back("commit " + std::to_string(id));
  }
};

TEST(SinkBoundary, WriteAndForcedFlushReportThroughTheHost) {
  const sluice_plugin& plugin = sluice::descriptor<Collect>;
  EXPECT_EQ(plugin.kind, SLUICE_KIND_SINK);
  SinkEvents events;
  sluice_sink_reporter reporter{sizeof(sluice_sink_reporter), &events,
                                &SinkEvents::reject, &SinkEvents::committed};
  sluice_error err{sizeof(sluice_error), {}};
  void* instance = nullptr;
  ASSERT_EQ(plugin.create(nullptr, "{}", &instance, &err), SLUICE_OK);
  sluice::testing::ReleaseCounts counts;
  {
    sluice::testing::ForeignBatch batch(3, 0, &counts);
    ASSERT_EQ(plugin.sink->write(instance, &batch.schema, &batch.array, 5,
                                 &reporter, &err),
              SLUICE_OK);
  }
  EXPECT_EQ(counts.arrays, 3);
  EXPECT_EQ(plugin.sink->flush(instance, 0, &reporter, &err), SLUICE_OK);
  EXPECT_EQ(plugin.sink->flush(instance, 1, &reporter, &err), SLUICE_OK);
  EXPECT_EQ(events.events, (std::vector<std::string>{
                               "reject 5:0 column 'n' out of range", "commit 5"}));
  plugin.destroy(instance);
}

TEST(Library, ListsEveryPluginWithTheAbiVersion) {
  const sluice_library& lib = sluice::Library<Probe, Counter, Collect>::value;
  EXPECT_EQ(lib.abi_major, static_cast<uint32_t>(SLUICE_ABI_MAJOR));
  EXPECT_EQ(lib.abi_minor, static_cast<uint32_t>(SLUICE_ABI_MINOR));
  ASSERT_EQ(lib.n_plugins, 3u);
  EXPECT_STREQ(lib.plugins[1]->name, "counter");
}

}  // namespace

namespace {

// A core's support::Status reaches the ABI as the status its code names.
TEST(StatusAtTheBoundary, EachCodeBecomesItsAbiStatus) {
  using sluice::support::StatusCode;
  const auto status_of = [](StatusCode code) {
    sluice_error err{};
    return sluice::guard(&err, [&] { sluice::throw_if_error(sluice::support::Status(code, "why")); });
  };
  EXPECT_EQ(status_of(StatusCode::kConfig), SLUICE_ERR_CONFIG);
  EXPECT_EQ(status_of(StatusCode::kUnavailable), SLUICE_ERR_UNAVAILABLE);
  EXPECT_EQ(status_of(StatusCode::kUnsupported), SLUICE_ERR_UNSUPPORTED);
  EXPECT_EQ(status_of(StatusCode::kInternal), SLUICE_ERR_INTERNAL);
  EXPECT_EQ(status_of(StatusCode::kOk), SLUICE_OK);
  EXPECT_EQ(sluice::value_or_throw(sluice::support::Result<int>(5)), 5);
  EXPECT_EQ(sluice::abi_status(StatusCode::kUnavailable), SLUICE_ERR_UNAVAILABLE);
}

}  // namespace
