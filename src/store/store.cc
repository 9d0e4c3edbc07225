// Store::WriteSync, the blocking form of Store::Write shared by every backend.
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

}  // namespace rampart::store
