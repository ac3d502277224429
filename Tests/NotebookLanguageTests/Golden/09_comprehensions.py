print([x * x for x in range(6) if x % 2 == 0])  # expect: [0, 4, 16]
print({x: x ** 2 for x in range(4)})  # expect: {0: 0, 1: 1, 2: 4, 3: 9}
print({c for c in "abca"} == {"a", "b", "c"})  # expect: True
print([(i, j) for i in range(3) for j in range(i)])  # expect: [(1, 0), (2, 0), (2, 1)]
print([[r * c for c in range(3)] for r in range(3)])  # expect: [[0, 0, 0], [0, 1, 2], [0, 2, 4]]
print(sum(x for x in range(101)))  # expect: 5050
print(max(len(w) for w in ["a", "abc", "ab"]))  # expect: 3
g = (x * 2 for x in [1, 2, 3])
print(next(g), list(g), list(g))  # expect: 2 [4, 6] []
print(any(x > 2 for x in [1, 3]), all(x > 2 for x in [1, 3]))  # expect: True False
print([x for x in range(20) if x % 2 if x % 3])  # expect: [1, 5, 7, 11, 13, 17, 19]
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])  # expect: [[1, 4], [2, 5], [3, 6]]
print([v for row in matrix for v in row])  # expect: [1, 2, 3, 4, 5, 6]
x = "outer"
_ = [x for x in range(3)]
print(x)  # expect: outer
print(next(i for i in range(10**12) if i > 5 if i < 10))  # expect: 6
