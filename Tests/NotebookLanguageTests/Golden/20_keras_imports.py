# Every way notebooks import TensorFlow and Keras reaches the same classes of the runtime.
import tensorflow as tf
import numpy as np
print(type(tf), tf.__name__, tf.keras.__name__, tf.keras.layers.__name__)
# expect: <class 'module'> tensorflow tensorflow.keras tensorflow.keras.layers
# %%
from tensorflow import keras
print(keras is tf.keras, keras.layers.LSTM is tf.keras.layers.LSTM)  # expect: True True
# %%
import keras
print(keras.__name__, keras.layers.__name__, keras.layers.GRU is tf.keras.layers.GRU)  # expect: keras keras.layers True
# %%
from tensorflow.keras import layers
print(layers.Dense)  # expect: <class 'Dense'>
# %%
from tensorflow.keras.layers import LSTM, Dense
from keras.layers import GRU
from tensorflow.keras.models import Sequential
from keras.models import Sequential as KSequential
print(LSTM, Dense, GRU, Sequential is KSequential is keras.Sequential is tf.keras.Sequential)
# expect: <class 'LSTM'> <class 'Dense'> <class 'GRU'> True
# %%
import tensorflow.keras.layers as L
import keras.layers
from keras import layers as kl
print(L.SimpleRNN is kl.SimpleRNN, keras.layers.Embedding)  # expect: True <class 'Embedding'>
# %%
from tensorflow.keras.utils import to_categorical
from keras.utils import set_random_seed
from tensorflow.keras import Input, Model
from tensorflow.random import set_seed
from tensorflow.nn import softmax
print(to_categorical, set_random_seed, Input, Model, set_seed, softmax)
# expect: <built-in function to_categorical> <built-in function set_random_seed> <built-in function Input> <class 'Model'> <built-in function set_seed> <built-in function softmax>
# %%
from tensorflow.keras.layers import *
print(Bidirectional, Dropout, Masking, TimeDistributed, InputLayer, Embedding, SimpleRNN)
# expect: <class 'Bidirectional'> <class 'Dropout'> <class 'Masking'> <class 'TimeDistributed'> <class 'InputLayer'> <class 'Embedding'> <class 'SimpleRNN'>
# %%
# One session, one set of Keras names, whichever tree made the layer.
print(tf.keras.layers.LSTM(20), keras.layers.LSTM(20), LSTM(20, name="encoder"), LSTM(3))
# expect: <LSTM name=lstm, built=False> <LSTM name=lstm_1, built=False> <LSTM name=encoder, built=False> <LSTM name=lstm_2, built=False>
keras.backend.clear_session()
print(tf.keras.layers.LSTM(20).name, GRU(2).name, tf.keras.layers.SimpleRNN(2).name)  # expect: lstm gru simple_rnn
# %%
print(keras.Sequential([keras.Input(shape=(2, 10)), keras.layers.LSTM(4)]))  # expect: <Sequential name=sequential, built=True>
# %%
# Names we do not provide say what there is.
tf.keras.layers.Conv2D
# expect error: AttributeError: tf.keras.layers.Conv2D is not available in this kernel; layers available: Dense, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Masking, Dropout, TimeDistributed, InputLayer, Input, Layer, StringLookup
# %%
keras.layers.Conv1D
# expect error: AttributeError: keras.layers.Conv1D is not available in this kernel; layers available: Dense, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Masking, Dropout, TimeDistributed, InputLayer, Input, Layer, StringLookup
# %%
from tensorflow.keras.layers import Conv2D
# expect error: ImportError: cannot import name 'Conv2D' from 'tensorflow.keras.layers' (tf.keras.layers.Conv2D is not available in this kernel; layers available: Dense, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Masking, Dropout, TimeDistributed, InputLayer, Input, Layer, StringLookup)
# %%
from keras.layers import LSTM, Attention
# expect error: ImportError: cannot import name 'Attention' from 'keras.layers' (keras.layers.Attention is not available in this kernel; layers available: Dense, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Masking, Dropout, TimeDistributed, InputLayer, Input, Layer, StringLookup)
# %%
tf.keras.layers.Embeding
# expect error: AttributeError: tf.keras.layers.Embeding is not available in this kernel (did you mean 'Embedding'?); layers available: Dense, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Masking, Dropout, TimeDistributed, InputLayer, Input, Layer, StringLookup
# %%
import tensorflow.keras.applications
# expect error: ModuleNotFoundError: No module named 'tensorflow.keras.applications' (tf.keras.applications is not available in this kernel; tf.keras members available: layers, models, utils, backend, Input, Sequential, Model, optimizers, losses, metrics, callbacks, preprocessing)
# %%
from keras.datasets import mnist
# expect error: ModuleNotFoundError: No module named 'keras.datasets' (keras.datasets is not available in this kernel; keras members available: layers, models, utils, backend, Input, Sequential, Model, optimizers, losses, metrics, callbacks, preprocessing)
# %%
tf.image
# expect error: AttributeError: tf.image is not available in this kernel; tf members available: keras, Tensor, float32, int32, int64, bool, constant, convert_to_tensor, shape, one_hot, reduce_sum, reduce_mean, reduce_max, reduce_min, argmax, matmul, reshape, transpose, concat, stack, expand_dims, squeeze, cast, zeros, ones, sigmoid, tanh, exp, log, nn, math, random, Variable, GradientTape, add, subtract, multiply, divide, pow, square, sqrt, abs, gather, strings
# %%
tf.nn.gelu
# expect error: AttributeError: tf.nn.gelu is not available in this kernel (did you mean 'relu'?); tf.nn functions available: relu, sigmoid, tanh, softmax, log_softmax, sparse_softmax_cross_entropy_with_logits, softmax_cross_entropy_with_logits
# %%
import torch
# expect error: ModuleNotFoundError: No module named 'torch'
