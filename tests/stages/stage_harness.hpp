// Building one real stage of the full registry from a parameter map, for stage tests.
#pragma once

#include "stages/stages.hpp"
#include "tests/test_support.hpp"

namespace testimony::test {

template <typename T>
std::unique_ptr<T> make(const std::string& name, const std::map<std::string, ParamValue>& overrides = {}) {
  static const Registry registry = make_registry();
  return make_stage<T>(registry, name, overrides);
}

}  // namespace testimony::test
