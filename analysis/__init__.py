"""framing: measure, traceably, how news outlets framed the same events."""

from .corpus import CorpusError, file_position, load_corpus, seed_corpus_path
from .measures import measure, write_tables

__all__ = ["CorpusError", "file_position", "load_corpus", "measure", "seed_corpus_path",
           "write_tables"]
__version__ = "0.1.0"
