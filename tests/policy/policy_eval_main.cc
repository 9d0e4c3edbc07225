// policy_eval: reads one JSON request on stdin (or, with --jsonl, one request per line) and
// prints the policy decision(s) as JSON on stdout.
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include "policy_eval_lib.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--jsonl") {
    std::ios::sync_with_stdio(false);
    rampart::policy::RunPolicyEvalJsonl(std::cin, std::cout);
    return 0;
  }
  if (argc > 1) {
    std::cerr << "usage: policy_eval [--jsonl] < request.json\n";
    return 2;
  }
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  int code = 0;
  std::cout << rampart::policy::RunPolicyEval(input, &code) << "\n";
  return code;
}
