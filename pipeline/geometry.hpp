// Boxes and the affine map from a working (preprocessed) image back to the original page.
// Every box in a record is in original page pixels, whatever rotation, deskew or crop did.
#pragma once

#include <array>

namespace testimony {

struct BBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  bool empty() const { return x1 <= x0 || y1 <= y0; }
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  // The smallest box holding both; an empty box is the identity.
  BBox united(const BBox& other) const;
  bool operator==(const BBox&) const = default;
};

// x' = a*x + b*y + c ; y' = d*x + e*y + f
class Transform {
 public:
  Transform() = default;
  Transform(double a, double b, double c, double d, double e, double f) : m_{a, b, c, d, e, f} {}

  static Transform translation(double dx, double dy);
  static Transform scale(double sx, double sy);
  // Rotation by `radians` about (cx, cy), counter-clockwise in image coordinates (y down).
  static Transform rotation(double radians, double cx, double cy);

  std::array<double, 2> apply(double x, double y) const;
  // The box holding the four mapped corners, rounded outwards and clamped to [0, w) x [0, h).
  BBox apply(const BBox& box, int clamp_width, int clamp_height) const;
  // this ∘ inner: first inner, then this.
  Transform after(const Transform& inner) const;
  Transform inverse() const;
  bool is_identity() const;
  const std::array<double, 6>& coefficients() const { return m_; }

 private:
  std::array<double, 6> m_{1, 0, 0, 0, 1, 0};
};

}  // namespace testimony
