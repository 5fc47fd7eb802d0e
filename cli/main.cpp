// contagion: the command-line tool. One file per subcommand; this file only dispatches and
// turns exceptions into messages and exit codes (1: bad data, 2: bad usage).

#include <fmt/format.h>

#include <cstdio>

#include "common.hpp"
#include "contagion/core/error.hpp"
#include "contagion/core/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "contagion: emotional-contagion research toolkit.\n"
      "Facial reactions from lab recordings, the statistics of the field, models calibrated from them, and\n"
      "opinion and emotion dynamics on social graphs, every run stored in HDF5.",
      "contagion"};
  app.set_version_flag("--version", contagion::created_by());
  app.require_subcommand(1);
  app.footer("Run 'contagion SUBCOMMAND --help' for the options and an example of each subcommand.");
  contagion::cli::add_run_command(app);
  contagion::cli::add_sweep_command(app);
  contagion::cli::add_bench_command(app);
  contagion::cli::add_inspect_command(app);
  contagion::cli::add_demo_command(app);
  contagion::cli::add_stats_command(app);
  contagion::cli::add_features_command(app);
  contagion::cli::add_synchrony_command(app);
  contagion::cli::add_study_command(app);
  contagion::cli::add_synth_command(app);
  contagion::cli::add_validate_command(app);
  contagion::cli::add_calibrate_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const contagion::cli::Interrupted& e) {
    fmt::print(stderr, "interrupted: {}\n",
               e.message.empty() ? "the runs finished so far, and the interrupted one, are saved" : e.message);
    return 130;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const contagion::UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  } catch (const contagion::Error& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}
