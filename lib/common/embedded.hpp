// The data tables of lib/data/, compiled into the library by lib/embed_data.cmake (the generated
// embedded_data.cpp defines embedded_file). Any layer may read them; lib/data holds no code.
#pragma once

#include <string_view>

namespace newsdex::detail {

/// The content of the file `name` of lib/data/ (e.g. "stopwords-en.txt"), empty when there is none.
std::string_view embedded_file(std::string_view name);

} // namespace newsdex::detail
