// Tests for IAM user and access-key handlers over the in-memory store.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "crypto/file_key_custody.h"
#include "services/iam/credential_cache.h"
#include "services/iam/iam_ops.h"
#include "services/iam/iam_service.h"

namespace rampart::services::iam {
namespace {

namespace json = boost::json;

class IamHandlersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/iam_handlers_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
    custody_ = std::move(crypto::FileKeyCustody::Open(dir_, random_).value());
    store_ = store::NewMemoryStore(clock_);
    root_.type = auth::PrincipalType::kRoot;
    root_.account_id = "123456789012";
    root_.arn = "arn:aws:iam::123456789012:root";
    root_.user_id = "123456789012";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CallContext Ctx() {
    return CallContext{root_, request_, "req", "us-east-1", "aws", "123456789012", clock_, random_};
  }
  Result<Document> Write(Result<Document> (*fn)(CallContext&, const Document&, store::WriteTxn&),
                         Document in) {
    std::optional<Result<Document>> out;
    Status st = store_->WriteSync([&](store::WriteTxn& txn) -> Status {
      CallContext ctx = Ctx();
      out.emplace(fn(ctx, in, txn));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok());
    return std::move(*out);
  }
  Result<Document> Read(Result<Document> (*fn)(CallContext&, const Document&, store::ReadTxn&),
                        Document in) {
    std::optional<Result<Document>> out;
    Status st = store_->Read([&](store::ReadTxn& txn) -> Status {
      CallContext ctx = Ctx();
      out.emplace(fn(ctx, in, txn));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok());
    return std::move(*out);
  }
  Result<Document> NewKey(std::string user) {
    std::optional<Result<Document>> out;
    Status st = store_->WriteSync([&](store::WriteTxn& txn) -> Status {
      CallContext ctx = Ctx();
      out.emplace(CreateAccessKey(*custody_, ctx, Document{{"UserName", user}}, txn));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok());
    return std::move(*out);
  }

  std::string dir_;
  ManualClock clock_;
  SeededRandom random_{42};
  std::unique_ptr<crypto::FileKeyCustody> custody_;
  std::unique_ptr<store::Store> store_;
  auth::Principal root_;
  http::Request request_;
};

TEST_F(IamHandlersTest, CreateGetDuplicateDelete) {
  auto created = Write(CreateUser, Document{{"UserName", "Alice"}, {"Path", "/eng/"}});
  ASSERT_TRUE(created.ok());
  json::object user = created->at("User").as_object();
  EXPECT_EQ(user["Arn"], "arn:aws:iam::123456789012:user/eng/Alice");
  EXPECT_TRUE(user["UserId"].as_string().starts_with("AIDA"));
  EXPECT_EQ(user["UserId"].as_string().size(), 21u);

  // Names are unique case-insensitively.
  auto dup = Write(CreateUser, Document{{"UserName", "alice"}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "EntityAlreadyExists");
  EXPECT_EQ(dup.error().http_status, 409);

  auto got = Read(GetUser, Document{{"UserName", "ALICE"}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->at("User").as_object().at("UserName"), "Alice");

  auto missing = Read(GetUser, Document{{"UserName", "nobody"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "NoSuchEntity");
  EXPECT_EQ(missing.error().message, "The user with name nobody cannot be found.");

  EXPECT_TRUE(Write(DeleteUser, Document{{"UserName", "Alice"}}).ok());
  EXPECT_EQ(Read(GetUser, Document{{"UserName", "Alice"}}).error().code, "NoSuchEntity");
}

TEST_F(IamHandlersTest, ListUsersPaginatesWithOpaqueMarker) {
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(Write(CreateUser, Document{{"UserName", "user" + std::to_string(i)}}).ok());
  ASSERT_TRUE(Write(CreateUser, Document{{"UserName", "ops"}, {"Path", "/ops/"}}).ok());
  std::vector<std::string> names;
  Document in{{"MaxItems", 3}};
  int pages = 0;
  while (true) {
    auto page = Read(ListUsers, in);
    ASSERT_TRUE(page.ok());
    ++pages;
    for (const auto& u : page->at("Users").as_array())
      names.emplace_back(u.as_object().at("UserName").as_string());
    if (!page->at("IsTruncated").as_bool()) break;
    in["Marker"] = page->at("Marker");
  }
  EXPECT_EQ(names.size(), 8u);
  EXPECT_EQ(pages, 3);
  auto ops = Read(ListUsers, Document{{"PathPrefix", "/ops/"}});
  ASSERT_EQ(ops->at("Users").as_array().size(), 1u);
  EXPECT_EQ(Read(ListUsers, Document{{"Marker", "%%%"}}).error().code, "InvalidInput");
}

TEST_F(IamHandlersTest, AccessKeysLimitConflictAndResolution) {
  ASSERT_TRUE(Write(CreateUser, Document{{"UserName", "bob"}}).ok());
  auto k1 = NewKey("bob");
  ASSERT_TRUE(k1.ok());
  json::object key = k1->at("AccessKey").as_object();
  std::string akid(key["AccessKeyId"].as_string());
  std::string secret(key["SecretAccessKey"].as_string());
  EXPECT_TRUE(akid.starts_with("AKIA"));
  EXPECT_EQ(akid.size(), 20u);
  EXPECT_EQ(secret.size(), 40u);
  ASSERT_TRUE(NewKey("bob").ok());
  auto third = NewKey("bob");
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, "LimitExceeded");

  auto conflict = Write(DeleteUser, Document{{"UserName", "bob"}});
  EXPECT_EQ(conflict.error().code, "DeleteConflict");

  // The stored secret is sealed, and resolves back to the same secret and principal.
  IamCredentialResolver resolver(*store_, *custody_);
  auth::ResolvedCredential rc = resolver.Resolve(akid, "", 0);
  ASSERT_EQ(rc.status, auth::CredentialStatus::kOk);
  EXPECT_EQ(rc.secret_access_key, secret);
  EXPECT_EQ(rc.principal.arn, "arn:aws:iam::123456789012:user/bob");
  EXPECT_EQ(rc.principal.type, auth::PrincipalType::kIamUser);
  Status raw = store_->Read([&](store::ReadTxn& txn) -> Status {
    auto doc = txn.Get(kAccessKeys, akid);
    EXPECT_TRUE(doc.ok() && doc->has_value());
    EXPECT_EQ(doc->value().find(secret), std::string::npos);
    return Status::Ok();
  });
  EXPECT_TRUE(raw.ok());
  EXPECT_EQ(resolver.Resolve(akid, "some-token", 0).status, auth::CredentialStatus::kInvalidToken);

  // Deactivation reaches the resolver through the change feed.
  store_->Subscribe([&](const std::vector<store::Change>& c) { resolver.OnChanges(c); });
  ASSERT_TRUE(Write(UpdateAccessKey,
                    Document{{"UserName", "bob"}, {"AccessKeyId", akid}, {"Status", "Inactive"}})
                  .ok());
  EXPECT_EQ(resolver.Resolve(akid, "", 0).status, auth::CredentialStatus::kUnknownKey);

  auto listed = Read(ListAccessKeys, Document{{"UserName", "bob"}});
  ASSERT_EQ(listed->at("AccessKeyMetadata").as_array().size(), 2u);
  for (const auto& m : listed->at("AccessKeyMetadata").as_array())
    EXPECT_FALSE(m.as_object().contains("SecretAccessKey"));

  auto wrong = Write(DeleteAccessKey, Document{{"UserName", "bob"}, {"AccessKeyId", "AKIANOPE"}});
  EXPECT_EQ(wrong.error().code, "NoSuchEntity");
  for (const auto& m : listed->at("AccessKeyMetadata").as_array()) {
    std::string id(m.as_object().at("AccessKeyId").as_string());
    ASSERT_TRUE(Write(DeleteAccessKey, Document{{"UserName", "bob"}, {"AccessKeyId", id}}).ok());
  }
  EXPECT_TRUE(Write(DeleteUser, Document{{"UserName", "bob"}}).ok());
}

}  // namespace
}  // namespace rampart::services::iam
