# Sequential models: built from Input, a first layer's input_shape, build() or the first call;
# summary() prints Keras' table; predict() and calls run the runtime's forward pass.
import tensorflow as tf
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([keras.Input(shape=(2, 10)), layers.LSTM(20), layers.Dense(1)])
model.summary()
# expect: Model: "sequential"
# expect: ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
# expect: ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
# expect: ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
# expect: │ lstm (LSTM)                     │ (None, 20)             │         2,480 │
# expect: ├─────────────────────────────────┼────────────────────────┼───────────────┤
# expect: │ dense (Dense)                   │ (None, 1)              │            21 │
# expect: └─────────────────────────────────┴────────────────────────┴───────────────┘
# expect:  Total params: 2,501 (9.77 KB)
# expect:  Trainable params: 2,501 (9.77 KB)
# expect:  Non-trainable params: 0 (0.00 B)
print(model, model.output_shape, model.input_shape, model.layers, model.count_params(), len(model.weights))
# expect: <Sequential name=sequential, built=True> (None, 1) (None, 2, 10) [<LSTM name=lstm, built=True>, <Dense name=dense, built=True>] 2501 5
# %%
x = np.random.randn(5, 2, 10)
print(model(x).shape, model.predict(x, verbose=0).shape, model.predict(x, batch_size=2, verbose=0).shape)  # expect: (5, 1) (5, 1) (5, 1)
print(np.abs(model(x) - model.predict(x, batch_size=2)).max() < 1e-6)  # expect: True
# %%
m2 = keras.Sequential(name="tutorial")
m2.add(layers.Embedding(1000, 64))
m2.add(layers.LSTM(128))
m2.add(layers.Dense(10))
print(m2.built, m2.name)  # expect: False tutorial
m2.build((None, 7))
m2.summary(print_fn=lambda line: print(line[34:].rstrip() or "-"))
# expect: -
# expect: ┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
# expect: ┃ Output Shape           ┃       Param # ┃
# expect: ╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
# expect: │ (None, 7, 64)          │        64,000 │
# expect: ┼────────────────────────┼───────────────┤
# expect: │ (None, 128)            │        98,816 │
# expect: ┼────────────────────────┼───────────────┤
# expect: │ (None, 10)             │         1,290 │
# expect: ┴────────────────────────┴───────────────┘
# expect: -
# expect:  KB)
# expect: -
# %%
print(m2.get_layer("lstm_1"), m2.get_layer(index=2), [w.path for w in m2.weights][:2])
# expect: <LSTM name=lstm_1, built=True> <Dense name=dense_1, built=True> ['embedding/embeddings', 'lstm_1/lstm_cell/kernel']
print(m2.pop(), len(m2.layers), m2.output_shape)  # expect: <Dense name=dense_1, built=True> 2 (None, 128)
# %%
m2.get_layer("nope")
# expect error: ValueError: No such layer: nope. Existing layers are: ['embedding', 'lstm_1']
# %%
m2.add(3)
# expect error: TypeError: The added layer must be an instance of class Layer. Received: layer=3 of type <class 'int'>.
# %%
m3 = keras.Sequential([layers.LSTM(8, input_shape=(5, 3), return_sequences=True), layers.TimeDistributed(layers.Dense(2)), layers.Dropout(0.5)])
print(m3.input_shape, m3.output_shape, m3(np.ones((2, 5, 3))).shape)  # expect: (None, 5, 3) (None, 5, 2) (2, 5, 2)
# %%
# The Embedding's mask flows through the model: padding does not change the answer.
m4 = keras.Sequential([layers.Embedding(20, 4, mask_zero=True), layers.LSTM(3)])
a = m4.predict(np.array([[4, 5, 0, 0]]))
b = m4.predict(np.array([[4, 5]]))
print(np.abs(a - b).max() < 1e-6)  # expect: True
# %%
ws = m4.get_weights()
m5 = keras.Sequential([layers.Embedding(20, 4, mask_zero=True), layers.LSTM(3)])
m5.build((None, 4))
m5.set_weights(ws)
print(np.abs(m5.predict(np.array([[4, 5, 0, 0]])) - a).max())  # expect: 0.0
# %%
m2.compile(optimizer="adam", loss="mse")
print(m2.compiled, m2.optimizer.name, m2.loss)
# expect: True adam mse
# %%
keras.Model(inputs=1, outputs=2)
# expect error: NotImplementedError: keras.Model(inputs, outputs) (the functional API) is not available in this kernel yet; use keras.Sequential([...])
# %%
print(isinstance(m2, keras.Model), isinstance(m2, keras.layers.Layer), isinstance(m2.layers[0], layers.Embedding))  # expect: True True True
# %%
keras.Sequential([keras.Input(shape=(2, 10)), layers.LSTM(4), layers.LSTM(4)])
# expect error: ValueError: LSTM expects input of rank 3 (batch, timesteps, features), got shape (None, 4). The previous layer 'lstm_5' returns only its last output (batch, units); give it return_sequences=True to pass on every step (batch, timesteps, units)
# %%
out = keras.Sequential([keras.Input(shape=(2, 3)), layers.GRU(4, return_state=True)]).predict(np.zeros((2, 2, 3)))
print([o.shape for o in out])  # expect: [(2, 4), (2, 4)]
