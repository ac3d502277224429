# Every layer constructor, called on NumPy arrays: Keras' shapes, parameter counts, weight layouts.
import tensorflow as tf
import numpy as np
from tensorflow.keras import layers
np.random.seed(0)
tf.random.set_seed(0)
inputs = np.random.randn(3, 2, 10)
lstm = layers.LSTM(20)
print(lstm.built, lstm.weights, lstm.units, lstm.return_sequences)  # expect: False [] 20 False
h = lstm(inputs)
print(h.shape, lstm.built, lstm.count_params(), [w.shape for w in lstm.get_weights()])
# expect: (3, 20) True 2480 [(10, 80), (20, 80), (80,)]
print(lstm.input_shape, lstm.output_shape, [v.name for v in lstm.weights], lstm.weights[0].path)
# expect: (None, 2, 10) (None, 20) ['kernel', 'recurrent_kernel', 'bias'] lstm/lstm_cell/kernel
lstm.weights[2]
# expect value: <KerasVariable shape=(80,), dtype=float32, path=lstm/lstm_cell/bias>
# %%
seq = layers.LSTM(20, return_sequences=True)(inputs)
out, h, c = layers.LSTM(20, return_state=True)(inputs)
print(seq.shape, out.shape, h.shape, c.shape, np.abs(out - h).max())  # expect: (3, 2, 20) (3, 20) (3, 20) (3, 20) 0.0
# %%
for layer in [layers.SimpleRNN(20), layers.GRU(20), layers.GRU(20, reset_after=False), layers.LSTM(20, unit_forget_bias=False)]:
    y = layer(inputs)
    print(layer.name, y.shape, layer.count_params(), [w.shape for w in layer.get_weights()])
# expect: simple_rnn (3, 20) 620 [(10, 20), (20, 20), (20,)]
# expect: gru (3, 20) 1920 [(10, 60), (20, 60), (2, 60)]
# expect: gru_1 (3, 20) 1860 [(10, 60), (20, 60), (60,)]
# expect: lstm_3 (3, 20) 2480 [(10, 80), (20, 80), (80,)]
# %%
r = layers.GRU(6, return_sequences=True, return_state=True, go_backwards=True)(inputs)
print(type(r), len(r), r[0].shape, r[1].shape)  # expect: <class 'list'> 2 (3, 2, 6) (3, 6)
# %%
d = layers.Dense(5, activation="relu")
y = d(inputs)
print(y.shape, d.count_params(), d.kernel.shape, d.bias.shape, y.min() >= 0, d.activation)  # expect: (3, 2, 5) 55 (10, 5) (5,) True relu
# %%
e = layers.Embedding(100, 8, mask_zero=True)
tokens = np.array([[5, 3, 0, 0], [2, 7, 9, 0]])
x = e(tokens)
print(x.shape, e.count_params(), e.embeddings.shape, e.compute_mask(tokens).tolist())
# expect: (2, 4, 8) 800 (100, 8) [[True, True, False, False], [True, True, True, False]]
# %%
# The mask travels with the Embedding's output: padded steps are skipped.
rnn = layers.LSTM(4)
padded = rnn(e(tokens))
short = rnn(e(np.array([[5, 3]])))
print(padded.shape, np.abs(padded[0] - short[0]).max() < 1e-6)  # expect: (2, 4) True
# %%
b = layers.Bidirectional(layers.LSTM(5))
print(b(inputs).shape, b.count_params(), len(b.get_weights()), b.merge_mode, b.weights[3].path)
# expect: (3, 10) 640 6 concat bidirectional/backward_lstm_5/lstm_cell/kernel
print(layers.Bidirectional(layers.LSTM(5, return_sequences=True), merge_mode="sum")(inputs).shape)  # expect: (3, 2, 5)
both = layers.Bidirectional(layers.GRU(5), merge_mode=None)(inputs)
print(type(both), [t.shape for t in both])  # expect: <class 'list'> [(3, 5), (3, 5)]
# %%
m = layers.Masking(mask_value=0.0)
data = np.ones((2, 3, 4))
data[0, 2] = 0.0
print(m(data).shape, m.compute_mask(data).tolist())  # expect: (2, 3, 4) [[True, True, False], [True, True, True]]
# %%
drop = layers.Dropout(0.5, seed=1)
ones = np.ones((4, 6))
print(np.abs(drop(ones) - ones).max(), drop.rate)  # expect: 0.0 0.5
print(sorted(set(drop(ones, training=True).flatten().tolist())))  # expect: [0.0, 2.0]
# %%
td = layers.TimeDistributed(layers.Dense(4))
print(td(inputs).shape, td.count_params(), td.layer)  # expect: (3, 2, 4) 44 <Dense name=dense_1, built=True>
# %%
il = layers.InputLayer(shape=(2, 10))
print(il, il.name)  # expect: <InputLayer name=input_layer, built=True> input_layer
# %%
# set_weights reaches the runtime: numbers worked out by hand.
rnn1 = layers.SimpleRNN(1)
rnn1.build((None, 1, 1))
rnn1.set_weights([np.array([[1.0]]), np.array([[0.0]]), np.array([0.0])])
print(round(rnn1(np.array([[[0.5]]]))[0, 0], 5))  # expect: 0.46212
cell = layers.LSTM(1)
cell.set_weights([np.zeros((1, 4)), np.zeros((1, 4)), np.array([0.0, 0.0, 1.0, 0.0])])
print(round(cell(np.zeros((1, 1, 1)))[0, 0], 4))  # expect: 0.1817
dense = layers.Dense(2)
dense.build((None, 2))
dense.set_weights([np.array([[1, 2], [3, 4]]), np.array([1, 1])])
print(dense(np.array([[1.0, 1.0]])), dense.weights[0].numpy().tolist())  # expect: [[5. 7.]] [[1.0, 2.0], [3.0, 4.0]]
dense.weights[1].assign(np.array([0.0, 10.0]))
print(dense(np.array([[1.0, 1.0]])))  # expect: [[ 4. 16.]]
# %%
dense.set_weights([np.zeros((3, 2)), np.zeros(2)])
# expect error: ValueError: Layer dense weight shape (2, 2) is not compatible with provided weight shape (3, 2).
# %%
layers.LSTM(3).count_params()
# expect error: ValueError: You tried to call `count_params` on layer 'lstm_8', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`.
# %%
g = layers.GRU(3)
g.get_config()
# expect value: {'name': 'gru_4', 'trainable': True, 'dtype': 'float32', 'units': 3, 'activation': 'tanh', 'recurrent_activation': 'sigmoid', 'use_bias': True, 'reset_after': True, 'dropout': 0.0, 'recurrent_dropout': 0.0, 'seed': None, 'return_sequences': False, 'return_state': False, 'go_backwards': False, 'stateful': False, 'unroll': False}
# %%
g.trainable = False
g.name = "frozen"
print(g.trainable, g.name, g)  # expect: False frozen <GRU name=frozen, built=False>
g.units = 4
# expect error: AttributeError: property 'units' of 'GRU' object has no setter
# %%
# Symbolic inputs: layers report their output shapes without data.
x = tf.keras.Input(shape=(None, 10))
print(x, x.shape)  # expect: <KerasTensor shape=(None, None, 10), dtype=float32, sparse=False, name=keras_tensor> (None, None, 10)
out, state_h, state_c = layers.LSTM(8, return_sequences=True, return_state=True)(x)
print(out.shape, state_h.shape, layers.Dense(3)(out).shape, layers.Embedding(50, 4)(tf.keras.Input(shape=(7,))).shape)
# expect: (None, None, 8) (None, 8) (None, None, 3) (None, 7, 4)
