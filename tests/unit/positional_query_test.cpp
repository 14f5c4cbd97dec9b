// positional_query: NEAR and phrases distributed over alternatives, as Xapian 1.4 can run them.
#include "query/positional_query.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

PositionalOperand words(std::vector<std::vector<std::string>> alternatives) {
  PositionalOperand op;
  for (auto& terms : alternatives) {
    auto width = static_cast<std::uint32_t>(terms.size());
    op.alternatives.push_back({std::move(terms), width});
  }
  return op;
}

// One document: "the north atlantic treaty organization pipeline near us shipyards".
Xapian::Database sample() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document d;
  Xapian::termpos p = 1;
  for (const char* w :
       {"north", "atlantic", "treaty", "organization", "pipeline", "near", "us", "shipyards"})
    d.add_posting(w, p++);
  db.add_document(d);
  return db;
}

Xapian::doccount matches(const Xapian::Query& q) {
  Xapian::Enquire e(sample());
  e.set_query(q);
  return e.get_mset(0, 10).size();
}

TEST(PositionalQuery, OneWordOperandsMakeOneNearWithTheWindow) {
  auto r = positional_query(PositionalOrder::any, {words({{"pipeline"}}), words({{"us"}})}, 1);
  EXPECT_EQ(r.query.get_type(), Xapian::Query::OP_NEAR);
  EXPECT_EQ(matches(r.query), 1u); // two positions apart: window 1 + 2
  auto tight = positional_query(PositionalOrder::any, {words({{"pipeline"}}), words({{"us"}})}, 0);
  EXPECT_EQ(matches(tight.query), 0u);
}

TEST(PositionalQuery, OneWordAlternativesShareAnOr) {
  auto r = positional_query(PositionalOrder::any,
                            {words({{"nato"}, {"otan"}, {"pipeline"}}), words({{"near"}})}, 0);
  EXPECT_EQ(r.query.get_type(), Xapian::Query::OP_NEAR);
  EXPECT_EQ(matches(r.query), 1u);
}

TEST(PositionalQuery, AMultiWordAlternativeGetsACombinationOfItsOwn) {
  auto nato = words({{"nato"}, {"north", "atlantic", "treaty", "organization"}});
  auto r = positional_query(PositionalOrder::any, {nato, words({{"pipeline"}})}, 0);
  EXPECT_EQ(r.query.get_type(), Xapian::Query::OP_SYNONYM);
  EXPECT_EQ(r.query.get_num_subqueries(), 2u);
  EXPECT_EQ(matches(r.query), 1u);
  auto in_order = positional_query(PositionalOrder::in_order, {words({{"pipeline"}}), nato}, 3);
  EXPECT_EQ(matches(in_order.query), 0u); // the name comes first in the text
}

TEST(PositionalQuery, ANameFlattenedIntoNearMustStillBeWhole) {
  // "treaty ... north" within the window, but not as the name "north treaty".
  auto r = positional_query(PositionalOrder::any,
                            {words({{"north", "treaty"}}), words({{"pipeline"}})}, 5);
  EXPECT_EQ(matches(r.query), 0u);
}

TEST(PositionalQuery, CombinationsAreBoundedAndTheDroppedCounted) {
  PositionalOperand many = words({{"nato"}});
  for (int i = 0; i < 40; ++i) many.alternatives.push_back({{"name" + std::to_string(i), "x"}, 2});
  auto r = positional_query(PositionalOrder::any, {many, words({{"pipeline"}})}, 3, 32);
  EXPECT_EQ(r.query.get_num_subqueries(), 32u);
  EXPECT_EQ(r.dropped_alternatives, 9u);
  EXPECT_EQ(matches(r.query), 0u);
}

TEST(PositionalQuery, EmptyOperandsAreSkippedAndNothingMatchesNothing) {
  auto one = positional_query(PositionalOrder::any, {PositionalOperand{}, words({{"us"}})}, 3);
  EXPECT_EQ(one.query.get_type(), Xapian::Query::LEAF_TERM);
  EXPECT_TRUE(positional_query(PositionalOrder::any, {}, 3).query.empty());
  PositionalOperand nothing;
  nothing.matches_nothing = true;
  auto none = positional_query(PositionalOrder::any, {nothing, words({{"us"}})}, 3);
  EXPECT_EQ(matches(none.query), 0u);
}

} // namespace
} // namespace newsdex::detail
