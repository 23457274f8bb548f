// OCR family.
//   [[stage]]
//   use = "ocr.tesseract"
//   languages = ["por", "eng"]
#pragma once

#include "pipeline/registry.hpp"

namespace testimony {

void register_ocr(Registry& registry);

}  // namespace testimony
