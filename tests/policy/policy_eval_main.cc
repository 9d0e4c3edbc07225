// policy_eval: reads one JSON request on stdin, prints the policy decision as JSON on stdout.
#include <iostream>
#include <iterator>
#include <string>

#include "policy_eval_lib.h"

int main() {
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  int code = 0;
  std::cout << rampart::policy::RunPolicyEval(input, &code) << "\n";
  return code;
}
