#pragma once

#include <string>
#include <string_view>

namespace flashface::tokenizer {

// Python's html.unescape: replaces numeric character references (&#NNN; &#xHHH;, the ';'
// optional) and named ones (every name of html.entities.html5, in html_entities.inc; the
// legacy names also without ';' and as the longest prefix of a longer name), with the HTML5
// rules for invalid numbers.
std::u32string htmlUnescape(std::u32string_view text);

// ftfy's unescape_html (ftfy 5.8, part of the original's ftfy.fix_text): only references that
// end in ';' — the html5 names, their upper-cased forms for html5's lower-case names
// ("&EACUTE;"), and numbers that htmlUnescape decodes whole.
std::u32string ftfyUnescapeHtml(std::u32string_view text);

}  // namespace flashface::tokenizer
