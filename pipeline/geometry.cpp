// Box union and affine transforms for mapping boxes back to the original page.
#include "pipeline/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace testimony {

BBox BBox::united(const BBox& other) const {
  if (empty()) return other;
  if (other.empty()) return *this;
  return {std::min(x0, other.x0), std::min(y0, other.y0), std::max(x1, other.x1),
          std::max(y1, other.y1)};
}

Transform Transform::translation(double dx, double dy) { return {1, 0, dx, 0, 1, dy}; }

Transform Transform::scale(double sx, double sy) { return {sx, 0, 0, 0, sy, 0}; }

Transform Transform::rotation(double radians, double cx, double cy) {
  const double c = std::cos(radians), s = std::sin(radians);
  // Translate centre to origin, rotate, translate back.
  return {c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy};
}

std::array<double, 2> Transform::apply(double x, double y) const {
  return {m_[0] * x + m_[1] * y + m_[2], m_[3] * x + m_[4] * y + m_[5]};
}

BBox Transform::apply(const BBox& box, int clamp_width, int clamp_height) const {
  if (is_identity()) return box;
  const std::array<std::array<double, 2>, 4> corners = {
      apply(box.x0, box.y0), apply(box.x1, box.y0), apply(box.x0, box.y1), apply(box.x1, box.y1)};
  double lx = corners[0][0], hx = lx, ly = corners[0][1], hy = ly;
  for (const auto& p : corners) {
    lx = std::min(lx, p[0]);
    hx = std::max(hx, p[0]);
    ly = std::min(ly, p[1]);
    hy = std::max(hy, p[1]);
  }
  auto clamp = [](double v, int hi) { return static_cast<int>(std::clamp(v, 0.0, double(hi))); };
  constexpr double kEps = 1e-6;  // absorb floating error so exact corners stay exact
  return {clamp(std::floor(lx + kEps), clamp_width), clamp(std::floor(ly + kEps), clamp_height),
          clamp(std::ceil(hx - kEps), clamp_width), clamp(std::ceil(hy - kEps), clamp_height)};
}

Transform Transform::after(const Transform& in) const {
  const auto& a = m_;
  const auto& b = in.m_;
  return {a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
          a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5]};
}

Transform Transform::inverse() const {
  const auto& m = m_;
  const double det = m[0] * m[4] - m[1] * m[3];
  const double ia = m[4] / det, ib = -m[1] / det, id = -m[3] / det, ie = m[0] / det;
  return {ia, ib, -(ia * m[2] + ib * m[5]), id, ie, -(id * m[2] + ie * m[5])};
}

bool Transform::is_identity() const {
  return m_ == std::array<double, 6>{1, 0, 0, 0, 1, 0};
}

}  // namespace testimony
