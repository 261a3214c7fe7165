// sluice: the command line (SPEC §2), parsed with Boost.Program_options.
#include <cmath>
#include <iostream>

#include <boost/program_options.hpp>

#include "commands.h"
#include "log.h"

namespace po = boost::program_options;
using namespace sluice::core;

namespace {

constexpr const char* kUsage = R"(usage:
  sluice run PIPELINE.yaml [--drain] [--set KEY=VALUE ...] [--no-progress]
  sluice validate PIPELINE.yaml [--connect [--connect-timeout SECONDS]]
  sluice plugins [--json]
  sluice mask   PIPELINE.yaml --step NAME [--field F]   # stdin lines -> stdout
  sluice unmask PIPELINE.yaml --step NAME [--field F]   # reversible maskers only
  sluice test PIPELINE.yaml [TESTS.yaml ...] [--junit FILE]
                # the transforms' unit tests (default: PIPELINE.test.yaml beside it)
global options: --plugin-path DIR[:DIR...] --allow-insecure-plugin-path (load from
                  group- or world-writable places too: for development only)
                --log-level trace|debug|info|warn|error
                --log-format text|json --metrics-addr HOST:PORT (/metrics, /health)
                --unhealthy-after SECONDS (default 60): /health answers 503 once the
                  sink has held rows that long without committing any
exit codes: 0 success, 1 runtime failure, 2 usage or configuration error)";

constexpr double kMaxConnectTimeoutSeconds = 24 * 3600.0;
// A year: beyond any useful threshold, and far from overflowing milliseconds.
constexpr double kMaxUnhealthyAfterSeconds = 365 * 24 * 3600.0;

struct Parsed {
  po::variables_map vars;
  std::string command;
  std::vector<std::string> positional;
};

po::options_description options() {
  po::options_description options;
  options.add_options()("help,h", "show usage")("version", "show the version")(
      "plugin-path", po::value<std::vector<std::string>>()->composing(), "plugin directories")(
      "allow-insecure-plugin-path", po::bool_switch(), "load plugins from writable or foreign-owned places")(
      "log-level", po::value<std::string>()->default_value("info"), "log level")(
      "log-format", po::value<std::string>()->default_value("text"), "text or json")(
      "metrics-addr", po::value<std::string>(), "serve Prometheus metrics at HOST:PORT")(
      "unhealthy-after", po::value<double>()->default_value(60), "seconds a sink may hold rows uncommitted")(
      "drain", po::bool_switch(), "run: exit once the source is empty and all is settled")(
      "no-progress", po::bool_switch(), "run: no progress line, even when stderr is a terminal")(
      "set", po::value<std::vector<std::string>>()->composing(), "override KEY=VALUE in the pipeline")(
      "connect", po::bool_switch(), "validate: also check the queue and the table")(
      "connect-timeout", po::value<double>(), "validate --connect: seconds before giving up (default 10)")(
      "json", po::bool_switch(), "plugins: print JSON")(
      "step", po::value<std::string>(), "mask/unmask: the step to use")("field", po::value<std::string>(),
                                                                        "mask/unmask: the field to use")(
      "junit", po::value<std::string>(), "test: also write JUnit XML to FILE")(
      "args", po::value<std::vector<std::string>>(), "command and arguments");
  return options;
}

Status parse(int argc, char** argv, Parsed* out) {
  po::positional_options_description positional;
  positional.add("args", -1);
  try {
    po::store(po::command_line_parser(argc, argv).options(options()).positional(positional).run(), out->vars);
    po::notify(out->vars);
  } catch (const po::error& e) {
    return usage_error(std::string(e.what()) + "\n" + kUsage);
  }
  if (out->vars.count("args")) out->positional = out->vars["args"].as<std::vector<std::string>>();
  if (!out->positional.empty()) {
    out->command = out->positional.front();
    out->positional.erase(out->positional.begin());
  }
  return Status();
}

// Refuses an option given to a command it means nothing to.
Status only_for(const Parsed& p, const char* option, const std::vector<std::string>& commands) {
  const auto& v = p.vars[option];
  bool given = v.empty() ? false : (v.value().type() == typeid(bool) ? v.as<bool>() : true);
  if (!given) return Status();
  for (const std::string& c : commands)
    if (p.command == c) return Status();
  return usage_error(std::string("--") + option + " does not apply to `" + p.command + "`\n" + kUsage);
}

Status configure(const Parsed& p, GlobalOptions* global) {
  LogThreshold threshold;
  if (!parse_log_threshold(p.vars["log-level"].as<std::string>(), &threshold))
    return usage_error("--log-level must be trace, debug, info, warn or error");
  LogFormat format;
  if (!parse_log_format(p.vars["log-format"].as<std::string>(), &format))
    return usage_error("--log-format must be text or json");
  configure_log(threshold, format);
  if (p.vars.count("plugin-path")) {
    for (const std::string& dirs : p.vars["plugin-path"].as<std::vector<std::string>>()) {
      size_t start = 0;
      while (start <= dirs.size()) {
        size_t colon = dirs.find(':', start);
        std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        if (!dir.empty()) global->plugin_path.push_back(dir);
        if (colon == std::string::npos) break;
        start = colon + 1;
      }
    }
  }
  for (const std::string& dir : default_plugin_path()) global->plugin_path.push_back(dir);
  global->allow_insecure_plugin_path = p.vars["allow-insecure-plugin-path"].as<bool>();
  if (p.vars.count("metrics-addr")) global->metrics_addr = p.vars["metrics-addr"].as<std::string>();
  double unhealthy_after = p.vars["unhealthy-after"].as<double>();
  if (!(unhealthy_after > 0 && unhealthy_after <= kMaxUnhealthyAfterSeconds))
    return usage_error("--unhealthy-after must be a number of seconds above 0 (at most a year)");
  global->unhealthy_after = std::chrono::milliseconds(std::llround(unhealthy_after * 1000));
  // Which commands each command-specific option applies to.
  static const std::vector<std::pair<const char*, std::vector<std::string>>> kApplies{
      {"drain", {"run"}},
      {"no-progress", {"run"}},
      {"set", {"run", "validate", "mask", "unmask"}},
      {"connect", {"validate"}},
      {"connect-timeout", {"validate"}},
      {"json", {"plugins"}},
      {"step", {"mask", "unmask"}},
      {"field", {"mask", "unmask"}},
      {"junit", {"test"}}};
  for (const auto& [option, commands] : kApplies) SLUICE_TRY(only_for(p, option, commands));
  return Status();
}

Status needs_pipeline(const Parsed& p) {
  if (p.positional.size() != 1)
    return usage_error("`sluice " + p.command + "` takes exactly one pipeline file\n" + kUsage);
  return Status();
}

std::vector<std::string> overrides(const Parsed& p) {
  return p.vars.count("set") ? p.vars["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

Status dispatch(const Parsed& p, const GlobalOptions& global) {
  if (p.command == "run") {
    SLUICE_TRY(needs_pipeline(p));
    return run(global,
               {p.positional[0], p.vars["drain"].as<bool>(), overrides(p), p.vars["no-progress"].as<bool>()});
  }
  if (p.command == "validate") {
    SLUICE_TRY(needs_pipeline(p));
    ValidateCommand command;
    command.pipeline = p.positional[0];
    command.connect = p.vars["connect"].as<bool>();
    command.overrides = overrides(p);
    if (p.vars.count("connect-timeout")) {
      double seconds = p.vars["connect-timeout"].as<double>();
      if (!(seconds > 0 && seconds <= kMaxConnectTimeoutSeconds))
        return usage_error("--connect-timeout must be a number of seconds above 0 (at most a day)");
      if (!command.connect) return usage_error("--connect-timeout applies to `validate --connect` only");
      command.connect_timeout = std::chrono::milliseconds(std::llround(seconds * 1000));
    }
    return validate(global, command);
  }
  if (p.command == "plugins") {
    if (!p.positional.empty())
      return usage_error("`sluice plugins` takes no arguments\n" + std::string(kUsage));
    return list_plugins(global, p.vars["json"].as<bool>());
  }
  if (p.command == "mask" || p.command == "unmask") {
    SLUICE_TRY(needs_pipeline(p));
    if (!p.vars.count("step")) return usage_error("`sluice " + p.command + "` needs --step NAME");
    std::string field = p.vars.count("field") ? p.vars["field"].as<std::string>() : "";
    return mask(global, {p.positional[0], p.vars["step"].as<std::string>(), field, p.command == "unmask",
                         overrides(p)});
  }
  if (p.command == "test") {
    if (p.positional.empty())
      return usage_error("`sluice test` needs a pipeline file\n" + std::string(kUsage));
    TestCommand command{p.positional[0], {p.positional.begin() + 1, p.positional.end()}, ""};
    if (p.vars.count("junit")) command.junit = p.vars["junit"].as<std::string>();
    return test(global, command);
  }
  if (p.command.empty()) return usage_error(kUsage);
  return usage_error("unknown command '" + p.command + "'\n" + kUsage);
}

}  // namespace

int main(int argc, char** argv) {
  Parsed parsed;
  Status status = parse(argc, argv, &parsed);
  if (status.ok() && (parsed.vars.count("help") || parsed.command == "help")) {
    std::cout << kUsage << "\n";
    return 0;
  }
  if (status.ok() && parsed.vars.count("version")) {
    std::cout << "sluice " << SLUICE_VERSION << " (plugin ABI " << SLUICE_ABI_MAJOR << "." << SLUICE_ABI_MINOR
              << ")\n";
    return 0;
  }
  GlobalOptions global;
  if (status.ok()) status = configure(parsed, &global);
  if (status.ok()) status = dispatch(parsed, global);
  if (!status.ok()) std::cerr << "sluice: " << status.message() << "\n";
  return exit_code(status);
}
