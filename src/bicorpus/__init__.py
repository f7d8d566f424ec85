"""bicorpus: documents and their translations in, a validated sentence-aligned corpus out."""

__version__ = "0.1.0"
