#!/usr/bin/env python3
"""Generates tokenizer test cases (tests/data/tokenizer/) by running the original FlashFace
tokenizer on seeded random prompts. The original is not part of this repository: give the
root of a FlashFace checkout (github.com/ali-vilab/FlashFace), which holds
ldm/data/tokenizers.py and, where that file looks for it, cache/bpe_simple_vocab_16e6.txt.gz.

Needs what the original needs for tokenizing: regex, and ftfy 5.8, the version the parity
fixtures were made with (FlashFace pins 6.2.0, which cleans differently; the check below
refuses any other version): pip install ftfy==5.8 regex. torch is not needed: only the
token-id lists are used.

  python3 tools/gen_tokenizer_cases.py /path/to/FlashFace [--count 5000] [--seed 11]

Writes cases.jsonl (end-of-text padding) and cases_zero_padding.jsonl, one
{"text": ..., "ids": [...]} a line, the layout of the fixtures' tokenizer cases.

First come prompts around each code point whose case variants change how the split pattern's
classes match it under IGNORECASE (computed here from the regex module), then random ones,
mojibake among them (UTF-8 read in the single-byte encodings ftfy's fix_encoding knows). The
number of prompts that fix_encoding changes is printed.
"""

import argparse
import html.entities
import importlib.util
import json
import pathlib
import random
import sys
import types

import ftfy  # the original's own dependencies
import ftfy.chardata
import regex

FTFY_VERSION = "5.8"

WORDS = (
    "a photo of a woman man girl boy old young smiling portrait face close-up cinematic "
    "lighting masterpiece best quality highly detailed 8k uhd dslr soft bokeh background "
    "wearing red dress hat glasses beard long hair curly blonde brunette standing in front "
    "of the eiffel tower beach sunset forest city night neon rain snow studio film grain "
    "don't it's they'll we've i'm you'd she's can't won't isn't naïve café résumé façade "
    "jalapeño straße übermensch smörgåsbord"
).split()

# Named references beyond html.entities.html5: misspelt, unknown, upper-cased (ftfy decodes
# some of those), and prefixes that only the longest-prefix rule decodes.
ODD_NAMES = ["&EACUTE;", "&NTILDE;", "&AMP;", "&Amp;", "&HELLIP;", "&unknown;", "&foo", "&ampx", "&amp;x",
             "&notit;", "&notin", "&copy2024", "&lt3", "&gtgt;", "&&amp;", "&;", "& amp;", "&#;", "&#x;",
             "&#xg;", "&", "&#", "&amp;amp;", "&amp;amp;amp;", "&amp;lt;", "&amp;#39;", "&amp;#x41",
             "&" + "a" * 40 + ";", "&" + "b" * 31 + ";", "&lt;b&gt;", "&#0x41;"]

SPECIAL_TOKENS = ["<|endoftext|>", "<|startoftext|>", "<|ENDOFTEXT|>", "<|StartOfText|>", "<|endoftext|",
                  "<|endof text|>", "<|\u017ftartoftext|>"]

ODD_WHITESPACE = ["\t", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\u0085",
                  "\u00a0", "\u1680", "\u180e", "\u2000", "\u2003", "\u2007", "\u200a", "\u2028", "\u2029",
                  "\u202f", "\u205f", "\u3000", "\u200b", "\u2060", "  ", " \n "]

CONTROLS = [chr(c) for c in range(0x00, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)] + [
    "\ufeff", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u206a", "\u206f", "\ufff9",
    "\ufffb", "\ufffc", "\ufffd", "\U000e0041", "\U0001d173", "\x1b[31m", "\x1b[0m", "\x1b[1;32;40m",
    "\x1b[K", "\x1b]0;"]

QUOTES_AND_FORMS = ["\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u201e", "\u201f", "\u02bc",
                    "\u2032", "\u00ab", "\u00bb", "\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04", "\ufb05",
                    "\ufb06", "\u0132", "\u0133", "\u0149", "\u01c4", "\u01c5", "\u01c6", "\u01c7", "\u01c8",
                    "\u01c9", "\u01ca", "\u01cb", "\u01cc", "\u01f1", "\u01f2", "\u01f3", "\uff01", "\uff21",
                    "\uff41", "\uff5e", "\uff5f", "\uff61", "\uff65", "\uff71", "\uff9e", "\uffa0", "\uffa1",
                    "\uffdc", "\uffe0", "\uffe6", "\uffe8", "\uffee", "\u2026", "\u00b4", "\u0060"]

# Code point ranges per script, sampled one character at a time.
SCRIPTS = [
    (0x00C0, 0x00FF), (0x0100, 0x024F), (0x0250, 0x02AF), (0x02B0, 0x02FF), (0x0370, 0x03FF),
    (0x1F00, 0x1FFF), (0x0400, 0x04FF), (0x0500, 0x052F), (0x0531, 0x058A), (0x05D0, 0x05EA),
    (0x0600, 0x06FF), (0x0900, 0x097F), (0x0980, 0x09FF), (0x0E00, 0x0E5B), (0x10A0, 0x10FF),
    (0x1100, 0x11FF), (0x1200, 0x137F), (0x13A0, 0x13FD), (0xAB70, 0xABBF), (0x1E00, 0x1EFF),
    (0x2C00, 0x2C5F), (0x2C60, 0x2C7F), (0xA640, 0xA69F), (0xA720, 0xA7FF), (0x3040, 0x309F),
    (0x30A0, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0x10400, 0x1044F),
    (0x10C80, 0x10CFF), (0x16E40, 0x16E9F), (0x1E900, 0x1E95F), (0x1D400, 0x1D7FF), (0x2100, 0x214F),
    (0x2150, 0x218B), (0x2460, 0x24FF), (0x2070, 0x209F), (0x00B2, 0x00BE), (0x0660, 0x0669),
    (0x0966, 0x096F), (0xFF10, 0xFF19), (0x1F100, 0x1F1FF), (0x2000, 0x206F), (0x2190, 0x23FF),
    (0x2500, 0x27BF), (0x0020, 0x007E), (0x00A1, 0x00BF), (0x20000, 0x2A6DF), (0xE000, 0xE0FF),
]

COMBINING = [chr(c) for c in range(0x0300, 0x0370)] + ["\u0345", "\u0345\u0301", "\u1dc0", "\u20d7", "\u20e3",
                                                      "\ufe0f", "\ufe0e", "\u3099", "\u0e31", "\u093f"]

# Letters whose case mappings are special: final sigma, dotted I, long s, Kelvin, title case.
CASE_SPECIAL = ["\u03a3", "\u039f\u0394\u039f\u03a3", "\u03a3\u0391\u03a3", "\u0391.\u03a3", "\u0130", "\u0049",
                "\u1e9e", "\u00df", "\u017f", "\u212a", "\u2126", "\u212b", "\u1fbc", "\u1f88", "\u0345\u03a3",
                "\u1fb3", "\u0399\u0345", "a\u0345b", "\u0345", "\u03b9\u0345", "\u2160\u2161", "\u24b6\u24d0",
                "\U00010400", "\u13a0\uab70", "'S", "'\u017f", "'LL", "'Re", "\u2019s"]

EMOJI = ["\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u2764\ufe0f",
         "\U0001f1eb\U0001f1f7", "1\ufe0f\u20e3", "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c"
         "\U000e0073\U000e007f", "\u263a", "\U0001f9d1\u200d\U0001f3a8", "\u2728", "\U0001f525\U0001f525"]

PUNCTUATION = ["!!!", "...", "(masterpiece:1.2)", "<lora:face:0.8>", "[[", "]]", "--", "/", "\\", "#tag",
               "@user", "$100", "100%", "3.5mm", "1,000", "1.2e-3", "a<b", "x>y", "<", ">", "'", "''", "\"",
               "~", "^_^", ":-)", "..."]


def random_named_reference(rng):
    name = rng.choice(sorted(html.entities.html5))
    if name.endswith(";") and rng.random() < 0.25:
        name = name[:-1]  # only the legacy names are decoded without it
    tail = rng.choice(["", "", "x", "ing", "2", ";", " "])
    return "&" + name + tail


def random_numeric_reference(rng):
    number = rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0xA0), rng.randrange(0xA0, 0x3000),
                         rng.randrange(0x1F300, 0x1FAFF), rng.randrange(0, 0x20), 0, 13, 0x7F, 0xD800, 0xDFFF,
                         0xFDD0, 0xFFFE, 0x1FFFF, 0x10FFFF, 0x110000, 10 ** rng.randrange(7, 30),
                         rng.randrange(0x10000, 0x110000)])
    digits = rng.choice([f"{number}", f"x{number:x}", f"X{number:X}", f"x{number:04X}", f"{number:08d}"])
    return "&#" + digits + rng.choice([";", ";", "", "x", " "])


def random_mojibake(rng):
    """Text as UTF-8 read in one of ftfy's single-byte encodings, at times with its U+00A0 made
    a space or its undecodable bytes made U+FFFD, or CESU-8 and Java's null read as Latin-1."""
    text = rng.choice([random_word(rng), random_script_text(rng), rng.choice(EMOJI), rng.choice(QUOTES_AND_FORMS),
                       "\u00a0", "\u2026", "\u2014"])
    if rng.random() < 0.1:
        astral = chr(rng.randrange(0x10000, 0x110000))
        units = astral.encode("utf-16-be")
        cesu = b"".join(chr(int.from_bytes(units[i:i + 2], "big")).encode("utf-8", "surrogatepass") for i in (0, 2))
        return (cesu + rng.choice([b"", b"\xc0\x80"])).decode("latin-1")
    encoded = text.encode("utf-8")
    if rng.random() < 0.2:
        encoded = encoded.replace(b"\xa0", b" ")
    encoding = rng.choice(ftfy.chardata.CHARMAP_ENCODINGS)
    decoded = encoded.decode(encoding)
    if encoding.startswith("sloppy") and rng.random() < 0.3:
        decoded = "".join("\ufffd" if ord(char) > 0x7F and rng.random() < 0.3 else char for char in decoded)
    return decoded


def random_script_text(rng):
    first, last = rng.choice(SCRIPTS)
    return "".join(chr(rng.randint(first, last)) for _ in range(rng.randint(1, 8)))


def random_number(rng):
    return rng.choice([str(rng.randrange(0, 10 ** rng.randint(1, 12))), f"{rng.random() * 100:.{rng.randint(1, 4)}f}",
                       f"{rng.randrange(1, 99)}x{rng.randrange(1, 99)}", f"v{rng.randrange(1, 9)}.{rng.randrange(9)}"])


def random_word(rng):
    word = rng.choice(WORDS)
    return rng.choice([word, word, word.upper(), word.title()])


def random_atom(rng):
    kind = rng.choices(
        ["word", "named", "numeric", "odd_name", "number", "script", "emoji", "control", "whitespace",
         "combining", "special", "quotes", "case", "punctuation", "mojibake"],
        weights=[30, 8, 6, 4, 5, 10, 3, 3, 3, 3, 2, 3, 3, 4, 4])[0]
    if kind == "word": return random_word(rng)
    if kind == "named": return random_named_reference(rng)
    if kind == "numeric": return random_numeric_reference(rng)
    if kind == "odd_name": return rng.choice(ODD_NAMES)
    if kind == "number": return random_number(rng)
    if kind == "script": return random_script_text(rng)
    if kind == "emoji": return rng.choice(EMOJI)
    if kind == "control": return rng.choice(CONTROLS)
    if kind == "whitespace": return rng.choice(ODD_WHITESPACE)
    if kind == "combining": return rng.choice(["", "e", "a", "\u03b1", "\u0399"]) + rng.choice(COMBINING)
    if kind == "special": return rng.choice(SPECIAL_TOKENS)
    if kind == "quotes": return rng.choice(QUOTES_AND_FORMS) + rng.choice(["", random_word(rng)])
    if kind == "case": return rng.choice(CASE_SPECIAL)
    if kind == "mojibake": return random_mojibake(rng)
    return rng.choice(PUNCTUATION)


def random_prompt(rng):
    length = rng.choices([0, 1, 2, 3, 5, 8, 12, 20, 30, 60, 120], weights=[2, 6, 6, 6, 6, 6, 5, 4, 3, 2, 1])[0]
    separators = [" ", " ", " ", ", ", "", "\n", "  "]
    return "".join(random_atom(rng) + rng.choice(separators) for _ in range(length))


def case_variant_code_points():
    """The code points that the pattern's \\p{L}, \\p{N} or negated classes match differently
    under IGNORECASE than without it."""
    classes = [r"[\p{L}]", r"[\p{N}]", r"[^\s\p{L}\p{N}]"]
    sensitive = [regex.compile(c) for c in classes]
    insensitive = [regex.compile(c, regex.IGNORECASE) for c in classes]
    return [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF
            and [bool(p.match(chr(code))) for p in sensitive] != [bool(p.match(chr(code))) for p in insensitive]]


def prompts_around(char):
    return [char, f"a{char}b", f"!{char}?", f"1{char}{char}2", f"{char}x {char}", f"\u0391{char}\u03a3",
            f"e\u0301{char}", f"&#x{ord(char):X};x", f"{char.upper()}{char}", f"<|endoftext|>{char}"]


def load_original(checkout):
    """The original's tokenizers.py, imported from `checkout` without its package (whose
    __init__ pulls in the whole model) and with a stand-in for torch, which its _encode (the
    id list before the tensor) does not use."""
    source = pathlib.Path(checkout) / "ldm" / "data" / "tokenizers.py"
    merges = pathlib.Path(checkout) / "cache" / "bpe_simple_vocab_16e6.txt.gz"
    for needed in (source, merges):
        if not needed.is_file():
            sys.exit(f"{needed} not found: give the root of a FlashFace checkout, with the CLIP merges file "
                     f"copied to cache/")
    sys.modules.setdefault("torch", types.ModuleType("torch"))
    spec = importlib.util.spec_from_file_location("flashface_original_tokenizers", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout", help="root of a FlashFace checkout")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", default="tests/data/tokenizer")
    args = parser.parse_args()
    if ftfy.__version__ != FTFY_VERSION:
        sys.exit(f"ftfy {ftfy.__version__} found; the fixtures were made with ftfy {FTFY_VERSION}")

    original = load_original(args.checkout)
    eos = original.CLIPTokenizer(padding="eos")
    zero = original.CLIPTokenizer(padding="zero")
    rng = random.Random(args.seed)
    variants = case_variant_code_points()
    cases = [prompt for char in variants for prompt in prompts_around(char)]
    while len(cases) < args.count:
        cases.append(random_prompt(rng))
    re_decoded = sum(ftfy.fix_text(text) != ftfy.fix_text(text, fix_encoding=False) for text in cases)

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, tokenizer in (("cases.jsonl", eos), ("cases_zero_padding.jsonl", zero)):
        with open(out / name, "w", encoding="utf-8", newline="\n") as f:
            for text in cases:
                case = {"text": text, "ids": tokenizer._encode(text)}
                f.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(cases)} cases in {out}, {len(variants)} case-variant code points "
          f"({', '.join(f'U+{ord(c):04X}' for c in variants)}); "
          f"{re_decoded} of them changed by ftfy's fix_encoding (mojibake, C1 controls)")


if __name__ == "__main__":
    main()
