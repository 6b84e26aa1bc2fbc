"""Reading documents into normalised text, in the order text flows: `decode` (bytes → str), `html`
(markup → lines, tables as rows), `characters` (control and invisible characters, widths, Traditional
→ Simplified, pinyin glosses; `clean_name` for names met elsewhere), `chrome` (web and page
furniture), `wraps` (hard-wrapped lines rejoined), `garbled` (lost characters flagged); `normalise`
runs them and keeps the offset map back to the original."""
from stdkg.loaders.text.characters import clean_name
from stdkg.loaders.text.decode import decode
from stdkg.loaders.text.html import looks_like_html
from stdkg.loaders.text.lines import lines_with_starts
from stdkg.loaders.text.normalise import NormalisedText, normalise

__all__ = ["NormalisedText", "clean_name", "decode", "lines_with_starts", "looks_like_html", "normalise"]
