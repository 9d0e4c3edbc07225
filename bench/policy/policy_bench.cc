// Google Benchmark: policy decisions per second for a small and an enterprise-sized policy set.
#include <benchmark/benchmark.h>

#include "scenarios.h"

namespace rampart::policy::bench {
namespace {

void BM_SmallPolicy(benchmark::State& state) {
  PolicySet set = SmallSet();
  RequestContext ctx = UserRequest();
  ctx.resource = "arn:aws:s3:::team-data/x";
  for (auto _ : state) {
    Decision d = Evaluate(set, ctx);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SmallPolicy);

void BM_Enterprise(benchmark::State& state) {
  PolicySet set = EnterpriseSet();
  RequestContext ctx = UserRequest();
  if (!Evaluate(set, ctx).allowed()) state.SkipWithError("scenario should allow");
  for (auto _ : state) {
    Decision d = Evaluate(set, ctx);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Enterprise);

void BM_EnterpriseImplicitDeny(benchmark::State& state) {
  PolicySet set = EnterpriseSet();
  RequestContext ctx = UserRequest();
  ctx.action = "ec2:RunInstances";
  ctx.resource = "arn:aws:ec2:us-east-1:123456789012:instance/*";
  for (auto _ : state) {
    Decision d = Evaluate(set, ctx);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EnterpriseImplicitDeny);

void BM_ParseManagedPolicy(benchmark::State& state) {
  std::string json = ManagedPolicy(3);
  for (auto _ : state) {
    auto r = ParsePolicy(json, PolicyType::kIdentity);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_ParseManagedPolicy);

void BM_CacheHit(benchmark::State& state) {
  std::string json = ManagedPolicy(3);
  PolicyCache cache;
  for (auto _ : state) {
    auto r = cache.Get(json, PolicyType::kIdentity);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CacheHit);

}  // namespace
}  // namespace rampart::policy::bench

BENCHMARK_MAIN();
