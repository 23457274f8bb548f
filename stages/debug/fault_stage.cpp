// debug.fault: fault injection FOR TESTS. On the chosen page of the chosen documents it throws,
// fails with a testimony::Error, aborts the process, sleeps or allocates, so that tests can
// prove a batch survives a stage that misbehaves (and what it cannot survive, like abort).
// It does nothing on every other page. Never put it in a production config.
//   [[stage]]
//   use = "debug.fault"
//   document = "letter-03"   # document id; "" = every document
//   page = 2                 # 0 = every page
//   action = "throw"         # throw | error | abort | sleep | alloc
#include <chrono>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

#include "pipeline/error.hpp"
#include "stages/debug/debug.hpp"

namespace testimony {
namespace {

ErrorCode code_named(const std::string& name) {
  for (ErrorCode c : {ErrorCode::kInvalidInput, ErrorCode::kUnsupported, ErrorCode::kDependencyFailed,
                      ErrorCode::kResourceExhausted, ErrorCode::kInternal})
    if (to_string(c) == name) return c;
  return ErrorCode::kInternal;  // unreachable: the parameter's choices are checked
}

class FaultStage final : public PageStage {
 public:
  explicit FaultStage(const Params& p)
      : PageStage("debug.fault"),
        document_(p.get_string("document")),
        page_(p.get_int("page")),
        action_(p.get_string("action")),
        seconds_(p.get_float("seconds")),
        megabytes_(p.get_int("megabytes")),
        code_(code_named(p.get_string("code"))) {}

  void process(Page& page, Context& ctx) override {
    const std::string id = ctx.document ? ctx.document->id : std::string();
    if (!document_.empty() && id != document_) return;
    if (page_ != 0 && page.number != page_) return;
    const std::string where = "injected fault on page " + std::to_string(page.number) + " of " + id;
    if (action_ == "throw") throw std::runtime_error(where);
    if (action_ == "error") throw Error(code_, where);
    if (action_ == "abort") std::abort();
    if (action_ == "sleep") {
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds_));
      return;
    }
    if (action_ == "alloc") {
      // Touch every page so that the memory is really taken (and an RSS limit really hit).
      std::vector<char> block(static_cast<std::size_t>(megabytes_) << 20, '\1');
      page.warnings.push_back("debug.fault allocated " + std::to_string(megabytes_) + " MB (" +
                              std::to_string(static_cast<int>(block.back())) + ")");
    }
  }

 private:
  std::string document_;
  int64_t page_;
  std::string action_;
  double seconds_;
  int64_t megabytes_;
  ErrorCode code_;
};

}  // namespace

void register_debug(Registry& r) {
  r.add({"debug.fault",
         StageKind::kPage,
         "FOR TESTS: throws, fails, aborts, sleeps or allocates on a chosen page of chosen documents",
         {param_string("document", "", "id of the document to hit; empty hits every document"),
          param_int("page", 1, "page number to hit; 0 hits every page", 0),
          param_string("action", "throw",
                       "throw (std::runtime_error), error (testimony::Error with `code`), abort (the "
                       "process dies), sleep (`seconds`), alloc (`megabytes`, touched)",
                       {"throw", "error", "abort", "sleep", "alloc"}),
          param_string("code", "dependency_failed", "error code of action = error",
                       {"invalid_input", "unsupported", "dependency_failed", "resource_exhausted", "internal"}),
          param_float("seconds", 1.0, "how long action = sleep sleeps", 0, 3600),
          param_int("megabytes", 1 << 20, "how much action = alloc allocates (default 1 TB: fails at once)", 1)},
         kCapNone,
         kCapNone,
         [](const Params& p) { return std::make_unique<FaultStage>(p); }});
}

}  // namespace testimony
