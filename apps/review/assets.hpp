// The review page's files (review/index.html, app.js, app.css), compiled into the binary by
// cmake/embed_assets.cmake so that the server needs nothing beside itself.
#pragma once

#include <string_view>

namespace testimony::review {

struct Asset {
  std::string_view name;  // "app.js"
  std::string_view content_type;
  std::string_view bytes;
};

// The asset of exactly this name, or nullptr: no paths, no folders.
const Asset* find_asset(std::string_view name);

}  // namespace testimony::review
