def add(a, b=10, *args, scale=1, **kwargs):
    """Adds things."""
    return (a + b + sum(args)) * scale, kwargs

print(add(1))  # expect: (11, {})
print(add(1, 2, 3, 4, scale=2, tag="x"))  # expect: (20, {'tag': 'x'})
print(add(b=5, a=1))  # expect: (6, {})
print(add.__doc__, add.__name__)  # expect: Adds things. add
args = [1, 2]
opts = {"scale": 3}
print(add(*args, **opts))  # expect: (9, {})

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c = make_counter()
c()
c()
print(c())  # expect: 3

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))  # expect: 2432902008176640000

square = lambda x: x * x
print(square(7), (lambda: "no args")(), list(map(lambda x, y: x + y, [1, 2], [10, 20])))  # expect: 49 no args [11, 22]

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print([fib(i) for i in range(10)])  # expect: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]

counter = 0
def bump():
    global counter
    counter += 1
bump()
bump()
print(counter)  # expect: 2

def no_return():
    pass
print(no_return())  # expect: None

def outer(x):
    def inner(y):
        return x + y
    return inner
print(outer(10)(5))  # expect: 15

adders = [lambda v, k=k: v + k for k in range(3)]
print([f(10) for f in adders])  # expect: [10, 11, 12]
def kwonly(a, *, b):
    return a - b
print(kwonly(5, b=2))  # expect: 3
print(callable(add), callable(3))  # expect: True False
# %%
def f(a, b):
    return a
f(1)
# expect error: TypeError: f() missing 1 required positional argument: 'b'
# %%
def g(a):
    return a
g(1, 2)
# expect error: TypeError: g() takes 1 positional argument but 2 were given
# %%
def h(a):
    return a
h(a=1, c=2)
# expect error: TypeError: h() got an unexpected keyword argument 'c'
# %%
def rec(n):
    return rec(n + 1)
rec(0)
# expect error: RecursionError: maximum recursion depth exceeded
# %%
def uses_later():
    y = x_local_then
    x_local_then = 1
uses_later()
# expect error: UnboundLocalError: cannot access local variable 'x_local_then' where it is not associated with a value
# %%
return 5
# expect error: SyntaxError: 'return' outside function
