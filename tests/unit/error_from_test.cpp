// error_from (error.hpp) translates an exception caught outside the library's boundaries as they
// would have: what the CLI's terminate handler reports when Xapian ends the process mid-commit.
#include <newsdex/error.hpp>

#include <gtest/gtest.h>
#include <xapian.h>

#include <cerrno>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace newsdex {
namespace {

TEST(ErrorFrom, AFullDiskInsideXapianIsTheDiskFullDatabaseError) {
  Error e = error_from(
      std::make_exception_ptr(Xapian::DatabaseError("Error writing block 12", ENOSPC)), "news.db");
  EXPECT_EQ(e.code(), Error::Code::database);
  EXPECT_NE(std::string(e.what()).find("disk full"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().file, "news.db");
}

TEST(ErrorFrom, RunningOutOfFileDescriptorsIsNotADamagedShard) {
  // Xapian reports a shard it could not open for want of descriptors as not being there; a
  // collection of many time-partition shards meets it under a low `ulimit -n`.
  const std::string existing = std::filesystem::temp_directory_path().string();
  Error e = error_from(
      std::make_exception_ptr(Xapian::DatabaseOpeningError("Couldn't open postlist table", EMFILE)),
      existing);
  EXPECT_EQ(e.code(), Error::Code::database);
  EXPECT_NE(std::string(e.what()).find("too many open files"), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
}

TEST(ErrorFrom, OtherExceptionsGetTheBoundariesCodes) {
  EXPECT_EQ(error_from(std::make_exception_ptr(Xapian::DatabaseLockError("locked"))).code(),
            Error::Code::database_locked);
  EXPECT_EQ(error_from(std::make_exception_ptr(std::filesystem::filesystem_error(
                           "open", std::make_error_code(std::errc::io_error))))
                .code(),
            Error::Code::io);
  const Error same(Error::Code::query_syntax, "unbalanced quote", {"", 0, 7});
  Error kept = error_from(std::make_exception_ptr(same));
  EXPECT_EQ(kept.code(), Error::Code::query_syntax);
  EXPECT_STREQ(kept.what(), same.what());
  EXPECT_EQ(error_from(std::make_exception_ptr(42)).code(), Error::Code::internal);
  EXPECT_EQ(error_from(nullptr).code(), Error::Code::internal);
}

} // namespace
} // namespace newsdex

// The names are an interface (Python's NewsdexError.code, serve's error documents): fixed
// spellings, one per code.
TEST(ErrorCodeNames, EveryCodeHasItsOwnFixedName) {
  using Code = newsdex::Error::Code;
  const std::vector<std::pair<Code, std::string_view>> names = {
      {Code::usage, "usage"},
      {Code::query_syntax, "query_syntax"},
      {Code::input, "input"},
      {Code::io, "io"},
      {Code::database_missing, "database_missing"},
      {Code::database_locked, "database_locked"},
      {Code::database_corrupt, "database_corrupt"},
      {Code::database_mismatch, "database_mismatch"},
      {Code::database, "database"},
      {Code::internal, "internal"},
  };
  for (const auto& [code, name] : names) EXPECT_EQ(newsdex::to_string(code), name);
}
