// EDTF → TEI att.datable: a day, month or year is @when; a season, decade or unspecified
// digits are @notBefore/@notAfter; an interval is @from/@to; all at the value's own precision
// (pipeline/edtf.hpp parses it). The table is in docs/formats.md.
#include "pipeline/edtf.hpp"
#include "stages/write/writers.hpp"

namespace testimony {

TeiDate tei_date(std::string_view edtf) {
  const auto r = edtf_range(edtf);
  if (!r) return {};
  TeiDate out;
  out.ok = true;
  out.approximate = r->approximate;
  out.uncertain = r->uncertain;
  if (r->interval) {
    out.from = r->lo;
    out.to = r->hi;
  } else if (r->exact) {
    out.when = r->lo;
  } else {
    out.not_before = r->lo;
    out.not_after = r->hi;
  }
  return out;
}

}  // namespace testimony
