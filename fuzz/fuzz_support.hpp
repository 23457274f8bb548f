// Shared by the libFuzzer targets: quiet logging, and a per-process scratch file for targets
// whose code under test reads from a path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace testimony::fuzz {

// Turns every logger off (once); call at the start of each input.
void quiet();

// Writes `data` to a scratch file of this process named "<stem><extension>" and returns
// its path (the same path on every call with the same arguments).
std::filesystem::path scratch_file(const std::string& stem, const std::string& extension, const uint8_t* data,
                                   std::size_t size);

}  // namespace testimony::fuzz
