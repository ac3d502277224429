print(len([1, 2]), len("héllo"), len({"a": 1}), len(range(10)))  # expect: 2 5 1 10
print(min(3, 1, 2), max([4, 9, 2]), min("bca"), max([], default=0))  # expect: 1 9 a 0
print(max(["aa", "b", "cccc"], key=len), min([(2, "b"), (1, "z")]))  # expect: cccc (1, 'z')
print(sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []))  # expect: 6 1.0 [1, 2]
print(list(zip([1, 2, 3], "ab")), list(enumerate("xy", start=1)))  # expect: [(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')]
print(list(reversed([1, 2, 3])), list(reversed("ab")), list(reversed(range(3))))  # expect: [3, 2, 1] ['b', 'a'] [2, 1, 0]
print(list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])), list(filter(lambda x: x > 1, [1, 2, 3])))  # expect: ['1', '2'] [1, 'a'] [2, 3]
print(type(1), type("s"), type([]), type(None), type(1.0) == float)  # expect: <class 'int'> <class 'str'> <class 'list'> <class 'NoneType'> True
print(isinstance(1, int), isinstance(True, int), isinstance(1, (str, float)), isinstance("a", str))  # expect: True True False True
print(bool(0), bool([]), bool("x"), bool(None), bool(0.0), bool({}))  # expect: False False True False False False
print(str(12), repr("x"), int(True), float("inf"))  # expect: 12 'x' 1 inf
print(hex(255), bin(5), oct(8), chr(8364), ord("€"))  # expect: 0xff 0b101 0o10 € 8364
print(hasattr("s", "upper"), hasattr(1, "nope"), getattr([], "nope", "dflt"))  # expect: True False dflt
print(sorted({3: "c", 1: "a"}), sorted([(1, "b"), (1, "a"), (0, "z")]))  # expect: [1, 3] [(0, 'z'), (1, 'a'), (1, 'b')]
print(round(3.14159, 2), round(-2.5), round(0.5), round(1.5), round(7))  # expect: 3.14 -2 0 2 7
print(list(range(0)), tuple([1, 2]), list({"a": 1}))  # expect: [] (1, 2) ['a']
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))  # expect: 1 2 done
print(divmod(7.5, 2), pow(2.0, 3), abs(-0.0))  # expect: (3.0, 1.5) 8.0 0.0
print(all([]), any([]), min([1.5, 1]), max(1, 2.5))  # expect: True False 1 2.5
print(repr(1.0), repr(-0.0), repr(1e100), repr(2.0 ** 0.5))  # expect: 1.0 -0.0 1e+100 1.4142135623730951
print(int("  12  "), int("0b101", 0), int("z", 36))  # expect: 12 5 35
print(format(3.14159, ".2f"), format(42, "08b"), format("x", ">3"))  # expect: 3.14 00101010   x
print(print)  # expect: <built-in function print>
print(list(zip()))  # expect: []
# %%
len(5)
# expect error: TypeError: object of type 'int' has no len()
# %%
int("abc")
# expect error: ValueError: invalid literal for int() with base 10: 'abc'
# %%
max([])
# expect error: ValueError: max() iterable argument is empty
# %%
sorted([1, "a"])
# expect error: TypeError: '<' not supported between instances of 'str' and 'int'
# %%
input("name? ")
# expect: name? 
# expect error: KeyboardInterrupt
# %%
print(undefind_print_name)
# expect error: NameError: name 'undefind_print_name' is not defined
# %%
prnt("x")
# expect error: NameError: name 'prnt' is not defined. Did you mean: 'print'?
