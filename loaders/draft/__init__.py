"""`techkg draft`: turn an article text into a draft extract a person reviews before loading.

The one entry to drafting (the CLI and the benchmarks import from here). Modules by concern:
words (the word lists, words.yaml), text (sentences, mentions, quotes), metadata (title,
dates), candidate/names/descriptive (new names by rule), tagger (new names a learned model
marks, where no rule named anything), references (what "it" or "the university" means),
pairs (whether a sentence relates two names), lists and relations (fact stubs), scored_pairs
(stubs a learned score keeps where no cue relates two names), assemble (one article's
draft), files (the copy and the YAML written for review). Nothing in the load path imports
this package.
"""

from techkg.loaders.draft.assemble import (
           FUZZY_HINT,
           Draft,
           DraftEntity,
           KnownEntity,
           draft,
           entity_forms,
           registry,
)
from techkg.loaders.draft.files import Drafted, draft_article, to_yaml
from techkg.loaders.draft.relations import Stub
from techkg.loaders.draft.scored_pairs import (
    MIN_SCORE,
    WEIGHTS_FILE,
    kind_named,
    oriented,
)
from techkg.loaders.draft.scored_pairs import candidates as pair_candidates
from techkg.loaders.draft.tagger import Features, Token, featurize, token_sentences, words_of
from techkg.loaders.draft.text import sentences

__all__ = ["FUZZY_HINT", "MIN_SCORE", "WEIGHTS_FILE", "Draft", "DraftEntity", "Drafted",
           "Features", "KnownEntity", "Stub", "Token", "draft", "draft_article", "entity_forms",
           "featurize", "kind_named", "oriented", "pair_candidates", "registry", "sentences",
           "to_yaml", "token_sentences", "words_of"]
