// Tests for the policy_eval CLI core (the differential-testing entry point).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "policy_eval_lib.h"

namespace rampart::policy {
namespace {

boost::json::object RunEval(const std::string& input, int expected_code = 0) {
  int code = -1;
  std::string out = RunPolicyEval(input, &code);
  EXPECT_EQ(code, expected_code) << out;
  return boost::json::parse(out).as_object();
}

TEST(PolicyEval, AllowsThroughIdentityPolicy) {
  auto out = RunEval(R"({
    "principal":{"type":"user","account":"123456789012","arn":"arn:aws:iam::123456789012:user/alice"},
    "action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resource_account":"123456789012",
    "context":{"aws:SourceIp":"10.1.1.1"},
    "policies":{"identity":[{"id":"arn:aws:iam::123456789012:policy/P","name":"P","document":
      {"Version":"2012-10-17","Statement":{"Sid":"S","Effect":"Allow","Action":"s3:*","Resource":"*",
       "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}}]}})");
  EXPECT_EQ(out["decision"].as_string(), "Allow");
  EXPECT_EQ(out["decided_by"].as_string(), "identity");
  ASSERT_EQ(out["matched"].as_array().size(), 1u);
  EXPECT_EQ(out["matched"].as_array()[0].as_object().at("sid").as_string(), "S");
  EXPECT_EQ(out["message"].as_string(), "");
}

TEST(PolicyEval, ReportsDenialSentenceAndMissingKeys) {
  auto out = RunEval(R"({
    "principal":{"type":"user","account":"123456789012","arn":"arn:aws:iam::123456789012:user/alice"},
    "action":"s3:GetObject","resource":"arn:aws:s3:::b/k",
    "policies":{"identity":["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}}"]}})");
  EXPECT_EQ(out["decision"].as_string(), "ImplicitDeny");
  EXPECT_EQ(out["missing_keys"].as_array().at(0).as_string(), "aws:SecureTransport");
  EXPECT_EQ(out["message"].as_string(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows "
            "the s3:GetObject action");
}

TEST(PolicyEval, TrustModeAndMultiValuedContext) {
  auto out = RunEval(R"({
    "principal":{"type":"assumed-role","account":"123456789012",
                 "arn":"arn:aws:sts::123456789012:assumed-role/R/S","role_arn":"arn:aws:iam::123456789012:role/R"},
    "action":"sts:AssumeRole","resource":"arn:aws:iam::123456789012:role/T",
    "context":{"aws:TagKeys":["a","b"]},
    "policies":{"mode":"trust","resource":{"Version":"2012-10-17","Statement":{"Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::123456789012:role/R"},"Action":"sts:AssumeRole",
      "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}}}}})");
  EXPECT_EQ(out["decision"].as_string(), "Allow");
  EXPECT_EQ(out["decided_by"].as_string(), "trust");
}

TEST(PolicyEval, MalformedPolicyIsAnError) {
  auto out = RunEval(R"({"principal":{"type":"user"},"action":"s3:GetObject",
    "policies":{"identity":[{"Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}]}})",
                     2);
  EXPECT_EQ(out["error"].as_object().at("code").as_string(), "MalformedPolicyDocument");
  EXPECT_EQ(out["error"].as_object().at("where").as_string(), "identity[0]");
}

TEST(PolicyEval, BadInputIsAnError) {
  EXPECT_TRUE(RunEval("not json", 2).contains("error"));
  EXPECT_TRUE(RunEval(R"({"principal":{"type":"alien"},"action":"a:b"})", 2).contains("error"));
  EXPECT_TRUE(RunEval(R"({"principal":{"type":"user"}})", 2).contains("error"));
}

TEST(PolicyEval, EchoesRequestId) {
  auto out = RunEval(R"({"id":"case-7","principal":{"type":"root","account":"123456789012",
    "arn":"arn:aws:iam::123456789012:root"},"action":"s3:GetObject","resource":"arn:aws:s3:::b/k"})");
  EXPECT_EQ(out["id"].as_string(), "case-7");
  EXPECT_EQ(out["decision"].as_string(), "Allow");
  auto err = RunEval(R"({"id":3,"principal":{"type":"alien"},"action":"a:b"})", 2);
  EXPECT_EQ(err["id"].as_int64(), 3);
  EXPECT_TRUE(err.contains("error"));
}

TEST(PolicyEval, JsonlBatchAnswersEveryLine) {
  std::istringstream in(
      R"({"id":1,"principal":{"type":"user","account":"123456789012","arn":"arn:aws:iam::123456789012:user/a"},"action":"s3:GetObject","policies":{"identity":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}]}})"
      "\n\n"
      R"({"id":2,"principal":{"type":"user","account":"123456789012","arn":"arn:aws:iam::123456789012:user/a"},"action":"s3:PutObject","policies":{"identity":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}]}})"
      "\n"
      "not json\n");
  std::ostringstream out;
  EXPECT_EQ(RunPolicyEvalJsonl(in, out), 1u);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<boost::json::object> answers;
  while (std::getline(lines, line)) answers.push_back(boost::json::parse(line).as_object());
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0]["id"].as_int64(), 1);
  EXPECT_EQ(answers[0]["decision"].as_string(), "Allow");
  EXPECT_EQ(answers[1]["id"].as_int64(), 2);
  EXPECT_EQ(answers[1]["decision"].as_string(), "ImplicitDeny");
  EXPECT_TRUE(answers[2].contains("error"));
}

}  // namespace
}  // namespace rampart::policy
