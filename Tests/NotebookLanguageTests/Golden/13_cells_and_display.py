counter = 1
# %%
counter += 1
counter
# expect value: 2
# %%
x = None
x
# %%
print("no value")
# expect: no value
# %%
"last" if counter else "none"
# expect value: 'last'
# %%
_
# expect value: 'last'
# %%
def f():
    pass
f;
# %%
1; 2; 3
# expect value: 3
# %%
y = 5
y
# expect value: 5
