class Point:
    """A point in the plane."""
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def norm2(self):
        return self.x ** 2 + self.y ** 2

p = Point(3, 4)
print(p, p.norm2(), p.dims, Point.dims, p.x + p.y)  # expect: Point(3, 4) 25 2 2 7
print(type(p).__name__, isinstance(p, Point), isinstance(p, object), isinstance(3, Point))  # expect: Point True True False
print(Point, Point.__name__, Point.__doc__)  # expect: <class '__main__.Point'> Point A point in the plane.
p
# expect value: Point(3, 4)
# %%
p.x = 10
p.label = "moved"
Point.dims = 3
print(p, p.label, p.dims, Point(0).dims, vars(Point(1, 2)))  # expect: Point(10, 4) moved 3 3 {'x': 1, 'y': 2}
print(Point.norm2(p), p.norm2.__name__, Point.norm2.__qualname__)  # expect: 116 norm2 Point.norm2
print(hasattr(p, "label"), hasattr(p, "nope"), getattr(p, "nope", "dflt"))  # expect: True False dflt
setattr(p, "y", 0)
del p.label
print(p, hasattr(p, "label"))  # expect: Point(10, 0) False
# %%
Point()
# expect error: TypeError: Point.__init__() missing 1 required positional argument: 'x'
# %%
Point(1, 2, 3)
# expect error: TypeError: Point.__init__() takes from 2 to 3 positional arguments but 4 were given
# %%
p.z
# expect error: AttributeError: 'Point' object has no attribute 'z'
# %%
p.xx
# expect error: AttributeError: 'Point' object has no attribute 'xx'. Did you mean: 'x'?
# %%
Point.z
# expect error: AttributeError: type object 'Point' has no attribute 'z'
# %%
class Empty:
    pass
e = Empty()
e.a = 1
print(e.a, type(e).__name__)  # expect: 1 Empty
Empty(1)
# expect error: TypeError: Empty() takes no arguments
# %%
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return "animal"

class Dog(Animal):
    sound = "woof"
    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)
    def kind(self):
        return "dog, an " + super().kind()

class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"

d = Puppy("Rex", ["sit"])
print(d.speak(), d.kind(), d.tricks)  # expect: Rex says woof! dog, an animal ['sit']
print(isinstance(d, Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy), issubclass(Dog, object))  # expect: True True False True
print(Puppy.__mro__)  # expect: (<class '__main__.Puppy'>, <class '__main__.Dog'>, <class '__main__.Animal'>, <class 'object'>)
print(Puppy.__bases__, Dog.__base__.__name__)  # expect: (<class '__main__.Dog'>,) Animal
print(Animal.speak(d), super(Dog, d).kind())  # expect: Rex says woof animal
# %%
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count

    @staticmethod
    def describe(n):
        return f"{n} counters"

    @classmethod
    def make(cls):
        return cls()

    @property
    def double(self):
        return self.id * 2

    @double.setter
    def double(self, value):
        self.id = value // 2

a, b = Counter(), Counter.make()
print(Counter.count, a.id, b.id, Counter.describe(2), a.describe(3), b.double)  # expect: 2 1 2 2 counters 3 counters 4
b.double = 10
print(b.id, b.double, type(Counter.__dict__["double"]).__name__)  # expect: 5 10 property
# %%
class ReadOnly:
    @property
    def value(self):
        "The value."
        return 42
r = ReadOnly()
print(r.value, ReadOnly.value.__doc__)  # expect: 42 The value.
r.value = 1
# expect error: AttributeError: property 'value' of 'ReadOnly' object has no setter
# %%
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __repr__(self):
        return "Vec(" + ", ".join(str(x) for x in self.xs) + ")"
    def __str__(self):
        return "<" + " ".join(str(x) for x in self.xs) + ">"
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __add__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return self * -1
    def __eq__(self, other):
        return isinstance(other, Vec) and self.xs == other.xs
    def __lt__(self, other):
        return len(self) < len(other)
    def __call__(self, i):
        return self.xs[i] * 100
    def __contains__(self, x):
        return x in self.xs
    def __bool__(self):
        return any(self.xs)

v = Vec(1, 2, 3)
print(v, repr(v), len(v), v[0], v[-1], v[1:])  # expect: <1 2 3> Vec(1, 2, 3) 3 1 3 [2, 3]
print(v + Vec(1, 1, 1), 2 * v, v * 2, -v)  # expect: <2 3 4> <2 4 6> <2 4 6> <-1 -2 -3>
print(v == Vec(1, 2, 3), v != Vec(1, 2, 3), v == 3, Vec(1) < v, v(1), 2 in v, 9 in v)  # expect: True False False True 200 True False
print(bool(Vec(0, 0)), bool(v), [x * 10 for x in v], list(v), sorted([v, Vec(5)]))  # expect: False True [10, 20, 30] [1, 2, 3] [Vec(5), Vec(1, 2, 3)]
v[0] = 7
print(f"{v} {v!r}", str(v), [v], v in [Vec(7, 2, 3)])  # expect: <7 2 3> Vec(7, 2, 3) <7 2 3> [Vec(7, 2, 3)] True
v + 1
# expect error: TypeError: unsupported operand type(s) for +: 'Vec' and 'int'
# %%
{v: 1}
# expect error: TypeError: unhashable type: 'Vec'
# %%
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
d = {Key("a"): 1}
d[Key("a")] += 1
print(d[Key("a")], Key("a") in d, Key("b") in d, len({Key(1), Key(1), Key(2)}))  # expect: 2 True False 2
# %%
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), sum(Countdown(4)), [x for x in Countdown(2)])  # expect: [3, 2, 1] 10 [2, 1]
c = Countdown(2)
print(next(c), next(c), next(c, "done"))  # expect: 2 1 done
for i, x in enumerate(Countdown(2)):
    print(i, x)
# expect: 0 2
# expect: 1 1
class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Squares()), 9 in Squares())  # expect: [0, 1, 4, 9] True
class Wrapper:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
print(list(Wrapper("ab")), max(Wrapper([3, 9, 2])))  # expect: ['a', 'b'] 9
# %%
class Bag:
    def __init__(self):
        self.items = []
    def __iadd__(self, item):
        self.items.append(item)
        return self
b = Bag()
alias = b
b += 1
b += 2
print(alias.items, b is alias)  # expect: [1, 2] True
# %%
class Dynamic:
    def __getattr__(self, name):
        if name.startswith("get_"):
            return name[4:]
        raise AttributeError(f"no {name}")
dy = Dynamic()
print(dy.get_x, getattr(dy, "get_yz"), hasattr(dy, "other"))  # expect: x yz False
# %%
class Shape:
    def area(self):
        raise NotImplementedError("subclasses define area")
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print([s.area() for s in [Square(2), Square(3)]])  # expect: [4, 9]
Shape().area()
# expect error: NotImplementedError: subclasses define area
# %%
def make_class(base_value):
    class Local:
        value = base_value
        def get(self):
            return self.value
    return Local
L1, L2 = make_class(1), make_class(2)
print(L1().get(), L2().get(), L1 is L2, L1.__qualname__)  # expect: 1 2 False make_class.<locals>.Local
class Outer:
    class Inner:
        def where(self):
            return "inner"
print(Outer.Inner().where(), Outer.Inner.__qualname__, Outer.Inner)  # expect: inner Outer.Inner <class '__main__.Outer.Inner'>
# %%
class Scoped:
    only_in_class = 10
    y = only_in_class * 2
    def get(self):
        return only_in_class
print(Scoped.y)  # expect: 20
Scoped().get()
# expect error: NameError: name 'only_in_class' is not defined
# %%
class Cell:
    def __init__(self):
        self.me = self
    def __repr__(self):
        return f"Cell({self.me!r})"
Cell()
# expect error: RecursionError: maximum recursion depth exceeded
# %%
class Broken:
    def __init__(self):
        raise ValueError("cannot build")
try:
    Broken()
except ValueError as e:
    print("caught:", e)  # expect: caught: cannot build
class BadInit:
    def __init__(self):
        return 5
BadInit()
# expect error: TypeError: __init__() should return None, not 'int'
# %%
class BadRepr:
    def __repr__(self):
        return 5
repr(BadRepr())
# expect error: TypeError: __repr__ returned non-string (type int)
