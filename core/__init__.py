"""EventDesk core: news articles -> events, statements, places and actors."""
from core.errors import InputError
from core.model import ParsedArticle
from core.pipeline import ParseOptions, parse_article

__all__ = ["InputError", "ParseOptions", "ParsedArticle", "parse_article"]
