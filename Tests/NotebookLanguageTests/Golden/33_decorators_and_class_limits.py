calls = []
def logged(f):
    def wrapper(*args, **kwargs):
        calls.append(f.__name__)
        return f(*args, **kwargs)
    return wrapper

def times(n):
    def decorate(f):
        def wrapper(x):
            return f(x) * n
        return wrapper
    return decorate

@logged
@times(10)
def inc(x):
    return x + 1

print(inc(1), inc(2), calls)  # expect: 20 30 ['wrapper', 'wrapper']
registry = {}
def register(name):
    def add(cls):
        registry[name] = cls
        return cls
    return add

@register("dense")
class Dense:
    pass
print(registry, Dense)  # expect: {'dense': <class '__main__.Dense'>} <class '__main__.Dense'>
# %%
class Model:
    def __init__(self):
        self.steps = 0
    @logged
    def step(self):
        self.steps += 1
        return self.steps
m = Model()
print(m.step(), m.step(), calls[-1])  # expect: 1 2 step
# %%
order = []
def note(tag):
    order.append("made " + tag)
    def deco(f):
        order.append("applied " + tag)
        return f
    return deco
@note("outer")
@note("inner")
def f():
    pass
print(order)  # expect: ['made outer', 'made inner', 'applied inner', 'applied outer']
# %%
@staticmethod
def loose(x):
    return x * 2
print(loose(4))  # expect: 8
@undefined_decorator
def g():
    pass
# expect error: NameError: name 'undefined_decorator' is not defined
# %%
@3
def h():
    pass
# expect error: TypeError: 'int' object is not callable
# %%
class A:
    pass
class B:
    pass
class C(A, B):
    pass
# expect error: TypeError: multiple inheritance is not supported in this language (class 'C' lists 2 bases)
# %%
class MyList(list):
    pass
# expect error: TypeError: subclassing the built-in type 'list' is not supported in this language (only classes defined in cells, object and exception types)
# %%
class FromInstance(A()):
    pass
# expect error: TypeError: a class base must be a class, not 'A'
# %%
class WithMeta(metaclass=A):
    pass
# expect error: TypeError: metaclasses are not supported in this language
# %%
class WithNew:
    def __new__(cls):
        return None
# expect error: TypeError: defining __new__ is not supported in this language (use __init__)
# %%
class K(object):
    pass
print(K.__bases__, isinstance(object(), object), repr(object()).startswith("<object object at 0x"))  # expect: (<class 'object'>,) True True
object(1)
# expect error: TypeError: object() takes no arguments
# %%
object().x = 1
# expect error: AttributeError: 'object' object has no attribute 'x'
# %%
class Chain:
    pass
top = Chain
for i in range(999):
    class Chain(top):
        pass
    top = Chain
print(len(top.__mro__), isinstance(top(), object))  # expect: 1001 True
class TooDeep(top):
    pass
# expect error: RecursionError: class hierarchy too deep (limit 1000 bases)
# %%
class Node:
    def __init__(self, nxt):
        self.nxt = nxt
head = None
for i in range(100000):
    head = Node(head)
n = 0
walk = head
while walk is not None:
    n += 1
    walk = walk.nxt
print(n)  # expect: 100000
head = walk = None
print("freed")  # expect: freed
# %%
class Loop:
    def again(self):
        return self.again()
Loop().again()
# expect error: RecursionError: maximum recursion depth exceeded
# %%
class Getter:
    def __getattr__(self, name):
        return self.other
Getter().x
# expect error: RecursionError: maximum recursion depth exceeded
# %%
class Meth:
    def m(self, a, b=2):
        "Doc of m."
        return a + b
bound = Meth().m
print(bound(1), bound.__name__, bound.__doc__, bound.__func__ is Meth.m, Meth.m(Meth(), 5))  # expect: 3 m Doc of m. True 7
print(repr(bound).startswith("<bound method Meth.m of <__main__.Meth object at 0x"), repr(Meth.m).startswith("<function Meth.m at 0x"))  # expect: True True
bound(1, 2, 3)
# expect error: TypeError: Meth.m() takes from 2 to 3 positional arguments but 4 were given
# %%
Meth.m()
# expect error: TypeError: Meth.m() missing 2 required positional arguments: 'self' and 'a'
# %%
obj = Meth()
print(obj == obj, obj != Meth(), hash(obj) == hash(obj), id(obj) == id(obj), hex(id(obj)) in repr(obj))  # expect: True True True True True
def method_outside(self):
    return "patched"
Meth.extra = method_outside
print(obj.extra())  # expect: patched
