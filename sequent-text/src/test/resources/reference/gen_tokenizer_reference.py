#!/usr/bin/python3
"""Writes the expectations that dev.sequent.text tests compare against.

Reference: keras_preprocessing 1.1.0 (Debian's python3-keras-preprocessing), the code
behind keras.preprocessing.text of Keras 2 and tf.keras. Run from anywhere with

    /usr/bin/python3 sequent-text/src/test/resources/reference/gen_tokenizer_reference.py

It writes, next to itself:
  tokenizer_reference.json  per-case expectations (vocabularies, sequences, matrices,
                            md5 hashing trick, listing 6.1/6.2 one-hot positions)
  keras_tokenizer.json      the exact output of Tokenizer.to_json() for the "json" case,
                            for Tokenizer.fromJson
When the IMDB training reviews are found (/work/shared/datasets/imdb/train.tsv.gz, or
$SEQUENT_DATASETS/imdb/train.tsv.gz) it also fits Tokenizer(num_words=10000) on all 25,000
of them and stores SHA-256 digests of the word index and of the sequences, so that a test
can check Sequent against Keras on real text without committing the data.
Python's str hashes are salted per process and Keras fills word_docs by iterating a
set, so to_json()'s word_docs key order changes between runs; the script re-executes
itself with PYTHONHASHSEED=0 so that the committed files are reproducible.
"""
import json
import os
import string
import sys
from collections import OrderedDict, defaultdict

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np
from keras_preprocessing.text import (Tokenizer, hashing_trick,
                                      text_to_word_sequence,
                                      tokenizer_from_json)

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ["binary", "count", "freq", "tfidf"]


def pairs(d):
    return [[k, v] for k, v in d.items()]


def state(t):
    return {
        "document_count": t.document_count,
        "word_counts": pairs(t.word_counts),
        "word_docs": dict(t.word_docs),
        "index_docs": {str(k): v for k, v in t.index_docs.items()},
        "word_index": pairs(t.word_index),
        "index_word": [[k, v] for k, v in t.index_word.items()],
    }


def matrices(fn, arg):
    out = {}
    for mode in MODES:
        try:
            out[mode] = fn(arg, mode=mode).tolist()
        except ValueError as e:
            out[mode] = {"error": str(e)}
    return out


def case(name, options, fit_texts=(), fit_sequences=(), convert=(),
         extra_sequences=(), raw_sequences=None):
    t = Tokenizer(**options)
    for batch in fit_texts:
        t.fit_on_texts(batch)
    for batch in fit_sequences:
        t.fit_on_sequences(batch)
    seqs = t.texts_to_sequences(list(convert))
    c = {
        "name": name,
        "options": options,
        "fit_texts": [list(b) for b in fit_texts],
        "fit_sequences": [list(b) for b in fit_sequences],
        "convert": list(convert),
        "extra_sequences": [list(s) for s in extra_sequences],
        "expected": dict(state(t)),
    }
    e = c["expected"]
    e["sequences"] = seqs
    e["texts_back"] = t.sequences_to_texts(seqs + [list(s) for s in extra_sequences])
    e["texts_matrix"] = matrices(t.texts_to_matrix, list(convert))
    if raw_sequences is not None:
        c["raw_sequences"] = raw_sequences
        e["sequences_matrix"] = matrices(t.sequences_to_matrix, raw_sequences)
    return c


cases = [
    case("defaults_punctuation", {},
         [["Hello, World! It's a test.", "well-known\ta\nb...c",
           "Good.<br /><br />Bad", "don't stop; DON'T stop!"]],
         convert=["hello world, it's good", "unknown words only", "Bad... bad!"],
         extra_sequences=[[0, 1, 2, 99]]),
    case("custom_filters_split", {"filters": "xz", "split": ","},
         [["a b,cxd,,e", "A B,e z e"]],
         convert=["a b,e", "ezd"]),
    case("case_kept", {"lower": False},
         [["The cat and the Cat", "THE end"]],
         convert=["the Cat THE cat"]),
    case("char_level", {"char_level": True},
         [["Hello, World!", "hi \U0001F355"]],
         convert=["Hole in one \U0001F355!", ""]),
    case("char_level_upper_kept", {"char_level": True, "lower": False, "num_words": 4},
         [["aAbBaA", "ba"]],
         convert=["AaBbz"]),
    case("num_words_boundary", {"num_words": 3},
         [["a a a b b c", "a b c d"]],
         convert=["a b c d e", "c d"],
         extra_sequences=[[1, 2, 3, 4, 5]]),
    case("num_words_one", {"num_words": 1},
         [["a b"]], convert=["a b"]),
    case("oov_no_num_words", {"oov_token": "<OOV>"},
         [["the cat sat", "the dog sat down"]],
         convert=["the bird sat", "nothing known", ""],
         extra_sequences=[[0, 1, 2, 42]]),
    case("oov_with_num_words", {"oov_token": "<OOV>", "num_words": 4},
         [["the cat sat", "the dog sat down", "the end"]],
         convert=["the cat sat on the dog", "down down"],
         extra_sequences=[[1, 2, 3, 4, 5, 6, 7, 100]]),
    case("oov_token_in_texts", {"oov_token": "the"},
         [["the cat the dog", "a cat"]],
         convert=["the cat and a dog"],
         extra_sequences=[[1, 2, 3, 4, 5]]),
    case("empty_texts", {},
         [["", "   ", "!!! ...", "a"]],
         convert=["", "a b", "a a"]),
    case("unicode", {},
         [["Café crème brûlée, CAFÉ!", "東京 大阪 東京", "I \u2764 \U0001F355 pizza \U0001F355",
           "Straße ΟΔΟΣ οδος", "naïve\u00a0non-breaking"]],
         convert=["café 東京 \U0001F355 \U0001F600", "ΟΔΟΣ straße"]),
    case("ties_first_seen", {},
         [["d c b a", "b d e"], ["f e a", "z"]],
         convert=["a b c d e f z"]),
    case("sequences_only", {"num_words": 6},
         fit_sequences=[[[1, 2, 2, 3], [3, 3, 4], []]],
         raw_sequences=[[1, 2, 2, 3, 7], [5, 5, 5], [], [0, 4]]),
    case("texts_then_sequences", {},
         [["x y y", "y z"]],
         fit_sequences=[[[1, 1, 2], [4]]],
         convert=["x y z w"],
         raw_sequences=[[1, 2, 3], [3, 3, 9]]),
    case("no_fit_with_num_words", {"num_words": 5},
         convert=["a b"], raw_sequences=[[1, 1, 4, 5]]),
    case("no_fit", {}, convert=["a b"], raw_sequences=[[1]]),
]

# The JSON round trip: Keras's to_json() as written (committed verbatim), what
# tokenizer_from_json() then computes, and the same JSON with word_docs and
# index_docs in first-seen (word_counts) order, which Sequent's toJson() writes
# byte for byte.
JSON_FIT = ["The quick brown fox jumps over the lazy dog.", "Café? CAFÉ! 東京 \U0001F355 \"quoted\" back\\slash",
            "the dog barks; the fox runs", "tab\there\x7fdel"]
JSON_CONVERT = ["the fox and the cat", "café \U0001F355 東京 dog", ""]
jt = Tokenizer(num_words=8, oov_token="<unk>", filters='!"#$%&()*+,-./:;<=>?@[]^_`{|}~\n')
jt.fit_on_texts(JSON_FIT)
keras_json = jt.to_json()
with open(os.path.join(HERE, "keras_tokenizer.json"), "w", encoding="utf-8") as f:
    f.write(keras_json)
loaded = tokenizer_from_json(keras_json)
assert loaded.word_index == jt.word_index

canon = Tokenizer(num_words=8, oov_token="<unk>", filters=jt.filters)
canon.fit_on_texts(JSON_FIT)
canon.word_docs = OrderedDict((w, jt.word_docs[w]) for w in jt.word_counts)
canon.index_docs = OrderedDict((canon.word_index[w], c) for w, c in canon.word_docs.items())
canonical_json = canon.to_json()
reparsed = tokenizer_from_json(canonical_json)
assert reparsed.word_index == jt.word_index
assert reparsed.index_word == jt.index_word
assert reparsed.texts_to_sequences(JSON_CONVERT) == jt.texts_to_sequences(JSON_CONVERT)
assert json.loads(canonical_json)["config"].keys() == json.loads(keras_json)["config"].keys()

json_case = {
    "fit_texts": JSON_FIT,
    "convert": JSON_CONVERT,
    "canonical_to_json": canonical_json,
    "expected": {
        "sequences": loaded.texts_to_sequences(JSON_CONVERT),
        "texts_matrix": matrices(loaded.texts_to_matrix, JSON_CONVERT),
        "word_index": pairs(loaded.word_index),
    },
}

# hashing_trick(..., hash_function='md5'): deterministic in Keras, unlike hash().
md5_cases = []
for text in ["The cat sat on the mat.", "Hello, world! hello", "Café 東京 \U0001F355", ""]:
    for n in [2, 3, 10, 1000, 2 ** 31 - 1]:
        md5_cases.append({"text": text, "n": n,
                          "expected": hashing_trick(text, n, hash_function="md5")})
md5_cases.append({"text": "A B a", "n": 50, "lower": False,
                  "expected": hashing_trick("A B a", 50, hash_function="md5", lower=False)})

# Listings 6.1 and 6.2 of Deep Learning with Python, as printed (6.2 with the index
# lookup the listing means: the i-th printable character gets index i + 1).
samples = ["The cat sat on the mat.", "The dog ate my homework."]
token_index = {}
for sample in samples:
    for word in sample.split():
        if word not in token_index:
            token_index[word] = len(token_index) + 1
r = np.zeros((len(samples), 10, max(token_index.values()) + 1))
for i, sample in enumerate(samples):
    for j, word in list(enumerate(sample.split()))[:10]:
        r[i, j, token_index.get(word)] = 1.
listing_6_1 = {"samples": samples, "max_length": 10, "token_index": pairs(token_index),
               "shape": list(r.shape), "ones": np.argwhere(r == 1).tolist()}
characters = string.printable
char_index = dict((c, i + 1) for i, c in enumerate(characters))
r = np.zeros((len(samples), 50, len(characters) + 1))
for i, sample in enumerate(samples):
    for j, character in enumerate(sample):
        r[i, j, char_index.get(character)] = 1.
listing_6_2 = {"samples": samples, "max_length": 50, "printable": characters,
               "shape": list(r.shape), "ones": np.argwhere(r == 1).tolist()}



def imdb_train_digest():
    import gzip
    import hashlib
    root = os.environ.get("SEQUENT_DATASETS", "/work/shared/datasets")
    path = os.path.join(root, "imdb", "train.tsv.gz")
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        next(f)  # header: label, id, rating, text
        texts = [line.rstrip("\n").split("\t", 3)[3] for line in f]
    t = Tokenizer(num_words=10000)
    t.fit_on_texts(texts)
    seqs = t.texts_to_sequences(texts)
    words = "\n".join(t.word_index.keys()).encode("utf-8")
    seq_text = "\n".join(" ".join(map(str, s)) for s in seqs).encode("utf-8")
    return {
        "file": "imdb/train.tsv.gz",
        "reviews": len(texts),
        "document_count": t.document_count,
        "vocabulary": len(t.word_index),
        "tokens_kept": sum(len(s) for s in seqs),
        "first_words": list(t.word_index.keys())[:20],
        "word_index_sha256": hashlib.sha256(words).hexdigest(),
        "sequences_sha256": hashlib.sha256(seq_text).hexdigest(),
    }


out = {
    "generator": "keras_preprocessing " + __import__("keras_preprocessing").__version__
                 + ", Python " + sys.version.split()[0] + ", numpy " + np.__version__,
    "cases": cases,
    "json": json_case,
    "md5_hashing_trick": md5_cases,
    "listing_6_1": listing_6_1,
    "listing_6_2": listing_6_2,
    "imdb_train": imdb_train_digest(),
}
with open(os.path.join(HERE, "tokenizer_reference.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, ensure_ascii=True)
    f.write("\n")
print("wrote", len(cases), "tokenizer cases,", len(md5_cases), "md5 cases")
