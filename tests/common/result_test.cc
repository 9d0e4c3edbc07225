// Tests for Result/Status and the propagation macros.
#include "common/result.h"

#include <gtest/gtest.h>

#include <string>

namespace rampart {
namespace {

Result<int> Half(int v) {
  if (v % 2) return AwsError::Sender("InvalidInput", "odd");
  return v / 2;
}

Result<int> Quarter(int v) {
  RAMPART_ASSIGN_OR_RETURN(int h, Half(v));
  return Half(h);
}

Status CheckEven(int v) {
  RAMPART_TRY(Half(v));
  return Status::Ok();
}

TEST(ResultTest, ValueAndErrorPropagate) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidInput");
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(3).ok());
}

TEST(ResultTest, InternalIsReceiverFault) {
  AwsError e = AwsError::Internal();
  EXPECT_EQ(e.http_status, 500);
  EXPECT_EQ(e.fault, Fault::kReceiver);
}

}  // namespace
}  // namespace rampart
