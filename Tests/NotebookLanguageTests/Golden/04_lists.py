a = [3, 1, 2]
b = a
b.append(4)
print(a)  # expect: [3, 1, 2, 4]
a.sort()
print(a, b is a)  # expect: [1, 2, 3, 4] True
a.extend([5, 6])
print(a.pop(), a.pop(0), a)  # expect: 6 1 [2, 3, 4, 5]
a.insert(1, 9)
a.remove(4)
print(a, a.index(9), a.count(9))  # expect: [2, 9, 3, 5] 1 1
a.reverse()
print(a)  # expect: [5, 3, 9, 2]
c = a.copy()
c.clear()
print(c, len(a))  # expect: [] 4
print(a[1:3], a[::-1], a[-2:], a[:-1])  # expect: [3, 9] [2, 9, 3, 5] [9, 2] [5, 3, 9]
a[0] = 100
a[1:3] = [7, 8, 9]
print(a)  # expect: [100, 7, 8, 9, 2]
del a[0]
del a[-1]
print(a)  # expect: [7, 8, 9]
print([1, 2] + [3], [0] * 3, [[1]] * 2)  # expect: [1, 2, 3] [0, 0, 0] [[1], [1]]
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))  # expect: [3, 2, 1] ['a', 'bb', 'ccc']
words = ["pear", "Apple", "fig"]
words.sort(key=lambda w: w.lower())
print(words)  # expect: ['Apple', 'fig', 'pear']
print(2 in [1, 2, 3], [1, 2] == [1, 2], [1, 2] < [1, 3])  # expect: True True True
t = (1, 2, 3)
print(t, (1,), (), t[1:], len(t), t.count(2), t.index(3))  # expect: (1, 2, 3) (1,) () (2, 3) 3 1 2
x, y = 1, 2
x, y = y, x
print(x, y)  # expect: 2 1
first, *rest = [1, 2, 3, 4]
print(first, rest)  # expect: 1 [2, 3, 4]
(p, q), r = (1, 2), 3
print(p, q, r)  # expect: 1 2 3
m = n = 0
m += 1
print(m, n)  # expect: 1 0
nested = [[1, 2], [3, 4]]
nested[1][0] = 30
print(nested)  # expect: [[1, 2], [30, 4]]
self_ref = [1]
self_ref.append(self_ref)
print(self_ref)  # expect: [1, [...]]
lst = [1]
alias = lst
lst += [2]
print(alias)  # expect: [1, 2]
# %%
[1, 2, 3][3]
# expect error: IndexError: list index out of range
# %%
a, b = [1, 2, 3]
# expect error: ValueError: too many values to unpack (expected 2)
# %%
a, b, c = [1, 2]
# expect error: ValueError: not enough values to unpack (expected 3, got 2)
# %%
[1, 2].remove(5)
# expect error: ValueError: list.remove(x): x not in list
# %%
[].pop()
# expect error: IndexError: pop from empty list
# %%
[1, 2, 3]
# expect value: [1, 2, 3]
# %%
(1, 'a', None, True, 2.0)
# expect value: (1, 'a', None, True, 2.0)
