# Wrong shapes name the axes a layer expects; wrong arguments get Keras' and Python's wording;
# arguments Keras has but this kernel cannot honour yet say so instead of computing something else.
import tensorflow as tf
import numpy as np
from tensorflow.keras import layers
layers.LSTM(20)(np.zeros((3, 10)))
# expect error: ValueError: LSTM expects input of rank 3 (batch, timesteps, features), got shape (3, 10)
# %%
layers.LSTM(20)(np.zeros((3, 2, 10, 1)))
# expect error: ValueError: LSTM expects input of rank 3 (batch, timesteps, features), got shape (3, 2, 10, 1)
# %%
l = layers.LSTM(4)
l(np.zeros((3, 2, 10)))
l(np.zeros((3, 2, 5)))
# expect error: ValueError: Input 0 of layer "lstm_2" is incompatible with the layer: expected shape=(None, None, 10), found shape=(3, 2, 5)
# %%
layers.Dense(3)(np.zeros(4))
# expect error: ValueError: Dense expects input of rank >= 2 (batch, ..., features), got shape (4,)
# %%
d = layers.Dense(3)
d(np.zeros((2, 4)))
d(np.zeros((2, 5)))
# expect error: ValueError: Input 0 of layer "dense_1" is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (2, 5)
# %%
layers.GRU(4, return_state=True)(np.zeros((2, 3, 1)), initial_state=[np.zeros((2, 4)), np.zeros((2, 4))])
# expect error: ValueError: GRU expects 1 initial state (h), each of shape (2, 4) (batch, units); got 2
# %%
layers.LSTM(4)(np.zeros((2, 3, 1)), initial_state=[np.zeros((2, 5)), np.zeros((2, 5))])
# expect error: ValueError: LSTM initial state h must have shape (2, 4) (batch, units), got (2, 5)
# %%
layers.LSTM(4)(np.zeros((2, 3, 1)), mask=np.ones((2, 4)))
# expect error: ValueError: LSTM mask must have shape (2, 3) (batch, timesteps), got (2, 4)
# %%
layers.Embedding(10, 3)(np.array([[1, 12]]))
# expect error: IndexError: index 12 is out of bounds for axis 0 with size 10
# %%
layers.LSTM(20, foo=1, bar="x")
# expect error: ValueError: Unrecognized keyword arguments passed to LSTM: {'foo': 1, 'bar': 'x'}
# %%
layers.LSTM(20, return_sequence=True)
# expect error: ValueError: Unrecognized keyword arguments passed to LSTM: {'return_sequence': True}. Did you mean: 'return_sequences'?
# %%
layers.LSTM()
# expect error: TypeError: LSTM.__init__() missing 1 required positional argument: 'units'
# %%
layers.Embedding(10)
# expect error: TypeError: Embedding.__init__() missing 1 required positional argument: 'output_dim'
# %%
layers.Embedding()
# expect error: TypeError: Embedding.__init__() missing 2 required positional arguments: 'input_dim' and 'output_dim'
# %%
layers.Dense(*range(12))
# expect error: TypeError: Dense.__init__() takes from 2 to 11 positional arguments but 13 were given
# %%
layers.LSTM(0)
# expect error: ValueError: Received an invalid value for argument `units`, expected a positive integer, got 0.
# %%
layers.LSTM(2.5)
# expect error: TypeError: LSTM: `units` must be an integer, got 2.5 (of type float)
# %%
layers.LSTM(4, activation="relu")
# expect error: NotImplementedError: LSTM(activation='relu') is not supported by this kernel yet; LSTM runs with activation='tanh'
# %%
layers.LSTM(4, kernel_initializer="he_normal")
# expect error: NotImplementedError: LSTM(kernel_initializer='he_normal') is not supported by this kernel yet; LSTM runs with kernel_initializer='glorot_uniform'
# %%
layers.Dense(4, activation="gelu")
# expect error: NotImplementedError: Dense(activation='gelu') is not supported by this kernel yet; activations available: linear, relu, sigmoid, softmax, tanh
# %%
layers.Dense(4, activation="nope")
# expect error: ValueError: Could not interpret activation function identifier: nope
# %%
layers.LSTM(4, name="a/b")
# expect error: ValueError: Argument `name` must be a string and cannot contain character `/`. Received: name=a/b (of type <class 'str'>)
# %%
layers.LSTM(4, trainable=1)
# expect error: ValueError: Expected `trainable` to be a boolean. Received: trainable=1 (of type <class 'int'>)
# %%
layers.Bidirectional(layers.Dense(3))
# expect error: ValueError: Please initialize `Bidirectional` layer with a recurrent layer (SimpleRNN, LSTM or GRU). Received: <Dense name=dense_2, built=False>
# %%
layers.Bidirectional(layers.LSTM(3), merge_mode="max")
# expect error: ValueError: Invalid merge mode. Received: max. Merge mode should be one of {"sum", "mul", "ave", "concat", None}
# %%
layers.Dropout(1.5)
# expect error: ValueError: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5
# %%
layers.LSTM(4, recurrent_dropout=0.2)(np.zeros((1, 2, 3)), training=True)
# expect error: NotImplementedError: LSTM(recurrent_dropout=0.2) in training: recurrent dropout is not supported by this kernel yet (dropout= on the inputs is; inference, training=False, is exact)
# %%
print(layers.LSTM(4, dropout=0.2)(np.ones((1, 2, 3)), training=True).shape)  # expect: (1, 4)
# %%
print(layers.LSTM(4, dropout=0.2)(np.zeros((1, 2, 3))).shape)  # expect: (1, 4)
# %%
layers.LSTM(4)(np.zeros((1, 2, 3)), foo=1)
# expect error: TypeError: LSTM.call() got an unexpected keyword argument 'foo'
# %%
layers.LSTM(4, use_cudnn=True)
# expect error: ValueError: use_cudnn=True was specified, but cuDNN is not supported for this layer configuration with this backend. Pass use_cudnn='auto' to fallback to a non-cuDNN implementation.
# %%
tf.keras.Input()
# expect error: ValueError: You must pass a `shape` argument.
# %%
tf.keras.Input(shape=(3,), foo=2)
# expect error: TypeError: Input() got an unexpected keyword argument 'foo'
# %%
tf.keras.Sequential(foo=1)
# expect error: TypeError: Sequential.__init__() got an unexpected keyword argument 'foo'
# %%
layers.Embedding(10, 4, input_length=5).output_dim
# expect value: 4
# %%
layers.LSTM(4).output_shape
# expect error: AttributeError: The layer lstm_10 has never been called and thus has no defined output shape.
# %%
tf.keras.layers.Layer()
# expect error: TypeError: cannot create 'Layer' instances
