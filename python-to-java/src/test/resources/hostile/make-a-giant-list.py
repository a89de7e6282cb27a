# One list of a billion elements, made by one built-in.
print(len(list(range(10 ** 9))))
