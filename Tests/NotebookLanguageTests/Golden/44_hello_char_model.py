# The course's character model: learn "hello" from "hell" (SimpleRNN + Dense softmax, Adam,
# categorical cross-entropy), then sample it back one character at a time.
import tensorflow as tf
import numpy as np
import matplotlib.pyplot as plt
tf.keras.utils.set_random_seed(1)
vocab = ['h', 'e', 'l', 'o']
char_to_ix = {c: i for i, c in enumerate(vocab)}
text = "hello"
x = tf.keras.utils.to_categorical([[char_to_ix[c] for c in text[:-1]]], num_classes=len(vocab))
y = tf.keras.utils.to_categorical([[char_to_ix[c] for c in text[1:]]], num_classes=len(vocab))
print(x.shape, y.shape)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(None, len(vocab))),
    tf.keras.layers.SimpleRNN(16, return_sequences=True),
    tf.keras.layers.Dense(len(vocab), activation='softmax'),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.01), loss='categorical_crossentropy', metrics=['accuracy'])
history = model.fit(x, y, epochs=300, verbose=0)
print(len(history.history['loss']), history.history['loss'][-1] < 0.05, history.history['loss'][0] > 1.0, history.history['accuracy'][-1])
# expect: (1, 4, 4) (1, 4, 4)
# expect: 300 True True 1.0

# %%
generated = 'h'
for _ in range(len(text) - 1):
    seq = tf.one_hot([[char_to_ix[c] for c in generated]], len(vocab))
    probs = model.predict(seq, verbose=0)[0, -1]
    generated += vocab[int(np.argmax(probs))]
generated
# expect value: 'hello'

# %%
np.random.seed(0)
def sample_next(context, temperature):
    seq = tf.one_hot([[char_to_ix[c] for c in context]], len(vocab))
    p = np.log(model.predict(seq, verbose=0)[0, -1]) / temperature
    p = np.exp(p) / np.sum(np.exp(p))
    return vocab[np.random.choice(len(p), p=p)]
out = 'h'
for _ in range(4):
    out += sample_next(out, 0.5)
out
# expect value: 'hello'

# %%
plt.plot(history.history['loss'], label='loss')
plt.xlabel('epoch')
plt.legend();

# %%
# The same with an LSTM, integer targets and sparse cross-entropy.
tf.keras.utils.set_random_seed(2)
targets = np.array([[char_to_ix[c] for c in text[1:]]])
lstm_model = tf.keras.Sequential([tf.keras.Input(shape=(None, len(vocab))), tf.keras.layers.LSTM(16, return_sequences=True), tf.keras.layers.Dense(len(vocab), activation='softmax')])
lstm_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
lstm_model.optimizer.learning_rate = 0.02
h = lstm_model.fit(x, targets, epochs=200, verbose=0)
print(h.history['loss'][-1] < 0.05, "".join(vocab[i] for i in lstm_model.predict(x, verbose=0)[0].argmax(axis=-1)))
# expect: True ello
