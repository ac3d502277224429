# Optimizers, losses and metrics as cell objects (Keras 3 names, defaults and messages).
import tensorflow as tf
import numpy as np
from tensorflow import keras
opt = keras.optimizers.Adam()
print(opt.name, float(opt.learning_rate), opt.iterations, opt.get_config()['beta_1'])
opt.learning_rate = 0.01
print(opt.learning_rate.numpy(), f"{opt.learning_rate:.3f}")
opt.learning_rate.assign(0.02)
print(opt.get_config()['learning_rate'])
print(keras.optimizers.SGD().get_config())
print(keras.optimizers.RMSprop(rho=0.8).get_config()['rho'], keras.optimizers.Adagrad().name, keras.optimizers.get('sgd').name)
print(isinstance(opt, keras.optimizers.Optimizer), tf.keras.optimizers.Adam is keras.optimizers.Adam)
# expect: adam 0.001 0 0.9
# expect: 0.01 0.010
# expect: 0.02
# expect: {'name': 'SGD', 'learning_rate': 0.01, 'momentum': 0.0, 'nesterov': False, 'clipnorm': None, 'global_clipnorm': None, 'clipvalue': None}
# expect: 0.8 adagrad SGD
# expect: True True

# %%
keras.optimizers.SGD(lr=0.1)
# expect error: ValueError: Argument `lr` is no longer supported. Please use `learning_rate` instead.

# %%
keras.optimizers.Adam(learning_rate=0.1, clipnorm=1.0, clipvalue=0.5)
# expect error: ValueError: Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1.0, clipvalue=0.5, global_clipnorm=None

# %%
keras.optimizers.Adam(beta1=0.5)
# expect error: ValueError: Argument(s) not recognized: {'beta1': 0.5}

# %%
keras.optimizers.get('adamw')
# expect error: ValueError: Could not interpret optimizer identifier: adamw

# %%
keras.optimizers.SGD(learning_rate=-1.0)
# expect error: ValueError: SGD: `learning_rate` must be non-negative, got -1.0

# %%
keras.optimizers.Adam(weight_decay=0.01)
# expect error: NotImplementedError: Adam(weight_decay=0.01) is not supported by this kernel yet

# %%
# apply_gradients on tf.Variables: SGD steps by -learning_rate * gradient; clipvalue clips first.
w = tf.Variable([1.0, 2.0])
sgd = keras.optimizers.SGD(learning_rate=0.5, clipvalue=1.0)
sgd.apply_gradients([(np.array([0.5, 4.0]), w)])
print(w.numpy(), sgd.iterations)
# expect: [0.75 1.5 ] 1

# %%
sgd.apply_gradients([(None, w)])
# expect error: ValueError: No gradients provided for any variable.

# %%
y = np.array([0, 1])
logits = np.array([[2.0, 1.0], [0.5, 1.5]])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(f"{loss_fn(y, logits):.6f}", loss_fn.name, loss_fn.reduction, loss_fn.get_config())
print([f"{v:.5f}" for v in keras.losses.sparse_categorical_crossentropy(y, logits, from_logits=True)])
print(keras.losses.MeanSquaredError()([[1.0, 2.0]], [[0.0, 0.0]]), keras.losses.mse([[1.0, 2.0]], [[0.0, 0.0]]))
print(f"{keras.losses.BinaryCrossentropy(from_logits=True)([[1.0, 0.0]], [[2.0, -1.0]]):.5f}")
print(f"{keras.losses.CategoricalCrossentropy(reduction='sum')([[0, 1], [1, 0]], [[0.3, 0.7], [0.6, 0.4]]):.5f}")
print(keras.losses.get('mse') is keras.losses.mean_squared_error, type(keras.losses.get('MeanAbsoluteError')).__name__)
# expect: 0.313262 sparse_categorical_crossentropy sum_over_batch_size {'name': 'sparse_categorical_crossentropy', 'reduction': 'sum_over_batch_size', 'from_logits': True}
# expect: ['0.31326', '0.31326']
# expect: 2.5 [2.5]
# expect: 0.22009
# expect: 0.86750
# expect: True MeanAbsoluteError

# %%
keras.losses.SparseCategoricalCrossentropy(reduction='mean_of_everything')
# expect error: ValueError: Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', 'none', None}. Received: reduction='mean_of_everything'

# %%
keras.losses.CategoricalCrossentropy(label_smoothing=0.1)
# expect error: NotImplementedError: CategoricalCrossentropy(label_smoothing=0.1) is not supported by this kernel yet

# %%
keras.losses.get('hinge')
# expect error: ValueError: Could not interpret loss identifier: hinge

# %%
m = keras.metrics.SparseCategoricalAccuracy()
m.update_state([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]])
print(m.name, f"{float(m.result()):.4f}")
m.reset_state()
print(float(m.result()))
mean = keras.metrics.Mean()
mean.update_state([1, 2, 3])
mean.update_state([4], sample_weight=[2])
print(f"{mean.result():.4f}")
acc = keras.metrics.Accuracy()
acc.update_state([1, 2, 3, 4], [1, 2, 0, 4])
print(float(acc.result()))
b = keras.metrics.BinaryAccuracy(threshold=0.7)
b.update_state([1, 0, 1], [0.8, 0.6, 0.65])
print(f"{b.result().numpy():.4f}", b.get_config()['threshold'])
print(keras.metrics.sparse_categorical_accuracy([1, 0], [[0.2, 0.8], [0.3, 0.7]]))
# expect: sparse_categorical_accuracy 0.6667
# expect: 0.0
# expect: 2.8000
# expect: 0.75
# expect: 0.6667 0.7
# expect: [1. 0.]
