// Verifies the evaluation path performs no heap allocation in the common case (issue item 7).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "scenarios.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace rampart::policy::bench {
namespace {

long AllocationsDuring(const PolicySet& set, const RequestContext& ctx, bool* allowed) {
  (void)Evaluate(set, ctx);  // warm thread-local buffers
  long before = g_allocations.load();
  Decision d = Evaluate(set, ctx);
  *allowed = d.allowed();
  return g_allocations.load() - before;
}

TEST(Allocation, S7_SmallPolicyDecisionAllocatesNothing) {
  PolicySet set = SmallSet();
  RequestContext ctx = UserRequest();
  ctx.resource = "arn:aws:s3:::team-data/x";
  bool allowed = false;
  EXPECT_EQ(AllocationsDuring(set, ctx, &allowed), 0);
  EXPECT_TRUE(allowed);
}

TEST(Allocation, S7_EnterpriseDecisionAllocatesNothing) {
  PolicySet set = EnterpriseSet();
  RequestContext ctx = UserRequest();
  bool allowed = false;
  EXPECT_EQ(AllocationsDuring(set, ctx, &allowed), 0);
  EXPECT_TRUE(allowed);
}

TEST(Allocation, S7_EnterpriseDenyAllocatesNothing) {
  PolicySet set = EnterpriseSet();
  RequestContext ctx = UserRequest();
  ctx.action = "s3:DeleteBucket";
  bool allowed = true;
  EXPECT_EQ(AllocationsDuring(set, ctx, &allowed), 0);
  EXPECT_FALSE(allowed);
}

}  // namespace
}  // namespace rampart::policy::bench
