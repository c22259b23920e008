#pragma once

#include <string>
#include <string_view>

namespace flashface {

// Python's html.unescape: replaces numeric character references (&#NNN; &#xHHH;, the ';'
// optional) and named ones (the names of html_entities.inc; legacy names also without ';',
// and as the longest prefix of a longer name), with the HTML5 rules for invalid numbers.
std::u32string htmlUnescape(std::u32string_view text);

}  // namespace flashface
