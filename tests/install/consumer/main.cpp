// A program outside the source tree that links the installed libnewsdex.
#include <newsdex/newsdex.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  newsdex::Article a;
  a.id = "consumer-1";
  a.title = "Allies agree on defence spending";
  a.body = "NATO allies agreed to raise defence spending to 5% of GDP.";
  {
    newsdex::Indexer indexer(argv[1]);
    indexer.add(a);
    indexer.commit();
  }
  newsdex::Searcher searcher(argv[1]);
  newsdex::SearchRequest request;
  request.query = "\"defense spending\"";
  auto results = searcher.search(request);
  if (results.hits.size() != 1 || results.hits[0].id != "consumer-1") {
    std::cerr << "consumer: expected one hit\n";
    return 1;
  }
  std::cout << "consumer: newsdex " << newsdex::version() << " found " << results.hits[0].id
            << '\n';
  return 0;
}
