// Store's shared members: WriteSync / AppendAuditSync and the default AppendAudit.
#include "store/store.h"

#include <exception>
#include <future>
#include <memory>
#include <utility>

#include "store/internal/errors.h"
#include "store/internal/group_writer.h"

namespace rampart::store {

Status Store::WriteSync(std::function<Status(WriteTxn&)> fn) {
  if (internal::OnWriterThread()) {
    return AwsError::Internal("store: WriteSync called on the writer thread would deadlock");
  }
  try {
    auto promise = std::make_shared<std::promise<Status>>();
    std::future<Status> result = promise->get_future();
    Write(std::move(fn), [promise](Status status) { promise->set_value(std::move(status)); });
    return result.get();
  } catch (const std::exception&) {
    return AwsError::Internal("store: write failed unexpectedly");
  }
}

void Store::AppendAudit(AuditRecord record, std::function<void(Status)> done) {
  auto shared = std::make_shared<AuditRecord>(std::move(record));
  Write([shared](WriteTxn& txn) { return txn.AppendAudit(*shared); }, std::move(done));
}

Status Store::AppendAuditSync(AuditRecord record) {
  if (internal::OnWriterThread()) {
    return AwsError::Internal("store: AppendAuditSync called on the writer thread would deadlock");
  }
  try {
    auto promise = std::make_shared<std::promise<Status>>();
    std::future<Status> result = promise->get_future();
    AppendAudit(std::move(record),
                [promise](Status status) { promise->set_value(std::move(status)); });
    return result.get();
  } catch (const std::exception&) {
    return AwsError::Internal("store: audit append failed unexpectedly");
  }
}

}  // namespace rampart::store
