// Transforms that map working-image boxes back to the original page.
#include "pipeline/geometry.hpp"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace testimony {
namespace {

TEST(Geometry, UnionIgnoresEmptyBoxes) {
  EXPECT_EQ((BBox{0, 0, 0, 0}.united({1, 2, 3, 4})), (BBox{1, 2, 3, 4}));
  EXPECT_EQ((BBox{1, 2, 3, 4}.united({0, 5, 2, 6})), (BBox{0, 2, 3, 6}));
}

TEST(Geometry, InverseAndComposition) {
  const Transform t = Transform::translation(10, -5).after(Transform::scale(2, 3));
  const auto p = t.apply(4, 4);
  EXPECT_DOUBLE_EQ(p[0], 18);
  EXPECT_DOUBLE_EQ(p[1], 7);
  const auto back = t.inverse().apply(p[0], p[1]);
  EXPECT_NEAR(back[0], 4, 1e-9);
  EXPECT_NEAR(back[1], 4, 1e-9);
  EXPECT_TRUE(t.after(t.inverse()).is_identity() ||
              std::abs(t.after(t.inverse()).coefficients()[0] - 1) < 1e-12);
}

TEST(Geometry, RotationAboutCentreMapsBoxes) {
  // A quarter turn about (50, 50) maps (60, 50) to (50, 40) (y grows downwards).
  const Transform r = Transform::rotation(std::numbers::pi / 2, 50, 50);
  const auto p = r.apply(60, 50);
  EXPECT_NEAR(p[0], 50, 1e-9);
  EXPECT_NEAR(p[1], 40, 1e-9);
  const BBox b = r.apply(BBox{60, 50, 70, 52}, 100, 100);
  EXPECT_EQ(b, (BBox{50, 30, 52, 40}));
}

TEST(Geometry, ClampsToPage) {
  const BBox b = Transform::translation(-20, 0).apply(BBox{10, 10, 30, 20}, 100, 100);
  EXPECT_EQ(b, (BBox{0, 10, 10, 20}));
}

}  // namespace
}  // namespace testimony
