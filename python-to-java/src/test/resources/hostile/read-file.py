# A file.
print(open('/etc/passwd').read())
