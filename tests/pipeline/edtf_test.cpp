// EDTF values as calendar ranges, and search date bounds.
#include "pipeline/edtf.hpp"

#include <gtest/gtest.h>

namespace testimony {
namespace {

void expect_range(const char* value, const char* from, const char* to) {
  SCOPED_TRACE(value);
  const auto r = edtf_range(value);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->from, from);
  EXPECT_EQ(r->to, to);
}

TEST(Edtf, DaysMonthsYears) {
  expect_range("1943-09-28", "1943-09-28", "1943-09-28");
  expect_range("1943-09", "1943-09-01", "1943-09-30");
  expect_range("1944-02", "1944-02-01", "1944-02-29");  // leap year
  expect_range("1943-02", "1943-02-01", "1943-02-28");
  expect_range("1943", "1943-01-01", "1943-12-31");
}

TEST(Edtf, SeasonsDecadesCenturies) {
  expect_range("1944-21", "1944-03-01", "1944-05-31");
  expect_range("1944-22", "1944-06-01", "1944-08-31");
  expect_range("1942-23", "1942-09-01", "1942-11-30");
  expect_range("1943-24", "1943-12-01", "1944-02-29");  // winter runs into the next year
  expect_range("194X", "1940-01-01", "1949-12-31");
  expect_range("1943-XX", "1943-01-01", "1943-12-31");
  expect_range("19XX", "1900-01-01", "1999-12-31");
}

TEST(Edtf, IntervalsAndQualifiers) {
  expect_range("1943-10-01/1943-10-02", "1943-10-01", "1943-10-02");
  expect_range("1911/1990", "1911-01-01", "1990-12-31");
  expect_range("1944/", "1944-01-01", "");
  expect_range("../1945-05", "", "1945-05-31");
  const auto approx = edtf_range("1944-06~");
  ASSERT_TRUE(approx);
  EXPECT_TRUE(approx->approximate);
  EXPECT_FALSE(approx->uncertain);
  EXPECT_EQ(approx->from, "1944-06-01");
  const auto unsure = edtf_range("1942?");
  ASSERT_TRUE(unsure);
  EXPECT_TRUE(unsure->uncertain);
  EXPECT_TRUE(edtf_range("1943-09-28/1943-10")->interval);
  // The value's own precision is kept beside the days.
  const auto season = edtf_range("1942-24");
  ASSERT_TRUE(season);
  EXPECT_EQ(season->lo, "1942-12");
  EXPECT_EQ(season->hi, "1943-02");
  EXPECT_FALSE(season->exact);
  EXPECT_TRUE(edtf_range("1943-09")->exact);
}

TEST(Edtf, RejectsWhatIsNotEdtf) {
  for (const char* bad : {"", "43", "1943-13", "1943-02-30", "1943-25", "28.9.1943", "/", "1945/1944",
                          "1943-9-28", "abcd", "1943-09-28T10:00"})
    EXPECT_FALSE(edtf_range(bad).has_value()) << bad;
}

TEST(Edtf, SearchBounds) {
  EXPECT_EQ(date_bound("1943", false), "1943-01-01");
  EXPECT_EQ(date_bound("1943", true), "1943-12-31");
  EXPECT_EQ(date_bound("1943-09", true), "1943-09-30");
  EXPECT_EQ(date_bound("1943-09-28", false), "1943-09-28");
  EXPECT_FALSE(date_bound("1943/1944", false).has_value());
  EXPECT_FALSE(date_bound("September", false).has_value());
}

}  // namespace
}  // namespace testimony
