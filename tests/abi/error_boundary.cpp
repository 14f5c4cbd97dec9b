// Linked against libnewsdex alone (never the internal library): a newsdex::Error thrown inside
// libnewsdex.so must be caught here by its type, and found again through its base class, which
// works only when the library exports the type's typeinfo (include/newsdex/export.hpp).
#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/searcher.hpp>
#include <newsdex/version.hpp>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

namespace {

void open_missing(const std::string& path) {
  newsdex::Searcher searcher(path); // throws Error(database_missing)
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s MISSING-PATH\n", argv[0]);
    return 2;
  }
  const std::string missing = argv[1];

  try {
    open_missing(missing);
    std::fprintf(stderr, "FAIL: opening %s did not throw\n", missing.c_str());
    return 1;
  } catch (const newsdex::Error& e) {
    if (e.code() != newsdex::Error::Code::database_missing) {
      std::fprintf(stderr, "FAIL: caught newsdex::Error of another code: %s\n", e.what());
      return 1;
    }
    std::printf("caught newsdex::Error (database_missing) from libnewsdex %s: %s\n",
                newsdex::version(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAIL: not caught as newsdex::Error: %s\n", e.what());
    return 1;
  } catch (...) {
    std::fprintf(stderr, "FAIL: an exception of no known type\n");
    return 1;
  }

  // The same error caught by its standard base, then recovered with dynamic_cast.
  try {
    open_missing(missing);
    return 1;
  } catch (const std::runtime_error& e) {
    const auto* error = dynamic_cast<const newsdex::Error*>(&e);
    if (error == nullptr || error->code() != newsdex::Error::Code::database_missing) {
      std::fprintf(stderr, "FAIL: dynamic_cast to newsdex::Error failed: %s\n", e.what());
      return 1;
    }
    std::printf("caught as std::runtime_error, dynamic_cast to newsdex::Error: ok\n");
  }

  // The versions the library reports at run time, next to the ones these headers compiled in.
  if (newsdex::schema_version() != newsdex::schema::version ||
      newsdex::analyzer_rules_version() != newsdex::Analyzer::rules_version) {
    std::fprintf(stderr, "FAIL: library versions %d/%d, headers %d/%d\n", newsdex::schema_version(),
                 newsdex::analyzer_rules_version(), newsdex::schema::version,
                 newsdex::Analyzer::rules_version);
    return 1;
  }
  std::printf("schema version %d, analyzer rules %d\n", newsdex::schema_version(),
              newsdex::analyzer_rules_version());
  return 0;
}
