# compile / fit / evaluate / predict on a Sequential: History, validation, callbacks and errors.
import tensorflow as tf
import numpy as np
from tensorflow import keras
keras.utils.set_random_seed(7)
x = np.random.randn(40, 5, 3)
y = (x.sum(axis=2).sum(axis=1) > 0).astype('int64')
model = keras.Sequential([keras.Input(shape=(5, 3)), keras.layers.LSTM(8), keras.layers.Dense(2, activation='softmax')])
model.fit(x, y)
# expect error: ValueError: You must call `compile()` before using the model.

# %%
model.compile(optimizer='adam', metrics=['accuracy'])
model.fit(x, y, verbose=0)
# expect error: ValueError: No loss to compute. Provide a `loss` argument in `compile()`.

# %%
model.compile(optimizer=keras.optimizers.Adam(0.01), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
print(model.optimizer.name, model.loss, model.metrics_names, model.compiled)
history = model.fit(x, y, batch_size=8, epochs=3, verbose=0, validation_split=0.25)
print(sorted(history.history.keys()), history.epoch, history.params)
print(len(history.history['loss']), model.history is history, history.model is model)
print(all(isinstance(v, float) for v in history.history['val_loss']))
# expect: adam sparse_categorical_crossentropy ['loss', 'accuracy'] True
# expect: ['accuracy', 'loss', 'val_accuracy', 'val_loss'] [0, 1, 2] {'verbose': 0, 'epochs': 3, 'steps': 4}
# expect: 3 True True
# expect: True

# %%
h2 = model.fit(x, y, epochs=2, initial_epoch=1, verbose=0, validation_data=(x[:8], y[:8]), shuffle=False)
print(h2.epoch, sorted(h2.history))
# expect: [1] ['accuracy', 'loss', 'val_accuracy', 'val_loss']

# %%
loss, acc = model.evaluate(x, y, verbose=0)
print(type(loss).__name__, 0.0 <= acc <= 1.0)
print(sorted(model.evaluate(x, y, verbose=0, return_dict=True)))
print(model.predict(x, verbose=0).shape, model.predict(x[:3], batch_size=2, verbose=0).shape)
print(len(model.train_on_batch(x[:8], y[:8])), len(model.test_on_batch(x[:8], y[:8])))
# expect: float True
# expect: ['accuracy', 'loss']
# expect: (40, 2) (3, 2)
# expect: 2 2

# %%
before = model.layers[1].get_weights()[0].copy()
model.train_on_batch(x[:8], y[:8])
print(np.abs(model.layers[1].get_weights()[0] - before).max() > 0)
# expect: True

# %%
model.fit(x, y, epochs=-1)
# expect error: ValueError: `epochs` and `initial_epoch` must be non-negative integers, got epochs=-1, initial_epoch=0

# %%
model.fit(x, y, batch_size=0)
# expect error: ValueError: Expected `batch_size` to be a positive integer, received: batch_size=0

# %%
model.fit(x, keras.utils.to_categorical(y, 2))
# expect error: ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(32, 2), output.shape=(32, 2). sparse_categorical_crossentropy takes integer class ids as targets (one fewer axis than the predictions); for one-hot targets use categorical_crossentropy

# %%
model.fit(x, y, validation_split=1.5)
# expect error: ValueError: `validation_split` must be a float in [0, 1), got 1.5

# %%
model.fit(x, y, verbose=3)
# expect error: ValueError: verbose must be 'auto', 0, 1 or 2, got 3

# %%
model.fit(x)
# expect error: ValueError: fit() needs targets y: this kernel trains on arrays (x, y); datasets and generators are not available

# %%
model.fit(x, y, sample_weight=np.ones(40))
# expect error: NotImplementedError: fit(sample_weight=...) is not supported by this kernel yet

# %%
model.compile(optimizer='adam', loss=lambda t, p: p)
# expect error: NotImplementedError: compile(loss=<function>): loss functions written in cells are not supported by fit yet; use a keras.losses name or object, or train with tf.GradientTape

# %%
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics='accuracy')
# expect error: ValueError: Expected `metrics` argument to be a list, tuple, or dict. Received instead: metrics=accuracy of type <class 'str'>

# %%
model.compile(optimizer='nadam', loss='mse')
# expect error: ValueError: Could not interpret optimizer identifier: nadam

# %%
class Stopper(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print("epoch", epoch, sorted(logs), self.model.name == model.name)
        if epoch == 1:
            self.model.stop_training = True
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
print(model.fit(x, y, epochs=5, verbose=0, callbacks=[Stopper()]).epoch)
# expect: epoch 0 ['loss'] True
# expect: epoch 1 ['loss'] True
# expect: [0, 1]

# %%
seen = []
log = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append(batch))
model.fit(x, y, epochs=2, batch_size=16, verbose=0, callbacks=[log])
seen
# expect value: [0, 1, 2, 0, 1, 2]

# %%
stop = keras.callbacks.EarlyStopping(monitor='loss', min_delta=100, patience=1)
print(model.fit(x, y, epochs=10, verbose=0, callbacks=[stop]).epoch, stop.stopped_epoch, stop.patience)
# expect: [0, 1] 1 1

# %%
keras.callbacks.EarlyStopping(monitor='val_accuracy').monitor
# expect value: 'val_accuracy'

# %%
sched = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))
model.fit(x, y, epochs=3, verbose=0, callbacks=[sched])
print(f"{float(model.optimizer.learning_rate):.4f}")
# expect: 0.0333

# %%
model.fit(x, y, epochs=1, verbose=0, callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch, lr: "fast")])
# expect error: ValueError: The output of the `schedule` function should be a float. Got: 'fast'

# %%
model.fit(x, y, callbacks=[print])
# expect error: TypeError: Expected a keras.callbacks.Callback in `callbacks`, got <built-in function print> of type builtin_function_or_method

# %%
class Broken(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        raise RuntimeError("stop here")
model.fit(x, y, verbose=0, callbacks=[Broken()])
# expect error: RuntimeError: stop here

# %%
# A loss that becomes NaN stops training after that batch (Keras' TerminateOnNaN message).
reg = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
reg.compile(optimizer=keras.optimizers.SGD(learning_rate=1e30), loss='mse')
h = reg.fit(np.ones((64, 3)) * 100, np.ones((64, 1)), batch_size=8, epochs=3, verbose=0, shuffle=False)
import math
print(h.epoch, math.isnan(h.history['loss'][0]) or math.isinf(h.history['loss'][0]))
# expect: Batch 1: Invalid loss, terminating training
# expect: [0] True
# %%
# A Callback subclass with its own __init__: super().__init__() works, Keras sets self.params.
class Counter(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.batches = 0
    def on_train_begin(self, logs=None):
        print("params", self.params)
    def on_batch_end(self, batch, logs=None):
        self.batches += 1
counter = Counter()
model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[counter])
print(counter.batches, isinstance(counter, keras.callbacks.Callback))
# expect: params {'verbose': 0, 'epochs': 2, 'steps': 3}
# expect: 6 True
# %%
# One optimizer for fit and a GradientTape loop, in either order, as in Keras.
opt = keras.optimizers.Adam(0.01)
model.compile(optimizer=opt, loss='sparse_categorical_crossentropy')
model.fit(x, y, batch_size=16, epochs=1, verbose=0)
with tf.GradientTape() as tape:
    loss = keras.losses.SparseCategoricalCrossentropy()(y, model(x, training=True))
grads = tape.gradient(loss, model.trainable_variables)
opt.apply_gradients(zip(grads, model.trainable_variables))
model.fit(x, y, batch_size=16, epochs=1, verbose=0)
print(opt.iterations)
# expect: 7
