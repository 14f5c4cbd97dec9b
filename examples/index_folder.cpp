// index_folder DB DIR: index a folder of articles into a collection, creating it if missing.
//
// The write side of libnewsdex in one call: an Indexer (the collection's one writer) reads the
// folder serially, analyzes the articles in parallel and writes them in batches. Bad files never
// stop the run; they come back in the summary.
#include <newsdex/newsdex.hpp>

#include <cstdint>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: index_folder DB DIR\n";
    return 2;
  }
  const std::string db = argv[1];
  const std::string dir = argv[2];
  try {
    // Opening takes the collection's write lock: a second writer on DB would get
    // Error::Code::database_locked. Nothing at DB yet means a new collection
    // (IndexOptions::create).
    newsdex::Indexer indexer(db);

    // Files and directories alike; a directory is walked recursively and each file is read by its
    // extension (.txt, .jsonl, .json, .html, any of them .gz).
    const newsdex::IndexSummary summary = indexer.index({dir});
    const std::uint64_t documents = indexer.size();

    // close() commits and throws if the changes cannot be made durable. The destructor would
    // commit too, but it cannot throw, so it could only log a failure.
    indexer.close();

    // `indexed` counts added and replaced articles together; `unchanged` ones were already stored
    // with the same content, so running this program twice indexes nothing the second time.
    std::cout << "read " << summary.read << ", indexed " << summary.indexed << ", unchanged "
              << summary.unchanged << ", skipped " << summary.skipped << ", failed "
              << summary.failed << '\n'
              << documents << " documents in " << db << '\n';

    // Every warning, skip and failure, in input order, with the file (and line for JSON Lines).
    for (const newsdex::InputProblem& problem : summary.problems)
      std::cerr << newsdex::severity_name(problem.severity) << ": "
                << newsdex::to_string(problem.where) << ": " << problem.message << '\n';
    return summary.failed == 0 ? 0 : 1;
  } catch (const newsdex::Error& e) {
    // The library throws nothing else. what() starts with the location when one is known (here
    // the database path); code() says what kind of failure it was.
    std::cerr << "index_folder: " << e.what() << (e.is_database_error() ? " (database error)" : "")
              << '\n';
    return 3;
  }
}
