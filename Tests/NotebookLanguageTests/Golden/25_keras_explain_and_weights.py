# explain(inputs) prints the runtime's shape flow; save_weights/load_weights round-trip through .npz.
import tensorflow as tf
import numpy as np
inputs = np.random.randn(3, 2, 10)
lstm = tf.keras.layers.LSTM(20)
lstm.explain(inputs)
# expect: (batch=3, timesteps=2, features=10) -> LSTM(20) -> (batch=3, units=20)
# expect: params: 2,480 = 800 + 1,600 + 80
# expect:   kernel (10, 80) = 10 features x 4 gates*20 units = 800 (gates i, f, c, o)
# expect:   recurrent_kernel (20, 80) = 20 units x 4 gates*20 units = 1,600
# expect:   bias (80,) = 4 gates*20 units
print(lstm.built)  # expect: False
# %%
tf.keras.layers.GRU(8, return_sequences=True).explain((None, None, 4))
# expect: (batch=None, timesteps=None, features=4) -> GRU(8, return_sequences=True) -> (batch=None, timesteps=None, units=8)
# expect: params: 336 = 96 + 192 + 48
# expect:   kernel (4, 24) = 4 features x 3 gates*8 units = 96 (gates z, r, h)
# expect:   recurrent_kernel (8, 24) = 8 units x 3 gates*8 units = 192
# expect:   bias (2, 24) = input and recurrent bias x 3 gates*8 units = 48
# %%
model = tf.keras.Sequential([tf.keras.Input(shape=(None,), dtype="int32"), tf.keras.layers.Embedding(7, 4), tf.keras.layers.SimpleRNN(5), tf.keras.layers.Dense(1)])
model.explain(tf.keras.Input(shape=(6,)))
# expect: Model "sequential": input (batch=None, timesteps=6)
# expect:   embedding: (batch=None, timesteps=6) -> Embedding(7, 4) -> (batch=None, timesteps=6, embedding_dim=4)   28 params
# expect:       embeddings (7, 4) = 7 tokens x 4 embedding_dim = 28
# expect:   simple_rnn: (batch=None, timesteps=6, embedding_dim=4) -> SimpleRNN(5) -> (batch=None, units=5)   50 params
# expect:       kernel (4, 5) = 4 features x 5 units = 20
# expect:       recurrent_kernel (5, 5) = 5 units x 5 units = 25
# expect:       bias (5,) = 5 units
# expect:   dense: (batch=None, units=5) -> Dense(1) -> (batch=None, units=1)   6 params
# expect:       kernel (5, 1) = 5 features x 1 units = 5
# expect:       bias (1,) = 1 units
# expect: Total: 84 params
# %%
lstm.explain(np.zeros((3, 10)))
# expect error: ValueError: LSTM expects input of rank 3 (batch, timesteps, features), got shape (3, 10)
# %%
tokens = np.array([[1, 2, 3], [4, 5, 0]])
before = model.predict(tokens)
model.save_weights("/tmp/swift_rnn_golden_weights.npz")
saved = np.load("/tmp/swift_rnn_golden_weights.npz")
print(saved.files)
# expect: ['dense/bias', 'dense/kernel', 'embedding/embeddings', 'simple_rnn/bias', 'simple_rnn/kernel', 'simple_rnn/recurrent_kernel']
model.set_weights([np.zeros(w.shape) for w in model.get_weights()])
print(np.abs(model.predict(tokens)).max())  # expect: 0.0
model.load_weights("/tmp/swift_rnn_golden_weights.npz")
print(np.abs(model.predict(tokens) - before).max())  # expect: 0.0
# %%
model.load_weights("/tmp/swift_rnn_no_such_file.npz")
# expect error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/swift_rnn_no_such_file.npz'
# %%
tf.keras.Sequential([tf.keras.layers.LSTM(3)]).save_weights("/tmp/swift_rnn_unbuilt.npz")
# expect error: ValueError: Cannot save the weights of 'sequential_1' before it is built: call it on data, or start the model with keras.Input(shape=...), first.
