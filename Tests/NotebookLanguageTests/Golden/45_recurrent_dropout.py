# LSTM/GRU dropout= in training: one input mask per (sample, feature), the same at every step;
# fit, train_on_batch and training=True apply it, inference does not; recurrent_dropout in training is not supported.
import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(0)
gru = tf.keras.layers.GRU(3, dropout=0.5, return_sequences=True)
x = np.ones((8, 4, 6))
print(bool(np.abs(gru(x) - gru(x)).max() == 0), bool(np.abs(gru(x, training=True) - gru(x)).max() > 0))
# expect: True True
# %%
model = tf.keras.Sequential([tf.keras.Input(shape=(5, 4)), tf.keras.layers.LSTM(8, dropout=0.5), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.0), loss='mse')
xs = np.random.randn(16, 5, 4)
ys = np.random.randn(16, 1)
train_loss = model.train_on_batch(xs, ys)
test_loss = model.test_on_batch(xs, ys)
print(abs(train_loss - test_loss) > 1e-4, abs(model.evaluate(xs, ys, verbose=0) - test_loss) < 1e-6)
# expect: True True
# %%
model.layers[0].get_config()['dropout']
# expect value: 0.5
# %%
bad = tf.keras.Sequential([tf.keras.Input(shape=(5, 4)), tf.keras.layers.LSTM(8, recurrent_dropout=0.1), tf.keras.layers.Dense(1)])
bad.compile(optimizer='adam', loss='mse')
bad.fit(xs, ys, epochs=1, verbose=0)
# expect error: NotImplementedError: LSTM(recurrent_dropout=0.1) in training: recurrent dropout is not supported by this kernel yet (dropout= on the inputs is; inference, training=False, is exact)
# %%
print(bad.predict(xs, verbose=0).shape)  # expect: (16, 1)
