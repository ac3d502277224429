# tf.* functions return the runtime's arrays (TensorFlow's tensors, NumPy's printing);
# tf.random.set_seed and keras.utils.set_random_seed make initial weights repeat.
import tensorflow as tf
import numpy as np
t = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(t, t.shape, t.dtype, t.numpy().tolist(), isinstance(t, tf.Tensor))
# expect: [[1. 2.]
# expect:  [3. 4.]] (2, 2) float32 [[1.0, 2.0], [3.0, 4.0]] True
print(tf.constant(0.5, shape=(2, 3)).tolist(), tf.constant([1, 2, 3, 4], shape=(2, 2)).tolist())
# expect: [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]] [[1, 2], [3, 4]]
print(tf.convert_to_tensor([1, 2]), tf.convert_to_tensor(np.ones(2), dtype=tf.float32))  # expect: [1 2] [1. 1.]
# %%
print(tf.shape(np.zeros((3, 2, 10))), tf.shape(t).numpy().tolist())  # expect: [ 3  2 10] [2, 2]
# %%
print(tf.one_hot([0, 2, 5], 3))
# expect: [[1. 0. 0.]
# expect:  [0. 0. 1.]
# expect:  [0. 0. 0.]]
print(tf.one_hot([[1], [0]], 2, on_value=5.0, off_value=-1.0).tolist())  # expect: [[[-1.0, 5.0]], [[5.0, -1.0]]]
# %%
print(repr(tf.keras.utils.to_categorical([0, 2, 1, 2])))
# expect: array([[1., 0., 0.],
# expect:        [0., 0., 1.],
# expect:        [0., 1., 0.],
# expect:        [0., 0., 1.]], dtype=float32)
# %%
print(tf.keras.utils.to_categorical(np.array([[1], [3]]), num_classes=4).shape, tf.keras.utils.to_categorical([-1], 3).tolist())
# expect: (2, 4) [[0.0, 0.0, 1.0]]
# %%
tf.keras.utils.to_categorical([3], num_classes=3)
# expect error: IndexError: index 3 is out of bounds for axis 1 with size 3
# %%
print(tf.reduce_sum(t), tf.reduce_mean(t, axis=0), tf.reduce_max(t, axis=1, keepdims=True).shape, tf.reduce_min(t))
# expect: 10.0 [2. 3.] (2, 1) 1.0
print(tf.argmax(t), tf.argmax(t, axis=1), tf.math.reduce_sum(t, 1))  # expect: [1 1] [1 1] [3. 7.]
# %%
print([round(v, 4) for v in tf.nn.softmax(tf.constant([[0.0, 0.0], [0.0, 0.6931472]])).flatten().tolist()])
# expect: [0.5, 0.5, 0.3333, 0.6667]
print(tf.nn.relu(tf.constant([-1.0, 2.0])), tf.nn.sigmoid(0.0), tf.tanh([0.0]), tf.exp([0.0]))  # expect: [0. 2.] 0.5 [0.] [1.]
# %%
print(tf.matmul(t, t), tf.reshape(t, (4,)), tf.transpose(t).tolist())
# expect: [[ 7. 10.]
# expect:  [15. 22.]] [1. 2. 3. 4.] [[1.0, 3.0], [2.0, 4.0]]
print(tf.concat([t, t], axis=0).shape, tf.stack([t, t]).shape, tf.expand_dims(t, 0).shape, tf.squeeze(np.zeros((1, 3, 1))).shape)
# expect: (4, 2) (2, 2, 2) (1, 2, 2) (3,)
print(tf.cast(t, tf.int32), tf.zeros((2, 2)).dtype, tf.ones(3))
# expect: [[1 2]
# expect:  [3 4]] float32 [1. 1. 1.]
# %%
tf.random.set_seed(42)
a = tf.random.normal((2, 3))
tf.random.set_seed(42)
b = tf.random.normal((2, 3))
print((a == b).tolist(), tf.random.uniform((1000,)).max() < 1, tf.random.uniform((3,), minval=5, maxval=6).min() >= 5)
# expect: [[True, True, True], [True, True, True]] True True
# %%
tf.random.set_seed(7)
w1 = tf.keras.layers.LSTM(3)
w1.build((None, 2, 4))
tf.random.set_seed(7)
w2 = tf.keras.layers.LSTM(3)
w2.build((None, 2, 4))
print([np.abs(x - y).max() for x, y in zip(w1.get_weights(), w2.get_weights())])  # expect: [0.0, 0.0, 0.0]
# %%
import random
tf.keras.utils.set_random_seed(3)
r1, n1 = random.random(), np.random.rand()
l1 = tf.keras.layers.Dense(2)
l1.build((None, 2))
tf.keras.utils.set_random_seed(3)
print(random.random() == r1, np.random.rand() == n1, np.abs(tf.keras.layers.Dense(2)(np.eye(2)) - l1(np.eye(2))).max())
# expect: True True 0.0
# %%
tf.keras.utils.set_random_seed(1.5)
# expect error: ValueError: Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)
# %%
tf.one_hot([1], 3, axis=0)
# expect error: NotImplementedError: tf.one_hot(axis=0) is not supported by this kernel yet; the one-hot axis is last (axis=-1)
# %%
tf.reduce_sum([[1, 2]], axis=2)
# expect error: ValueError: axis 2 is out of bounds for array of dimension 2
