// Benchmark / allocation-test scenarios: (a) one small policy, (b) a realistic enterprise setup.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "policy/policy.h"

namespace rampart::policy::bench {

inline std::shared_ptr<const Policy> Must(const std::string& json, PolicyType type) {
  auto r = ParsePolicy(json, type);
  if (!r.ok()) {
    std::fprintf(stderr, "scenario policy rejected: %s\n", r.error().message.c_str());
    std::abort();
  }
  return *r;
}

inline RequestContext UserRequest() {
  RequestContext ctx;
  ctx.principal.type = PrincipalType::kUser;
  ctx.principal.account = "123456789012";
  ctx.principal.arn = "arn:aws:iam::123456789012:user/eng/alice";
  ctx.principal.unique_id = "AIDAEXAMPLEUSERID0001";
  ctx.action = "s3:GetObject";
  ctx.resource = "arn:aws:s3:::team-data/eng/alice/report.csv";
  ctx.resource_account = "123456789012";
  ctx.keys.Set("aws:username", "alice");
  ctx.keys.Set("aws:PrincipalTag/team", "eng");
  ctx.keys.Set("aws:SourceIp", "10.20.30.40");
  ctx.keys.Set("aws:RequestedRegion", "us-east-1");
  ctx.keys.Set("aws:SecureTransport", "true");
  ctx.keys.Set("aws:CurrentTime", "2024-01-15T09:30:00Z");
  ctx.keys.Set("aws:PrincipalAccount", "123456789012");
  ctx.keys.Set("aws:PrincipalArn", "arn:aws:iam::123456789012:user/eng/alice");
  return ctx;
}

// (a) one identity policy with five statements.
inline PolicySet SmallSet() {
  std::string json = R"({"Version":"2012-10-17","Statement":[
    {"Sid":"A","Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},
    {"Sid":"B","Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:123456789012:key/*"},
    {"Sid":"C","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::team-data/*"},
    {"Sid":"D","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
    {"Sid":"E","Effect":"Allow","Action":"sns:Publish","Resource":"*"}]})";
  PolicySet set;
  set.identity.push_back({Must(json, PolicyType::kIdentity), "p", "p"});
  return set;
}

// One managed policy of 20 statements with wildcards and conditions; `n` varies the services.
inline std::string ManagedPolicy(int n) {
  static const char* kServices[] = {"ec2",  "iam",        "kms",    "sns", "events",
                                    "logs", "cloudtrail", "config", "s3",  "sts"};
  std::string s = R"({"Version":"2012-10-17","Statement":[)";
  for (int i = 0; i < 20; ++i) {
    std::string svc = kServices[(n + i) % 10];
    if (i) s += ",";
    bool deny = i % 7 == 6;
    std::string verbs =
        deny ? svc + ":Delete*\",\"" + svc + ":Terminate*" : svc + ":Get*\",\"" + svc + ":List*";
    s += R"({"Sid":"S)" + std::to_string(i) + R"(","Effect":")" + (deny ? "Deny" : "Allow") +
         R"(","Action":[")" + verbs + "\",\"" + svc + ":Describe" + std::to_string(i) +
         R"(*"],"Resource":")";
    if (svc == "s3") {
      s += "arn:aws:s3:::team-data/${aws:PrincipalTag/team}/" +
           std::string(i % 2 ? "*" : "public/*");
    } else if (svc == "iam") {
      s += "arn:aws:iam::123456789012:*";
    } else {
      s += "arn:aws:" + svc + ":*:123456789012:*";
    }
    s += R"(","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]},)"
         R"("StringEqualsIfExists":{"aws:RequestedRegion":["us-east-1","eu-west-1"]},)"
         R"("Bool":{"aws:SecureTransport":"true"}}})";
  }
  return s + "]}";
}

// (b) a user in 3 groups: 10 managed policies x 20 statements, a boundary, 3 SCPs on a
// root -> OU -> OU path, and a bucket policy.
inline PolicySet EnterpriseSet() {
  PolicySet set;
  for (int i = 0; i < 10; ++i) {
    set.identity.push_back({Must(ManagedPolicy(i), PolicyType::kIdentity),
                            "arn:aws:iam::123456789012:policy/P" + std::to_string(i),
                            "P" + std::to_string(i)});
  }
  set.boundary = PolicyRef{
      Must(
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","kms:*","iam:Get*","iam:List*","sns:*","logs:*"],"Resource":"*"},
        {"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"admin"}}}]})",
          PolicyType::kBoundary),
      "arn:aws:iam::123456789012:policy/Boundary", "Boundary"};
  set.scp_levels.push_back(
      {{Must(
            R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}})",
            PolicyType::kScp),
        "p-FullAWSAccess", "FullAWSAccess"}});
  set.scp_levels.push_back(
      {{Must(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
      {"Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}]})",
             PolicyType::kScp),
        "p-RegionLock", "RegionLock"}});
  set.scp_levels.push_back(
      {{Must(
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","kms:*","iam:*","sns:*","logs:*","ec2:*"],"Resource":"*"},
      {"Effect":"Deny","Action":["s3:DeleteBucket","kms:ScheduleKeyDeletion"],"Resource":"*"}]})",
            PolicyType::kScp),
        "p-Workloads", "Workloads"}});
  set.resource_policy = PolicyRef{
      Must(
          R"({"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::team-data","arn:aws:s3:::team-data/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},
        {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::team-data/shared/*"}]})",
          PolicyType::kResource),
      "arn:aws:s3:::team-data", "bucket-policy"};
  return set;
}

}  // namespace rampart::policy::bench
