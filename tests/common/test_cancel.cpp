#include "common/cancel.h"

#include <gtest/gtest.h>

namespace flashface {
namespace {

TEST(Cancel, ThrowsOnlyOnceTriggeredAndAgainAfterAReset) {
    EXPECT_NO_THROW(throwIfCancelled(nullptr));  // a computation nobody can cancel
    CancelToken token;
    EXPECT_NO_THROW(throwIfCancelled(&token));
    token.cancel();
    EXPECT_THROW(throwIfCancelled(&token), Cancelled);
    token.reset();
    EXPECT_NO_THROW(throwIfCancelled(&token));
}

}  // namespace
}  // namespace flashface
