# use_bias=False and stateful=True on recurrent layers, through the cell vocabulary.
# %%
import numpy as np
from tensorflow.keras import layers
gru = layers.GRU(4, use_bias=False)
y = gru(np.ones((2, 5, 3)))
print(y.shape, gru.count_params(), [w.shape for w in gru.get_weights()])
# expect: (2, 4) 84 [(3, 12), (4, 12)]
# %%
x = np.random.randn(2, 3, 5)
rnn = layers.SimpleRNN(4, stateful=True)
a = rnn(x)
b = rnn(x)
print(bool(np.abs(a - b).max() > 1e-4))
# expect: True
# %%
rnn.reset_states()
c = rnn(x)
print(float(np.abs(a - c).max()) < 1e-6)
# expect: True
# %%
try:
    rnn(np.random.randn(3, 3, 5))
except ValueError as e:
    print(str(e).splitlines())
# expect: ['If an RNN is stateful, the batch size of the input sequences must be the same as the batch size of the initial state. ', '- Expected batch size: 2', '- Received batch size: 3']
