// Unit tests for the protocol runtime: routing, decoding + validation, encoding, helpers.
#include "protocol/protocol.h"

#include <gtest/gtest.h>

#include "protocol/pattern.h"
#include "protocol/wire_util.h"

namespace rampart::protocol {
namespace {

namespace json = boost::json;

http::Request Form(std::string body) {
  http::Request r;
  r.method = "POST";
  r.target = "/";
  r.headers.Add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.body = std::move(body);
  return r;
}

http::Request JsonReq(std::string target, std::string body) {
  http::Request r;
  r.method = "POST";
  r.target = "/";
  r.headers.Add("X-Amz-Target", std::move(target));
  r.headers.Add("Content-Type", "application/x-amz-json-1.1");
  r.body = std::move(body);
  return r;
}

http::Request Rest(std::string method, std::string target, std::string host = "s3.localhost") {
  http::Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers.Add("Host", std::move(host));
  return r;
}

Result<json::object> RouteAndDecode(const http::Request& req, std::string_view scope) {
  auto route = RouteRequest(req, scope);
  if (!route.ok()) return route.error();
  return DecodeInput(*route, req);
}

TEST(Registry, FindsServicesByNameAndSigningName) {
  EXPECT_GE(AllServices().size(), 13u);
  ASSERT_NE(FindServiceBySigningName("iam"), nullptr);
  EXPECT_EQ(FindServiceBySigningName("iam")->protocol, ProtocolKind::kQuery);
  ASSERT_NE(FindServiceBySigningName("monitoring"), nullptr);
  EXPECT_EQ(FindServiceBySigningName("monitoring")->Name(), "cloudwatch");
  EXPECT_EQ(FindServiceBySigningName("s3")->Name(), "s3");
  EXPECT_EQ(FindServiceByTargetPrefix("TrentService")->Name(), "kms");
  EXPECT_EQ(FindServiceBySigningName("nope"), nullptr);
}

TEST(Registry, KmsOverlayAddsRotationOperations) {
  const ServiceInfo* kms = FindServiceByName("kms");
  ASSERT_NE(kms, nullptr);
  const OperationInfo* op = kms->FindOperation("ListKeyRotations");
  ASSERT_NE(op, nullptr);
  ASSERT_NE(kms->FindOperation("RotateKeyOnDemand"), nullptr);
  const ShapeDef* in = kms->Input(*op);
  ASSERT_NE(in, nullptr);
  const MemberDef* key = kms->FindMember(*in, "KeyId");
  ASSERT_NE(key, nullptr);
  EXPECT_TRUE(key->Has(member_flags::kRequired));
  // Existing shapes keep their members and gain the overlay's.
  const ShapeDef& enable = *kms->Input(*kms->FindOperation("EnableKeyRotation"));
  EXPECT_NE(kms->FindMember(enable, "KeyId"), nullptr);
  EXPECT_NE(kms->FindMember(enable, "RotationPeriodInDays"), nullptr);
}

TEST(Router, RoutesQueryJsonAndRest) {
  auto r1 = RouteRequest(Form("Action=ListUsers&Version=2010-05-08"), "iam");
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->OperationName(), "ListUsers");
  auto r2 = RouteRequest(JsonReq("TrentService.Encrypt", "{}"), "kms");
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->OperationName(), "Encrypt");
  auto r3 = RouteRequest(Rest("GET", "/bucket?list-type=2&prefix=a"), "s3");
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->OperationName(), "ListObjectsV2");
  auto r4 = RouteRequest(Rest("GET", "/bucket"), "s3");
  ASSERT_TRUE(r4.ok());
  EXPECT_EQ(r4->OperationName(), "ListObjects");
  auto r5 = RouteRequest(Rest("PUT", "/bucket/a/b/c.txt"), "s3");
  ASSERT_TRUE(r5.ok());
  EXPECT_EQ(r5->OperationName(), "PutObject");
  auto r6 = RouteRequest(Rest("GET", "/"), "s3");
  ASSERT_TRUE(r6.ok());
  EXPECT_EQ(r6->OperationName(), "ListBuckets");
  auto r7 = RouteRequest(Rest("GET", "/?policy", "mybucket.s3.localhost:4566"), "s3");
  ASSERT_TRUE(r7.ok());
  EXPECT_EQ(r7->OperationName(), "GetBucketPolicy");
  http::Request control = Rest("GET", "/v20180820/configuration/publicAccessBlock");
  control.headers.Add("x-amz-account-id", "123456789012");
  auto r8 = RouteRequest(control, "s3");
  ASSERT_TRUE(r8.ok());
  EXPECT_EQ(r8->service->Name(), "s3control");
  EXPECT_EQ(r8->OperationName(), "GetPublicAccessBlock");
}

TEST(Router, UnknownOperationsUseTheProtocolsError) {
  auto q = RouteRequest(Form("Action=Nope&Version=2010-05-08"), "iam");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, "InvalidAction");
  EXPECT_EQ(q.error().message, "Could not find operation Nope for version 2010-05-08");
  auto j = RouteRequest(JsonReq("TrentService.Nope", "{}"), "kms");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, "UnknownOperationException");
  auto s = RouteRequest(Rest("PATCH", "/bucket"), "s3");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "MethodNotAllowed");
  EXPECT_EQ(s.error().http_status, 405);
  auto e = RouteRequest(Form("Action=Nope&Version=2016-11-15"), "ec2");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "InvalidAction");
}

TEST(QueryDecode, ListsMapsAndScalars) {
  auto doc =
      RouteAndDecode(Form("Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fdev%2F"
                          "&Tags.member.1.Key=team&Tags.member.1.Value=red&Tags.member.2.Key=env"
                          "&Tags.member.2.Value=prod"),
                     "iam");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ((*doc)["UserName"], "alice");
  EXPECT_EQ((*doc)["Path"], "/dev/");
  ASSERT_EQ((*doc)["Tags"].as_array().size(), 2u);
  EXPECT_EQ((*doc)["Tags"].as_array()[1].as_object().at("Key"), "env");
  auto sts = RouteAndDecode(
      Form("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
           "&RoleSessionName=s1&DurationSeconds=3600&PolicyArns.member.1.arn="
           "arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"),
      "sts");
  ASSERT_TRUE(sts.ok()) << sts.error().message;
  EXPECT_EQ((*sts)["DurationSeconds"], 3600);
  EXPECT_EQ((*sts)["PolicyArns"].as_array()[0].as_object().at("arn"),
            "arn:aws:iam::aws:policy/ReadOnlyAccess");
}

TEST(QueryDecode, ValidationErrors) {
  auto missing = RouteAndDecode(Form("Action=CreateUser&Version=2010-05-08"), "iam");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ValidationError");
  EXPECT_EQ(missing.error().message,
            "1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
            "Member must not be null");
  auto too_long = RouteAndDecode(
      Form("Action=CreateUser&Version=2010-05-08&UserName=" + std::string(65, 'a')), "iam");
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().message.find("Member must have length less than or equal to 64"),
            std::string::npos);
  auto pattern = RouteAndDecode(Form("Action=CreateUser&Version=2010-05-08&UserName=a%21b"), "iam");
  ASSERT_FALSE(pattern.ok());
  EXPECT_NE(pattern.error().message.find("regular expression pattern"), std::string::npos);
  auto bad_int = RouteAndDecode(Form("Action=ListUsers&Version=2010-05-08&MaxItems=abc"), "iam");
  ASSERT_FALSE(bad_int.ok());
  EXPECT_EQ(bad_int.error().http_status, 400);
  auto range = RouteAndDecode(Form("Action=ListUsers&Version=2010-05-08&MaxItems=0"), "iam");
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.error().message.find("greater than or equal to 1"), std::string::npos);
}

TEST(Ec2Decode, FlattenedListsAndFilters) {
  auto doc = RouteAndDecode(
      Form(
          "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=cidr&Filter.1.Value.1=10.0.0.0%2F16"
          "&Filter.1.Value.2=10.1.0.0%2F16&VpcId.1=vpc-1&DryRun=false"),
      "ec2");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const auto& filters = (*doc)["Filters"].as_array();
  ASSERT_EQ(filters.size(), 1u);
  EXPECT_EQ(filters[0].as_object().at("Name"), "cidr");
  EXPECT_EQ(filters[0].as_object().at("Values").as_array().size(), 2u);
  EXPECT_EQ((*doc)["VpcIds"].as_array()[0], "vpc-1");
  EXPECT_EQ((*doc)["DryRun"], false);
  auto missing = RouteAndDecode(Form("Action=DeleteVpc&Version=2016-11-15"), "ec2");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "MissingParameter");
}

TEST(JsonDecode, TypesAndValidation) {
  auto doc = RouteAndDecode(
      JsonReq("TrentService.Encrypt",
              R"({"KeyId":"alias/k","Plaintext":"aGVsbG8=","EncryptionContext":{"a":"b"}})"),
      "kms");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ((*doc)["Plaintext"], "aGVsbG8=");
  auto wrong_type = RouteAndDecode(JsonReq("TrentService.Encrypt", R"({"KeyId":5})"), "kms");
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().code, "SerializationException");
  auto bad_json = RouteAndDecode(JsonReq("TrentService.Encrypt", "{"), "kms");
  ASSERT_FALSE(bad_json.ok());
  EXPECT_EQ(bad_json.error().code, "SerializationException");
  auto enum_bad = RouteAndDecode(JsonReq("TrentService.CreateKey", R"({"KeySpec":"NOPE"})"), "kms");
  ASSERT_FALSE(enum_bad.ok());
  EXPECT_EQ(enum_bad.error().code, "ValidationException");
  EXPECT_NE(enum_bad.error().message.find("enum value set"), std::string::npos);
  auto limit = RouteAndDecode(
      JsonReq("TrentService.ListKeyRotations", R"({"KeyId":"k","Limit":5000})"), "kms");
  ASSERT_FALSE(limit.ok());
  EXPECT_NE(limit.error().message.find("less than or equal to 1000"), std::string::npos);
  // Secrets never appear in validation messages.
  auto secret =
      RouteAndDecode(JsonReq("TrentService.Encrypt", R"({"Plaintext":"c2VjcmV0"})"), "kms");
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.error().message.find("c2VjcmV0"), std::string::npos);
}

TEST(RestDecode, S3PutObjectBindings) {
  http::Request req = Rest("PUT", "/bucket/dir/a%20b.txt?x-id=PutObject");
  req.headers.Add("x-amz-meta-Color", "blue");
  req.headers.Add("Content-Type", "text/plain");
  req.headers.Add("x-amz-server-side-encryption", "aws:kms");
  req.body = "raw bytes\x01";
  auto doc = RouteAndDecode(req, "s3");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ((*doc)["Bucket"], "bucket");
  EXPECT_EQ((*doc)["Key"], "dir/a b.txt");
  EXPECT_EQ((*doc)["Body"], "raw bytes\x01");
  EXPECT_EQ((*doc)["Metadata"].as_object().at("color"), "blue");
  EXPECT_EQ((*doc)["ServerSideEncryption"], "aws:kms");
  http::Request bad = Rest("PUT", "/bucket/k");
  bad.headers.Add("x-amz-server-side-encryption", "rot13");
  auto enum_bad = RouteAndDecode(bad, "s3");
  ASSERT_FALSE(enum_bad.ok());
  EXPECT_EQ(enum_bad.error().code, "InvalidArgument");
}

TEST(RestDecode, S3XmlPayloadAndMalformedXml) {
  http::Request req = Rest("PUT", "/?publicAccessBlock", "bucket.s3.localhost");
  req.body =
      "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<BlockPublicAcls>true</BlockPublicAcls><RestrictPublicBuckets>false</RestrictPublicBuckets>"
      "</PublicAccessBlockConfiguration>";
  auto doc = RouteAndDecode(req, "s3");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ((*doc)["Bucket"], "bucket");
  const auto& cfg = (*doc)["PublicAccessBlockConfiguration"].as_object();
  EXPECT_EQ(cfg.at("BlockPublicAcls"), true);
  EXPECT_EQ(cfg.at("RestrictPublicBuckets"), false);
  req.body = "<PublicAccessBlockConfiguration><BlockPublicAcls>";
  auto bad = RouteAndDecode(req, "s3");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "MalformedXML");
}

TEST(Encode, QueryOutputEnvelope) {
  const ServiceInfo* iam = FindServiceByName("iam");
  Route route{iam, iam->FindOperation("GetUser")};
  json::object user{{"UserName", "alice"},
                    {"UserId", "AIDA1"},
                    {"Arn", "arn:aws:iam::123456789012:user/alice"},
                    {"Path", "/"},
                    {"CreateDate", 1705311000.0},
                    {"Tags", json::array{json::object{{"Key", "k"}, {"Value", "v&<"}}}}};
  http::Response r = EncodeOutput(route, json::object{{"User", user}}, "rid-1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.Get("Content-Type"), "text/xml");
  EXPECT_EQ(r.headers.Get("x-amzn-RequestId"), "rid-1");
  EXPECT_NE(r.body.find("<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        "<GetUserResult><User>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<CreateDate>2024-01-15T09:30:00Z</CreateDate>"), std::string::npos);
  EXPECT_NE(r.body.find("<Tags><member><Key>k</Key><Value>v&amp;&lt;</Value></member></Tags>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata>"),
            std::string::npos);
  Route del{iam, iam->FindOperation("DeleteUser")};
  http::Response d = EncodeOutput(del, {}, "rid-2");
  EXPECT_EQ(d.body.find("DeleteUserResult"), std::string::npos);
}

TEST(Encode, Ec2OutputUsesLocationNamesAndItems) {
  const ServiceInfo* ec2 = FindServiceByName("ec2");
  Route route{ec2, ec2->FindOperation("DescribeVpcs")};
  json::object out{{"Vpcs", json::array{json::object{{"VpcId", "vpc-1"}, {"IsDefault", true}}}}};
  http::Response r = EncodeOutput(route, out, "rid");
  EXPECT_NE(r.body.find("<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        "<requestId>rid</requestId><vpcSet><item><vpcId>vpc-1</vpcId>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<isDefault>true</isDefault>"), std::string::npos);
}

TEST(Encode, JsonOutputKeepsOnlyModelMembers) {
  const ServiceInfo* kms = FindServiceByName("kms");
  Route route{kms, kms->FindOperation("DescribeKey")};
  json::object out{
      {"KeyMetadata",
       json::object{{"KeyId", "k"}, {"CreationDate", 1705311000.5}, {"Internal", "secret"}}},
      {"Extra", 1}};
  http::Response r = EncodeOutput(route, out, "rid");
  EXPECT_EQ(r.headers.Get("Content-Type"), "application/x-amz-json-1.1");
  json::value v = json::parse(r.body);
  EXPECT_EQ(v.at("KeyMetadata").at("CreationDate").as_double(), 1705311000.5);
  EXPECT_FALSE(v.as_object().contains("Extra"));
  EXPECT_FALSE(v.at("KeyMetadata").as_object().contains("Internal"));
}

TEST(Encode, RestXmlOutputHeadersAndPayload) {
  const ServiceInfo* s3 = FindServiceByName("s3");
  Route get{s3, s3->FindOperation("GetObject")};
  http::Response r = EncodeOutput(get,
                                  json::object{{"Body", "hello"},
                                               {"ContentLength", 5},
                                               {"LastModified", 1705311000},
                                               {"Metadata", json::object{{"color", "blue"}}}},
                                  "rid");
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.headers.Get("Last-Modified"), "Mon, 15 Jan 2024 09:30:00 GMT");
  EXPECT_EQ(r.headers.Get("x-amz-meta-color"), "blue");
  EXPECT_EQ(r.headers.Get("x-amz-request-id"), "rid");
  EXPECT_FALSE(r.headers.Get("x-amz-id-2").empty());
  Route list{s3, s3->FindOperation("ListObjectsV2")};
  http::Response l =
      EncodeOutput(list,
                   json::object{{"Name", "b"},
                                {"KeyCount", 1},
                                {"Contents", json::array{json::object{{"Key", "a"}, {"Size", 3}}}}},
                   "rid");
  EXPECT_NE(l.body.find("xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"), std::string::npos);
  EXPECT_NE(l.body.find("<Contents><Key>a</Key><Size>3</Size></Contents>"), std::string::npos);
}

TEST(EncodeError, EnvelopesPerProtocol) {
  AwsError e = AwsError::Sender("NoSuchEntity", "The user with name bob cannot be found.", 404);
  http::Response q = EncodeError(FindServiceByName("iam"), ProtocolKind::kQuery, e, "rid", nullptr);
  EXPECT_EQ(q.status, 404);
  EXPECT_NE(q.body.find("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                        "<Type>Sender</Type><Code>NoSuchEntity</Code>"),
            std::string::npos);
  http::Request accept_json;
  accept_json.headers.Add("Accept", "application/json");
  http::Response sj = EncodeError(FindServiceByName("sts"), ProtocolKind::kQuery,
                                  AwsError::Receiver("InternalFailure", "x"), "rid", &accept_json);
  json::value v = json::parse(sj.body);
  EXPECT_EQ(v.at("Error").at("Type"), "Receiver");
  EXPECT_EQ(v.at("RequestId"), "rid");
  http::Response j = EncodeError(FindServiceByName("kms"), ProtocolKind::kJson,
                                 AwsError::Sender("NotFoundException", "nf"), "rid", nullptr);
  EXPECT_EQ(j.headers.Get("x-amzn-ErrorType"), "NotFoundException");
  EXPECT_EQ(json::parse(j.body).at("__type"), "NotFoundException");
  http::Response ec =
      EncodeError(FindServiceByName("ec2"), ProtocolKind::kEc2,
                  AwsError::Sender("UnauthorizedOperation", "no", 403), "rid", nullptr);
  EXPECT_NE(ec.body.find("<Response><Errors><Error><Code>UnauthorizedOperation</Code>"),
            std::string::npos);
  EXPECT_NE(ec.body.find("<RequestID>rid</RequestID>"), std::string::npos);
  http::Response s3 = EncodeError(FindServiceByName("s3"), ProtocolKind::kRestXml,
                                  AwsError::Sender("SignatureDoesNotMatch", "bad", 403), "rid",
                                  nullptr, {{"StringToSign", "AWS4-HMAC-SHA256\n..."}});
  EXPECT_NE(s3.body.find("<Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message>"
                         "<StringToSign>AWS4-HMAC-SHA256\n...</StringToSign><RequestId>rid"),
            std::string::npos);
  http::Request head = Rest("HEAD", "/b/k");
  EXPECT_TRUE(EncodeError(FindServiceByName("s3"), ProtocolKind::kRestXml,
                          AwsError::Sender("NoSuchKey", "x", 404), "rid", &head)
                  .body.empty());
}

TEST(Pattern, SubsetMatcher) {
  EXPECT_TRUE(MatchesPattern("[\\w+=,.@-]+", "alice+1@x.com"));
  EXPECT_FALSE(MatchesPattern("[\\w+=,.@-]+", "a!b"));
  EXPECT_FALSE(MatchesPattern("[\\w+=,.@-]+", ""));
  EXPECT_TRUE(MatchesPattern("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", "{\"a\": \"\xC3\xA9\"}"));
  EXPECT_FALSE(MatchesPattern("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", "\x01"));
  EXPECT_TRUE(MatchesPattern("^[a-z]{2,3}[0-9]*$", "ab12"));
  EXPECT_FALSE(MatchesPattern("^[a-z]{2,3}[0-9]*$", "abcd1"));
  EXPECT_TRUE(MatchesPattern("(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)", "/"));
  EXPECT_TRUE(MatchesPattern("^(arn:aws:iam::)?[0-9]{12}$", "123456789012"));
  EXPECT_FALSE(MatchesPattern("^(arn:aws:iam::)?[0-9]{12}$", "12345"));
  // Long inputs must not blow the stack.
  EXPECT_TRUE(MatchesPattern("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", std::string(200000, 'a')));
}

TEST(Wire, TimestampsAndBase64) {
  EXPECT_EQ(wire::FormatIso8601(1705311000), "2024-01-15T09:30:00Z");
  EXPECT_EQ(wire::FormatIso8601(1705311000.25), "2024-01-15T09:30:00.250Z");
  EXPECT_EQ(wire::ParseTimestamp("2024-01-15T09:30:00Z"), 1705311000.0);
  EXPECT_EQ(wire::ParseTimestamp("2024-01-15T10:30:00+01:00"), 1705311000.0);
  EXPECT_EQ(wire::ParseTimestamp("Mon, 15 Jan 2024 09:30:00 GMT"), 1705311000.0);
  EXPECT_FALSE(wire::ParseTimestamp("2024-13-15T09:30:00Z").has_value());
  EXPECT_EQ(wire::Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(wire::Base64Decode("aGVsbG8="), "hello");
  EXPECT_FALSE(wire::Base64Decode("a$==").has_value());
  EXPECT_FALSE(wire::PercentDecode("%4", false).has_value());
}

}  // namespace
}  // namespace rampart::protocol
