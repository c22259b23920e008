#pragma once

// Between flashface::Image and OpenCV, inside the face unit only (OpenCV stays out of the
// public headers).

#include "common/image.h"

#include <opencv2/core.hpp>

#include <algorithm>

namespace flashface::face {

// A CV_8UC3 (RGB) view of `image`'s pixels; valid while `image` lives and is not resized.
inline cv::Mat toMat(const Image& image) {
    return cv::Mat(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.rgb.data()));
}

// A copy of a CV_8UC3 (RGB) matrix.
inline Image fromMat(const cv::Mat& mat) {
    const cv::Mat m = mat.isContinuous() ? mat : mat.clone();
    Image image;
    image.width = m.cols;
    image.height = m.rows;
    image.rgb.assign(m.data, m.data + m.total() * m.elemSize());
    return image;
}

}  // namespace flashface::face
