1 +* 2
# expect error: SyntaxError: invalid syntax
# %%
def f(:
    pass
# expect error: SyntaxError: invalid syntax
# %%
if True:
print("x")
# expect error: IndentationError: expected an indented block after 'if' statement on line 2
# %%
x = (1, 2
# expect error: SyntaxError: '(' was never closed
# %%
print("hi"))
# expect error: SyntaxError: unmatched ')'
# %%
  x = 1
# expect error: IndentationError: unexpected indent
# %%
1 = x
# expect error: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
# %%
def gen():
    yield 1
# expect error: SyntaxError: 'yield' is not supported in this language
# %%
"unterminated
# expect error: SyntaxError: unterminated string literal (detected at line 2)
# %%
for x in range(3):
    pass
  print(x)
# expect error: IndentationError: unindent does not match any outer indentation level
# %%
break
# expect error: SyntaxError: 'break' outside loop
