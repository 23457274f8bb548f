// testimony stages: every registered stage with its parameters, from their declarations.
#include <iostream>

#include "apps/testimony/commands.hpp"
#include "stages/stages.hpp"

namespace testimony::cli {

void add_stages(CLI::App& app) {
  app.add_subcommand("stages", "list every stage with its parameters");
}

int stages() {
  const Registry registry = make_registry();
  for (const auto& s : registry.all()) {
    std::cout << s.name << "  (" << to_string(s.kind) << " stage)\n  " << s.doc << "\n";
    std::cout << "  needs: " << describe_capabilities(s.needs)
              << "; provides: " << describe_capabilities(s.provides) << "\n";
    for (const auto& p : s.params) {
      std::cout << "    " << p.name << " (" << to_string(p.type) << ", default "
                << format_param(p.default_value) << ")";
      if (!p.choices.empty()) {
        std::cout << " one of:";
        for (const auto& c : p.choices) std::cout << " " << c;
      }
      std::cout << "\n        " << p.doc << "\n";
    }
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace testimony::cli
