# Prints without end: stopped once its output passes the limit.
i = 0
while True:
    print(i, "all work and no play makes Jack a dull boy " * 20)
    i += 1
