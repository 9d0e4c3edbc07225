// ARN field splitting.
#include "policy/arn.h"

namespace rampart::policy {

int SplitArn(std::string_view arn, ArnFields* out) {
  int n = 0;
  size_t start = 0;
  while (n < 5) {
    size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) break;
    (*out)[n++] = arn.substr(start, colon - start);
    start = colon + 1;
  }
  (*out)[n++] = arn.substr(start);
  for (int i = n; i < 6; ++i) (*out)[i] = std::string_view();
  return n;
}

}  // namespace rampart::policy
