#include "common/human_units.h"

#include <gtest/gtest.h>

namespace flashface {
namespace {

TEST(HumanUnits, BytesTakeTheLargestDecimalUnitWithItsPrecision) {
    EXPECT_EQ(formatBytes(0), "0 B");
    EXPECT_EQ(formatBytes(999), "999 B");
    EXPECT_EQ(formatBytes(1000), "1 kB");
    EXPECT_EQ(formatBytes(12'400), "12 kB");
    EXPECT_EQ(formatBytes(999'499), "999 kB");
    EXPECT_EQ(formatBytes(350'000'000), "350.0 MB");
    EXPECT_EQ(formatBytes(1'234'000'000), "1.23 GB");
    EXPECT_EQ(formatBytes(13'000'000'000ull), "13.00 GB");
}

TEST(HumanUnits, DurationsRoundToTheSecondAndDropTheSmallestUnitPastAnHour) {
    EXPECT_EQ(formatDuration(0), "0 s");
    EXPECT_EQ(formatDuration(44.6), "45 s");
    EXPECT_EQ(formatDuration(59.4), "59 s");
    EXPECT_EQ(formatDuration(59.6), "1 min 0 s");
    EXPECT_EQ(formatDuration(200), "3 min 20 s");
    EXPECT_EQ(formatDuration(2 * 3600 + 5 * 60 + 40), "2 h 05 min");
    EXPECT_EQ(formatDuration(-3), "0 s");  // an estimate below zero is no time left
}

}  // namespace
}  // namespace flashface
