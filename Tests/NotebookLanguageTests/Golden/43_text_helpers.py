# Vocabularies, padding and sampling for text experiments (Keras' Tokenizer and pad_sequences rules).
import tensorflow as tf
import numpy as np
from tensorflow.keras.preprocessing.text import Tokenizer, text_to_word_sequence
from tensorflow.keras.preprocessing.sequence import pad_sequences
t = Tokenizer(char_level=True)
t.fit_on_texts(["hello world"])
print(t.word_index)
print(t.index_word[1], t.texts_to_sequences(["hello", "low"]), t.document_count)
# expect: {'l': 1, 'o': 2, 'h': 3, 'e': 4, ' ': 5, 'w': 6, 'r': 7, 'd': 8}
# expect: l [[3, 4, 1, 1, 2], [1, 2, 6]] 1

# %%
words = Tokenizer(num_words=3, oov_token='<OOV>')
words.fit_on_texts(['The cat sat on the mat.', 'The dog! sat?'])
print(words.word_index)
print(words.texts_to_sequences(['the cat and the dog sat']), words.sequences_to_texts([[1, 2, 3, 4]]))
print(words.word_counts)
print(text_to_word_sequence('Hello, World! Hello...'), Tokenizer(lower=False, filters='').texts_to_sequences(['x']))
# expect: {'<OOV>': 1, 'the': 2, 'sat': 3, 'cat': 4, 'on': 5, 'mat': 6, 'dog': 7}
# expect: [[2, 1, 1, 2, 1, 1]] ['<OOV> the <OOV> <OOV>']
# expect: {'the': 3, 'cat': 1, 'sat': 2, 'on': 1, 'mat': 1, 'dog': 1}
# expect: ['hello', 'world', 'hello'] [[]]

# %%
print(pad_sequences([[1, 2, 3], [4, 5]], maxlen=4))
print(pad_sequences([[1, 2, 3], [4, 5]], maxlen=2, padding='post', truncating='post'))
print(pad_sequences([[1, 2, 3], [4, 5], []], value=-1))
print(repr(tf.keras.utils.pad_sequences([[[1, 2], [3, 4]], [[5, 6]]], dtype='float32')))
# expect: [[0 1 2 3]
# expect:  [0 0 4 5]]
# expect: [[1 2]
# expect:  [4 5]]
# expect: [[ 1  2  3]
# expect:  [-1  4  5]
# expect:  [-1 -1 -1]]
# expect: array([[[1., 2.],
# expect:         [3., 4.]],
# expect:
# expect:        [[0., 0.],
# expect:         [5., 6.]]], dtype=float32)

# %%
pad_sequences([[1, 2], 3])
# expect error: ValueError: `sequences` must be a list of iterables. Found non-iterable: 3

# %%
pad_sequences([[1, 2]], padding='middle')
# expect error: ValueError: Padding type "middle" not understood

# %%
pad_sequences([])
# expect error: ValueError: zero-size array to reduction operation maximum which has no identity

# %%
# Windows of a text and next-character targets.
text = "hello hello"
chars = sorted(set(text))
ids = [chars.index(c) for c in text]
window = 4
inputs = np.array([ids[i:i + window] for i in range(len(ids) - window)])
targets = np.array([ids[i + window] for i in range(len(ids) - window)])
print(chars, inputs.shape, targets.shape, inputs[0], targets[0])
# expect: [' ', 'e', 'h', 'l', 'o'] (7, 4) (7,) [2 1 3 3] 4

# %%
lookup = tf.keras.layers.StringLookup(vocabulary=list("helo"), mask_token=None)
ids = lookup(list("hellox"))
print(ids, lookup.get_vocabulary(), lookup.vocabulary_size())
back = tf.keras.layers.StringLookup(vocabulary=lookup.get_vocabulary(), invert=True, mask_token=None)
print(back(ids), tf.strings.reduce_join(back(ids)))
print(tf.strings.unicode_split("héllo", "UTF-8"))
adapted = tf.keras.layers.StringLookup()
adapted.adapt(list("abracadabra"))
print(adapted.get_vocabulary())
# expect: [1 2 3 3 4 0] ['[UNK]', 'h', 'e', 'l', 'o'] 5
# expect: ['h', 'e', 'l', 'l', 'o', '[UNK]'] hello[UNK]
# expect: ['h', 'é', 'l', 'l', 'o']
# expect: ['[UNK]', 'a', 'r', 'b', 'd', 'c']

# %%
tf.keras.layers.StringLookup(vocabulary=["a", "a"])
# expect error: ValueError: The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated term is: 'a'

# %%
# Sampling: tf.random.categorical draws from softmax(logits); np.random.choice from probabilities.
tf.random.set_seed(0)
samples = tf.random.categorical(np.log([[0.1, 0.9], [0.999, 0.001]]), 1000)
print(samples.shape, samples.dtype, 0.85 < samples[0].mean() < 0.95, samples[1].mean() < 0.02)
print(tf.random.categorical([[0.0, 0.0]], 0).shape)
# expect: (2, 1000) int64 True True
# expect: (1, 0)

# %%
tf.random.categorical([0.5, 0.5], 1)
# expect error: ValueError: logits should be a matrix (batch_size, num_classes), got shape (2,)

# %%
def sample(probs, temperature=1.0):
    logits = np.log(probs) / temperature
    p = np.exp(logits)
    p = p / np.sum(p)
    return np.random.choice(len(p), p=p)
np.random.seed(1)
probs = np.array([0.1, 0.2, 0.7])
cold = [sample(probs, 0.05) for _ in range(50)]
hot = [sample(probs, 5.0) for _ in range(300)]
print(set(cold), len(set(hot)), 0.2 < hot.count(2) / 300 < 0.5)
# expect: {2} 3 True
# %%
# texts_to_matrix / sequences_to_matrix: bags of words (values from Keras 3.15's legacy Tokenizer).
from tensorflow.keras.preprocessing.text import Tokenizer
texts = ["the cat sat on the mat", "the dog sat", "not good but the cat"]
tok = Tokenizer()
tok.fit_on_texts(texts)
print(tok.texts_to_matrix(texts, mode='count').tolist())
# expect: [[0.0, 2.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0]]
print(tok.texts_to_matrix(["the cat and the hat"]).tolist())  # expect: [[0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]
print([round(float(v), 4) for v in tok.texts_to_matrix(["the cat cat"], mode='freq')[0][:3]])  # expect: [0.0, 0.3333, 0.6667]
print([round(float(v), 4) for v in tok.texts_to_matrix(["the cat cat"], mode='tfidf')[0][:3]])  # expect: [0.0, 0.5596, 1.1736]
print(tok.sequences_to_matrix([[1, 1, 2], []], mode='count').shape)  # expect: (2, 10)
small = Tokenizer(num_words=3, oov_token='<?>')
small.fit_on_texts(texts)
print(small.texts_to_matrix(["the cat zebra"], mode='count').tolist())  # expect: [[0.0, 2.0, 1.0]]
# %%
tok.texts_to_matrix(texts, mode='bogus')
# expect error: ValueError: ('Unknown vectorization mode:', 'bogus')
# %%
Tokenizer().texts_to_matrix(texts)
# expect error: ValueError: Specify a dimension (`num_words` argument), or fit on some text data first.
