%matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
plt.plot([1, 2, 3], [1, 2])
# expect error: ValueError: x and y must have same first dimension, but have shapes (3,) and (2,)
# %%
plt.plot([1, 2], np.zeros((2, 2, 2)))
# expect error: ValueError: x and y can be no greater than 2D, but have shapes (2,) and (2, 2, 2)
# %%
plt.plot([1, 2], 'rx-z')
# expect error: ValueError: 'rx-z' is not a valid format string (unrecognized character 'z')
# %%
plt.plot([1, 2], 'rg')
# expect error: ValueError: 'rg' is not a valid format string (two color symbols)
# %%
plt.plot([1, 2], '--:')
# expect error: ValueError: '--:' is not a valid format string (two linestyle symbols)
# %%
plt.plot([1, 2], color='blu')
# expect error: ValueError: 'blu' is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value
# %%
plt.plot([1, 2], linestyle='foo')
# expect error: ValueError: 'foo' is not a valid value for ls.
# %%
plt.plot([1, 2], marker='Q')
# expect error: ValueError: Unrecognized marker style 'Q'
# %%
plt.plot([1, 2], lable='x')
# expect error: AttributeError: Line2D.set() got an unexpected keyword argument 'lable'
# %%
plt.scatter([1, 2], [1])
# expect error: ValueError: x and y must be the same size
# %%
plt.imshow([1, 2, 3])
# expect error: TypeError: Invalid shape (3,) for image data
# %%
plt.imshow(np.zeros((2, 2, 2)))
# expect error: TypeError: Invalid shape (2, 2, 2) for image data
# %%
plt.imshow([[1, 2]], cmap='cool_warm')
# expect error: ValueError: 'cool_warm' is not a valid value for cmap. Did you mean: 'coolwarm'?
# %%
plt.bar([1, 2, 3], [1, 2])
# expect error: ValueError: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between 'x' with shape (3,) and 'height' with shape (2,).
# %%
plt.figure(figsize=(-1, 2))
# expect error: ValueError: figure size must be positive finite not (-1, 2)
# %%
plt.figure(figsize=3)
# expect error: TypeError: object of type 'int' has no len()
# %%
plt.close('all')
plt.colorbar()
# expect error: RuntimeError: No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).
# %%
plt.yscale('symlog')
# expect error: ValueError: 'symlog' is not a valid value for scale. Supported values are 'linear', 'log'
# %%
plt.savefig('loss.png')
# expect error: ValueError: Format 'png' is not supported (supported formats: svg). This kernel draws figures as SVG; save with a .svg name.
# %%
plt.subplots(0, 1)
# expect error: ValueError: Number of rows must be a positive integer, not 0
# %%
fig, axes = plt.subplots(2, 2)
axes[2, 0]
# expect error: IndexError: index 2 is out of bounds for axis 0 with size 2
# %%
plt.legend(loc='middle')
# expect error: ValueError: 'middle' is not a valid value for loc. Supported values are 'best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'
# %%
plt.plot(['a', 'b'], [1, 2])
# expect error: TypeError: x must be numbers: text (categorical) values are not supported by this plot module
# %%
plt.close('all')
fig = plt.figure()
fig
# expect value: <Figure size 640x480 with 0 Axes>
# %%
fig, ax = plt.subplots(figsize=(10, 4))
print(fig)  # expect: Figure(1000x400)
ax
# expect value: <Axes: >
# %%
ax.set_title('Loss')
# expect value: Text(0.5, 1.0, 'Loss')
# %%
print(ax.set_xlabel('epoch'), ax.set_ylabel('loss'))  # expect: Text(0.5, 0, 'epoch') Text(0, 0.5, 'loss')
print(ax)  # expect: <Axes: title={'center': 'Loss'}, xlabel='epoch', ylabel='loss'>
# %%
fig, axes = plt.subplots(1, 3)
axes
# expect value: array([<Axes: >, <Axes: >, <Axes: >], dtype=object)
# %%
fig, axes = plt.subplots(2, 2)
print(axes.shape, len(axes.flat), len(axes[0]))  # expect: (2, 2) 4 2
(a, b), (c, d) = axes
print(a is axes[0, 0], d is axes[1][1])  # expect: True True
# %%
plt.close('all')
lines = plt.plot([0, 1, 4], 'o-', label='a')
print(len(lines), lines[0].get_color(), lines[0].get_label())  # expect: 1 #1f77b4 a
print(plt.plot([3, 2], [1, 0])[0].get_color())  # expect: #ff7f0e
print(plt.plot([1, 1], color='k')[0].get_color(), plt.plot([2, 2])[0].get_color())  # expect: #000000 #2ca02c
print(plt.xlim(), plt.ylim(0, 5))  # expect: (-0.15000000000000002, 3.15) (0.0, 5.0)
print(len(plt.plot(np.zeros((5, 3)))))  # expect: 3
print(plt.bar([1, 2], [3, 4]))  # expect: <BarContainer object of 2 artists>
print(plt.gcf())  # expect: Figure(640x480)
# %%
import matplotlib
from matplotlib import pyplot
print(pyplot is plt, matplotlib.pyplot is plt, matplotlib.__version__)  # expect: True True 3.11.2
print(plt.get_fignums())  # expect: []
plt.figure(3)
plt.figure()
print(plt.get_fignums())  # expect: [3, 4]
plt.close(3)
print(plt.get_fignums())  # expect: [4]
# %%
  %matplotlib   inline
%matplotlibx
# expect error: SyntaxError: invalid syntax
