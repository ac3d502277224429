d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), "a" in d, "z" in d)  # expect: {'a': 1, 'b': 2, 'c': 3} 3 True False
print(d.get("a"), d.get("z"), d.get("z", 0))  # expect: 1 None 0
print(d.keys(), d.values())  # expect: dict_keys(['a', 'b', 'c']) dict_values([1, 2, 3])
for k, v in d.items():
    print(k, v)
# expect: a 1
# expect: b 2
# expect: c 3
print(d.pop("b"), d)  # expect: 2 {'a': 1, 'c': 3}
d.update({"x": 9}, y=10)
print(d)  # expect: {'a': 1, 'c': 3, 'x': 9, 'y': 10}
print(d.setdefault("a", 5), d.setdefault("n", []), d["n"])  # expect: 1 [] []
del d["n"]
e = d.copy()
e.clear()
print(e, len(d))  # expect: {} 4
d2 = dict(a=1, b=2)
d3 = dict([("x", 1), ("y", 2)])
print(d2, d3, dict(d2) == d2)  # expect: {'a': 1, 'b': 2} {'x': 1, 'y': 2} True
counts = {}
for ch in "hello":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)  # expect: {'h': 1, 'e': 1, 'l': 2, 'o': 1}
keys = {1: "int", 1.0: "float", True: "bool", (1, 2): "tuple"}
print(keys)  # expect: {1: 'bool', (1, 2): 'tuple'}
s = {1, 2, 3}
s.add(4)
s.discard(10)
s.remove(1)
print(s, 2 in s, len(s))  # expect: {2, 3, 4} True 3
print({1, 2} | {2, 3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2}.union([5]), {1, 2}.intersection({2}))  # expect: {1, 2, 3} {2} {1} {1, 2, 5} {2}
print(set(), set([1, 1, 2]), {1, 2} == {2, 1})  # expect: set() {1, 2} True
print({**d2, "c": 3})  # expect: {'a': 1, 'b': 2, 'c': 3}
# %%
{"a": 1}["b"]
# expect error: KeyError: 'b'
# %%
{[1]: 2}
# expect error: TypeError: unhashable type: 'list'
# %%
{"k": [1, 2]}
# expect value: {'k': [1, 2]}
